"""The meeting pages. Views stay thin: parse, check permission (meetings/rules.py), call a service.

Permission answers follow cop.guards, the same on every page: 404 for a meeting (or a community's
meetings) the user may not see (`meetings.view_meeting`: the meetings of an internal or secret
community are for its members), also for POSTs, agenda items and signed-out visitors; then sign-in
before any change; then 403 for a user who may see the meeting but lacks the right for a change
(e.g. a member who is not the facilitator tries to accept an item, or a member on the coordinators'
planning page). What a meeting page shows of people, links, agenda and minutes follows the table in
members/rules.py.
"""

import re
from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cop.guards import guard
from cop.pagination import paginate
from members.models import Organisation
from members.views import load_community

from . import selectors, services
from .forms import (
    AgendaItemForm,
    CadenceForm,
    DecideForm,
    FacilitatorForm,
    HostForm,
    MeetingForm,
    MinutesForm,
    MinutesPublishForm,
    RSVPForm,
    TemplateForm,
    TimeboxForm,
    chooser_context,
)
from .models import AgendaItem, Meeting
from .rules import CHOOSER_PERMISSIONS

PAST_MEETINGS_PER_PAGE = 20

# --- loading and permission helpers -------------------------------------------------------------


def load_meeting(pk) -> Meeting:
    return get_object_or_404(selectors.meeting_for_page(), pk=pk)


def meeting_view(permission=None, *, methods=("GET", "POST"), login=True):
    """A meeting page: 404 if the meeting is invisible, then sign-in, 405 and 403 (cop.guards)."""
    return guard(
        load_meeting, "pk", know="meetings.view_meeting", permission=permission, methods=methods, login=login
    )


def community_view(permission=None, *, methods=("GET", "POST"), login=True):
    """A page of a community's meetings: 404 for a community whose meetings the user may not see
    (they are for members only), then sign-in, 405 and 403 (cop.guards)."""
    return guard(
        load_community,
        "slug",
        know="members.view_community_meetings",
        permission=permission,
        methods=methods,
        login=login,
    )


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- the community's meetings -------------------------------------------------------------------


@community_view(methods=("GET", "HEAD"), login=False)
def community_meetings(request, community):
    upcoming = selectors.community_upcoming_meetings(community)
    page, page_notice = paginate(
        request, selectors.community_past_meetings(community), PAST_MEETINGS_PER_PAGE
    )
    past = list(page.object_list)
    selectors.with_item_counts(upcoming + past)  # one query for both lists
    sections = []
    for heading_id, heading, rows in (
        ("upcoming-heading", _("Upcoming meetings"), upcoming),
        ("past-heading", _("Past meetings"), past),
    ):
        for meeting in rows:
            meeting.community = community  # the permission checks need no further query
            meeting.show_facilitator = request.user.has_perm("meetings.view_facilitator", meeting)
            meeting.show_agenda = request.user.has_perm("meetings.view_agenda", meeting)
        sections.append(
            (
                heading_id,
                heading,
                rows,
                any(meeting.show_facilitator for meeting in rows),
                any(meeting.show_agenda for meeting in rows),
            )
        )
    context = {
        "community": community,
        "upcoming": upcoming,
        "past": past,
        "page": page,
        "page_notice": page_notice,
        "sections": sections,
        "can_manage": request.user.has_perm("meetings.manage_meetings", community),
    }
    return render(request, "meetings/meeting_list.html", context)


@community_view("meetings.manage_meetings", methods=("POST",))
def meetings_plan(request, community):
    try:
        created = services.meeting_plan_next(community=community)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if created:
            messages.success(request, _("%(count)d meetings were planned.") % {"count": len(created)})
        else:
            messages.info(request, _("All meetings of the coming months are planned already."))
    return redirect("community_meetings", slug=community.slug)


@community_view("meetings.manage_meetings")
def community_cadence(request, community):
    form = CadenceForm(request.POST or None, instance=community)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.community_cadence_update(community=community, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The meeting rule was saved."))
                return redirect("community_meetings", slug=community.slug)
        status = HTTPStatus.BAD_REQUEST
    return render(
        request, "meetings/cadence_form.html", {"community": community, "form": form}, status=status
    )


# --- one meeting --------------------------------------------------------------------------------


def detail_context(request, meeting, *, timebox=None) -> dict:
    """The meeting page's context (selectors.meeting_page) and the forms and choosers it shows; the
    form to propose an item has its own page (agenda_item_create), which the meeting page opens in
    place.

    `timebox`: (item, form) of the agenda row being edited in place."""
    context = selectors.meeting_page(meeting, request.user)
    context["templates"] = TemplateForm.base_fields["template"].choices
    context["timebox_item"], context["timebox_form"] = timebox or (None, None)
    context["facilitator_chooser"] = None
    if context["can_set_facilitator"]:
        context["facilitator_chooser"] = facilitator_chooser(request, meeting)
    return context


# --- choosing people: facilitator, presenter, attendance ---------------------------------------

CHOOSER_FIELDS = {"facilitator": "user", "presenter": "presenter", "attended": "attended"}


def people_search_url(meeting, kind, element_id) -> str:
    return f"{reverse('meeting_people', args=[meeting.pk])}?{urlencode({'for': kind, 'id': element_id})}"


def chosen_ids(values) -> list[int]:
    """The ids a chooser sent, unreadable ones left out (the form reports those when it is sent)."""
    ids = []
    for value in values[: selectors.CHOOSER_LIST_LIMIT]:
        try:
            pk = int(value)
        except (TypeError, ValueError):
            continue
        if 0 < pk < 2**31:
            ids.append(pk)
    return ids


def facilitator_chooser(request, meeting) -> dict:
    """The coordinator's choice of facilitator; searched with ?facilitator_q= (or live, by htmx)."""
    choice = selectors.people_choice(
        meeting,
        kind="facilitator",
        query=request.GET.get("facilitator_q", ""),
        selected=[meeting.facilitator_id],
    )
    return chooser_context(
        kind="facilitator",
        name="user",
        element_id="override-user",
        choice=choice,
        chosen=[meeting.facilitator_id],
        multiple=False,
        search_url=people_search_url(meeting, "facilitator", "override-user"),
        form="facilitator-search",
    ) | {"searchable": choice.searchable}


def agenda_item_form(
    request, meeting, *, can_edit_agenda, item=None, data=None, form_class=AgendaItemForm, **kwargs
) -> AgendaItemForm:
    """The agenda item form; for editors with a presenter chooser over the community's people."""
    people = None
    if can_edit_agenda:
        presenter = data.get("presenter") if data is not None else (item.presenter_id if item else None)
        people = selectors.people_choice(
            meeting,
            kind="presenter",
            query=data.get("presenter_q", "") if data is not None else "",
            selected=chosen_ids([presenter]),
        )
    element_id = (kwargs.get("auto_id") or "id_%s") % "presenter"
    return form_class(
        data,
        instance=item,
        community=meeting.community,
        can_edit_agenda=can_edit_agenda,
        people=people,
        search_url=people_search_url(meeting, "presenter", element_id),
        **kwargs,
    )


@meeting_view(login=False, methods=("GET", "HEAD"))
def meeting_people(request, meeting):
    """Matches of a search for a person to choose (htmx): at most selectors.CHOOSER_MATCH_LIMIT.

    404 for whoever may not make that choice, as for a meeting one may not see.
    """
    kind = request.GET.get("for", "")
    permission = CHOOSER_PERMISSIONS.get(kind)
    if permission is None or not request.user.has_perm(permission, meeting):
        raise Http404
    name = CHOOSER_FIELDS[kind]
    element_id = request.GET.get("id", "")
    if not ELEMENT_ID.fullmatch(element_id):
        element_id = f"id_{name}"
    selected = chosen_ids(request.GET.getlist(name))
    choice = selectors.people_choice(
        meeting, kind=kind, query=request.GET.get(f"{kind}_q", ""), selected=selected
    )
    chooser = chooser_context(
        kind=kind,
        name=name,
        element_id=element_id,
        choice=choice,
        chosen=selected,
        multiple=kind == "attended",
        search_url="",
        blank_label=_("Nobody") if kind == "presenter" else None,
    )
    return render(request, "meetings/_people_choices.html", {"chooser": chooser})


ELEMENT_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,59}")


@meeting_view(login=False, methods=("GET", "HEAD"))
def meeting_detail(request, meeting):
    return render(request, "meetings/meeting_detail.html", detail_context(request, meeting))


@meeting_view("meetings.edit_meeting")
def meeting_edit(request, meeting):
    form = MeetingForm(request.POST or None, instance=meeting)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.meeting_update(meeting=meeting, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The meeting was updated."))
                return redirect(meeting)
        messages.error(request, _("Please correct the marked fields; nothing has been saved yet."))
        status = HTTPStatus.BAD_REQUEST
    return render(request, "meetings/meeting_form.html", {"meeting": meeting, "form": form}, status=status)


@meeting_view("meetings.cancel_meeting")
def meeting_cancel(request, meeting):
    if request.method == "POST":
        try:
            services.meeting_cancel(meeting=meeting)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("The meeting was cancelled."))
        return redirect(meeting)
    return render(request, "meetings/meeting_cancel.html", {"meeting": meeting})


@meeting_view(methods=("POST",))
def meeting_facilitator(request, meeting):
    """Accept, decline or swap one's own facilitation; a coordinator may name someone else."""
    form = FacilitatorForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose what to do."))
        return redirect(meeting)
    action = form.cleaned_data["action"]
    user = request.user
    back = "home" if request.POST.get("next") == "home" else meeting
    if action == "override":
        if not user.has_perm("meetings.set_facilitator", meeting):
            raise PermissionDenied
    elif not user.has_perm("meetings.answer_facilitation", meeting):
        messages.error(request, _("Only the proposed facilitator can accept, decline or swap this meeting."))
        return redirect(back)
    try:
        if action == "accept":
            services.facilitator_accept(meeting=meeting, user=user)
            messages.success(request, _("Thank you! You facilitate this meeting."))
        elif action == "decline":
            services.facilitator_decline(meeting=meeting, user=user)
            messages.success(request, _("You declined. The next person in the rotation has been asked."))
        elif action == "swap":
            other = get_object_or_404(
                Meeting.objects.filter(community=meeting.community),
                pk=form.cleaned_data["other_meeting"] or 0,
            )
            services.facilitator_swap(meeting=meeting, other_meeting=other, user=user)
            messages.success(request, _("You swapped meetings."))
        else:
            if not form.cleaned_data["user"]:
                messages.error(request, _("Please choose who facilitates the meeting."))
                return redirect(back)
            person = get_object_or_404(get_user_model(), pk=form.cleaned_data["user"])
            services.facilitator_set(meeting=meeting, user=person, by=user)
            messages.success(request, _("%(person)s now facilitates this meeting.") % {"person": person})
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect(back)


# --- agenda -------------------------------------------------------------------------------------


@meeting_view()
def agenda_item_create(request, meeting):
    can_edit_agenda = request.user.has_perm("meetings.edit_agenda", meeting)
    form = agenda_item_form(request, meeting, can_edit_agenda=can_edit_agenda, data=request.POST or None)
    if not request.user.has_perm("meetings.propose_item", meeting):
        # Shown, not thrown: a form the user filled in while the agenda was published keeps its text.
        messages.error(
            request,
            _("New items can no longer be proposed for this meeting: its agenda is published or it is over."),
        )
        return render(
            request,
            "meetings/item_form.html",
            {"meeting": meeting, "form": form},
            status=HTTPStatus.FORBIDDEN,
        )
    status = 200
    if request.method == "POST" and "presenter_search" not in request.POST:
        if form.is_valid():
            try:
                services.agenda_item_propose(meeting=meeting, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you! Your item was added to the proposals."))
                return redirect(meeting)
        status = HTTPStatus.BAD_REQUEST
    return render(request, "meetings/item_form.html", {"meeting": meeting, "form": form}, status=status)


def get_item(meeting, item_id) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("proposed_by"), pk=item_id, meeting=meeting)
    item.meeting = meeting
    return item


@meeting_view()
def agenda_item_edit(request, meeting, item_id):
    item = get_item(meeting, item_id)
    can_edit_agenda = request.user.has_perm("meetings.edit_agenda", meeting)
    form = agenda_item_form(
        request, meeting, can_edit_agenda=can_edit_agenda, item=item, data=request.POST or None
    )
    context = {"meeting": meeting, "form": form, "item": item}
    if not request.user.has_perm("meetings.edit_item", item):
        messages.error(
            request,
            _("You can no longer change this item: it has been accepted or decided, or the meeting is over."),
        )
        return render(request, "meetings/item_form.html", context, status=HTTPStatus.FORBIDDEN)
    status = 200
    if request.method == "POST" and "presenter_search" not in request.POST:
        if form.is_valid():
            try:
                services.agenda_item_update(item=item, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The item was saved."))
                return redirect(meeting)
        status = HTTPStatus.BAD_REQUEST
    return render(request, "meetings/item_form.html", context, status=status)


def timebox_form(request, meeting, item, data=None) -> TimeboxForm:
    """The time box form of `item`, carrying the order of its status as the page shows it."""
    return agenda_item_form(
        request,
        meeting,
        can_edit_agenda=True,
        item=item,
        data=data,
        form_class=TimeboxForm,
        auto_id=f"timebox_{item.pk}_%s",
        initial={"positions": ",".join(map(str, services.agenda_order(meeting, status=item.status)))},
    )


@meeting_view("meetings.edit_agenda")
def agenda_item_timebox(request, meeting, item_id):
    """An agenda item's time box, kind and presenter: a row of the agenda swaps to this form (htmx) and
    back, with the planned starts of the following items moved; without JavaScript a page of its own.

    The form carries the agenda order it was shown with: an item moved meanwhile changes nothing and
    says so; an unknown (or removed) item is a 404, as on every item page."""
    item = get_item(meeting, item_id)
    data = request.POST if request.method == "POST" else None
    form = timebox_form(request, meeting, item, data)
    status = 200
    if data is not None and "presenter_search" not in data:
        if form.is_valid():
            fields = {
                name: form.cleaned_data[name] for name in TimeboxForm.Meta.fields if name in form.fields
            }
            try:
                services.agenda_item_update(
                    item=item,
                    user=request.user,
                    expected_positions=form.cleaned_data["positions"] or [],
                    **fields,
                )
            except ValidationError as error:
                messages.error(request, error_text(error))
                return agenda_response(request, meeting)
            messages.success(request, _("“%(title)s” was changed.") % {"title": item.title})
            return agenda_response(request, meeting)
        status = HTTPStatus.BAD_REQUEST
    if request.htmx:
        # Answered with 200, as every agenda partial: htmx swaps only successful responses.
        context = detail_context(request, meeting, timebox=(item, form))
        return render(request, "meetings/_agenda.html", context)
    return render(
        request, "meetings/item_timebox.html", {"meeting": meeting, "item": item, "form": form}, status=status
    )


@meeting_view("meetings.set_host", methods=("POST",))
def meeting_host(request, meeting):
    """Set the organisation that hosts the meeting ("zu Gast bei"), or none."""
    form = HostForm(request.POST)
    back = redirect(f"{meeting.get_absolute_url()}#facts")
    if not form.is_valid():
        messages.error(request, _("Please choose an organisation of the community's members."))
        return back
    pk = form.cleaned_data["organisation"]
    organisation = Organisation.objects.filter(pk=pk).first() if pk else None
    try:
        if pk and organisation is None:
            raise ValidationError(_("Please choose an organisation of the community's members."))
        services.meeting_set_host(meeting=meeting, organisation=organisation, user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if organisation:
            messages.success(request, _("%(name)s hosts this meeting.") % {"name": organisation.name})
        else:
            messages.success(request, _("No organisation hosts this meeting now."))
    return back


def agenda_response(request, meeting):
    """After an agenda change: the agenda partial for htmx, else back to the meeting page.

    The partial always answers 200, also after a refusal (stale order, bad input): htmx swaps
    only successful responses, and the partial carries the message and the current agenda.
    """
    if request.htmx:
        meeting.refresh_from_db()
        return render(request, "meetings/_agenda.html", detail_context(request, meeting))
    return redirect(f"{meeting.get_absolute_url()}#agenda")


@meeting_view("meetings.edit_agenda", methods=("POST",))
def agenda_item_decide(request, meeting, item_id):
    item = get_item(meeting, item_id)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            " ".join(form.errors["reason"])
            if "reason" in form.errors
            else _("Please choose accept, reject, defer, up or down."),
        )
        return agenda_response(request, meeting)
    action = form.cleaned_data["action"]
    done = {
        "accept": _("“%(title)s” is on the agenda."),
        "reject": _("“%(title)s” was rejected."),
        "defer": _("“%(title)s” was deferred to the next meeting."),
        "up": _("“%(title)s” was moved up."),
        "down": _("“%(title)s” was moved down."),
    }
    at_the_edge = {
        "up": _("“%(title)s” is already at the top."),
        "down": _("“%(title)s” is already at the bottom."),
    }
    try:
        if action in ("up", "down"):
            moved = services.agenda_item_move(
                item=item, direction=action, expected_positions=form.cleaned_data["positions"]
            )
            if moved.position == item.position:
                done[action] = at_the_edge[action]
        else:
            getattr(services, f"agenda_item_{action}")(item=item, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, error_text(error))
        return agenda_response(request, meeting)
    messages.success(request, done[action] % {"title": item.title})
    return agenda_response(request, meeting)


@meeting_view("meetings.edit_agenda", methods=("POST",))
def agenda_template(request, meeting):
    form = TemplateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose an agenda template."))
        return redirect(meeting)
    try:
        added = services.agenda_apply_template(
            meeting=meeting, template=form.cleaned_data["template"], user=request.user
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if added:
            messages.success(request, _("The template's items were added to the agenda."))
        else:
            messages.info(
                request, _("Nothing new was added: the agenda already has every item of this template.")
            )
    return agenda_response(request, meeting)


@meeting_view("meetings.edit_agenda", methods=("POST",))
def agenda_publish(request, meeting):
    try:
        services.agenda_publish(meeting=meeting)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The agenda is published."))
    return redirect(meeting)


# --- taking part and minutes --------------------------------------------------------------------


@meeting_view("meetings.respond", methods=("POST",))
def meeting_rsvp(request, meeting):
    form = RSVPForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please answer yes, maybe or no."))
        return redirect(meeting)
    try:
        services.attendance_respond(
            meeting=meeting, user=request.user, response=form.cleaned_data["response"]
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Thank you for your answer."))
    return redirect(f"{meeting.get_absolute_url()}#rsvp")


@meeting_view("meetings.record_minutes")
def meeting_minutes(request, meeting):
    items = selectors.minutes_items(meeting)
    recorded = [str(pk) for pk in selectors.attendance_to_record(meeting)]
    people = selectors.people_choice(
        meeting,
        kind="attended",
        query=request.POST.get("attended_q", ""),
        selected=chosen_ids(request.POST.getlist("attended") if request.method == "POST" else recorded),
    )
    initial = {
        "minutes": meeting.minutes,
        "minutes_confidential": meeting.minutes_confidential,
        "attended": recorded,
        "mark_held": meeting.is_held,
        **{f"outcome_{item.pk}": item.outcome for item in items},
    }
    form = MinutesForm(
        request.POST or None,
        initial=initial,
        items=items,
        people=people,
        search_url=people_search_url(meeting, "attended", "id_attended"),
    )
    publish = "publish" in request.POST
    status = 200
    if request.method == "POST" and "attended_search" not in request.POST:
        if form.is_valid():
            try:
                services.meeting_record(
                    meeting=meeting,
                    user=request.user,
                    minutes=form.cleaned_data["minutes"],
                    minutes_confidential=form.cleaned_data["minutes_confidential"],
                    outcomes=form.outcomes(),
                    attended_user_ids=form.attended_user_ids(),
                    mark_held=form.cleaned_data["mark_held"],
                    publish=publish,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if publish:
                    messages.success(request, _("The minutes were saved and published."))
                else:
                    messages.success(request, _("The minutes were saved."))
                return redirect(f"{meeting.get_absolute_url()}#minutes")
        status = HTTPStatus.BAD_REQUEST
    context = {
        "meeting": meeting,
        "form": form,
        "can_publish_minutes": request.user.has_perm("meetings.publish_minutes", meeting),
        "has_begun": meeting.starts_at <= timezone.now(),
    }
    return render(request, "meetings/minutes_form.html", context, status=status)


@meeting_view("meetings.publish_minutes", methods=("POST",))
def meeting_minutes_publish(request, meeting):
    """Publish the minutes for the members, or take them back to a draft."""
    form = MinutesPublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose whether to publish the minutes or take them back."))
        return redirect(f"{meeting.get_absolute_url()}#minutes")
    try:
        if form.cleaned_data["action"] == "publish":
            services.meeting_minutes_publish(meeting=meeting, user=request.user)
            messages.success(
                request, _("The minutes are published: the community's members can read them now.")
            )
        else:
            services.meeting_minutes_unpublish(meeting=meeting, user=request.user)
            messages.success(request, _("The minutes are a draft again, visible only to the organisers."))
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect(f"{meeting.get_absolute_url()}#minutes")
