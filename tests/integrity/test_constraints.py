"""The database refuses rows that break the domain's invariants, whatever code writes them.

Each case makes a valid row, then writes a bad value past the model's validation (a queryset
update, as a migration, a bulk fix or a bug would) and expects the database to refuse it, naming
the broken constraint, with the row left as it was.
"""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F

from calendars.models import RenderedEvent
from cop.models import LegalPage
from meetings.models import Meeting
from members.models import Community, Membership
from notifications.models import Kind, Notification, Unsubscription
from tests.factories import CommunityFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.meetings.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory
from tests.topics.factories import TopicFactory
from topics.models import LeanCoffeeRound


def _notification():
    return Notification.objects.create(kind=Kind.AGENDA_PUBLISHED, user=UserFactory(), key="meeting:1")


def _unsubscription():
    return Unsubscription.objects.create(kind=Kind.AGENDA_PUBLISHED, user=UserFactory())


def _rendered_event():
    return RenderedEvent.objects.create(
        meeting=MeetingFactory(), variant=RenderedEvent.Variant.PUBLIC, key="k", text="BEGIN:VEVENT"
    )


def _legal_page():
    return LegalPage.objects.create(kind=LegalPage.Kind.IMPRINT, title="Impressum", body="Stadt Kassel")


def _lean_coffee_round():
    return LeanCoffeeRound.objects.create(agenda_item=AgendaItemFactory())


def _confirmed_meeting():
    return MeetingFactory(facilitator=UserFactory(), facilitator_confirmed=True)


# (make a valid row, the bad values, what the database's message names)
REFUSED = {
    "organisation kind": (OrganisationFactory, {"kind": "village"}, "organisation_kind_valid"),
    "organisation its own parent": (
        OrganisationFactory,
        {"parent_id": F("id")},
        "organisation_not_own_parent",
    ),
    "user e-mail in upper case": (UserFactory, {"email": "Erika@Kassel.example"}, "user_email_lower_case"),
    "community its own parent": (CommunityFactory, {"parent_id": F("id")}, "community_not_own_parent"),
    "community visibility": (CommunityFactory, {"visibility": "hidden"}, "community_visibility_valid"),
    "community join policy": (CommunityFactory, {"join_policy": "anyone"}, "community_join_policy_valid"),
    "community secret but open": (
        CommunityFactory,
        {"visibility": Community.Visibility.SECRET, "join_policy": Community.JoinPolicy.OPEN},
        "community_secret_by_invitation_only",
    ),
    "community rotation mode": (
        CommunityFactory,
        {"rotation_mode": "random"},
        "community_rotation_mode_valid",
    ),
    "community meeting format": (
        CommunityFactory,
        {"meeting_format": "letter"},
        "community_meeting_format_valid",
    ),
    "community week of month 0": (CommunityFactory, {"cadence_week": 0}, "community_cadence_week_valid"),
    "community week of month 5": (CommunityFactory, {"cadence_week": 5}, "community_cadence_week_valid"),
    "community weekday Saturday": (
        CommunityFactory,
        {"cadence_weekday": 5},
        "community_cadence_weekday_valid",
    ),
    "community weekday Sunday": (CommunityFactory, {"cadence_weekday": 6}, "community_cadence_weekday_valid"),
    # Below 0 the positive field's own check (named after the column) may answer first.
    "community weekday -1": (CommunityFactory, {"cadence_weekday": -1}, "cadence_weekday"),
    "community max members 0": (CommunityFactory, {"max_members": 0}, "community_max_members_range"),
    "community every 0 months": (CommunityFactory, {"cadence_months": 0}, "community_cadence_months_range"),
    "community every 13 months": (CommunityFactory, {"cadence_months": 13}, "community_cadence_months_range"),
    "community meeting of 0 minutes": (
        CommunityFactory,
        {"meeting_duration_minutes": 0},
        "community_meeting_duration_minutes_range",
    ),
    "community meeting of 721 minutes": (
        CommunityFactory,
        {"meeting_duration_minutes": 721},
        "community_meeting_duration_minutes_range",
    ),
    "community 0 votes": (CommunityFactory, {"votes_per_member": 0}, "community_votes_per_member_range"),
    "community 21 votes": (CommunityFactory, {"votes_per_member": 21}, "community_votes_per_member_range"),
    "membership role": (MembershipFactory, {"role": "owner"}, "membership_role_valid"),
    "membership status": (MembershipFactory, {"status": "banned"}, "membership_status_valid"),
    "active membership without join date": (
        MembershipFactory,
        {"joined_at": None},
        "membership_active_has_join_date",
    ),
    "meeting format": (MeetingFactory, {"format": "letter"}, "meeting_format_valid"),
    "meeting status": (MeetingFactory, {"status": "postponed"}, "meeting_status_valid"),
    "confirmed facilitation without facilitator": (
        _confirmed_meeting,
        {"facilitator": None},
        "meeting_confirmed_facilitator_exists",
    ),
    "meeting ends before it starts": (
        MeetingFactory,
        {"ends_at": F("starts_at") - datetime.timedelta(minutes=1)},
        "meeting_ends_after_start",
    ),
    "meeting sequence below 0": (MeetingFactory, {"sequence": -1}, "sequence"),
    "agenda item kind": (AgendaItemFactory, {"kind": "rant"}, "agenda_item_kind_valid"),
    "agenda item status": (AgendaItemFactory, {"status": "maybe"}, "agenda_item_status_valid"),
    "agenda item of 0 minutes": (
        AgendaItemFactory,
        {"duration_minutes": 0},
        "agenda_item_duration_minutes_range",
    ),
    "agenda item of 241 minutes": (
        AgendaItemFactory,
        {"duration_minutes": 241},
        "agenda_item_duration_minutes_range",
    ),
    "agenda item position below 0": (AgendaItemFactory, {"position": -1}, "position"),
    "attendance response": (AttendanceFactory, {"response": "perhaps"}, "attendance_response_valid"),
    "topic status": (TopicFactory, {"status": "deleted"}, "topic_status_valid"),
    "lean coffee time box of 0 minutes": (
        _lean_coffee_round,
        {"slot_minutes": 0},
        "lean_coffee_round_slot_minutes_range",
    ),
    "lean coffee time box of 61 minutes": (
        _lean_coffee_round,
        {"current_minutes": 61},
        "lean_coffee_round_current_minutes_range",
    ),
    "notification kind": (_notification, {"kind": "spam"}, "notification_kind_valid"),
    "notification status": (_notification, {"status": "lost"}, "notification_status_valid"),
    "notification attempts below 0": (_notification, {"attempts": -1}, "attempts"),
    "unsubscription kind": (_unsubscription, {"kind": "spam"}, "unsubscription_kind_valid"),
    "rendered event variant": (_rendered_event, {"variant": "secret"}, "rendered_event_variant_valid"),
    "legal page kind": (_legal_page, {"kind": "cookies"}, "legal_page_kind_valid"),
}


def _stored(row, fields):
    row = type(row).objects.get(pk=row.pk)
    return {field: getattr(row, field) for field in fields}


@pytest.mark.django_db
@pytest.mark.parametrize("make, bad, constraint", REFUSED.values(), ids=REFUSED.keys())
def test_the_database_refuses(make, bad, constraint):
    row = make()
    fields = [field.removesuffix("_id") if field.endswith("_id") else field for field in bad]
    before = _stored(row, fields)

    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        type(row).objects.filter(pk=row.pk).update(**bad)

    assert constraint in str(refused.value)
    assert _stored(row, fields) == before


# The edges that are allowed, so that no constraint is stricter than the domain.
ACCEPTED = {
    "community without member limit": (CommunityFactory, {"max_members": None}),
    "community of one": (CommunityFactory, {"max_members": 1}),
    "community last week of the month, Friday": (
        CommunityFactory,
        {"cadence_week": -1, "cadence_weekday": 4},
    ),
    "community every 12 months, 720 minutes, 20 votes": (
        CommunityFactory,
        {"cadence_months": 12, "meeting_duration_minutes": 720, "votes_per_member": 20},
    ),
    "pending membership without join date": (
        lambda: MembershipFactory(status=Membership.Status.PENDING),
        {"joined_at": None},
    ),
    "proposed facilitator, not confirmed": (
        MeetingFactory,
        {"facilitator_confirmed": False, "facilitator": None},
    ),
    "attendance without a response": (AttendanceFactory, {"response": ""}),
    "agenda item of 1 minute": (AgendaItemFactory, {"duration_minutes": 1}),
    "lean coffee time boxes of 1 and 60 minutes": (
        _lean_coffee_round,
        {"slot_minutes": 1, "current_minutes": 60},
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("make, good", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_the_database_accepts_the_edges(make, good):
    row = make()

    assert type(row).objects.filter(pk=row.pk).update(**good) == 1
    assert _stored(row, good) == good


@pytest.mark.django_db
def test_bulk_created_rows_are_checked_too():
    community = CommunityFactory()
    user = UserFactory()

    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        Membership.objects.bulk_create(
            [Membership(community=community, user=user, status=Membership.Status.ACTIVE, joined_at=None)]
        )

    assert "membership_active_has_join_date" in str(refused.value)
    assert list(Membership.objects.filter(community=community)) == []


@pytest.mark.django_db
def test_deleting_a_confirmed_facilitator_leaves_the_meeting_unconfirmed():
    facilitator = UserFactory()
    meeting = MeetingFactory(facilitator=facilitator, facilitator_confirmed=True)

    facilitator.delete()

    meeting = Meeting.objects.get(pk=meeting.pk)
    assert (meeting.facilitator_id, meeting.facilitator_confirmed) == (None, False)
