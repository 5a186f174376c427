"""Reads about members and communities that several pages share."""

from collections import defaultdict

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from .models import Community, Membership, User


def communities_for_list(user):
    """Communities the user may see, with member counts and the user's own membership status."""
    queryset = (
        Community.objects.visible_to(user)
        .select_related("parent")
        .annotate(
            active_count=Count(
                "memberships",
                filter=Q(
                    memberships__status=Membership.Status.ACTIVE,
                    memberships__user__in=User.objects.confirmed(),
                ),
            )
        )
        .order_by(F("parent__name").asc(nulls_first=True), "name")
    )
    return queryset


def my_memberships(user):
    """The user's memberships that are not over, in communities the user may know of."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user, community__in=Community.objects.visible_to(user))
        .exclude(status=Membership.Status.LEFT)
        .select_related("community", "community__parent")
        .order_by("community__name")
    )


def visible_community_ids(user, ids) -> set[int]:
    """Those of `ids` whose communities the user may know of; one query (none without ids)."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return set()
    return set(Community.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def community_members_by_organisation(community, *, listed_only: bool = False):
    """Active members grouped by organisation name, coordinators first within each group.

    `listed_only`: only members who chose to be listed in the directory. Each membership carries
    `profile_link`: whether the member's profile page opens for others (listed members only).
    """
    memberships = (
        Membership.objects.active()
        .filter(community=community, user__in=User.objects.confirmed())
        .select_related("user", "user__organisation")
        .order_by("user__organisation__name", "-role", "user__last_name", "user__first_name")
    )
    if listed_only:
        memberships = memberships.filter(user__is_listed=True)
    groups = defaultdict(list)
    for membership in memberships:
        membership.profile_link = membership.user.is_listed
        organisation = membership.user.organisation
        groups[organisation.name if organisation else ""].append(membership)
    return sorted(groups.items(), key=lambda item: (item[0] == "", item[0]))


def community_member_counts(community) -> dict[str, int]:
    """{"members": n, "organisations": n} of the active members; one query."""
    return (
        Membership.objects.active()
        .filter(community=community)
        .aggregate(members=Count("pk"), organisations=Count("user__organisation", distinct=True))
    )


def community_waiting(community):
    return (
        Membership.objects.filter(
            community=community, status__in=[Membership.Status.PENDING, Membership.Status.WAITLISTED]
        )
        .select_related("user", "user__organisation")
        .order_by("status", "requested_at")
    )


def community_active_members(community):
    """Active, confirmed members for the coordinators' list: coordinators first, then by name."""
    return (
        Membership.objects.active()
        .filter(community=community, user__in=User.objects.confirmed())
        .select_related("user", "user__organisation")
        .order_by("role", "user__last_name", "user__first_name", "pk")
    )


def community_spin_offs(community, user):
    return Community.objects.visible_to(user).filter(parent=community).order_by("name")


def listed_members():
    return User.objects.listed().select_related("organisation")


# --- Directory, profiles and organisations ---------------------------------------------------


def member_directory(*, q: str = "", organisation=None, expertise: str = ""):
    """Listed members matching a search: every word of `q` in a name, job title, department or
    expertise; `expertise` as a keyword within the expertise field."""
    queryset = listed_members()
    for word in q.split():
        queryset = queryset.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(job_title__icontains=word)
            | Q(department__icontains=word)
            | Q(expertise__icontains=word)
        )
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    if expertise:
        queryset = queryset.filter(expertise__icontains=expertise)
    return queryset.order_by("last_name", "first_name", "pk")


def member_profiles_visible_to(viewer):
    """Profiles a signed-in member may open: listed members (`UserQuerySet.listed`), and always
    their own."""
    return User.objects.filter(Q(pk__in=User.objects.listed().values("pk")) | Q(pk=viewer.pk)).select_related(
        "organisation"
    )


def member_communities_visible_to(*, member, viewer):
    """A member's active memberships, limited to communities the viewer may know of."""
    return (
        Membership.objects.active()
        .filter(user=member, community__in=Community.objects.visible_to(viewer))
        .select_related("community", "community__parent")
        .order_by("community__name")
    )


def organisations_for_list():
    from .models import Organisation

    return (
        Organisation.objects.select_related("parent")
        .annotate(
            listed_count=Coalesce(
                Subquery(
                    User.objects.listed()
                    .filter(organisation=OuterRef("pk"))
                    .order_by()
                    .values("organisation")
                    .annotate(count=Count("pk"))
                    .values("count"),
                    output_field=IntegerField(),
                ),
                0,
            )
        )
        .order_by("name")
    )


def organisation_listed_members(organisation):
    return listed_members().filter(organisation=organisation).order_by("last_name", "first_name", "pk")
