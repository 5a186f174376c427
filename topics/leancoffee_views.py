"""The Lean Coffee live view of an agenda item. Thin: parse, check permission (topics/rules.py),
call topics.leancoffee, answer.

Answers follow cop.guards on the meeting: 404 for a meeting the user may not know of, sign-in for a
signed-out visitor, 404 for a signed-in person outside the community (the live view is meeting
content), 405, then 403 for a member who may not drive the round. A refused write is a message,
never a 500. An htmx request gets the live partial back (always 200, the message inside); a plain
form POST is redirected to the live page. The state URL answers 204 while nothing changed.
"""

from functools import wraps
from http import HTTPStatus

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cop.guards import guard
from meetings.models import AgendaItem

from . import leancoffee
from .forms import LeanCoffeeRunForm, LeanCoffeeThumbForm, LeanCoffeeVoteForm, TopicForm
from .models import Topic
from .views import error_text


def _load_item(key) -> AgendaItem:
    """The Lean Coffee item from the URL's meeting and item ids, with its meeting as a meeting page
    loads it; 404 for any other item, before any permission is asked."""
    meeting_id, item_id = key
    item = get_object_or_404(
        leancoffee.lean_coffee_items().select_related(
            "meeting__community", "meeting__community__parent", "meeting__facilitator"
        ),
        pk=item_id,
    )
    # Compared here, not in the query: an id past the database's integers must be a 404, not an error.
    if item.meeting_id != meeting_id:
        raise Http404
    return item


def lean_coffee_view(permission=None, *, methods=("POST",)):
    """cop.guards on the item (the rules read its meeting); the view is called as view(request, item)."""

    def decorator(function):
        guarded = guard(
            _load_item,
            "key",
            know="meetings.view_meeting",
            view="topics.view_lean_coffee",
            permission=permission,
            methods=methods,
            login=True,
        )(function)

        @wraps(function)
        def wrapper(request, pk, item_id):
            return guarded(request, key=(pk, item_id))

        return wrapper

    return decorator


def _context(request, meeting, item) -> dict:
    return {"meeting": meeting, "item": item, **leancoffee.live_state(item, request.user)}


def _live_url(meeting, item) -> str:
    return reverse("lean_coffee", kwargs={"pk": meeting.pk, "item_id": item.pk})


def _answer(request, meeting, item):
    if request.htmx:
        context = {**_context(request, meeting, item), "show_messages": True}
        return render(request, "topics/_leancoffee_live.html", context)
    return redirect(_live_url(meeting, item) + "#lean-coffee-live")


def _run(request, service, success, **kwargs):
    try:
        service(user=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if success:
            messages.success(request, success)


def _page(request, meeting, item, form, status=HTTPStatus.OK):
    context = {**_context(request, meeting, item), "form": form}
    return render(request, "topics/leancoffee.html", context, status=status)


@lean_coffee_view(methods=("GET", "HEAD"))
def lean_coffee(request, item):
    return _page(request, item.meeting, item, TopicForm())


@lean_coffee_view(methods=("GET", "HEAD"))
def lean_coffee_state(request, item):
    """The live partial for polling; 204 when the caller's token `v` is still current."""
    meeting = item.meeting
    round_ = leancoffee.round_of(item)
    token = leancoffee.live_token(item, round_=round_)
    if request.GET.get("v") == token:
        return HttpResponse(status=HTTPStatus.NO_CONTENT)
    state = leancoffee.live_state(item, request.user, round_=round_, token=token)
    return render(request, "topics/_leancoffee_live.html", {"meeting": meeting, "item": item, **state})


@lean_coffee_view("topics.join_lean_coffee")
def lean_coffee_topic_add(request, item):
    meeting = item.meeting
    form = TopicForm(request.POST)
    if form.is_valid():
        try:
            topic = leancoffee.lean_coffee_topic_add(item=item, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("“%(title)s” is collected for the Lean Coffee.") % {"title": topic.title}
            )
            return redirect(_live_url(meeting, item) + "#lean-coffee-live")
    return _page(request, meeting, item, form, HTTPStatus.BAD_REQUEST)


@lean_coffee_view("topics.join_lean_coffee")
def lean_coffee_vote(request, item):
    meeting = item.meeting
    form = LeanCoffeeVoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose to vote or to take your vote back."))
        return _answer(request, meeting, item)
    topic = Topic.objects.filter(pk=form.cleaned_data["topic"]).first()
    if topic is None:
        messages.error(request, _("This topic does not exist (any more)."))
        return _answer(request, meeting, item)
    cast = form.cleaned_data["action"] == "cast"
    success = (
        _("Your vote for “%(title)s” counts.") if cast else _("You took your vote for “%(title)s” back.")
    ) % {"title": topic.title}
    _run(request, leancoffee.lean_coffee_vote, success, item=item, topic=topic, cast=cast)
    return _answer(request, meeting, item)


@lean_coffee_view("topics.join_lean_coffee")
def lean_coffee_thumb(request, item):
    meeting = item.meeting
    form = LeanCoffeeThumbForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please answer with thumbs up or thumbs down."))
    else:
        _run(
            request,
            leancoffee.lean_coffee_thumb,
            _("Your answer counts."),
            item=item,
            slot=form.cleaned_data["slot"],
            up=form.cleaned_data["answer"] == "up",
        )
    return _answer(request, meeting, item)


@lean_coffee_view("topics.run_lean_coffee")
def lean_coffee_run(request, item):
    """The facilitator's buttons: start a topic, another time box, done with a note, minutes, end."""
    meeting = item.meeting
    form = LeanCoffeeRunForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(" ".join(errors) for errors in form.errors.values()))
        return _answer(request, meeting, item)
    data = form.cleaned_data
    action, slot = data["action"], data["slot"]
    if action == "start":
        if data["topic"] is None:
            messages.error(request, _("Please choose a topic to start."))
        else:
            _run(request, leancoffee.lean_coffee_start, "", item=item, topic_id=data["topic"], slot=slot)
    elif action == "continue":
        _run(request, leancoffee.lean_coffee_continue, "", item=item, slot=slot, minutes=data["minutes"])
    elif action == "done":
        _run(
            request,
            leancoffee.lean_coffee_done,
            _("The topic is done; the note is in its outcome and in the minutes."),
            item=item,
            slot=slot,
            note=data["note"],
        )
    elif action == "minutes":
        _run(
            request,
            leancoffee.lean_coffee_set_minutes,
            _("The time box length is saved."),
            item=item,
            minutes=data["minutes"],
        )
    else:
        _run(
            request,
            leancoffee.lean_coffee_finish,
            _("The round has ended; topics not reached stay open on the board."),
            item=item,
        )
    return _answer(request, meeting, item)
