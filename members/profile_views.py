"""Member directory, profiles, organisations and the member's own pages below /me/.

Everything here is for signed-in members only; an anonymous visitor is sent to the sign-in
page and back. A profile the viewer may not see (unlisted, deleted, unknown) is a 404.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cop.pagination import CappedPaginator, CountedPaginator, paginate

from . import selectors, services
from .export import user_export_json
from .models import Organisation, User
from .profile_forms import AccountDeleteForm, MemberSearchForm, ProfileForm

MEMBERS_PER_PAGE = 25
# The directory counts and ranks at most this many members; past that a search is too broad to
# read through, and an exact count or ranking would visit every member of a national network.
MEMBERS_COUNTED_UP_TO = 1000
ORGANISATIONS_PER_PAGE = 50


@login_required
def member_list(request):
    form = MemberSearchForm(request.GET or None)
    filters = form.filters()
    members = selectors.member_directory(**filters)
    paginator = CappedPaginator(members, MEMBERS_PER_PAGE, cap=MEMBERS_COUNTED_UP_TO)
    if paginator.capped:
        # Too many to rank: the name order walks its index and stops after one page.
        paginator.object_list = selectors.in_directory_order(members)
    page, page_notice = paginate(request, members, MEMBERS_PER_PAGE, paginator=paginator)
    context = {
        "form": form,
        "page": page,
        "members": page.object_list,
        "page_notice": page_notice,
        "is_search": any(filters.values()),
    }
    return render(request, "members/member_list.html", context)


@login_required
def member_detail(request, pk):
    member = get_object_or_404(selectors.member_profiles_visible_to(request.user), pk=pk)
    context = {
        "member": member,
        "is_me": member.pk == request.user.pk,
        "memberships": selectors.member_communities_visible_to(member=member, viewer=request.user),
    }
    return render(request, "members/member_detail.html", context)


@login_required
def organisation_list(request):
    organisations = selectors.organisations_for_list()
    paginator = CountedPaginator(organisations, ORGANISATIONS_PER_PAGE, count=selectors.organisation_count())
    page, page_notice = paginate(request, organisations, ORGANISATIONS_PER_PAGE, paginator=paginator)
    context = {"page": page, "organisations": page.object_list, "page_notice": page_notice}
    return render(request, "members/organisation_list.html", context)


@login_required
def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.select_related("parent"), slug=slug)
    page, page_notice = paginate(
        request, selectors.organisation_listed_members(organisation), MEMBERS_PER_PAGE
    )
    context = {
        "organisation": organisation,
        "children": organisation.children.order_by("name"),
        "page": page,
        "members": page.object_list,
        "page_notice": page_notice,
    }
    return render(request, "members/organisation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def me(request):
    # A copy of the user, so that a rejected form never changes request.user.
    user = User.objects.select_related("organisation").get(pk=request.user.pk)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=user)
        if form.is_valid():
            services.user_update_profile(user=request.user, data=form.cleaned_data)
            messages.success(request, _("Your profile has been saved."))
            return redirect("me")
    else:
        form = ProfileForm(instance=user)
    return render(request, "members/me.html", {"form": form, "profile": user, "me_tab": "profile"})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def me_export(request):
    if request.method == "POST":
        response = HttpResponse(
            user_export_json(request.user), content_type="application/json; charset=utf-8"
        )
        filename = f"cop-data-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(request, "members/me_export.html", {"me_tab": "export"})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def me_delete(request):
    from allauth.core import ratelimit

    status = 200
    if request.method == "POST":
        form = AccountDeleteForm(request.POST, user=request.user)
        # The same limit as allauth's re-authentication: the form must not become a password oracle.
        if not ratelimit.consume(request, action="reauthenticate", user=request.user):
            form.is_valid()
            form.add_error(None, _("Too many attempts. Please wait a minute and try again."))
            status = 429
        elif form.is_valid():
            try:
                services.user_delete_account(user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                logout(request)
                messages.success(
                    request, _("Your account has been deleted. Thank you for having been part of it.")
                )
                return redirect("home")
    else:
        form = AccountDeleteForm(user=request.user)
    return render(request, "members/me_delete.html", {"form": form, "me_tab": "delete"}, status=status)
