"""Each domain action queues the notice for the people concerned, once, after its commit."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from meetings import services as meeting_services
from meetings.models import AgendaItem, Attendance, FacilitatorDecline
from members import services as member_services
from members.models import Community, Membership
from notifications.models import Notification
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory


def queued():
    """(kind, recipient e-mail, key) of every outbox row, in a stable order."""
    return sorted(Notification.objects.values_list("kind", "user__email", "key"))


@pytest.fixture
def community(db):
    return CommunityFactory(name="Personalentwicklung")


def member(community, email, **kwargs):
    return MembershipFactory(community=community, user=UserFactory(email=email), **kwargs).user


@pytest.mark.django_db
def test_declining_tells_the_next_facilitator(community, django_capture_on_commit_callbacks):
    first = member(community, "erste@kassel.de")
    second = member(community, "zweite@kassel.de")
    meeting = MeetingFactory(community=community, facilitator=first)

    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_services.facilitator_decline(meeting=meeting, user=first)

    assert meeting.facilitator == second
    assert queued() == [("facilitator_proposed", "zweite@kassel.de", f"meeting:{meeting.pk}")]


@pytest.mark.django_db
def test_a_rolled_back_action_queues_nothing(community, django_capture_on_commit_callbacks):
    first = member(community, "erste@kassel.de")
    member(community, "zweite@kassel.de")
    meeting = MeetingFactory(community=community, facilitator=first)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        meeting_services.facilitator_decline(meeting=meeting, user=first)
        raise RuntimeError("the surrounding action fails")

    assert (callbacks, queued()) == ([], [])
    meeting.refresh_from_db()
    assert (meeting.facilitator, FacilitatorDecline.objects.count()) == (first, 0)


@pytest.mark.django_db
def test_planning_proposes_facilitators_and_tells_them(community, django_capture_on_commit_callbacks):
    member(community, "erste@kassel.de")

    with django_capture_on_commit_callbacks(execute=True):
        created = meeting_services.meeting_plan_next(community=community, count=1)

    assert queued() == [("facilitator_proposed", "erste@kassel.de", f"meeting:{created[0].pk}")]


@pytest.mark.django_db
@pytest.mark.parametrize("decision", ["accept", "defer", "reject"])
def test_the_proposer_hears_what_became_of_their_item(
    community, decision, django_capture_on_commit_callbacks
):
    proposer = member(community, "vorschlag@kassel.de")
    item = AgendaItemFactory(meeting=MeetingFactory(community=community), proposed_by=proposer)

    with django_capture_on_commit_callbacks(execute=True):
        getattr(meeting_services, f"agenda_item_{decision}")(item=item)

    status = {"accept": "accepted", "defer": "deferred", "reject": "rejected"}[decision]
    assert queued() == [("agenda_item_decided", "vorschlag@kassel.de", f"item:{item.pk}:{status}")]


@pytest.mark.django_db
def test_publishing_the_agenda_tells_the_active_members_with_the_agenda(
    community, django_capture_on_commit_callbacks
):
    member(community, "aktiv@kassel.de")
    member(community, "wartet@kassel.de", status=Membership.Status.WAITLISTED)
    meeting = MeetingFactory(community=community)
    AgendaItemFactory(
        meeting=meeting, title="Check-in", duration_minutes=15, status=AgendaItem.Status.ACCEPTED
    )
    AgendaItemFactory(meeting=meeting, title="Abgelehnt", status=AgendaItem.Status.REJECTED)

    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_services.agenda_publish(meeting=meeting)

    assert queued() == [("agenda_published", "aktiv@kassel.de", f"meeting:{meeting.pk}:seq:1")]
    assert Notification.objects.get().context["items"] == ["Check-in (15 min)"]


@pytest.mark.django_db
def test_moving_and_cancelling_tell_those_who_said_yes_or_maybe(
    community, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(community=community)
    for email, response in (
        ("ja@kassel.de", "yes"),
        ("vielleicht@kassel.de", "maybe"),
        ("nein@kassel.de", "no"),
    ):
        AttendanceFactory(meeting=meeting, user=member(community, email), response=response)
    later = meeting.starts_at + datetime.timedelta(days=7)

    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_services.meeting_update(
            meeting=meeting, starts_at=later, ends_at=later + datetime.timedelta(hours=2)
        )
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.meeting_cancel(meeting=meeting)

    assert queued() == [
        ("meeting_cancelled", "ja@kassel.de", f"meeting:{meeting.pk}"),
        ("meeting_cancelled", "vielleicht@kassel.de", f"meeting:{meeting.pk}"),
        ("meeting_changed", "ja@kassel.de", f"meeting:{meeting.pk}:seq:1"),
        ("meeting_changed", "vielleicht@kassel.de", f"meeting:{meeting.pk}:seq:1"),
    ]
    assert Attendance.objects.count() == 3


@pytest.mark.django_db
def test_a_request_to_join_tells_the_coordinators_and_the_answer_tells_the_person(
    django_capture_on_commit_callbacks,
):
    community = CommunityFactory(join_policy=Community.JoinPolicy.APPROVAL)
    member(community, "koordination@kassel.de", role=Membership.Role.COORDINATOR)
    member(community, "mitglied@kassel.de")
    person = UserFactory(email="neu@kassel.de")

    with django_capture_on_commit_callbacks(execute=True):
        membership = member_services.membership_join(community=community, user=person)
    with django_capture_on_commit_callbacks(execute=True):
        membership = member_services.membership_approve(membership=membership)

    stamp = membership.requested_at.isoformat()
    assert queued() == [
        ("join_requested", "koordination@kassel.de", f"membership:{membership.pk}:pending:{stamp}"),
        ("membership_decided", "neu@kassel.de", f"membership:{membership.pk}:active:{stamp}"),
    ]


@pytest.mark.django_db
def test_landing_on_the_waitlist_tells_the_coordinators(django_capture_on_commit_callbacks):
    community = CommunityFactory(max_members=1)
    member(community, "koordination@kassel.de", role=Membership.Role.COORDINATOR)

    with django_capture_on_commit_callbacks(execute=True):
        membership = member_services.membership_join(community=community, user=UserFactory())

    assert membership.status == Membership.Status.WAITLISTED
    assert [(kind, email) for kind, email, _key in queued()] == [("join_requested", "koordination@kassel.de")]
    assert Notification.objects.get().context["status"] == "waitlisted"


@pytest.mark.django_db
def test_the_same_notice_is_queued_once(community, django_capture_on_commit_callbacks):
    proposer = member(community, "vorschlag@kassel.de")
    item = AgendaItemFactory(meeting=MeetingFactory(community=community), proposed_by=proposer)

    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            meeting_services.agenda_item_accept(item=item)

    assert queued() == [("agenda_item_decided", "vorschlag@kassel.de", f"item:{item.pk}:accepted")]
    assert Notification.objects.get().created_at <= timezone.now()


@pytest.mark.django_db
def test_the_decision_form_passes_the_reason_to_the_proposers_notice(
    community, auth_client, django_capture_on_commit_callbacks
):
    coordinator = member(community, "koordination@kassel.de", role=Membership.Role.COORDINATOR)
    proposer = member(community, "vorschlag@kassel.de")
    meeting = MeetingFactory(community=community)
    item = AgendaItemFactory(meeting=meeting, proposed_by=proposer)
    client = auth_client(coordinator)

    page = client.get(meeting.get_absolute_url())
    assert (
        f'<label class="form-label small mb-0 w-100" for="item-{item.pk}-reason">Begründung (optional, '
        f"geht an die Person, die den TOP eingebracht hat)"
        f'<span class="visually-hidden">: {item.title}</span></label>'
    ) in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/meetings/{meeting.pk}/items/{item.pk}/decide/",
            {"action": "defer", "reason": " Wir brauchen erst die Zahlen. "},
        )

    assert Notification.objects.get().context["reason"] == "Wir brauchen erst die Zahlen."


@pytest.mark.django_db
def test_a_too_long_reason_is_refused_with_a_message_and_nothing_changes(
    community, auth_client, django_capture_on_commit_callbacks
):
    coordinator = member(community, "koordination@kassel.de", role=Membership.Role.COORDINATOR)
    meeting = MeetingFactory(community=community)
    item = AgendaItemFactory(meeting=meeting, proposed_by=member(community, "vorschlag@kassel.de"))

    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client(coordinator).post(
            f"/meetings/{meeting.pk}/items/{item.pk}/decide/",
            {"action": "reject", "reason": "x" * 1001},
            follow=True,
        )

    assert [str(message) for message in response.context["messages"]] == [
        "Bitte fasse die Begründung kürzer (höchstens 1000 Zeichen)."
    ]
    item.refresh_from_db()
    assert (item.status, queued()) == ("proposed", [])
