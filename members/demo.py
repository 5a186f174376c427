"""The members' demo data: organisations, people, communities and memberships (see cop/demo.py).

The tables live in members/demo_data.py; the sections here write them, validated one by one for
the hand-written base and bulk-created chunk by chunk for the benchmark clusters.
"""

from allauth.account.models import EmailAddress

from cop.demo import DemoContext, ensure, id_map

from .demo_data import (
    ACTIVE,
    COMMUNITIES,
    MEMBERSHIPS,
    NOT_IN_ROTATION,
    ORGANISATIONS,
    PENDING,
    PEOPLE,
    Person,
    cluster_communities,
    cluster_memberships,
    cluster_organisations,
    cluster_people,
)
from .models import Community, Membership, Organisation, OrganisationDomain, User


def demo_organisations(ctx: DemoContext) -> None:
    for slug, name, kind, parent_slug, domain in ORGANISATIONS:
        parent = Organisation.objects.get(slug=parent_slug) if parent_slug else None
        organisation, _ = ensure(
            Organisation,
            {"slug": slug},
            name=name,
            kind=kind,
            parent=parent,
            website=f"https://www.{domain}/",
        )
        ensure(OrganisationDomain, {"domain": domain}, organisation=organisation)

    for chunk in ctx.cluster_chunks("Organisations"):
        rows = [row for k in chunk for row in cluster_organisations(k)]
        Organisation.objects.bulk_create(
            [
                Organisation(slug=slug, name=name, kind=kind, website=f"https://www.{domain}/")
                for slug, name, kind, parent, domain in rows
                if parent is None
            ],
            ignore_conflicts=True,
        )
        towns = id_map(Organisation, "slug", (row[0] for row in rows if row[3] is None))
        Organisation.objects.bulk_create(
            [
                Organisation(
                    slug=slug, name=name, kind=kind, parent_id=towns[parent], website=f"https://www.{domain}/"
                )
                for slug, name, kind, parent, domain in rows
                if parent is not None
            ],
            ignore_conflicts=True,
        )
        ids = id_map(Organisation, "slug", (row[0] for row in rows))
        OrganisationDomain.objects.bulk_create(
            [OrganisationDomain(organisation_id=ids[row[0]], domain=row[4]) for row in rows],
            ignore_conflicts=True,
        )


def _user(person: Person, organisation_id: int | None, password_hash: str) -> User:
    return User(
        email=person.email,
        password=password_hash,
        first_name=person.first_name,
        last_name=person.last_name,
        organisation_id=organisation_id,
        job_title=person.job_title,
        department=person.department,
        expertise=person.expertise,
        bio=person.bio,
        phone=person.phone,
        show_email=person.show_email,
        show_phone=person.show_phone,
        is_listed=person.is_listed,
        is_staff=person.is_staff,
        is_superuser=person.is_staff,
    )


def demo_people(ctx: DemoContext) -> None:
    """Demo accounts, each linked to the organisation of its e-mail domain and already verified."""
    organisations = dict(OrganisationDomain.objects.values_list("domain", "organisation_id"))
    for person in PEOPLE:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = _user(person, organisations.get(person.email.split("@")[1]), ctx.password_hash)
            user.date_joined = ctx.days_ago(400 - 20 * PEOPLE.index(person))
            user.full_clean()
            user.save()
        ensure(EmailAddress, {"user": user, "email": person.email}, verified=True, primary=True)

    for chunk in ctx.cluster_chunks("Members"):
        people = [person for k in chunk for person in cluster_people(k)]
        existing = set(
            User.objects.filter(email__in=[p.email for p in people]).values_list("email", flat=True)
        )
        domains = {p.email.split("@")[1] for p in people}
        organisations = dict(
            OrganisationDomain.objects.filter(domain__in=domains).values_list("domain", "organisation_id")
        )
        User.objects.bulk_create(
            [
                _user(p, organisations.get(p.email.split("@")[1]), ctx.password_hash)
                for p in people
                if p.email not in existing
            ],
            ignore_conflicts=True,
        )
        users = id_map(User, "email", (p.email for p in people))
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user_id=users[p.email], email=p.email, verified=True, primary=True)
                for p in people
            ],
            ignore_conflicts=True,
        )


def demo_communities(ctx: DemoContext) -> None:
    for spec in COMMUNITIES:
        spec = dict(spec)
        slug = spec.pop("slug")
        if "parent" in spec:
            spec["parent"] = Community.objects.get(slug=spec["parent"])
        ensure(Community, {"slug": slug}, created_at=ctx.days_ago(720), **spec)

    for chunk in ctx.cluster_chunks("Communities"):
        specs = [spec for k in chunk for spec in cluster_communities(k)]
        Community.objects.bulk_create(
            [Community(**spec) for spec in specs if "parent" not in spec], ignore_conflicts=True
        )
        parents = id_map(Community, "slug", (spec["parent"] for spec in specs if "parent" in spec))
        Community.objects.bulk_create(
            [
                Community(
                    **{key: value for key, value in spec.items() if key != "parent"},
                    parent_id=parents[spec["parent"]],
                )
                for spec in specs
                if "parent" in spec
            ],
            ignore_conflicts=True,
        )


def _membership(ctx, community_id, user_id, email, role, status, days) -> Membership:
    joined = ctx.days_ago(days)
    return Membership(
        community_id=community_id,
        user_id=user_id,
        role=role,
        status=status,
        in_rotation=email not in NOT_IN_ROTATION,
        requested_at=joined,
        joined_at=joined if status == ACTIVE else None,
        message="Ich würde gern mitmachen und unsere Erfahrungen mit der E-Akte teilen."
        if status == PENDING
        else "",
    )


def demo_memberships(ctx: DemoContext) -> None:
    communities = id_map(Community, "slug", {row[0] for row in MEMBERSHIPS})
    users = id_map(User, "email", {row[1] for row in MEMBERSHIPS})
    for slug, email, role, status, days in MEMBERSHIPS:
        lookup = {"community_id": communities[slug], "user_id": users[email]}
        if not Membership.objects.filter(**lookup).exists():
            membership = _membership(ctx, communities[slug], users[email], email, role, status, days)
            membership.full_clean()
            membership.save()

    for chunk in ctx.cluster_chunks("Memberships"):
        rows = [row for k in chunk for row in cluster_memberships(k)]
        communities = id_map(Community, "slug", {row[0] for row in rows})
        users = id_map(User, "email", {row[1] for row in rows})
        Membership.objects.bulk_create(
            [
                _membership(ctx, communities[slug], users[email], email, role, status, days)
                for slug, email, role, status, days in rows
            ],
            ignore_conflicts=True,
        )


SECTIONS = [demo_organisations, demo_people, demo_communities, demo_memberships]
