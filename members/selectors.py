"""Reads about members and communities that several pages share."""

from functools import cached_property
from types import SimpleNamespace
from typing import NamedTuple

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Count, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber

from cop.queries import count_subquery

from .models import Community, Invitation, Membership, User, confirmed_condition
from .search import search_members


def active_confirmed_memberships():
    """Active memberships of confirmed accounts (`confirmed_condition`, the rule behind
    `User.objects.confirmed()`), checked per membership through the address's user index instead
    of a semi-join over every account."""
    return Membership.objects.active().filter(confirmed_condition("user_id"))


COMMUNITY_KINDS = ("cops", "spin_offs", "mine")


def communities_for_list(user, *, q: str = "", kind: str = ""):
    """Communities the user may see, by name (a page of them gets `active_count` from
    with_member_counts and `parent_visible` from with_parent_visible).

    `q`: every word in the name or tagline; `kind`: "cops" (no parent), "spin_offs" or "mine"
    (the user's memberships that are not over).
    """
    queryset = Community.objects.visible_to(user)
    for word in q.split():
        queryset = queryset.filter(Q(name__icontains=word) | Q(tagline__icontains=word))
    if kind == "cops":
        queryset = queryset.filter(parent__isnull=True)
    elif kind == "spin_offs":
        queryset = queryset.filter(parent__isnull=False)
    elif kind == "mine":
        mine = Membership.objects.filter(user=user).exclude(status=Membership.Status.LEFT)
        queryset = (
            queryset.filter(pk__in=mine.values("community_id")) if user.is_authenticated else queryset.none()
        )
    return queryset.select_related("parent").order_by("name", "pk")


def with_parent_visible(user, communities) -> list:
    """The communities, each with `parent_visible`: a spin-off names its parent only to those who
    may know of the parent. One query for the parents of a page (none without spin-offs); as a
    subquery of the list, the planner read every community of the platform for it."""
    communities = list(communities)
    parents = visible_community_ids(user, [community.parent_id for community in communities])
    for community in communities:
        community.parent_visible = community.parent_id in parents
    return communities


def newest_communities(user, *, limit: int = 6, cops_only: bool = False):
    """The latest communities the user may see, each with `active_count` (with_member_counts); one
    query, and one more for counts the cache does not hold."""
    queryset = Community.objects.visible_to(user)
    if cops_only:
        queryset = queryset.filter(parent__isnull=True)
    return with_member_counts(queryset.order_by("-created_at", "-pk")[:limit])


# The number of communities open at a level is the same for everybody: it is counted once and kept
# in the cache until a community is saved or deleted (members/invalidation.py).
COMMUNITY_TOTALS_SECONDS = 300


def _community_total_key(levels) -> str:
    return "members:community-total:" + ("all" if levels is None else ",".join(sorted(levels)))


def visible_community_count(user, *, memberships=None) -> int:
    """How many communities the user may see (`Community.objects.visible_to(user).count()`).

    Those open at the user's level come from the cache; a member's own communities beyond that
    level (secret ones) are added with one query along the member's memberships, or from
    `memberships`, the user's memberships with their communities when the caller has read them
    (my_memberships: all that are not over).
    """
    from .rules import levels_open_to

    staff = user.is_authenticated and user.is_staff
    levels = None if staff else levels_open_to(user)

    def count_open() -> int:
        communities = Community.objects.all()
        return communities.count() if levels is None else communities.filter(visibility__in=levels).count()

    total = cache.get_or_set(_community_total_key(levels), count_open, COMMUNITY_TOTALS_SECONDS)
    if user.is_authenticated and not staff:
        if memberships is None:
            own = Membership.objects.active().filter(user=user).exclude(community__visibility__in=levels)
            total += own.count()
        else:
            total += sum(1 for m in memberships if m.is_active and m.community.visibility not in levels)
    return total


def forget_community_totals() -> None:
    from .rules import levels_open_to

    signed_in = SimpleNamespace(is_authenticated=True)  # levels_open_to asks only this
    levels = [None, levels_open_to(AnonymousUser()), levels_open_to(signed_in)]
    cache.delete_many([_community_total_key(level) for level in levels])


def memberships_in(user, communities) -> dict[int, Membership]:
    """{community pk: the user's membership} for the given communities; one query (none signed out)."""
    ids = [community.pk for community in communities]
    if not user.is_authenticated or not ids:
        return {}
    return {m.community_id: m for m in Membership.objects.filter(user=user, community_id__in=ids)}


def my_memberships(user):
    """The user's memberships that are not over, in communities the user may know of; each with
    `waitlist_place` (read for waitlisted ones)."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return with_waitlist_places(
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


def community_people(community, *, listed_only: bool = False, q: str = ""):
    """Active, confirmed members of a community whom the viewer may see, by name.

    The name order has an index (`member_name_order`): a page of a large community reads the
    members in that order and stops after the page, instead of sorting every member (ordering by
    organisation would need every row joined with its organisation first).

    `listed_only`: only members who chose to be listed in the directory (`view_listed_people`);
    `q`: every word in the first or last name or the organisation's name. Rows carry
    `profile_link` after `with_profile_links`.
    """
    memberships = (
        active_confirmed_memberships()
        .filter(community=community)
        .select_related("user", "user__organisation")
    )
    if listed_only:
        memberships = memberships.filter(user__is_listed=True)
    for word in q.split():
        memberships = memberships.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__organisation__name__icontains=word)
        )
    return memberships.order_by("user__last_name", "user__first_name", "user_id")


def community_newest_people(community, *, listed_only: bool = False, limit: int = 12) -> list[Membership]:
    """The community page's preview: the latest members who joined, at most `limit`; one query.

    Read along the (community, status, joined_at) index, so it stops after `limit` rows whatever the
    community's size.
    """
    memberships = active_confirmed_memberships().filter(community=community).select_related("user")
    if listed_only:
        memberships = memberships.filter(user__is_listed=True)
    return with_profile_links(memberships.order_by("-joined_at", "-pk")[:limit])


def with_profile_links(memberships) -> list[Membership]:
    """The memberships, each with `profile_link`: whether the member's profile opens for others."""
    memberships = list(memberships)
    for membership in memberships:
        membership.profile_link = membership.user.is_listed and membership.user.is_active
    return memberships


# A community's member and organisation counts are kept in the cache: counting thousands of
# memberships on every view of a large community's page would cost more than the rest of the page.
# Any write of one of its memberships forgets them (members/invalidation.py, on the rows' signals,
# so the services, the admin and cascades alike); what changes them without a membership write (a
# member's address confirmed, a member moving to another organisation) shows within this time.
MEMBER_COUNTS_SECONDS = 300


def _member_counts_key(community_id: int, *, listed_only: bool) -> str:
    return f"members:counts:{community_id}:{'listed' if listed_only else 'all'}"


def community_member_counts(community, *, listed_only: bool = False) -> dict[str, int]:
    """{"members": n, "organisations": n} of the active, confirmed members (with `listed_only`, of
    those listed in the directory); one query, none while the cache holds them."""

    def count() -> dict[str, int]:
        memberships = active_confirmed_memberships().filter(community=community)
        if listed_only:
            memberships = memberships.filter(user__is_listed=True)
        return memberships.aggregate(
            members=Count("pk"), organisations=Count("user__organisation", distinct=True)
        )

    return cache.get_or_set(
        _member_counts_key(community.pk, listed_only=listed_only), count, MEMBER_COUNTS_SECONDS
    )


def with_member_counts(communities) -> list:
    """The communities, each with `active_count`: its active, confirmed members, as
    community_member_counts keeps them. One round trip to the cache for all of them, and for those
    it does not hold one query that counts them together (and keeps them in the cache)."""
    communities = list(communities)
    keys = {community.pk: _member_counts_key(community.pk, listed_only=False) for community in communities}
    cached = cache.get_many(list(keys.values())) if keys else {}
    counts = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [pk for pk in keys if pk not in counts]
    if missing:
        rows = (
            active_confirmed_memberships()
            .filter(community_id__in=missing)
            .values("community_id")
            .annotate(members=Count("pk"), organisations=Count("user__organisation", distinct=True))
            .order_by()
        )
        found = {row.pop("community_id"): row for row in rows}
        fresh = {pk: found.get(pk, {"members": 0, "organisations": 0}) for pk in missing}
        cache.set_many({keys[pk]: value for pk, value in fresh.items()}, MEMBER_COUNTS_SECONDS)
        counts.update(fresh)
    for community in communities:
        community.active_count = counts[community.pk]["members"]
    return communities


def forget_member_counts(community_id: int) -> None:
    """Forget what the cache keeps about the community's members: their counts and organisations."""
    cache.delete_many(
        [
            *(_member_counts_key(community_id, listed_only=flag) for flag in (False, True)),
            _member_organisations_key(community_id),
        ]
    )


def _member_organisations_key(community_id: int) -> str:
    return f"members:organisations:{community_id}"


# At most this many of a community's organisations are offered (e.g. to host a meeting).
MEMBER_ORGANISATIONS_SHOWN = 100


class OrganisationChoice(NamedTuple):
    """An organisation as a choice offers it: what the cache keeps is only this, not the rows."""

    pk: int
    name: str


def community_member_organisations(community) -> list[OrganisationChoice]:
    """The organisations of the community's active members, by name, at most
    MEMBER_ORGANISATIONS_SHOWN; one query, none while the cache holds them (forgotten with the
    member counts, as any membership changes; a renamed organisation shows within
    MEMBER_COUNTS_SECONDS). Read every time, a community of 4,000 members took 13 ms."""
    from .models import Organisation

    def read() -> list[OrganisationChoice]:
        members = Membership.objects.active().filter(community=community).values("user__organisation_id")
        organisations = Organisation.objects.filter(pk__in=members).order_by("name", "pk")
        return [
            OrganisationChoice(*row)
            for row in organisations.values_list("pk", "name")[:MEMBER_ORGANISATIONS_SHOWN]
        ]

    return cache.get_or_set(_member_organisations_key(community.pk), read, MEMBER_COUNTS_SECONDS)


# The community page names at most this many coordinators.
COORDINATORS_SHOWN = 50


def community_coordinators(community) -> list[User]:
    """The community's active, confirmed coordinators by name (at most COORDINATORS_SHOWN); two
    queries, whatever the community's size.

    The coordinators are read along `membership_community_role` and sorted here, and then it is
    asked which of them confirmed an address. The planner expects a coordinator among every ten
    members: asked in one query, or sorted by the database, a community of 25,000 members was
    joined with every confirmed address of the platform or scanned in parallel (25–90 ms).
    """
    from allauth.account.models import EmailAddress

    coordinators = list(
        Membership.objects.coordinators()
        .filter(community=community)
        .select_related("user")
        .order_by()[:COORDINATORS_SHOWN]
    )
    if not coordinators:
        return []
    confirmed = set(
        EmailAddress.objects.filter(user_id__in=[m.user_id for m in coordinators], verified=True).values_list(
            "user_id", flat=True
        )
    )
    people = [membership.user for membership in coordinators if membership.user_id in confirmed]
    return sorted(people, key=lambda user: (user.last_name, user.first_name, user.pk))


def active_count(community) -> int:
    """How many active members the community has, as its limit counts them (confirmed or not)."""
    return Membership.objects.active().filter(community=community).count()


def capacity_count(community) -> int:
    """The number of members the manage page shows beside the limit. With a limit, active_count:
    exact, as joining and admitting count. Without one the number is only shown: the active,
    confirmed members of community_member_counts, the number of the member list below it, from the
    cache (counting the 25,000 members of the largest community of a national network took 11 ms on
    every view)."""
    if community.max_members is None:
        return community_member_counts(community)["members"]
    return active_count(community)


def free_places(community, *, active: int | None = None) -> int | None:
    """Places left under `max_members` (None: no limit); the rule joining and admitting follow.
    `active`: the number of active members, when the caller has counted them already."""
    if community.max_members is None:
        return None
    if active is None:
        active = active_count(community)
    return max(community.max_members - active, 0)


# The manage page shows at most this many requests and as many people of the waitlist: the oldest,
# in the order they are decided on; after each decision the next one moves up.
WAITING_SHOWN = 10


class Waiting(NamedTuple):
    """The people a community's coordinators decide on: the first requests and the first people on
    the waitlist (at most WAITING_SHOWN each, in the order people asked), and how many there are."""

    requests: list[Membership]
    waitlist: list[Membership]
    request_count: int
    waitlist_count: int


def community_waiting(community, *, limit: int = WAITING_SHOWN) -> Waiting:
    """Requests and the waitlist, each in the order people asked (the waitlist's order) and cut
    after `limit`, with their totals: one query that counts them along the index, and, only when
    somebody waits, a window over the community's waiting memberships.

    A membership's row number in its status is its place: on the waitlist it is `waitlist_place`
    (as `with_waitlist_places` counts it), without a subquery per row (which took 5 s for 4,000
    people on a waitlist). The window reads every waiting row of the community, so the rows carry
    only the columns the page shows: with whole accounts (biography, search vector), 8,000 people
    waiting took 66 ms instead of 27 ms. Asked while nobody waits (the usual case), the window cost
    7 ms in the largest community of a national network: the planner, expecting as many waiting
    people as in an average community of its size, started a parallel worker for it.
    """
    waiting_states = [Membership.Status.PENDING, Membership.Status.WAITLISTED]
    memberships = Membership.objects.filter(community=community, status__in=waiting_states)
    totals = dict.fromkeys(waiting_states, 0)
    totals.update(memberships.values_list("status").annotate(count=Count("pk")).order_by())
    waiting = {status: [] for status in waiting_states}
    if any(totals.values()):
        order = [F("requested_at"), F("pk")]
        rows = (
            memberships.annotate(place=Window(RowNumber(), partition_by=[F("status")], order_by=order))
            .filter(place__lte=limit)
            .select_related("user", "user__organisation")
            .only(
                "status",
                "requested_at",
                "message",
                "user__first_name",
                "user__last_name",
                "user__is_active",  # with the e-mail address: whether the account was deleted
                "user__email",
                "user__organisation__name",
            )
            .order_by("status", *order)
        )
        for membership in rows:
            waiting[membership.status].append(membership)
            if membership.status == Membership.Status.WAITLISTED:
                membership.waitlist_place = membership.place
    return Waiting(
        requests=waiting[Membership.Status.PENDING],
        waitlist=waiting[Membership.Status.WAITLISTED],
        request_count=totals[Membership.Status.PENDING],
        waitlist_count=totals[Membership.Status.WAITLISTED],
    )


def _ahead_on_the_waitlist():
    """Waitlisted memberships ahead of the outer query's membership (same community, asked earlier)."""
    return Membership.objects.filter(
        community=OuterRef("community_id"), status=Membership.Status.WAITLISTED
    ).filter(
        Q(requested_at__lt=OuterRef("requested_at"))
        | Q(requested_at=OuterRef("requested_at"), pk__lt=OuterRef("pk"))
    )


def with_waitlist_places(memberships):
    """The memberships, annotated with `waitlist_place`: for a waitlisted one its place on the
    waitlist (1 = next to be admitted); a correlated subquery, so a list stays one query."""
    return memberships.annotate(waitlist_place=count_subquery(_ahead_on_the_waitlist(), "community") + 1)


def waitlist_place(membership) -> int | None:
    """A waitlisted membership's place on its community's waitlist (1 = next); None otherwise."""
    if membership is None or membership.status != Membership.Status.WAITLISTED:
        return None
    return (
        with_waitlist_places(Membership.objects.filter(pk=membership.pk))
        .values_list("waitlist_place", flat=True)
        .get()
    )


def coordinator_queues(memberships) -> list[Community]:
    """Of the given memberships, the communities their holder coordinates where people wait: each
    with `pending_count` and `waitlisted_count`; one query, none for someone who coordinates nothing."""
    coordinated = [membership.community_id for membership in memberships if membership.is_coordinator]
    if not coordinated:
        return []

    def waiting(status):
        return count_subquery(Membership.objects.filter(community=OuterRef("pk"), status=status), "community")

    return list(
        Community.objects.filter(pk__in=coordinated)
        .annotate(
            pending_count=waiting(Membership.Status.PENDING),
            waitlisted_count=waiting(Membership.Status.WAITLISTED),
        )
        .filter(Q(pending_count__gt=0) | Q(waitlisted_count__gt=0))
        .order_by("name", "pk")
    )


def community_invitations(community):
    """The community's invitations, newest first, with who sent them."""
    return (
        Invitation.objects.filter(community=community)
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
    )


def community_managed_coordinators(community) -> list[Membership]:
    """The community's active, confirmed coordinators by name, each with its user and the user's
    organisation; for the coordinators' list, so all of them (no cap as on the community page).

    Two queries, each reading as many rows as the community has coordinators (the second only if
    it has any): the memberships along `membership_community_role`, then their people by primary
    key with the confirmed condition. Joined in one query, the planner expects a coordinator among
    every ten members and reads every account of the platform for a hash join (as in
    `community_coordinators`). Sorted here; the tie after the names is the user's id, as in the
    members' part (`community_managed_members`).
    """
    memberships = list(Membership.objects.coordinators().filter(community=community).order_by())
    if not memberships:
        return []
    people = User.objects.filter(confirmed_condition(), pk__in=[m.user_id for m in memberships])
    people = {user.pk: user for user in people.select_related("organisation").order_by()}
    confirmed = []
    for membership in memberships:
        if membership.user_id in people:
            membership.user = people[membership.user_id]
            confirmed.append(membership)
    return sorted(confirmed, key=lambda m: (m.user.last_name, m.user.first_name, m.user_id))


def community_managed_members(community):
    """The community's active, confirmed members who are not coordinators, by name; with user and
    organisation.

    The public member list's query (`community_people`) for the members' role: a page of a large
    community walks the `member_name_order` index and probes each person's membership, stopping
    after the page, instead of sorting every member. A deep page (a large offset) is sorted from
    the community's rows instead, whichever the planner finds cheaper.
    """
    return (
        active_confirmed_memberships()
        .filter(community=community, role=Membership.Role.MEMBER)
        .select_related("user", "user__organisation")
        .order_by("user__last_name", "user__first_name", "user_id")
    )


class ManagedMembers:
    """The coordinators' list of a community's active, confirmed members as one sequence for the
    paginator: the coordinators by name, then the other members by name (what an order by role and
    name gave, read in two parts because no index holds a membership's role with its person's name).

    `count()`: the community's member count, which the cache keeps (`community_member_counts`),
    so counting costs no query while the cache holds it; like the public member list, a member
    whose address was confirmed meanwhile is counted (and so reached on the last page) within
    MEMBER_COUNTS_SECONDS, every membership write at once. A slice reads the coordinators (once, all
    of them: a community has a handful) and, if the slice reaches past them, one page of the
    members (`community_managed_members`); a page inside the coordinators reads no members.
    """

    def __init__(self, community):
        self.community = community

    def count(self) -> int:
        return community_member_counts(self.community)["members"]

    def __len__(self) -> int:
        return self.count()

    @cached_property
    def coordinators(self) -> list[Membership]:
        return community_managed_coordinators(self.community)

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step is not None:
            raise TypeError("ManagedMembers is read by page: a slice without a step")
        start, stop = key.start or 0, key.stop
        if start < 0 or (stop is not None and stop < 0):
            raise ValueError("ManagedMembers takes no negative indexes")
        head = self.coordinators[start:stop]
        before = len(self.coordinators)
        if stop is not None and stop <= before:
            return head
        members = community_managed_members(self.community)
        rest = (
            members[max(start - before, 0) :]
            if stop is None
            else members[max(start - before, 0) : stop - before]
        )
        return head + list(rest)


def community_active_members(community) -> ManagedMembers:
    """Active, confirmed members for the coordinators' list: coordinators first, then by name
    (`ManagedMembers`: one page read along indexes, the count from the cache)."""
    return ManagedMembers(community)


def community_spin_offs(community, user):
    return Community.objects.visible_to(user).filter(parent=community).order_by("name")


def listed_members():
    return User.objects.listed().select_related("organisation")


# --- Directory, profiles and organisations ---------------------------------------------------


def member_directory(*, q: str = "", organisation: str = "", expertise: str = ""):
    """Listed members matching a search (members/search.py), in organisations matching
    `organisation` (organisations_matching), with `expertise` within their expertise keywords.

    Ranked by relevance when searching on PostgreSQL, by name otherwise; the name order has an
    index (`member_directory_order`), so a page of the unfiltered directory reads one page of rows.
    """
    queryset = listed_members()
    if organisation:
        queryset = queryset.filter(organisation__in=organisations_matching(organisation))
    if expertise:
        queryset = queryset.filter(expertise__icontains=expertise)
    if q:
        return search_members(queryset, q)
    return in_directory_order(queryset)


def in_directory_order(members):
    """By name, the directory's order without a search (and past what a search ranks)."""
    return members.order_by("last_name", "first_name", "pk")


def organisations_matching(text: str):
    """Organisations whose short name is `text` (links) or whose name contains it (typed)."""
    from .models import Organisation

    return Organisation.objects.filter(Q(slug=text) | Q(name__icontains=text))


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


def organisation_count() -> int:
    """How many organisations there are; counted once and cached until one is saved or deleted
    (members/invalidation.py)."""
    from .models import Organisation

    return cache.get_or_set(ORGANISATION_TOTAL_KEY, Organisation.objects.count, COMMUNITY_TOTALS_SECONDS)


def forget_organisation_count() -> None:
    cache.delete(ORGANISATION_TOTAL_KEY)


ORGANISATION_TOTAL_KEY = "members:organisation-total"


def organisations_for_list():
    from .models import Organisation

    return (
        Organisation.objects.select_related("parent")
        .annotate(
            listed_count=count_subquery(
                User.objects.listed().filter(organisation=OuterRef("pk")), "organisation"
            )
        )
        .order_by("name")
    )


def organisation_listed_members(organisation):
    return listed_members().filter(organisation=organisation).order_by("last_name", "first_name", "pk")
