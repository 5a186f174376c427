"""The meetings part of `manage.py demo_data` (meetings/demo.py)."""

from collections import Counter
from http import HTTPStatus
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cop import demo
from meetings.cadence import BERLIN
from meetings.models import AgendaItem, Attendance, Meeting, MinutesRevision
from meetings.rotation import next_facilitator
from meetings.selectors import agenda_with_times, attendance_overview, my_facilitations
from members import demo_data as data
from members.models import Community, Membership, User

pytestmark = pytest.mark.django_db

MEETING_MODELS = {
    "meetings.Meeting",
    "meetings.AgendaItem",
    "meetings.Attendance",
    "meetings.FacilitatorDecline",
    "meetings.MinutesRevision",
}
REGULAR_AGENDA = ["checkin", "lean_coffee", "lean_coffee", "input", "peer_consultation", "retrospective"]


def run_demo_data(*args):
    call_command("demo_data", *args, stdout=StringIO(), stderr=StringIO())


def meetings_of(slug):
    return Meeting.objects.filter(community__slug=slug).select_related("facilitator", "host_organisation")


def past_of(slug):
    return list(meetings_of(slug).past().order_by("starts_at"))


def upcoming_of(slug):
    return list(meetings_of(slug).upcoming())


def pool_of(slug):
    """The rotation pool in the rule's order for people who never had a turn: earliest membership first."""
    memberships = Membership.objects.active().filter(community__slug=slug, in_rotation=True)
    return [m.user for m in memberships.select_related("user").order_by("joined_at", "pk")]


def month_number(meeting):
    local = timezone.localtime(meeting.starts_at, BERLIN)
    return local.year * 12 + local.month


# --- Personalentwicklung: history ----------------------------------------------------------------


def test_personalentwicklung_met_every_three_months_over_the_last_year_and_a_half():
    run_demo_data()

    past = past_of(data.PERSONALENTWICKLUNG)

    assert [meeting.status for meeting in past] == [Meeting.Status.HELD] * 6
    assert [month_number(b) - month_number(a) for a, b in zip(past, past[1:], strict=False)] == [3] * 5
    assert 480 < (timezone.now() - past[0].starts_at).days < 570
    # The community's rule: second Tuesday of the month, 10:00 to 12:00 Berlin time.
    local = [timezone.localtime(meeting.starts_at, BERLIN) for meeting in past]
    assert {(day.weekday(), (day.day - 1) // 7, day.hour, day.minute) for day in local} == {(1, 1, 10, 0)}
    assert {meeting.duration_minutes for meeting in past} == {120}


def test_every_past_meeting_has_minutes_with_decisions_and_next_steps():
    run_demo_data()

    minutes = [meeting.minutes for meeting in past_of(data.PERSONALENTWICKLUNG)]

    assert [
        (text.startswith("**Moderation:** "), "## Besprochen" in text, "## Beschlüsse" in text)
        for text in minutes
    ] == [(True, True, True)] * 6
    assert ["## Nächste Schritte" in text for text in minutes] == [True] * 6


def test_the_minutes_name_the_facilitator_the_rotation_chose():
    run_demo_data()

    past = past_of(data.PERSONALENTWICKLUNG)

    assert [meeting.minutes.splitlines()[0].split(" · ")[0] for meeting in past] == [
        f"**Moderation:** {meeting.facilitator.display_name}" for meeting in past
    ]


def test_every_past_meeting_has_an_accepted_facilitator_and_their_organisation_as_host():
    run_demo_data()

    past = past_of(data.PERSONALENTWICKLUNG)

    assert [
        (
            meeting.facilitator is not None,
            meeting.facilitator_confirmed,
            meeting.host_organisation is not None
            and meeting.host_organisation_id == meeting.facilitator.organisation_id,
        )
        for meeting in past
    ] == [(True, True, True)] * 6


def test_facilitators_took_turns_in_the_order_of_the_rotation_rule():
    run_demo_data()
    pool = pool_of(data.PERSONALENTWICKLUNG)

    meetings = list(meetings_of(data.PERSONALENTWICKLUNG).not_cancelled().order_by("starts_at"))

    # Nobody has had a second turn yet, so the rule gives the turns by membership age.
    assert [meeting.facilitator for meeting in meetings] == pool[: len(meetings)]
    assert pool[0].email == data.COMMUNITY_COORDINATOR_EMAIL
    assert (
        next_facilitator(community=Community.objects.get(slug=data.PERSONALENTWICKLUNG))
        == pool[len(meetings)]
    )


def test_nobody_in_the_pool_has_two_more_turns_than_another():
    run_demo_data()
    pool = pool_of(data.PERSONALENTWICKLUNG)

    turns = Counter(
        meetings_of(data.PERSONALENTWICKLUNG).not_cancelled().values_list("facilitator", flat=True)
    )

    counts = [turns[user.pk] for user in pool]
    assert max(counts) - min(counts) <= 1
    assert set(turns) <= {user.pk for user in pool}


def test_the_site_coordinator_who_is_not_in_the_rotation_never_facilitated():
    run_demo_data()

    facilitators = set(meetings_of(data.PERSONALENTWICKLUNG).values_list("facilitator__email", flat=True))

    assert data.SITE_COORDINATOR_EMAIL not in facilitators


def test_past_agendas_follow_the_regular_format_and_every_item_has_an_outcome():
    run_demo_data()

    past = past_of(data.PERSONALENTWICKLUNG)

    kinds = [
        list(meeting.agenda_items.filter(status=AgendaItem.Status.DONE).values_list("kind", flat=True))
        for meeting in past
    ]
    assert kinds == [REGULAR_AGENDA] * 6
    assert [agenda_with_times(meeting).total_minutes for meeting in past] == [120] * 6
    assert AgendaItem.objects.filter(meeting__in=past, outcome="").count() == 0
    assert set(AgendaItem.objects.filter(meeting__in=past).values_list("status", flat=True)) == {
        AgendaItem.Status.DONE,
        AgendaItem.Status.DEFERRED,
    }


def test_inputs_and_peer_consultations_name_who_presented():
    run_demo_data()

    presenters = AgendaItem.objects.filter(
        meeting__in=past_of(data.PERSONALENTWICKLUNG), kind__in=["input", "peer_consultation"]
    ).values_list("presenter", flat=True)

    assert None not in list(presenters)


def test_attendance_is_recorded_for_members_who_had_joined_by_then():
    run_demo_data()
    past = past_of(data.PERSONALENTWICKLUNG)
    joined = dict(
        Membership.objects.filter(community__slug=data.PERSONALENTWICKLUNG).values_list("user", "joined_at")
    )

    for meeting in past:
        rows = list(Attendance.objects.filter(meeting=meeting))
        present = [row.user_id for row in rows if row.attended]
        assert meeting.facilitator_id in present
        assert len(present) > len(rows) / 2
        assert [row.user_id for row in rows if joined[row.user_id] > meeting.starts_at] == []
        assert f"**Anwesend:** {len(present)} Personen" in meeting.minutes


# --- Personalentwicklung: the next meetings ------------------------------------------------------


def test_the_next_meetings_were_planned_for_the_coming_year_with_proposed_facilitators():
    run_demo_data()

    upcoming = upcoming_of(data.PERSONALENTWICKLUNG)
    last_past = past_of(data.PERSONALENTWICKLUNG)[-1]

    assert len(upcoming) in (4, 5)
    assert month_number(upcoming[0]) - month_number(last_past) == 3
    assert [(m.status, m.facilitator is not None, m.slot == m.starts_at.date()) for m in upcoming] == [
        (Meeting.Status.PLANNED, True, True)
    ] * len(upcoming)
    assert [m.facilitator_confirmed for m in upcoming] == [True] + [False] * (len(upcoming) - 1)


def test_the_next_meeting_has_an_agenda_in_progress():
    run_demo_data()
    next_meeting = upcoming_of(data.PERSONALENTWICKLUNG)[0]

    items = next_meeting.agenda_items.order_by("position").select_related("proposed_by")
    accepted = [
        (i.kind, i.title, i.duration_minutes) for i in items if i.status == AgendaItem.Status.ACCEPTED
    ]
    proposed = {(i.title, i.proposed_by.email) for i in items if i.status == AgendaItem.Status.PROPOSED}

    assert accepted == [
        ("checkin", "Check-in: Was nehmt Ihr aus diesem Jahr mit?", 10),
        ("lean_coffee", "Lean Coffee", 35),
        ("input", "Input: Onboarding für neue Führungskräfte in Hannover", 30),
        ("retrospective", "Retrospektive und Übergabe an die nächste Moderation", 10),
    ]
    assert proposed == {
        ("Konfliktmanagement: Wie erreichen wir Führungskräfte früher?", "tobias.test@muenster.example"),
        ("Azubi-Onboarding mit einer Lern-App", "hanna.musterfrau@se-hannover.example"),
        (
            "Kollegiale Beratung: Rückkehrgespräche, die nicht wie Kontrolle wirken",
            "ole.entwurf@muenster.example",
        ),
    }
    agenda = agenda_with_times(next_meeting)
    assert (agenda.total_minutes, agenda.overrun) == (85, False)


def test_the_item_deferred_at_the_last_meeting_is_proposed_for_the_next_one():
    run_demo_data()
    last_past = past_of(data.PERSONALENTWICKLUNG)[-1]
    next_meeting = upcoming_of(data.PERSONALENTWICKLUNG)[0]

    deferred = last_past.agenda_items.get(status=AgendaItem.Status.DEFERRED)

    assert [(copy.meeting, copy.status, copy.title) for copy in deferred.deferred_copies.all()] == [
        (next_meeting, AgendaItem.Status.PROPOSED, deferred.title)
    ]


def test_members_have_answered_for_the_next_meeting():
    run_demo_data()
    next_meeting = upcoming_of(data.PERSONALENTWICKLUNG)[0]

    answers = dict(next_meeting.attendances.values_list("user__email", "response"))

    assert attendance_overview(next_meeting).counts == {"yes": 6, "maybe": 2, "no": 1}
    assert answers[next_meeting.facilitator.email] == Attendance.Response.YES


def test_the_demo_coordinator_is_proposed_to_facilitate_an_upcoming_meeting():
    run_demo_data()
    coordinator = User.objects.get(email=data.COMMUNITY_COORDINATOR_EMAIL)

    facilitations = my_facilitations(coordinator)

    assert len(facilitations) >= 1
    assert {(m.community.slug, m.facilitator_confirmed) for m in facilitations} == {
        (data.WORKING_OUT_LOUD, False)
    }


def test_the_coordinators_dashboard_offers_to_accept_their_turn(client):
    run_demo_data()
    coordinator = User.objects.get(email=data.COMMUNITY_COORDINATOR_EMAIL)
    first = my_facilitations(coordinator)[0]
    client.force_login(coordinator)

    response = client.get("/")

    content = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert 'id="my-facilitations"' in content
    assert f'action="/meetings/{first.pk}/facilitator/"' in content


def test_past_minutes_are_published_and_the_latest_are_still_a_draft():
    run_demo_data()

    past = past_of(data.PERSONALENTWICKLUNG)

    assert [meeting.minutes_are_published for meeting in past] == [True] * 5 + [False]
    assert [
        list(
            MinutesRevision.objects.filter(meeting=meeting)
            .order_by("created_at", "pk")
            .values_list("editor", "published")
        )
        for meeting in past
    ] == [[(m.facilitator_id, False), (m.facilitator_id, True)] for m in past[:-1]] + [
        [(past[-1].facilitator_id, False)]
    ]


def test_one_peer_consultation_has_a_confidential_part_shown_to_members_marked_confidential(client):
    run_demo_data()
    confidential = [m for m in past_of(data.PERSONALENTWICKLUNG) if m.minutes_confidential]
    assert [
        (m.agenda_items.filter(kind=AgendaItem.Kind.PEER_CONSULTATION).get().title, m.minutes_are_published)
        for m in confidential
    ] == [("Kollegiale Beratung: Rückkehr nach langer Krankheit gut begleiten", True)]
    meeting = confidential[0]
    client.force_login(User.objects.get(email=data.COMMUNITY_COORDINATOR_EMAIL))

    content = client.get(meeting.get_absolute_url()).content.decode()

    assert ">vertraulich</span>" in content
    assert "Vertraulich – kollegiale Beratung, Fall von Ole:" in content


def test_a_member_reads_published_minutes_and_visitors_do_not(client):
    run_demo_data()
    meeting = past_of(data.PERSONALENTWICKLUNG)[-2]
    decision = "Im Herbst vergleichen wir die Nutzungszahlen unserer digitalen Lernangebote."

    visitor = client.get(meeting.get_absolute_url()).content.decode()
    member = User.objects.filter(
        memberships__community__slug=data.PERSONALENTWICKLUNG,
        memberships__status=Membership.Status.ACTIVE,
        memberships__role=Membership.Role.MEMBER,
    ).first()
    client.force_login(member)
    response = client.get(meeting.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    assert (decision in visitor, decision in response.content.decode()) == (False, True)
    assert "<h2>Beschlüsse</h2>" in response.content.decode()


def test_the_latest_draft_is_for_the_facilitator_not_for_members(client):
    run_demo_data()
    meeting = past_of(data.PERSONALENTWICKLUNG)[-1]
    marker = "Entwurf – nur für Moderation und Koordination sichtbar"
    member = (
        User.objects.filter(
            memberships__community__slug=data.PERSONALENTWICKLUNG,
            memberships__status=Membership.Status.ACTIVE,
            memberships__role=Membership.Role.MEMBER,
        )
        .exclude(pk=meeting.facilitator_id)
        .first()
    )

    client.force_login(member)
    member_page = client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(meeting.facilitator)
    facilitator_page = client.get(meeting.get_absolute_url()).content.decode()

    assert (marker in member_page, marker in facilitator_page) == (False, True)
    # Members learn that minutes will follow; the organisers see the draft instead.
    pending = "Das Protokoll ist noch nicht veröffentlicht."
    assert (pending in member_page, pending in facilitator_page) == (True, False)


# --- Working Out Loud and Digitale Verwaltung ----------------------------------------------------


def test_working_out_loud_met_monthly_for_an_hour_and_its_next_circle_meeting_has_an_agenda():
    run_demo_data()

    past = past_of(data.WORKING_OUT_LOUD)
    next_meeting = upcoming_of(data.WORKING_OUT_LOUD)[0]

    assert [(m.status, m.duration_minutes, bool(m.minutes)) for m in past] == [
        (Meeting.Status.HELD, 60, True)
    ] * 3
    assert [month_number(b) - month_number(a) for a, b in zip(past, past[1:], strict=False)] == [1, 1]
    assert next_meeting.duration_minutes == 60
    statuses = Counter(next_meeting.agenda_items.values_list("status", flat=True))
    assert statuses == {AgendaItem.Status.ACCEPTED: 2, AgendaItem.Status.PROPOSED: 1}
    assert agenda_with_times(next_meeting).total_minutes == 35


def test_digitale_verwaltung_organisations_take_turns_hosting():
    run_demo_data()

    past = past_of(data.DIGITALE_VERWALTUNG)
    upcoming = upcoming_of(data.DIGITALE_VERWALTUNG)
    meetings = past + upcoming

    assert [m.host_organisation.name for m in past] == ["Landeshauptstadt Hannover", "Stadt Heidelberg"]
    assert [m.status for m in past] == [Meeting.Status.HELD] * 2
    assert [m.host_organisation_id == m.facilitator.organisation_id for m in meetings] == [True] * len(
        meetings
    )
    # Five organisations have people in the pool: each hosts once before anyone hosts again.
    assert len({m.host_organisation_id for m in meetings[:5]}) == 5
    assert past[0].location == "Gastgeber: Landeshauptstadt Hannover; Einwahl für alle möglich"


def test_kollegiale_beratung_is_left_without_meetings_to_try_planning():
    run_demo_data()

    assert list(meetings_of(data.KOLLEGIALE_BERATUNG)) == []


# --- Idempotence and scale -----------------------------------------------------------------------


def test_running_twice_changes_no_counts_of_meetings_items_or_answers():
    run_demo_data()
    first = demo.model_counts()

    run_demo_data()

    assert set(first) >= MEETING_MODELS
    assert demo.model_counts() == first
    assert first["meetings.Meeting"] > 0


def test_a_community_that_already_has_meetings_is_left_alone():
    run_demo_data()
    kept = past_of(data.PERSONALENTWICKLUNG)[0]
    meetings_of(data.PERSONALENTWICKLUNG).exclude(pk=kept.pk).delete()

    run_demo_data()

    assert list(meetings_of(data.PERSONALENTWICKLUNG)) == [kept]


def test_scale_two_gives_every_cluster_community_held_and_planned_meetings():
    run_demo_data("--scale", "2")

    rows = {
        slug: [(m.status, m.facilitator_confirmed) for m in meetings_of(slug).order_by("starts_at")]
        for slug in data.cluster_community_slugs(2)
    }

    held, planned = (Meeting.Status.HELD, True), (Meeting.Status.PLANNED, False)
    assert rows == {slug: [held, held, planned, planned] for slug in data.cluster_community_slugs(2)}


def test_cluster_meetings_follow_the_rotation_so_planning_continues_it():
    run_demo_data("--scale", "2")

    for slug in data.cluster_community_slugs(2):
        pool = pool_of(slug)
        facilitators = [m.facilitator for m in meetings_of(slug).order_by("starts_at")]
        expected = [pool[i % len(pool)] for i in range(4)]
        assert (slug, facilitators) == (slug, expected)
        assert next_facilitator(community=Community.objects.get(slug=slug)) == pool[4 % len(pool)]


def test_scaled_run_twice_changes_no_counts():
    run_demo_data("--scale", "2")
    first = demo.model_counts()

    run_demo_data("--scale", "2")

    assert demo.model_counts() == first


def test_scaling_up_later_adds_cluster_meetings_and_keeps_the_base_ones():
    run_demo_data()
    base = set(Meeting.objects.values_list("pk", flat=True))

    run_demo_data("--scale", "2")

    added = Meeting.objects.exclude(pk__in=base)
    assert set(added.values_list("community__slug", flat=True)) == set(data.cluster_community_slugs(2))
    assert added.count() == 16


def test_demo_meeting_rows_pass_model_validation():
    run_demo_data("--scale", "2")

    invalid = []
    for model in (Meeting, AgendaItem, Attendance):
        for instance in model.objects.all():
            try:
                instance.full_clean()
            except Exception as error:  # noqa: BLE001 - collect every invalid row, not just the first
                invalid.append((model.__name__, instance.pk, error))
    assert invalid == []
