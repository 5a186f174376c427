"""Who may do what with communities and members: the one place for these checks."""

import rules

from .models import Community, Membership


def membership_of(user, community):
    """The user's membership in a community, fetched once per request and user."""
    if not user.is_authenticated or community is None:
        return None
    cache = user.__dict__.setdefault("_membership_cache", {})
    if community.pk not in cache:
        cache[community.pk] = Membership.objects.filter(user=user, community=community).first()
    return cache[community.pk]


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
def is_site_coordinator(user):
    return user.is_authenticated and user.is_staff


@rules.predicate
def has_open_membership(user, community):
    """Pending, active or waitlisted: the user needs no second request."""
    membership = membership_of(user, community)
    return membership is not None and membership.status != Membership.Status.LEFT


can_view_community = is_public_community | is_active_member | is_site_coordinator
can_manage_community = is_community_coordinator | is_site_coordinator

rules.add_perm("members.view_community", can_view_community)
rules.add_perm("members.join_community", rules.is_authenticated & can_view_community & ~has_open_membership)
rules.add_perm("members.leave_community", has_open_membership)
rules.add_perm("members.manage_community", can_manage_community)
rules.add_perm("members.view_directory", rules.is_authenticated)
