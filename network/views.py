""" "Vernetzt Euch!" pages. Views stay thin: parse, check permission (rules.py), call a service.

Refusals follow cop.guards: an unknown call is 404; a visitor is asked to sign in (the calls are
for signed-in people); 405 for another method; 403 for a signed-in person who may not do what the
page does (someone else's call).
"""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cop.guards import guard
from cop.pagination import paginate

from . import selectors, services
from .forms import FoundForm, InterestForm, PartnerSearchForm, StatusFilterForm
from .models import PartnerSearch, PartnerSearchStatus

SEARCHES_PER_PAGE = 20
INTERESTED_PER_PAGE = 50


def search_view(permission=None, *, methods=("GET", "POST")):
    def load(pk):
        return get_object_or_404(PartnerSearch.objects.select_related("author", "community"), pk=pk)

    return guard(
        load,
        "pk",
        know="network.know_of_search",
        view="network.view_searches",
        permission=permission,
        methods=methods,
        login=True,
    )


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _form_page(request, form, template, context, save):
    """Show `form`; on a valid POST call `save(cleaned_data)`, which returns the redirect or raises."""
    status = HTTPStatus.OK
    if request.method == "POST":
        if form.is_valid():
            try:
                return save(form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
        status = HTTPStatus.BAD_REQUEST
    return render(request, template, {**context, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "HEAD"])
def partner_search_list(request):
    filter_form = StatusFilterForm(request.GET)
    status = filter_form.cleaned_data["status"] if filter_form.is_valid() else ""
    searches = selectors.searches_for_list(request.user, status=status or PartnerSearchStatus.OPEN)
    page, page_notice = paginate(request, searches, SEARCHES_PER_PAGE)
    context = {
        "page": page,
        "searches": page.object_list,
        "page_notice": page_notice,
        "filter_form": filter_form,
        "status": status,
    }
    return render(request, "network/search_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def partner_search_create(request):
    organisation = request.user.organisation.name if request.user.organisation_id else ""
    form = PartnerSearchForm(request.POST or None, initial={"organisation": organisation})

    def save(data):
        search = services.partner_search_post(user=request.user, **data)
        messages.success(request, _("Your call “%(title)s” is online.") % {"title": search.title})
        return redirect(search)

    return _form_page(request, form, "network/search_form.html", {"search": None}, save)


@search_view(methods=("GET", "HEAD"))
def partner_search_detail(request, search):
    user = request.user
    context = {
        "search": search,
        "interest_count": search.interests.count(),
        "has_my_interest": search.interests.filter(user_id=user.pk).exists(),
        "can_edit": user.has_perm("network.edit_search", search),
        "can_close": user.has_perm("network.close_search", search),
        "can_register": user.has_perm("network.register_interest", search),
        "can_found": user.has_perm("network.found_community", search),
        "can_see_interested": user.has_perm("network.see_interested", search),
        "community_visible": search.community is not None
        and user.has_perm("members.view_community", search.community),
    }
    if context["can_see_interested"]:
        interested, _notice = paginate(request, selectors.interested_people(search), INTERESTED_PER_PAGE)
        context["interested_page"] = interested
    return render(request, "network/search_detail.html", context)


@search_view("network.edit_search")
def partner_search_edit(request, search):
    initial = {name: getattr(search, name) for name in services.SEARCH_FIELDS}
    form = PartnerSearchForm(request.POST or None, initial=initial)

    def save(data):
        services.partner_search_update(search=search, user=request.user, **data)
        messages.success(request, _("Your call was saved."))
        return redirect(search)

    return _form_page(request, form, "network/search_form.html", {"search": search}, save)


@search_view("network.close_search", methods=("POST",))
def partner_search_close(request, search):
    try:
        services.partner_search_close(search=search, user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The call “%(title)s” is closed.") % {"title": search.title})
    return redirect(search)


@search_view(methods=("POST",))
def partner_search_interest(request, search):
    """Register or withdraw interest; the service answers a closed call or a repeat with a message."""
    form = InterestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose to register or to withdraw your interest."))
        return redirect(search)
    register = form.cleaned_data["action"] == "register"
    service = services.interest_register if register else services.interest_withdraw
    try:
        service(search=search, user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if register:
            name = search.author.display_name if search.author else _("the author")
            messages.success(
                request, _("Your interest is registered; %(name)s has been told by e-mail.") % {"name": name}
            )
        else:
            messages.success(request, _("Your interest is withdrawn."))
    return redirect(search)


@search_view("network.found_community")
def partner_search_found(request, search):
    initial = {
        "name": search.title,
        "slug": slugify(search.title)[: FoundForm.base_fields["slug"].max_length].strip("-"),
        "description": search.description,
    }
    form = FoundForm(request.POST or None, initial=initial)

    def save(data):
        community = services.partner_search_found(
            search=search, user=request.user, base_url=request.build_absolute_uri("/").rstrip("/"), **data
        )
        messages.success(
            request,
            _("%(name)s has been founded; everyone who was interested has been invited.")
            % {"name": community.name},
        )
        return redirect(community)

    return _form_page(request, form, "network/found_form.html", {"search": search}, save)
