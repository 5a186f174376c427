"""The topic board and topic pages. Views stay thin: parse, check permission (rules.py), call a service.

Permission answers follow cop.guards, as on the meeting pages:
- a user who may not know of the community (members-only, not a member) gets 404, for GET and POST,
  also when signed out;
- a signed-out visitor of a public community is sent to sign in before any change;
- a user who may see the topic but lacks the right for a change gets 403.
Voting answers an htmx request with the topic's vote partial (always 200, the message inside, as
htmx swaps only successful answers) and a plain form POST with a redirect.
"""

from http import HTTPStatus

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import trigger_client_event

from cop.guards import guard
from cop.pagination import paginate
from members.views import load_community

from . import selectors, services
from .forms import StatusFilterForm, TopicForm, VoteForm
from .models import BOARD_DEFAULT_STATUSES
from .suggestions import spin_off_suggestions_context

TOPICS_PER_PAGE = 20
# The board's list of topics (topics/_board_topics.html): reloaded alone when the vote budget turns.
BOARD_TOPICS_ID = "board-topics"
# Sent with a vote answer whose budget ran out or came back: the board reloads its list, so that the
# other topics' vote buttons are disabled or enabled too.
BUDGET_CHANGED_EVENT = "voteBudgetChanged"


def _topics_view(load, key, permission, methods, login):
    """cop.guards with the topics' two steps: 404 for a community the user may not know of; a
    visitor of a public community is asked to sign in (topics are for signed-in people there); a
    signed-in person who may not see the topics (an internal community's outsider) gets 404."""
    return guard(
        load,
        key,
        know="topics.know_of_topics",
        view="topics.view_topics",
        permission=permission,
        methods=methods,
        login=login,
    )


def board_view(permission=None, *, methods=("GET", "POST")):
    """Load the community by slug (404 if invisible), then sign-in, method (405) and `permission`."""

    return _topics_view(load_community, "slug", permission, methods, login=False)


def topic_view(permission=None, *, methods=("GET", "POST"), login=True):
    """Load the topic by id (404 if invisible), then sign-in, method (405) and `permission`."""

    def load(pk):
        return get_object_or_404(selectors.topic_for_page(), pk=pk)

    return _topics_view(load, "pk", permission, methods, login)


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _member_context(request, community) -> dict:
    user = request.user
    is_member = user.has_perm("topics.propose_topic", community)
    return {
        "is_member": is_member,
        "can_see_names": user.has_perm("topics.see_names", community),
        "votes_left": selectors.votes_left(user=user, community=community) if is_member else None,
    }


def _schedule_context(request, community) -> dict:
    """The next meeting, for those who may pull topics into its agenda."""
    if not request.user.has_perm("topics.schedule_topics", community):
        return {"schedule_meeting": None}
    return {"schedule_meeting": selectors.next_open_meeting(community)}


# --- the board ------------------------------------------------------------------------------------


@board_view(methods=("GET", "HEAD"))
def topic_board(request, community):
    filter_form = StatusFilterForm(request.GET)
    status = filter_form.cleaned_data["status"] if filter_form.is_valid() else ""
    statuses = [status] if status else list(BOARD_DEFAULT_STATUSES)
    topics = selectors.board_topics(community, request.user, statuses=statuses)
    page, page_notice = paginate(request, topics, TOPICS_PER_PAGE)
    context = {
        "community": community,
        "page": page,
        "topics": page.object_list,
        "page_notice": page_notice,
        "filter_form": filter_form,
        "status": status,
        "form": TopicForm(),
        **_member_context(request, community),
        **_schedule_context(request, community),
    }
    if request.htmx and request.htmx.target == BOARD_TOPICS_ID:
        return render(request, "topics/_board_topics.html", context)
    return render(request, "topics/board.html", context)


@board_view("topics.propose_topic")
def topic_create(request, community):
    form = TopicForm(request.POST or None)
    status = HTTPStatus.OK
    if request.method == "POST":
        if form.is_valid():
            try:
                topic = services.topic_propose(community=community, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Your topic “%(title)s” is on the board.") % {"title": topic.title}
                )
                return redirect("topic_board", slug=community.slug)
        status = HTTPStatus.BAD_REQUEST
    context = {"community": community, "form": form, "topic": None}
    return render(request, "topics/topic_form.html", context, status=status)


# --- one topic ------------------------------------------------------------------------------------


@topic_view(methods=("GET", "HEAD"), login=False)
def topic_detail(request, topic):
    user = request.user
    community = topic.community
    context = {
        "community": community,
        "topic": selectors.topic_ranked(topic, user),
        "can_edit": user.has_perm("topics.edit_topic", topic),
        "can_archive": user.has_perm("topics.archive_topic", topic),
        "can_spin_off": user.has_perm("topics.spin_off_topic", topic),
        **_member_context(request, community),
    }
    context["voters"] = selectors.topic_voters(topic) if context["can_see_names"] else []
    item = selectors.topic_agenda_item(topic)
    # The meeting is named and linked only for those who may see it.
    context["agenda_item"] = item if item and user.has_perm("meetings.view_meeting", item.meeting) else None
    context["spin_offs"] = selectors.topic_spin_offs(topic, user)
    context.update(spin_off_suggestions_context(request, topic, can_see_names=context["can_see_names"]))
    return render(request, "topics/topic_detail.html", context)


@topic_view("topics.edit_topic")
def topic_edit(request, topic):
    form = TopicForm(request.POST or None, initial={"title": topic.title, "description": topic.description})
    status = HTTPStatus.OK
    if request.method == "POST":
        if form.is_valid():
            try:
                services.topic_update(topic=topic, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The topic was saved."))
                return redirect(topic)
        status = HTTPStatus.BAD_REQUEST
    context = {"community": topic.community, "form": form, "topic": topic}
    return render(request, "topics/topic_form.html", context, status=status)


@topic_view("topics.archive_topic", methods=("POST",))
def topic_archive(request, topic):
    try:
        services.topic_archive(topic=topic, user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request, _("“%(title)s” was archived; its votes are free again.") % {"title": topic.title}
        )
    return redirect(topic)


def _budget_turned(form, error, votes_left) -> bool:
    """Whether the member's last dot was just given or their first one came back: then the other vote
    buttons on the page change too. A refused cast with none left counts: the page showed a stale button."""
    if not form.is_valid() or votes_left is None:
        return False
    if form.cleaned_data["action"] == "cast":
        return votes_left == 0
    return not error and votes_left == 1


@topic_view("topics.propose_topic", methods=("POST",))
def topic_vote(request, topic):
    """Cast or take back a vote. Members only; a closed topic answers with a message, not a 403."""
    form = VoteForm(request.POST)
    error = ""
    if not form.is_valid():
        error = _("Please choose to vote or to take your vote back.")
    else:
        action = form.cleaned_data["action"]
        service = services.vote_cast if action == "cast" else services.vote_withdraw
        try:
            service(topic=topic, user=request.user)
        except ValidationError as refused:
            error = error_text(refused)
    if request.htmx:
        context = {
            "topic": selectors.topic_ranked(topic, request.user),
            "community": topic.community,
            "vote_error": error,
            "oob": True,
            **_member_context(request, topic.community),
        }
        response = render(request, "topics/_vote.html", context)
        if _budget_turned(form, error, context["votes_left"]):
            trigger_client_event(response, BUDGET_CHANGED_EVENT)
        return response
    if error:
        messages.error(request, error)
    elif form.cleaned_data["action"] == "cast":
        messages.success(request, _("Your vote for “%(title)s” counts.") % {"title": topic.title})
    else:
        messages.success(request, _("You took your vote for “%(title)s” back.") % {"title": topic.title})
    if request.POST.get("back") == "board":
        return redirect(reverse("topic_board", kwargs={"slug": topic.community.slug}) + f"#topic-{topic.pk}")
    return redirect(topic)


@topic_view("topics.schedule_topic", methods=("POST",))
def topic_schedule(request, topic):
    """Pull the topic into the next meeting's agenda; back to the board."""
    try:
        item = services.topic_schedule(topic=topic, user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("“%(title)s” is on the agenda of “%(meeting)s”.")
            % {"title": topic.title, "meeting": item.meeting},
        )
    return redirect("topic_board", slug=topic.community.slug)
