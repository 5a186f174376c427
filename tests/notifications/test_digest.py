"""Coordinators hear of the first request to join of a day at once; further ones of the same day
come in one digest per coordinator the next morning, and a second pass sends it no second time."""

import datetime

import pytest
from django.utils import formats, timezone, translation

from members import services as member_services
from members.models import Community, Membership
from notifications.models import Notification
from notifications.reminders import queue_join_request_digests
from notifications.services import send_due
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

from .conftest import verify


def at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def queued():
    return sorted(Notification.objects.values_list("kind", "user__email", "key"))


@pytest.fixture
def community(db):
    community = CommunityFactory(
        name="Personalentwicklung", slug="pe", join_policy=Community.JoinPolicy.APPROVAL
    )
    verify(
        MembershipFactory(
            community=community, user__email="koordination@kassel.de", role=Membership.Role.COORDINATOR
        ).user
    )
    return community


def join(community, first_name, callbacks):
    with callbacks(execute=True):
        return member_services.membership_join(
            community=community, user=UserFactory(first_name=first_name, last_name="Muster")
        )


@pytest.mark.django_db
def test_further_requests_of_a_day_come_in_one_digest_the_next_morning(
    community, smtp_server, django_capture_on_commit_callbacks
):
    first = join(community, "Anna", django_capture_on_commit_callbacks)
    join(community, "Bert", django_capture_on_commit_callbacks)
    join(community, "Cem", django_capture_on_commit_callbacks)
    day = timezone.localtime(first.requested_at).date()
    first_key = f"membership:{first.pk}:pending:{first.requested_at.isoformat()}"
    assert queued() == [("join_requested", "koordination@kassel.de", first_key)]

    for moment in (at(day, 23), at(day + datetime.timedelta(days=1), 6)):  # the day is not over yet
        assert queue_join_request_digests(moment) == 0
    morning = at(day + datetime.timedelta(days=1), 8)
    assert queue_join_request_digests(morning) == 1
    assert queue_join_request_digests(morning + datetime.timedelta(minutes=5)) == 1  # dropped as a duplicate

    assert queued() == [
        ("join_requested", "koordination@kassel.de", first_key),
        ("join_requests_digest", "koordination@kassel.de", f"community:{community.pk}:day:{day.isoformat()}"),
    ]
    send_due(now=morning + datetime.timedelta(minutes=10))
    assert smtp_server.inbox.recipients == [["koordination@kassel.de"]] * 2
    digest = smtp_server.inbox.messages[1]
    with translation.override("de"):
        german_day = formats.date_format(day, "j. F Y")
    assert digest["Subject"] == f"Personalentwicklung: weitere Beitrittsanfragen vom {german_day}"
    text = digest.get_body(preferencelist=("plain",)).get_content()
    assert text.splitlines()[2:10] == [
        f"nach der ersten Anfrage vom {german_day} haben weitere Personen angefragt, Personalentwicklung "
        "beizutreten. Diese Anfragen sind noch offen:",
        "",
        "- Bert Muster",
        "- Cem Muster",
        "",
        "Community verwalten:",
        "https://cop.example.org/communities/pe/manage/",
        "",
    ]


@pytest.mark.django_db
def test_a_request_after_the_first_was_answered_is_sent_at_once_and_answered_ones_leave_the_digest(
    community, django_capture_on_commit_callbacks
):
    first = join(community, "Anna", django_capture_on_commit_callbacks)
    member_services.membership_approve(membership=first)
    second = join(community, "Bert", django_capture_on_commit_callbacks)
    third = join(community, "Cem", django_capture_on_commit_callbacks)
    member_services.membership_approve(membership=third)
    day = timezone.localtime(first.requested_at).date()

    assert [key.split(":")[1] for kind, _email, key in queued() if kind == "join_requested"] == [
        str(first.pk),
        str(second.pk),
    ]
    assert queue_join_request_digests(at(day + datetime.timedelta(days=1), 8)) == 0
