"""The community pages. Views stay thin: the checks come from cop.guards (404, sign-in, 405, 403
in that order), the permissions from members/rules.py, the writes from members/services.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cop.guards import guard
from cop.pagination import CountedPaginator, paginate

from . import selectors, services
from .adapters import INVITATION_SESSION_KEY
from .forms import (
    CommunityFilterForm,
    CommunityMemberSearchForm,
    CommunitySettingsForm,
    InvitationForm,
    JoinForm,
    MaxMembersForm,
    MembershipRemoveForm,
    MembershipRoleForm,
    MembershipRotationForm,
)
from .models import MAX_MEMBERS_LIMIT, Community, Invitation, Membership
from .rules import forget_memberships, membership_of

MANAGED_MEMBERS_PER_PAGE = 20
COMMUNITIES_PER_PAGE = 24
COMMUNITY_MEMBERS_PER_PAGE = 30
MEMBER_PREVIEW_SIZE = 12


def load_community(slug) -> Community:
    """The community of a page's URL (its parent joined), or 404; who may see it is checked apart."""
    return get_object_or_404(Community.objects.select_related("parent"), slug=slug)


def get_visible_community(request, slug) -> Community:
    """The community, or 404 for one the user may not know of."""
    community = load_community(slug)
    if not request.user.has_perm("members.view_community", community):
        raise Http404
    return community


def community_view(permission=None, *, methods=("GET", "POST"), login=True):
    """A community page: 404 for a community the user may not know of, then sign-in, 405 and 403
    for `permission` (cop.guards)."""
    return guard(
        load_community,
        "slug",
        know="members.view_community",
        permission=permission,
        methods=methods,
        login=login,
    )


def community_list(request):
    form = CommunityFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    queryset = selectors.communities_for_list(request.user, **filters)
    paginator = None
    if not any(filters.values()):  # all of them: the count the cache keeps
        count = selectors.visible_community_count(request.user)
        paginator = CountedPaginator(queryset, COMMUNITIES_PER_PAGE, count=count)
    page, page_notice = paginate(request, queryset, COMMUNITIES_PER_PAGE, paginator=paginator)
    communities = selectors.with_parent_visible(request.user, page.object_list)
    selectors.with_member_counts(communities)
    own = selectors.memberships_in(request.user, communities)
    for community in communities:
        community.my_membership = own.get(community.pk)
    context = {"form": form, "page": page, "communities": communities, "page_notice": page_notice}
    return render(request, "members/community_list.html", context)


def community_detail(request, slug):
    community = get_visible_community(request, slug)
    user = request.user
    can_view_people = user.has_perm("members.view_community_people", community)
    # view_listed_people includes everybody who may see all of the people.
    can_view_listed = user.has_perm("members.view_listed_people", community)
    newest_people = []
    if can_view_listed:
        newest_people = selectors.community_newest_people(
            community, listed_only=not can_view_people, limit=MEMBER_PREVIEW_SIZE
        )
    can_view_coordinators = user.has_perm("members.view_community_coordinators", community)
    coordinators = []
    if can_view_coordinators:
        coordinators = selectors.community_coordinators(community)
    membership = membership_of(user, community)
    can_join = user.has_perm("members.join_community", community)
    context = {
        "community": community,
        "membership": membership,
        "waitlist_place": selectors.waitlist_place(membership),
        # Said before joining: a full community puts a newcomer on the waitlist.
        "joins_waitlist": can_join
        and community.max_members is not None
        and selectors.free_places(community) == 0,
        "show_parent": community.parent is not None
        and user.has_perm("members.view_community", community.parent),
        "can_view_people": can_view_people,
        "can_view_listed": can_view_listed,
        "can_view_coordinators": can_view_coordinators,
        "can_view_content": user.has_perm("members.view_community_content", community),
        "can_view_meetings": user.has_perm("members.view_community_meetings", community),
        "newest_people": newest_people,
        "member_counts": selectors.community_member_counts(community),
        "coordinators": coordinators,
        "spin_offs": selectors.community_spin_offs(community, user),
        "can_join": can_join,
        "can_leave": user.has_perm("members.leave_community", community),
        "can_manage": user.has_perm("members.manage_community", community),
        "join_form": JoinForm(),
    }
    return render(request, "members/community_detail.html", context)


@guard(
    load_community,
    "slug",
    know="members.view_community",
    view="members.view_listed_people",
    methods=("GET",),
    login=False,
)
def community_members(request, community):
    """All members of a community the viewer may see, paginated and searchable."""
    user = request.user
    can_view_people = user.has_perm("members.view_community_people", community)
    form = CommunityMemberSearchForm(request.GET or None)
    filters = form.filters()
    listed_only = not can_view_people
    queryset = selectors.community_people(community, listed_only=listed_only, **filters)
    paginator = None
    if not filters["q"]:  # the whole list: its count is the community's, which the cache keeps
        counts = selectors.community_member_counts(community, listed_only=listed_only)
        paginator = CountedPaginator(queryset, COMMUNITY_MEMBERS_PER_PAGE, count=counts["members"])
    page, page_notice = paginate(request, queryset, COMMUNITY_MEMBERS_PER_PAGE, paginator=paginator)
    context = {
        "community": community,
        "form": form,
        "page": page,
        "members": selectors.with_profile_links(page.object_list),
        "page_notice": page_notice,
        "is_search": bool(filters["q"]),
        "can_view_people": can_view_people,
    }
    return render(request, "members/community_members.html", context)


@community_view(methods=("POST",))
def community_join(request, community):
    form = JoinForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Your message is too long (at most 2000 characters)."))
        return redirect(community)
    try:
        membership = services.membership_join(
            community=community, user=request.user, message=form.cleaned_data["message"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(community)
    feedback = {
        Membership.Status.ACTIVE: _("Welcome to %(name)s!"),
        Membership.Status.PENDING: _("Your request to join %(name)s has been sent to the coordinators."),
        Membership.Status.WAITLISTED: _("%(name)s is full. You are on the waitlist."),
    }
    messages.success(request, feedback[membership.status] % {"name": community.name})
    return redirect(community)


@community_view(methods=("POST",))
def community_leave(request, community):
    if not request.user.has_perm("members.leave_community", community):
        messages.error(request, _("You are not a member of this community."))
        return redirect(community)
    membership = membership_of(request.user, community)
    try:
        services.membership_leave(membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(community)
    if membership.is_active:
        messages.success(request, _("You have left %(name)s.") % {"name": community.name})
    else:
        messages.success(
            request, _("Your request to join %(name)s was withdrawn.") % {"name": community.name}
        )
    forget_memberships(request.user)
    if request.POST.get("next") == "home":
        return redirect("home")
    if request.user.has_perm("members.view_community", community):
        return redirect(community)
    return redirect("community_list")


def manage_context(request, community, **extra) -> dict:
    members = selectors.community_active_members(community)  # the count from the cache, one page read
    paginator = CountedPaginator(members, MANAGED_MEMBERS_PER_PAGE, count=members.count())
    page, page_notice = paginate(request, members, MANAGED_MEMBERS_PER_PAGE, paginator=paginator)
    waiting = selectors.community_waiting(community)
    active = selectors.capacity_count(community)
    return {
        "community": community,
        "requests": waiting.requests,
        "waitlist": waiting.waitlist,
        "request_count": waiting.request_count,
        "waitlist_count": waiting.waitlist_count,
        "active_count": active,
        "is_full": selectors.free_places(community, active=active) == 0,
        "capacity_form": MaxMembersForm(initial={"max_members": community.max_members}),
        "invitation_form": InvitationForm(),
        "page": page,
        "members": page.object_list,
        "page_notice": page_notice,
        **extra,
    }


# The coordinators' pages: 403 for those who may see the community but do not manage it.
manage_view = community_view("members.manage_community")
manage_post = community_view("members.manage_community", methods=("POST",))


@manage_view
def community_manage(request, community):
    return render(request, "members/community_manage.html", manage_context(request, community))


def get_membership(community, pk) -> Membership:
    """A membership of the managed community; 404 for another community's."""
    return get_object_or_404(
        Membership.objects.select_related("user", "community"), pk=pk, community=community
    )


def back_to_manage(request, membership):
    """The members list again, on the page it was sent from; the community page for a coordinator
    who just gave up their own right to manage."""
    community = membership.community
    if membership.user_id == request.user.pk:
        forget_memberships(request.user)
        if not request.user.has_perm("members.manage_community", community):
            return redirect(community)
    page = request.POST.get("page", "")
    suffix = f"?page={page}" if page.isdigit() else ""
    return redirect(reverse("community_manage", kwargs={"slug": community.slug}) + suffix)


def change_membership(request, community, pk, form, invalid, change, done):
    """A coordinator's change of one member: `change(membership, **cleaned_data)` is the service,
    `done(membership)` the message after it; back to the members list either way."""
    membership = get_membership(community, pk)
    if not form.is_valid():
        messages.error(request, invalid)
        return back_to_manage(request, membership)
    try:
        membership = change(membership=membership, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done(membership) % {"person": membership.user.display_name})
    return back_to_manage(request, membership)


@manage_post
def membership_role(request, community, pk):
    return change_membership(
        request,
        community,
        pk,
        MembershipRoleForm(request.POST),
        _("Please choose coordinator or member."),
        services.membership_set_role,
        lambda membership: (
            _("%(person)s is now a coordinator.")
            if membership.role == Membership.Role.COORDINATOR
            else _("%(person)s is now a member without coordination.")
        ),
    )


@manage_post
def membership_rotation(request, community, pk):
    return change_membership(
        request,
        community,
        pk,
        MembershipRotationForm(request.POST),
        _("Please choose whether the member takes turns moderating."),
        services.membership_set_rotation,
        lambda membership: (
            _("%(person)s takes turns moderating again.")
            if membership.in_rotation
            else _("%(person)s is no longer proposed for moderating.")
        ),
    )


@manage_view
def membership_remove(request, community, pk):
    membership = get_membership(community, pk)
    form = MembershipRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_remove(membership=membership, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(person)s is no longer a member of %(name)s.")
                % {"person": membership.user.display_name, "name": membership.community.name},
            )
        return back_to_manage(request, membership)
    if not membership.is_active:
        messages.error(
            request,
            _("%(person)s is no longer a member of this community.")
            % {"person": membership.user.display_name},
        )
        return back_to_manage(request, membership)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "members/membership_remove.html",
        {"community": membership.community, "membership": membership, "form": form},
        status=status,
    )


@manage_post
def community_capacity(request, community):
    """The community's member limit; a limit below the current number removes nobody."""
    form = MaxMembersForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("Please enter a number of members between 1 and %(limit)s, or leave the field empty.")
            % {"limit": MAX_MEMBERS_LIMIT},
        )
        return redirect("community_manage", slug=community.slug)
    try:
        community = services.community_set_max_members(
            community=community, max_members=form.cleaned_data["max_members"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("community_manage", slug=community.slug)
    active = selectors.active_count(community)
    if community.max_members is None:
        messages.success(request, _("The community now takes any number of members."))
    elif community.max_members < active:
        messages.warning(
            request,
            _(
                "The limit is now %(limit)s, below the %(count)s current members. Nobody is removed; "
                "new joiners go on the waitlist until fewer than %(limit)s are members."
            )
            % {"limit": community.max_members, "count": active},
        )
    else:
        messages.success(
            request,
            _("The community now takes at most %(limit)s members.") % {"limit": community.max_members},
        )
    return redirect("community_manage", slug=community.slug)


# What the buttons of the requests and the waitlist send; anything else changes nothing.
ADMISSIONS = {
    "approve": {},
    "above_limit": {"above_limit": True},
    "raise_limit": {"raise_limit": True},
}


@manage_post
def membership_decide(request, community, pk):
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=pk, community=community)
    decision = request.POST.get("decision")
    try:
        if decision in ADMISSIONS:
            membership = services.membership_approve(membership=membership, **ADMISSIONS[decision])
            if membership.is_active:
                messages.success(request, _("%(person)s is now a member.") % {"person": membership.user})
            else:
                messages.info(
                    request,
                    _("The community is full: %(person)s is now on the waitlist.")
                    % {"person": membership.user},
                )
        elif decision == "decline":
            services.membership_decline(membership=membership)
            messages.success(
                request, _("The request of %(person)s was declined.") % {"person": membership.user}
            )
        else:
            messages.error(request, _("Please choose to approve or to decline."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("community_manage", slug=community.slug)


@manage_post
def invitation_create(request, community):
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_send(
                community=community,
                email=form.cleaned_data["email"],
                invited_by=request.user,
                base_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("community_manage", slug=community.slug)
    context = manage_context(request, community, invitation_form=form)
    return render(request, "members/community_manage.html", context, status=200 if form.is_valid() else 400)


@manage_view
def community_settings(request, community):
    """Name, description (with a preview that needs no JavaScript), joining, votes and tool links."""
    # A copy for the form: a refused change must not show up in the page's own heading.
    form = CommunitySettingsForm(request.POST or None, instance=Community.objects.get(pk=community.pk))
    preview = None
    status = 200
    if request.method == "POST":
        valid = form.is_valid()
        if "preview" in request.POST:
            preview = form.cleaned_data.get("description", "")
        elif valid:
            try:
                services.community_update(
                    community=community,
                    **{name: form.cleaned_data[name] for name in Community.SETTINGS_FIELDS},
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("The settings of %(name)s were saved.") % {"name": form.cleaned_data["name"]}
                )
                return redirect("community_settings", slug=community.slug)
        if not valid or form.errors:
            status = 400
    context = {"community": community, "form": form, "preview": preview}
    return render(request, "members/community_settings.html", context, status=status)


INVITATIONS_PER_PAGE = 25


@manage_view
def invitation_list(request, community):
    page, page_notice = paginate(request, selectors.community_invitations(community), INVITATIONS_PER_PAGE)
    context = {
        "community": community,
        "page": page,
        "invitations": page.object_list,
        "page_notice": page_notice,
    }
    return render(request, "members/invitation_list.html", context)


def change_invitation(request, community, pk, change, done):
    """Resend or withdraw one invitation of the managed community; back to the list's page."""
    invitation = get_object_or_404(Invitation, pk=pk, community=community)
    try:
        invitation = change(invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % {"email": invitation.email})
    page = request.POST.get("page", "")
    suffix = f"?page={page}" if page.isdigit() else ""
    return redirect(reverse("invitation_list", kwargs={"slug": community.slug}) + suffix)


@manage_post
def invitation_resend(request, community, pk):
    return change_invitation(
        request,
        community,
        pk,
        lambda invitation: services.invitation_resend(
            invitation=invitation,
            invited_by=request.user,
            base_url=request.build_absolute_uri("/").rstrip("/"),
        ),
        _("The invitation to %(email)s was sent again, with a new link valid for 30 days."),
    )


@manage_post
def invitation_revoke(request, community, pk):
    return change_invitation(
        request,
        community,
        pk,
        lambda invitation: services.invitation_revoke(invitation=invitation),
        _("The invitation to %(email)s was withdrawn; its link no longer works."),
    )


def invitation_accept(request, token):
    invitation = services.invitation_by_token(token)
    if invitation is None:
        known = services.invitation_of_token(token)
        withdrawn = known is not None and known.revoked_at is not None
        return render(request, "members/invitation_invalid.html", {"withdrawn": withdrawn}, status=404)
    if not request.user.is_authenticated:
        request.session[INVITATION_SESSION_KEY] = invitation.pk
        return render(request, "members/invitation_welcome.html", {"invitation": invitation})
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("home")
        messages.success(request, _("Welcome to %(name)s!") % {"name": invitation.community.name})
        return redirect(invitation.community)
    return render(request, "members/invitation_welcome.html", {"invitation": invitation})
