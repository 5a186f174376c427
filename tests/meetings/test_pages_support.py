"""Fixtures shared by the meeting page tests (test_views*.py, test_pages*.py import them by name).

A members-only community with a coordinator, a facilitator, two members and an outsider, and one
upcoming meeting on Tuesday, 9 March 2027, 10:00–12:00 Berlin time, which the facilitator has
accepted (a merely proposed facilitator may not change the meeting yet; tests of proposing and
answering set facilitator_confirmed=False first).
"""

import datetime
from types import SimpleNamespace

import pytest

from meetings.models import AgendaItem, Meeting
from members.models import Community, Membership
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

from .conftest import berlin
from .factories import AgendaItemFactory, MeetingFactory

START = berlin(2027, 3, 9, 10, 0)


@pytest.fixture
def cop(db):
    return CommunityFactory(
        name="Personalentwicklung", slug="personalentwicklung", visibility=Community.Visibility.INTERNAL
    )


@pytest.fixture
def people(cop):
    def member(first_name, role=Membership.Role.MEMBER):
        user = UserFactory(first_name=first_name, last_name="Mustermann")
        MembershipFactory(community=cop, user=user, role=role)
        return user

    return SimpleNamespace(
        coordinator=member("Clara", Membership.Role.COORDINATOR),
        facilitator=member("Fritz"),
        member=member("Mia"),
        other_member=member("Otto"),
        outsider=UserFactory(first_name="Xaver", last_name="Außenstehend"),
    )


@pytest.fixture
def meeting(cop, people):
    return MeetingFactory(
        community=cop,
        title="Treffen März 2027",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
        facilitator=people.facilitator,
        facilitator_confirmed=True,
    )


@pytest.fixture
def make_item(meeting, people):
    def _item(title, *, status=AgendaItem.Status.PROPOSED, by=None, minutes=20, position=None, **kwargs):
        extra = {"position": position} if position is not None else {}
        return AgendaItemFactory(
            meeting=kwargs.pop("on", meeting),
            title=title,
            status=status,
            proposed_by=by or people.member,
            duration_minutes=minutes,
            **extra,
            **kwargs,
        )

    return _item


def accepted_titles(meeting: Meeting) -> list[str]:
    return list(
        meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED)
        .order_by("position", "pk")
        .values_list("title", flat=True)
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]
