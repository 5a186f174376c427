"""A member whose dots are all given sees the vote buttons disabled, with the reason next to them;
the buttons to take a dot back stay active, and a forged vote is still refused by the server."""

import json
from http import HTTPStatus

import pytest

from tests.accounts.html import parse
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from topics.models import Vote

from .factories import TopicFactory, VoteFactory

pytestmark = pytest.mark.django_db

NONE_LEFT = "Du hast keine Punkte mehr übrig (von 2). Nimm einen Punkt zurück, um ihn neu zu verteilen."
REFUSED = (
    "Du hast keine Punkte mehr (2 pro Mitglied). Nimm zuerst einen Punkt von einem anderen Thema zurück."
)


@pytest.fixture
def community():
    return CommunityFactory(slug="pe", votes_per_member=2)


@pytest.fixture
def member(community):
    return MembershipFactory(community=community, user=UserFactory(first_name="Mia")).user


@pytest.fixture
def topics(community):
    """Three open topics, oldest first (the board's order when nobody voted)."""
    return [TopicFactory(community=community, title=title) for title in ("Coaching", "Feedback", "Lernen")]


def vote_buttons(html) -> list[tuple]:
    """Each vote form's topic, action, whether its button is disabled and what describes it."""
    rows = []
    for form in parse(html).find_all("form"):
        if not form.attrs.get("action", "").endswith("/vote/"):
            continue
        action = form.find("input", name="action").attrs["value"]
        button = form.find("button")
        rows.append(
            (form.attrs["action"], action, "disabled" in button.attrs, button.attrs.get("aria-describedby"))
        )
    return rows


def triggered(response):
    """The client events an htmx answer sends (HX-Trigger), or None."""
    header = response.headers.get("HX-Trigger")
    return None if header is None else json.loads(header)


def votes_left_text(html) -> str:
    return parse(html).find(id="votes-left").text


def test_with_no_dots_left_the_board_disables_giving_and_keeps_taking_back(client, member, topics):
    coaching, feedback, learning = topics
    for topic in (coaching, feedback):
        VoteFactory(topic=topic, user=member)
    client.force_login(member)
    html = client.get("/communities/pe/topics/").content.decode()
    assert vote_buttons(html) == [
        (f"/topics/{coaching.pk}/vote/", "withdraw", False, None),
        (f"/topics/{feedback.pk}/vote/", "withdraw", False, None),
        (f"/topics/{learning.pk}/vote/", "cast", True, "votes-left"),
    ]
    assert votes_left_text(html) == NONE_LEFT


def test_with_a_dot_left_every_vote_button_of_the_board_is_active(client, member, topics):
    coaching, feedback, learning = topics
    VoteFactory(topic=coaching, user=member)
    client.force_login(member)
    html = client.get("/communities/pe/topics/").content.decode()
    assert vote_buttons(html) == [
        (f"/topics/{coaching.pk}/vote/", "withdraw", False, None),
        (f"/topics/{feedback.pk}/vote/", "cast", False, None),
        (f"/topics/{learning.pk}/vote/", "cast", False, None),
    ]
    assert votes_left_text(html) == "Du hast noch 1 Punkt (von 2)."


def test_the_topic_page_disables_giving_when_no_dots_are_left(client, member, topics):
    coaching, feedback, learning = topics
    for topic in (coaching, feedback):
        VoteFactory(topic=topic, user=member)
    client.force_login(member)
    pages = [client.get(f"/topics/{topic.pk}/").content.decode() for topic in (learning, coaching)]
    assert [(vote_buttons(html), votes_left_text(html)) for html in pages] == [
        ([(f"/topics/{learning.pk}/vote/", "cast", True, "votes-left")], NONE_LEFT),
        ([(f"/topics/{coaching.pk}/vote/", "withdraw", False, None)], NONE_LEFT),
    ]
    Vote.objects.filter(topic=feedback).delete()
    html = client.get(f"/topics/{learning.pk}/").content.decode()
    assert (vote_buttons(html), votes_left_text(html)) == (
        [(f"/topics/{learning.pk}/vote/", "cast", False, None)],
        "Du hast noch 1 Punkt (von 2).",
    )


def test_a_forged_vote_with_no_dots_left_is_refused_and_answers_with_the_disabled_button(
    client, member, topics
):
    coaching, feedback, learning = topics
    for topic in (coaching, feedback):
        VoteFactory(topic=topic, user=member)
    client.force_login(member)
    response = client.post(f"/topics/{learning.pk}/vote/", {"action": "cast"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert (response.status_code, response.context["vote_error"]) == (HTTPStatus.OK, REFUSED)
    assert vote_buttons(html) == [(f"/topics/{learning.pk}/vote/", "cast", True, "votes-left")]
    assert votes_left_text(html) == NONE_LEFT
    # The page showed an active button, so the board is told to bring its other buttons up to date.
    assert triggered(response) == {"voteBudgetChanged": {}}
    assert sorted(Vote.objects.filter(user=member).values_list("topic_id", flat=True)) == [
        coaching.pk,
        feedback.pk,
    ]


@pytest.mark.parametrize(
    ("given", "action", "turned"),
    [
        (0, "cast", False),  # one dot left afterwards
        (1, "cast", True),  # the last dot is given
        (2, "withdraw", True),  # the first dot comes back
        (1, "withdraw", False),  # two left afterwards, as before there was one
    ],
)
def test_the_board_is_told_to_update_its_buttons_only_when_the_budget_runs_out_or_comes_back(
    client, member, topics, given, action, turned
):
    coaching, feedback, learning = topics
    for topic in (coaching, feedback)[:given]:
        VoteFactory(topic=topic, user=member)
    target = coaching if action == "withdraw" else learning
    client.force_login(member)
    response = client.post(
        f"/topics/{target.pk}/vote/", {"action": action, "back": "board"}, headers={"HX-Request": "true"}
    )
    assert (response.status_code, response.context["vote_error"]) == (HTTPStatus.OK, "")
    assert triggered(response) == ({"voteBudgetChanged": {}} if turned else None)


def test_the_boards_list_reloads_alone_with_the_current_filter_and_page(client, member, topics):
    coaching, feedback, learning = topics
    for topic in (coaching, feedback):
        VoteFactory(topic=topic, user=member)
    client.force_login(member)
    page = parse(client.get("/communities/pe/topics/?status=open&page=1").content)
    board_list = page.find(id="board-topics")
    assert {name: board_list.attrs.get(name) for name in ("hx-get", "hx-trigger", "hx-target")} == {
        "hx-get": "/communities/pe/topics/?status=open&page=1",
        "hx-trigger": "voteBudgetChanged from:body",
        "hx-target": "this",
    }
    response = client.get(
        "/communities/pe/topics/?status=open&page=1",
        headers={"HX-Request": "true", "HX-Target": "board-topics"},
    )
    html = response.content.decode()
    assert (response.status_code, html.startswith('<div id="board-topics"')) == (HTTPStatus.OK, True)
    assert "<main" not in html
    assert vote_buttons(html) == [
        (f"/topics/{coaching.pk}/vote/", "withdraw", False, None),
        (f"/topics/{feedback.pk}/vote/", "withdraw", False, None),
        (f"/topics/{learning.pk}/vote/", "cast", True, "votes-left"),
    ]


def test_a_non_members_board_does_not_reload_and_shows_no_vote_buttons(client, topics):
    client.force_login(UserFactory())
    html = client.get("/communities/pe/topics/").content.decode()
    board_list = parse(html).find(id="board-topics")
    assert (board_list.attrs.get("hx-get"), vote_buttons(html)) == (None, [])
