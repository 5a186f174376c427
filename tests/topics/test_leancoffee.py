"""Lean Coffee inside a meeting: collecting, dots, time boxes, thumbs, Done with a note into the
topic's outcome and the minutes; permissions, refusals and the live view's polling."""

import datetime
from http import HTTPStatus

import pytest
import rules
from django.utils import timezone

from meetings.models import AgendaItem, Meeting, MinutesRevision
from members.models import Community, Membership
from tests.accounts.html import parse
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from topics import leancoffee
from topics import selectors as topic_selectors
from topics.models import LeanCoffeeDone, LeanCoffeeRound, LeanCoffeeThumb, Topic, TopicStatus, Vote

from .factories import TopicFactory, VoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(slug="pe", votes_per_member=2)


@pytest.fixture
def facilitator(community):
    return MembershipFactory(community=community).user


@pytest.fixture
def member(community):
    return MembershipFactory(community=community).user


@pytest.fixture
def meeting(community, facilitator):
    return MeetingFactory(
        community=community,
        starts_at=timezone.now() - datetime.timedelta(minutes=10),
        facilitator=facilitator,
        facilitator_confirmed=True,
        title="Treffen im März",
    )


@pytest.fixture
def item(meeting):
    return AgendaItemFactory(
        meeting=meeting,
        title="Lean Coffee",
        kind=AgendaItem.Kind.LEAN_COFFEE,
        status=AgendaItem.Status.ACCEPTED,
        duration_minutes=45,
    )


@pytest.fixture
def topic(community, member):
    return TopicFactory(community=community, title="Feedbackkultur", proposed_by=member)


def url(name, item, suffix=""):
    return f"/meetings/{item.meeting_id}/lean-coffee/{item.pk}/{suffix}"


def client_for(client, user):
    client.force_login(user)
    return client


def refusal(function, **kwargs):
    with pytest.raises(leancoffee.ValidationError) as error:
        function(**kwargs)
    return error.value.messages


def run_out(item):
    """The current time box ran out a minute ago."""
    round_ = LeanCoffeeRound.objects.get(agenda_item=item)
    started = timezone.now() - datetime.timedelta(minutes=round_.current_minutes + 1)
    LeanCoffeeRound.objects.filter(pk=round_.pk).update(current_started_at=started, topic_started_at=started)


# --- a round -----------------------------------------------------------------------------------


def test_a_round_collects_votes_starts_and_moves_a_topic_to_done_with_a_note(
    item, facilitator, member, topic
):
    collected = leancoffee.lean_coffee_topic_add(
        item=item, user=member, title="Mobiles Arbeiten", description=""
    )
    leancoffee.lean_coffee_vote(item=item, user=member, topic=collected, cast=True)
    leancoffee.lean_coffee_vote(item=item, user=facilitator, topic=collected, cast=True)
    assert [(t.title, t.vote_count) for t in leancoffee.live_state(item, member)["todo"]] == [
        ("Mobiles Arbeiten", 2),
        ("Feedbackkultur", 0),
    ]
    round_ = leancoffee.lean_coffee_start(item=item, user=facilitator, topic_id=collected.pk, slot=0)
    assert (round_.current_topic, round_.current_minutes, round_.slot) == (collected, 8, 1)
    assert [t.title for t in leancoffee.live_state(item, member)["todo"]] == ["Feedbackkultur"]

    leancoffee.lean_coffee_done(item=item, user=facilitator, slot=1, note="Wir probieren Desk-Sharing aus.")

    collected.refresh_from_db()
    item.refresh_from_db()
    assert (collected.status, collected.outcome) == (TopicStatus.DISCUSSED, "Wir probieren Desk-Sharing aus.")
    assert item.outcome == "- Mobiles Arbeiten: Wir probieren Desk-Sharing aus."
    assert list(MinutesRevision.objects.values_list("editor", flat=True)) == [facilitator.pk]
    assert list(LeanCoffeeDone.objects.values_list("topic__title", "note", "minutes")) == [
        ("Mobiles Arbeiten", "Wir probieren Desk-Sharing aus.", 1)
    ]
    # The dots of a discussed topic are free again; the topic not reached stays open on the board.
    assert leancoffee.live_state(item, member)["votes_left"] == 2
    topic.refresh_from_db()
    assert topic.status == TopicStatus.OPEN
    round_.refresh_from_db()
    assert (round_.current_topic, round_.current_started_at) == (None, None)


def test_a_second_done_topic_is_a_further_line_of_the_items_outcome(item, facilitator, community):
    first, second = (TopicFactory(community=community, title=t) for t in ("Coaching", "Onboarding"))
    leancoffee.lean_coffee_start(item=item, user=facilitator, topic_id=first.pk, slot=0)
    leancoffee.lean_coffee_done(item=item, user=facilitator, slot=1, note="Pool aufbauen.")
    leancoffee.lean_coffee_start(item=item, user=facilitator, topic_id=second.pk, slot=1)
    leancoffee.lean_coffee_done(item=item, user=facilitator, slot=2, note="")
    item.refresh_from_db()
    assert item.outcome == "- Coaching: Pool aufbauen.\n- Onboarding"


def test_when_time_runs_out_members_answer_with_thumbs_and_the_facilitator_continues(
    item, facilitator, member, topic
):
    leancoffee.lean_coffee_start(item=item, user=facilitator, topic_id=topic.pk, slot=0)
    assert refusal(leancoffee.lean_coffee_thumb, item=item, user=member, slot=1, up=True) == [
        "Du kannst antworten, sobald die Zeit abgelaufen ist."
    ]
    run_out(item)
    leancoffee.lean_coffee_thumb(item=item, user=member, slot=1, up=False)
    leancoffee.lean_coffee_thumb(item=item, user=member, slot=1, up=True)
    leancoffee.lean_coffee_thumb(item=item, user=facilitator, slot=1, up=False)
    state = leancoffee.live_state(item, member)
    assert (state["time_is_up"], state["thumbs"]) == (True, {"up": 1, "down": 1, "mine": "up"})

    round_ = leancoffee.lean_coffee_continue(item=item, user=facilitator, slot=1, minutes=4)
    assert (round_.current_topic, round_.current_minutes, round_.slot) == (topic, 4, 2)
    state = leancoffee.live_state(item, member)
    assert (state["time_is_up"], state["thumbs"]) == (False, {"up": 0, "down": 0, "mine": None})
    assert LeanCoffeeThumb.objects.count() == 2


def test_the_facilitator_sets_the_minutes_per_topic(item, facilitator, topic):
    leancoffee.lean_coffee_set_minutes(item=item, user=facilitator, minutes=5)
    round_ = leancoffee.lean_coffee_start(item=item, user=facilitator, topic_id=topic.pk, slot=0)
    assert round_.current_minutes == 5
    assert round_.ends_at == round_.current_started_at + datetime.timedelta(minutes=5)


def test_ending_the_round_leaves_unreached_topics_open_and_refuses_further_changes(
    item, facilitator, member, topic
):
    leancoffee.lean_coffee_finish(item=item, user=facilitator)
    topic.refresh_from_db()
    assert topic.status == TopicStatus.OPEN
    assert refusal(leancoffee.lean_coffee_start, item=item, user=facilitator, topic_id=topic.pk, slot=0) == [
        "Diese Lean-Coffee-Runde ist beendet."
    ]
    assert refusal(leancoffee.lean_coffee_topic_add, item=item, user=member, title="Noch was") == [
        "Diese Lean-Coffee-Runde ist beendet."
    ]


# --- refusals: a clear message, nothing changed --------------------------------------------------


def test_starting_a_topic_while_another_runs_is_refused(item, facilitator, community, topic):
    other = TopicFactory(community=community, title="Coaching")
    leancoffee.lean_coffee_start(item=item, user=facilitator, topic_id=topic.pk, slot=0)
    assert refusal(leancoffee.lean_coffee_start, item=item, user=facilitator, topic_id=other.pk, slot=1) == [
        "„Feedbackkultur“ wird gerade besprochen. "
        "Schiebe es nach „Erledigt“, bevor du ein anderes Thema startest."
    ]
    assert LeanCoffeeRound.objects.get().current_topic == topic


def test_a_stale_click_is_refused(item, facilitator, topic):
    leancoffee.lean_coffee_start(item=item, user=facilitator, topic_id=topic.pk, slot=0)
    run_out(item)
    leancoffee.lean_coffee_continue(item=item, user=facilitator, slot=1)
    stale = (
        "Die Runde ist inzwischen weitergegangen. "
        "Bitte sieh dir den aktuellen Stand an und versuche es noch einmal."
    )
    assert refusal(leancoffee.lean_coffee_done, item=item, user=facilitator, slot=1, note="Alt") == [stale]
    assert refusal(leancoffee.lean_coffee_continue, item=item, user=facilitator, slot=1) == [stale]
    topic.refresh_from_db()
    assert (topic.status, LeanCoffeeRound.objects.get().slot) == (TopicStatus.OPEN, 2)


def test_done_without_a_running_topic_and_a_too_long_note_are_refused(item, facilitator, topic):
    assert refusal(leancoffee.lean_coffee_done, item=item, user=facilitator, slot=0, note="x") == [
        "Gerade wird kein Thema besprochen."
    ]
    leancoffee.lean_coffee_start(item=item, user=facilitator, topic_id=topic.pk, slot=0)
    assert refusal(leancoffee.lean_coffee_done, item=item, user=facilitator, slot=1, note="x" * 2001) == [
        "Die Notiz darf höchstens 2000 Zeichen lang sein."
    ]
    topic.refresh_from_db()
    item.refresh_from_db()
    assert (topic.status, item.outcome, LeanCoffeeDone.objects.count()) == (TopicStatus.OPEN, "", 0)


def test_a_closed_topic_or_one_of_another_community_cannot_be_started(item, facilitator, community):
    discussed = TopicFactory(community=community, title="Alt", status=TopicStatus.DISCUSSED)
    foreign = TopicFactory(title="Fremd")
    assert refusal(
        leancoffee.lean_coffee_start, item=item, user=facilitator, topic_id=discussed.pk, slot=0
    ) == ["„Alt“ ist nicht mehr offen (Besprochen)."]
    assert refusal(
        leancoffee.lean_coffee_start, item=item, user=facilitator, topic_id=foreign.pk, slot=0
    ) == ["Dieses Thema gehört zu einer anderen Community."]


def test_votes_follow_the_boards_budget_and_refusals(item, member, community, topic):
    second, third, closed = (
        TopicFactory(community=community, title=t, status=s)
        for t, s in (("B", TopicStatus.OPEN), ("C", TopicStatus.OPEN), ("D", TopicStatus.ARCHIVED))
    )
    leancoffee.lean_coffee_vote(item=item, user=member, topic=topic, cast=True)
    assert refusal(leancoffee.lean_coffee_vote, item=item, user=member, topic=topic, cast=True) == [
        "Du hast für dieses Thema schon abgestimmt."
    ]
    leancoffee.lean_coffee_vote(item=item, user=member, topic=second, cast=True)
    assert refusal(leancoffee.lean_coffee_vote, item=item, user=member, topic=third, cast=True) == [
        "Du hast keine Punkte mehr (2 pro Mitglied). Nimm zuerst einen Punkt von einem anderen Thema zurück."
    ]
    assert refusal(leancoffee.lean_coffee_vote, item=item, user=member, topic=closed, cast=True) == [
        "Dieses Thema ist abgeschlossen; Abstimmen ist nicht mehr möglich."
    ]
    assert sorted(Vote.objects.values_list("topic__title", flat=True)) == ["B", "Feedbackkultur"]


def test_only_organisers_drive_and_only_members_take_part(item, member, topic, meeting):
    outsider = UserFactory()
    assert refusal(leancoffee.lean_coffee_start, item=item, user=member, topic_id=topic.pk, slot=0) == [
        "Nur die Moderation, die zugesagt hat, und die Koordination können das Lean Coffee leiten."
    ]
    assert refusal(leancoffee.lean_coffee_topic_add, item=item, user=outsider, title="X") == [
        "Nur aktive Mitglieder der Community können am Lean Coffee teilnehmen."
    ]
    coordinator = MembershipFactory(community=meeting.community, role=Membership.Role.COORDINATOR).user
    round_ = leancoffee.lean_coffee_start(item=item, user=coordinator, topic_id=topic.pk, slot=0)
    assert round_.current_topic == topic
    assert Topic.objects.count() == 1


# --- pages -------------------------------------------------------------------------------------


def test_the_live_page_shows_columns_and_the_end_time_as_text(client, item, facilitator, member, topic):
    leancoffee.lean_coffee_start(item=item, user=facilitator, topic_id=topic.pk, slot=0)
    round_ = LeanCoffeeRound.objects.get()
    response = client_for(client, member).get(url("lean_coffee", item))
    assert response.status_code == HTTPStatus.OK
    text = response.content.decode()
    end = timezone.localtime(round_.ends_at).strftime("%H:%M")
    assert f"Zeitfenster von 8 Minuten bis {end}." in text
    assert "Lean Coffee öffnen" in client.get(f"/meetings/{item.meeting_id}/").content.decode()


def test_polling_answers_204_while_nothing_changed_and_the_partial_after_a_change(
    client, item, facilitator, member, topic
):
    client_for(client, member)
    token = leancoffee.live_token(item)
    assert client.get(url("", item, "state/"), {"v": token}).status_code == HTTPStatus.NO_CONTENT
    VoteFactory(topic=topic, user=facilitator)
    response = client.get(url("", item, "state/"), {"v": token})
    assert response.status_code == HTTPStatus.OK
    assert 'id="lean-coffee-live"' in response.content.decode()
    new_token = leancoffee.live_token(item)
    assert new_token != token
    leancoffee.lean_coffee_start(item=item, user=facilitator, topic_id=topic.pk, slot=0)
    assert leancoffee.live_token(item) != new_token


def test_the_forms_post_and_redirect_without_javascript_and_answer_htmx_with_the_partial(
    client, item, facilitator, topic
):
    client_for(client, facilitator)
    response = client.post(url("", item, "run/"), {"action": "start", "topic": topic.pk, "slot": 0})
    assert (response.status_code, response["Location"]) == (
        HTTPStatus.FOUND,
        f"/meetings/{item.meeting_id}/lean-coffee/{item.pk}/#lean-coffee-live",
    )
    response = client.post(
        url("", item, "run/"), {"action": "start", "topic": topic.pk, "slot": 0}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == HTTPStatus.OK
    assert (
        "„Feedbackkultur“ wird gerade besprochen. "
        "Schiebe es nach „Erledigt“, bevor du ein anderes Thema startest." in response.content.decode()
    )


def test_collecting_an_empty_or_huge_title_keeps_the_input_and_explains(client, item, member):
    client_for(client, member)
    response = client.post(
        url("", item, "topics/"), {"title": "", "description": "<script>alert(1)</script>"}
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()
    response = client.post(url("", item, "topics/"), {"title": "x" * 201})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert Topic.objects.count() == 0


def test_a_secret_communitys_lean_coffee_is_404_for_others_and_an_item_of_another_kind_too(
    client, item, meeting
):
    Community.objects.filter(pk=meeting.community_id).update(
        visibility=Community.Visibility.SECRET, join_policy=Community.JoinPolicy.INVITATION
    )
    client_for(client, UserFactory())
    assert client.get(url("", item)).status_code == HTTPStatus.NOT_FOUND
    assert client.post(url("", item, "run/"), {"action": "finish"}).status_code == HTTPStatus.NOT_FOUND
    other = AgendaItemFactory(meeting=meeting, status=AgendaItem.Status.ACCEPTED)
    client_for(client, meeting.facilitator)
    assert client.get(url("", other)).status_code == HTTPStatus.NOT_FOUND
    assert LeanCoffeeRound.objects.count() == 0


@pytest.mark.parametrize("count", [1, 12])
def test_the_live_views_query_count_does_not_grow_with_topics_and_votes(
    client, django_assert_num_queries, item, facilitator, community, count
):
    voters = [MembershipFactory(community=community).user for _ in range(count)]
    topics = [TopicFactory(community=community) for _ in range(count + 1)]
    for voter in voters:
        for topic in topics[:2]:
            VoteFactory(topic=topic, user=voter)
    leancoffee.lean_coffee_start(item=item, user=facilitator, topic_id=topics[0].pk, slot=0)
    leancoffee.lean_coffee_done(item=item, user=facilitator, slot=1, note="Notiz")
    leancoffee.lean_coffee_start(item=item, user=facilitator, topic_id=topics[-1].pk, slot=1)
    run_out(item)
    client_for(client, facilitator)
    with django_assert_num_queries(11):
        assert client.get(url("", item)).status_code == HTTPStatus.OK
    with django_assert_num_queries(11):
        assert client.get(url("", item, "state/")).status_code == HTTPStatus.OK


def test_the_live_view_polls_until_the_round_has_ended(client, item, facilitator):
    client_for(client, facilitator)
    assert 'hx-trigger="every 3s"' in client.get(url("", item)).content.decode()
    response = client.post(url("", item, "run/"), {"action": "finish"}, follow=True)
    text = response.content.decode()
    assert "Die Runde ist beendet; nicht erreichte Themen bleiben offen im Themenspeicher." in text
    assert 'hx-trigger="every 3s"' not in text


# --- dots used up; where a topic was discussed ---------------------------------------------------------

NONE_LEFT = "Du hast keine Punkte mehr übrig (von 2). Nimm einen Punkt zurück, um ihn neu zu verteilen."


def todo_vote_buttons(html) -> list[tuple]:
    """The To do column's vote buttons: id, action, disabled, what describes them."""
    return [
        (
            button.attrs["id"],
            button.attrs["value"],
            "disabled" in button.attrs,
            button.attrs.get("aria-describedby"),
        )
        for button in parse(html).find_all("button")
        if button.attrs.get("id", "").startswith("lc-vote-")
    ]


def test_with_no_dots_left_the_to_do_column_disables_giving_and_keeps_taking_back(
    client, item, member, community, topic
):
    second, third = (TopicFactory(community=community, title=title) for title in ("B", "C"))
    for voted in (topic, second):
        VoteFactory(topic=voted, user=member)
    client_for(client, member)
    for suffix in ("", "state/"):
        html = client.get(url("", item, suffix)).content.decode()
        assert todo_vote_buttons(html) == [
            (f"lc-vote-{topic.pk}", "withdraw", False, None),
            (f"lc-vote-{second.pk}", "withdraw", False, None),
            (f"lc-vote-{third.pk}", "cast", True, "lc-votes-left"),
        ]
        assert parse(html).find(id="lc-votes-left").text == NONE_LEFT
    Vote.objects.filter(topic=second).delete()
    html = client.get(url("", item)).content.decode()
    assert todo_vote_buttons(html) == [
        (f"lc-vote-{topic.pk}", "withdraw", False, None),
        (f"lc-vote-{second.pk}", "cast", False, None),
        (f"lc-vote-{third.pk}", "cast", False, None),
    ]
    assert parse(html).find(id="lc-votes-left").text == "Du hast noch 1 Punkt (von 2)."


def test_a_forged_dot_in_the_live_view_with_none_left_is_refused(client, item, member, community, topic):
    second, third = (TopicFactory(community=community, title=title) for title in ("B", "C"))
    for voted in (topic, second):
        VoteFactory(topic=voted, user=member)
    client_for(client, member)
    response = client.post(
        url("", item, "vote/"), {"topic": third.pk, "action": "cast"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert [str(message) for message in response.context["messages"]] == [
        "Du hast keine Punkte mehr (2 pro Mitglied). Nimm zuerst einen Punkt von einem anderen Thema zurück."
    ]
    assert todo_vote_buttons(html)[-1] == (f"lc-vote-{third.pk}", "cast", True, "lc-votes-left")
    assert sorted(Vote.objects.filter(user=member).values_list("topic__title", flat=True)) == [
        "B",
        "Feedbackkultur",
    ]


def meeting_note(html, meeting) -> tuple | None:
    for link in parse(html).find("main").find_all("a"):
        if link.attrs.get("href") == f"/meetings/{meeting.pk}/":
            return link.text, link.parent.text
    return None


def test_the_topic_page_names_the_lean_coffee_that_discussed_the_topic(
    client, item, facilitator, member, topic, meeting, django_assert_num_queries
):
    assert (
        meeting_note(client_for(client, member).get(f"/topics/{topic.pk}/").content.decode(), meeting) is None
    )
    leancoffee.lean_coffee_start(item=item, user=facilitator, topic_id=topic.pk, slot=0)
    leancoffee.lean_coffee_done(item=item, user=facilitator, slot=1, note="Gute Ideen")
    # Late in the evening in UTC is the next day in Berlin.
    starts = datetime.datetime(2026, 3, 10, 23, 30, tzinfo=datetime.UTC)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    expected = (
        "Besprochen im Lean Coffee am 11. März 2026",
        "Besprochen im Lean Coffee am 11. März 2026 (Treffen im März)",
    )
    client_for(client, member)
    # As many queries as the page of any topic (tests/topics/test_query_counts.py): the note costs none.
    with django_assert_num_queries(9):
        html = client.get(f"/topics/{topic.pk}/").content.decode()
    assert meeting_note(html, meeting) == expected
    # A signed-in person outside the public community may see its meetings too.
    html = client_for(client, UserFactory()).get(f"/topics/{topic.pk}/").content.decode()
    assert meeting_note(html, meeting) == expected


def test_the_lean_coffee_note_follows_the_meetings_rule(
    client, item, facilitator, member, topic, meeting, monkeypatch
):
    leancoffee.lean_coffee_start(item=item, user=facilitator, topic_id=topic.pk, slot=0)
    leancoffee.lean_coffee_done(item=item, user=facilitator, slot=1, note="")
    monkeypatch.setitem(rules.permissions.permissions, "meetings.view_meeting", rules.always_deny)
    html = client_for(client, member).get(f"/topics/{topic.pk}/").content.decode()
    assert (meeting_note(html, meeting), "Lean Coffee" in html) == (None, False)


def test_the_lean_coffee_that_discussed_a_topic_comes_before_an_agenda_it_was_once_put_on(
    item, facilitator, community, topic
):
    later = MeetingFactory(community=community, title="Abgesagt", status=Meeting.Status.CANCELLED)
    AgendaItemFactory(meeting=later, topic=topic, status=AgendaItem.Status.ACCEPTED)
    assert topic_selectors.topic_agenda_item(topic).meeting == later
    leancoffee.lean_coffee_start(item=item, user=facilitator, topic_id=topic.pk, slot=0)
    leancoffee.lean_coffee_done(item=item, user=facilitator, slot=1, note="")
    found = topic_selectors.topic_agenda_item(topic)
    assert (found, found.in_lean_coffee) == (item, True)
