"""The meeting's mails as they arrive at a real SMTP server: the `.ics` attachment read by
independent parsers, the decision's reason, the minutes without their confidential part and the
facilitator's reminder while the minutes are a draft."""

import datetime

import pytest
import vobject
from django.utils import timezone

from calendars.ical import meeting_uid
from meetings import services as meeting_services
from meetings.models import AgendaItem, Meeting
from members.models import Membership
from notifications.models import Notification
from notifications.reminders import queue_reminders
from notifications.services import send_due
from tests.calendars.parsers import ical_js_events
from tests.factories import CommunityFactory, MembershipFactory
from tests.meetings.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory

from .conftest import verify

START = datetime.datetime(2026, 6, 9, 8, 0, tzinfo=datetime.UTC)  # 10:00 in Berlin
# A meeting that has begun, so that its minutes may be published.


@pytest.fixture
def community(db):
    return CommunityFactory(name="Personalentwicklung")


def member(community, email, **kwargs):
    return verify(MembershipFactory(community=community, user__email=email, **kwargs).user)


def deliver(callbacks, action):
    with callbacks(execute=True):
        result = action()
    send_due(now=timezone.now() + datetime.timedelta(seconds=1))
    return result


def attachment(message):
    (part,) = [part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"]
    assert part.get_filename() == "treffen.ics"
    assert part.get_param("method") == "PUBLISH"
    return part.get_content().encode()


def vobject_event(ics: bytes):
    calendar = vobject.readOne(ics.decode())
    (event,) = calendar.vevent_list
    return calendar.method.value, event


def text(message):
    return message.get_body(preferencelist=("plain",)).get_content()


@pytest.mark.django_db
def test_the_published_agenda_carries_the_meeting_as_ics(
    community, smtp_server, django_capture_on_commit_callbacks
):
    member(community, "erika@kassel.de")
    meeting = MeetingFactory(
        community=community,
        title="Treffen im Juni",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
    )
    AgendaItemFactory(
        meeting=meeting, title="Check-in", duration_minutes=15, status=AgendaItem.Status.ACCEPTED
    )

    meeting = deliver(
        django_capture_on_commit_callbacks, lambda: meeting_services.agenda_publish(meeting=meeting)
    )

    (message,) = smtp_server.inbox.messages
    assert message["Subject"] == "Tagesordnung veröffentlicht: Treffen im Juni"
    ics = attachment(message)
    method, event = vobject_event(ics)
    assert (method, event.uid.value, int(event.sequence.value), event.status.value, event.summary.value) == (
        "PUBLISH",
        meeting_uid(meeting.pk),  # the same entry as in the feeds
        1,
        "CONFIRMED",
        "Personalentwicklung: Treffen im Juni",
    )
    assert event.dtstart.value.astimezone(datetime.UTC) == START
    assert "08:00 Check-in" not in event.description.value  # planned times are Berlin time
    assert "10:00 Check-in" in event.description.value
    (js,) = ical_js_events(ics)
    assert (js["tzid"], js["sequence"], js["status"], js["start"]) == (
        "Europe/Berlin",
        1,
        "CONFIRMED",
        "2026-06-09T08:00:00.000Z",
    )


@pytest.mark.django_db
def test_a_moved_and_then_cancelled_meeting_sends_the_updated_ics(
    community, smtp_server, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(
        community=community,
        title="Treffen im Juni",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
    )
    AttendanceFactory(meeting=meeting, user=member(community, "ja@kassel.de"))
    later = START + datetime.timedelta(days=7)

    deliver(
        django_capture_on_commit_callbacks,
        lambda: meeting_services.meeting_update(
            meeting=meeting, starts_at=later, ends_at=later + datetime.timedelta(hours=2)
        ),
    )
    deliver(
        django_capture_on_commit_callbacks,
        lambda: meeting_services.meeting_cancel(meeting=Meeting.objects.get(pk=meeting.pk)),
    )

    moved, cancelled = smtp_server.inbox.messages
    assert [moved["Subject"], cancelled["Subject"]] == [
        "Geändert: Treffen im Juni",
        "Abgesagt: Treffen im Juni",
    ]
    found = []
    for message in (moved, cancelled):
        method, event = vobject_event(attachment(message))
        found.append(
            (
                method,
                int(event.sequence.value),
                event.status.value,
                event.dtstart.value.astimezone(datetime.UTC),
            )
        )
    assert found == [("PUBLISH", 1, "CONFIRMED", later), ("PUBLISH", 2, "CANCELLED", later)]
    assert [(event["sequence"], event["status"]) for event in ical_js_events(attachment(cancelled))] == [
        (2, "CANCELLED")
    ]


@pytest.mark.django_db
def test_mails_without_a_meeting_entry_carry_no_attachment(
    community, smtp_server, django_capture_on_commit_callbacks
):
    proposer = member(community, "vorschlag@kassel.de")
    item = AgendaItemFactory(meeting=MeetingFactory(community=community), proposed_by=proposer)

    deliver(django_capture_on_commit_callbacks, lambda: meeting_services.agenda_item_accept(item=item))

    (message,) = smtp_server.inbox.messages
    assert list(message.iter_attachments()) == []


@pytest.mark.django_db
def test_the_proposer_reads_the_facilitators_reason(
    community, smtp_server, django_capture_on_commit_callbacks
):
    proposer = member(community, "vorschlag@kassel.de", user__first_name="Erika", user__last_name="Muster")
    meeting = MeetingFactory(community=community, title="Treffen im Juni", starts_at=START)
    item = AgendaItemFactory(meeting=meeting, title="Mobiles Arbeiten", proposed_by=proposer)

    deliver(
        django_capture_on_commit_callbacks,
        lambda: meeting_services.agenda_item_reject(item=item, reason="  Passt besser ins Herbsttreffen.  "),
    )

    (message,) = smtp_server.inbox.messages
    assert message["Subject"] == "Dein TOP wurde nicht angenommen"
    assert text(message).splitlines()[:5] == [
        "Hallo Erika Muster,",
        "",
        "dein TOP „Mobiles Arbeiten“ wurde nicht auf die Tagesordnung von „Treffen im Juni“ am "
        "Dienstag, 9. Juni 2026, 10:00 Uhr genommen.",
        "",
        "Begründung der Moderation: Passt besser ins Herbsttreffen.",
    ]


MINUTES = "## Ergebnisse\n\nWir probieren *Working Out Loud* aus."
CONFIDENTIAL = "Fall von Frau K.: Rückkehrgespräch nach langer Krankheit."


@pytest.fixture
def held(community):
    meeting = MeetingFactory(
        community=community,
        title="Treffen im Juni",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
        status=Meeting.Status.HELD,
        minutes=MINUTES,
        minutes_confidential=CONFIDENTIAL,
    )
    AgendaItemFactory(
        meeting=meeting,
        title="Kollegiale Beratung",
        status=AgendaItem.Status.DONE,
        outcome="Drei Ideen gesammelt.",
    )
    return meeting


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["publish", "record"])
def test_members_get_the_published_minutes_without_the_confidential_part(
    community, held, how, smtp_server, django_capture_on_commit_callbacks
):
    coordinator = member(community, "koordination@kassel.de", role=Membership.Role.COORDINATOR)
    member(community, "erika@kassel.de", user__first_name="Erika", user__last_name="Muster")
    member(community, "wartet@kassel.de", status=Membership.Status.WAITLISTED)
    if how == "publish":
        action = lambda: meeting_services.meeting_minutes_publish(meeting=held, user=coordinator)  # noqa: E731
    else:
        action = lambda: meeting_services.meeting_record(meeting=held, user=coordinator, publish=True)  # noqa: E731

    deliver(django_capture_on_commit_callbacks, action)

    assert sorted(smtp_server.inbox.recipients) == [["erika@kassel.de"], ["koordination@kassel.de"]]
    message = {m["To"]: m for m in smtp_server.inbox.messages}["erika@kassel.de"]
    assert message["Subject"] == "Protokoll: Treffen im Juni"
    body = text(message)
    html = message.get_body(preferencelist=("html",)).get_content()
    assert body.splitlines()[2:11] == [
        "das Protokoll von „Treffen im Juni“ von Personalentwicklung am Dienstag, 9. Juni 2026, 10:00 Uhr "
        "ist veröffentlicht.",
        "",
        "## Ergebnisse",
        "",
        "Wir probieren *Working Out Loud* aus.",
        "",
        "Ergebnisse der TOPs:",
        "",
        "- Kollegiale Beratung: Drei Ideen gesammelt.",
    ]
    for part in (body, html, message.as_string()):
        assert "Frau K." not in part
    assert Notification.objects.filter(kind="minutes_published").count() == 2


@pytest.mark.django_db
def test_the_facilitator_is_reminded_once_while_the_minutes_are_a_draft(community, settings):
    settings.NOTIFICATIONS_MINUTES_REMINDER_DAYS = 3
    facilitator = member(community, "moderation@kassel.de")
    now = timezone.now()

    def past(days, **kwargs):
        return MeetingFactory(
            community=community,
            facilitator=facilitator,
            starts_at=now - datetime.timedelta(days=days),
            **kwargs,
        )

    due = past(4, status=Meeting.Status.HELD)
    past(2)  # too early
    past(4, minutes_published_at=now - datetime.timedelta(days=1))  # published
    past(4, status=Meeting.Status.CANCELLED)
    past(30)  # long ago: left alone
    MeetingFactory(community=community, starts_at=now - datetime.timedelta(days=5))  # nobody facilitated

    queue_reminders(now=now)
    queue_reminders(now=now + datetime.timedelta(hours=1))

    assert list(Notification.objects.filter(kind="minutes_reminder").values_list("user__email", "key")) == [
        ("moderation@kassel.de", f"meeting:{due.pk}")
    ]
