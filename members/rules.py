"""Who may see and do what with communities and members: the one place for these checks.

What each person sees of a community, by level (``Community.Visibility``)::

    ============================  =============  ==================  =================  ==========
    what                          visitor        signed-in,          active member      site
                                  (signed out)   not a member [1]                       coordinator
    ============================  =============  ==================  =================  ==========
    PUBLIC: that it exists, name,  yes           yes                 yes                yes
      tagline, description,
      member/organisation counts,
      spin-offs [2], how to join
    PUBLIC: rhythm, upcoming       yes           yes                 yes                yes
      dates, titles, format,
      place, host organisation
    PUBLIC: coordinators' names    no            yes                 yes                yes
    PUBLIC: facilitator, agenda    no            upcoming meetings   yes                yes
      titles
    PUBLIC: member names           no            listed members [3]  all [4]            all
    INTERNAL: name, tagline,       404           yes, may ask to     yes                yes
      description, member count                  join
    INTERNAL: meetings, people     404           404 / hidden        yes                yes
    SECRET: anything               404           404                 yes                yes
    any level: video and tool      no            no                  yes                yes
      links, minutes, outcomes,
      attendance, RSVP counts,
      proposers, presenters
    ============================  =============  ==================  =================  ==========

[1] also pending, waitlisted and former members. A secret community takes new members by
    invitation only, so a forged join request for one is refused (and answers 404 like any other
    invisible object).
[2] only spin-offs the person may see; a spin-off names and links its parent only to those who
    may see the parent.
[3] ``User.is_listed``: the person chose to appear in the directory.
[4] unlisted members by name, never linked to a profile that would answer 404.

Lists (``Community.objects.visible_to``, ``Meeting.objects.visible_to``, spin-offs, a profile's
communities) are built from ``levels_open_to`` and ``visible_communities_q`` below, the same
definition the predicates use; tests/privacy/test_parity.py holds the two together.
"""

import rules
from django.db.models import Q
from django.utils.functional import empty

from .models import Community, Membership


def _cache_owner(user):
    """The user object itself, also behind a request's lazy `request.user`."""
    wrapped = user.__dict__.get("_wrapped", empty)
    return user if wrapped is empty else wrapped


def membership_of(user, community):
    """The user's membership in a community, fetched once per request and user."""
    if not user.is_authenticated or community is None:
        return None
    cache = _cache_owner(user).__dict__.setdefault("_membership_cache", {})
    if community.pk not in cache:
        cache[community.pk] = Membership.objects.filter(user=user, community=community).first()
    return cache[community.pk]


def forget_memberships(user):
    """Drop the cached memberships after the user's own membership changed."""
    _cache_owner(user).__dict__.pop("_membership_cache", None)


# --- the one definition of "who may know of a community" ------------------------------------


def levels_open_to(user) -> set[str]:
    """Levels whose communities the user may know of without being a member."""
    if not user.is_authenticated:
        return {Community.Visibility.PUBLIC}
    return {Community.Visibility.PUBLIC, Community.Visibility.INTERNAL}


# Meetings (dates, titles, meeting pages) of these levels are open to non-members; the rest are
# for members only.
MEETING_LEVELS_OPEN = {Community.Visibility.PUBLIC}


def _member_or_staff_q(user, prefix: str) -> Q:
    own = Membership.objects.active().filter(user=user).values("community_id")
    return Q(**{f"{prefix}pk__in": own})


def visible_communities_q(user, prefix: str = "") -> Q | None:
    """The filter behind `members.view_community` for lists; None means "everything" (staff)."""
    if user.is_authenticated and user.is_staff:
        return None
    q = Q(**{f"{prefix}visibility__in": levels_open_to(user)})
    if user.is_authenticated:
        q |= _member_or_staff_q(user, prefix)
    return q


def communities_with_visible_meetings_q(user, prefix: str = "") -> Q | None:
    """The filter behind `meetings.view_meeting` for lists; None means "everything" (staff)."""
    if user.is_authenticated and user.is_staff:
        return None
    q = Q(**{f"{prefix}visibility__in": MEETING_LEVELS_OPEN})
    if user.is_authenticated:
        q |= _member_or_staff_q(user, prefix)
    return q


# --- predicates ----------------------------------------------------------------------------


@rules.predicate
def is_active_member(user, community):
    membership = membership_of(user, community)
    return membership is not None and membership.is_active


@rules.predicate
def is_community_coordinator(user, community):
    membership = membership_of(user, community)
    return membership is not None and membership.is_coordinator


@rules.predicate
def is_public_community(user, community):
    return community is not None and community.visibility == Community.Visibility.PUBLIC


@rules.predicate
def is_open_level(user, community):
    """The community's level lets this user know of it without membership."""
    return community is not None and community.visibility in levels_open_to(user)


@rules.predicate
def has_open_meetings(user, community):
    """The community's level shows its meetings to non-members."""
    return community is not None and community.visibility in MEETING_LEVELS_OPEN


@rules.predicate
def is_invitation_only(user, community):
    return community is not None and community.join_policy == Community.JoinPolicy.INVITATION


@rules.predicate
def is_site_coordinator(user):
    return user.is_authenticated and user.is_staff


@rules.predicate
def has_open_membership(user, community):
    """Pending, active or waitlisted: the user needs no second request."""
    membership = membership_of(user, community)
    return membership is not None and membership.status != Membership.Status.LEFT


is_insider = is_active_member | is_site_coordinator
can_view_community = is_open_level | is_insider
can_view_meetings = (has_open_meetings & is_open_level) | is_insider
# Whom to ask: signed-in people who may see a public community's meetings see its coordinators.
can_view_coordinators = (rules.is_authenticated & is_public_community) | is_insider
can_manage_community = is_community_coordinator | is_site_coordinator

rules.add_perm("members.view_community", can_view_community)
# Everybody in it, also those who are not listed in the directory.
rules.add_perm("members.view_community_people", is_insider)
# Members who chose to be listed (is_listed), for signed-in people outside a public community.
rules.add_perm("members.view_listed_people", can_view_coordinators)
rules.add_perm("members.view_community_coordinators", can_view_coordinators)
# Links to video and tools, attendance and RSVP counts, proposers, presenters, minutes, outcomes.
rules.add_perm("members.view_community_content", is_insider)
# Rhythm, dates, titles, format and place of its meetings; the meeting pages.
rules.add_perm("members.view_community_meetings", can_view_meetings)
rules.add_perm(
    "members.join_community",
    rules.is_authenticated & can_view_community & ~has_open_membership & ~is_invitation_only,
)
rules.add_perm("members.leave_community", has_open_membership)
rules.add_perm("members.manage_community", can_manage_community)
rules.add_perm("members.view_directory", rules.is_authenticated)
