"""Forms submitted after someone else changed things: no 500, only a message, a 403 or a 404.

Each role's forms are read from the pages first (as in tests/test_bad_input.py); then the world
changes the way another person's action would change it (the meeting is cancelled, held or moved
into the past, the agenda published or cleared, the facilitator replaced, the member has left, the
community is full, the request already decided); then every form is sent as the page filled it in.
"""

import datetime

import pytest
from django.utils import timezone

from meetings.models import AgendaItem, Meeting
from members.models import Community, Membership
from tests.badinput.world import clients_by_role, extend_for_bad_input
from tests.factories import MembershipFactory
from tests.test_bad_input import SAME_FOR_EVERYONE, discover, send
from tests.test_url_walk import world as url_walk_world  # noqa: F401 - the URL walk's fixture

STALE_ROLES = ("non_member", "member", "facilitator", "coordinator")


def meeting_moved_into_the_past(w):
    starts = timezone.now() - datetime.timedelta(days=3)
    Meeting.objects.filter(pk=w.private_meeting.pk).update(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )


CHANGES = {
    "meeting cancelled": lambda w: Meeting.objects.filter(community=w.private).update(
        status=Meeting.Status.CANCELLED
    ),
    "meeting held": lambda w: Meeting.objects.filter(pk=w.private_meeting.pk).update(
        status=Meeting.Status.HELD
    ),
    "meeting moved into the past": meeting_moved_into_the_past,
    "agenda published": lambda w: Meeting.objects.filter(pk=w.private_meeting.pk).update(
        status=Meeting.Status.PUBLISHED
    ),
    "agenda items deleted": lambda w: AgendaItem.objects.filter(meeting=w.private_meeting).delete(),
    "agenda items decided": lambda w: AgendaItem.objects.filter(meeting=w.private_meeting).update(
        status=AgendaItem.Status.DONE
    ),
    "facilitator replaced": lambda w: Meeting.objects.filter(community=w.private).update(
        facilitator=MembershipFactory(community=w.private).user
    ),
    "member and facilitator left": lambda w: Membership.objects.filter(
        community=w.private, user__in=[w.member, w.facilitator]
    ).update(status=Membership.Status.LEFT),
    "community full": lambda w: Community.objects.filter(pk__in=[w.private.pk, w.public.pk]).update(
        max_members=1
    ),
    "request already decided": lambda w: Membership.objects.filter(pk=w.pending.pk).update(
        status=Membership.Status.ACTIVE, joined_at=timezone.now()
    ),
}


@pytest.fixture
def world(url_walk_world):  # noqa: F811
    return extend_for_bad_input(url_walk_world)


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_stale_form_gives_a_message_not_a_server_error(change, world):
    clients = clients_by_role(world)
    forms = {
        role: [
            target
            for target in discover(clients[role], world)
            if not target.from_table and (role == "member" or target.url_name not in SAME_FOR_EVERYONE)
        ]
        for role in STALE_ROLES
    }
    CHANGES[change](world)
    failures = []
    for role, targets in forms.items():
        for target in targets:
            form = target.form
            outcome = send(
                clients[role], form.method, form.action, form.baseline(), htmx=form.htmx, follow=True
            )
            if not outcome.startswith(("2", "3", "4")):
                failures.append(
                    f"{form.method.upper()} {form.action} ({target.url_name}) as {role}: {outcome}"
                )
    assert sum(len(targets) for targets in forms.values()) > 30
    assert failures == []
