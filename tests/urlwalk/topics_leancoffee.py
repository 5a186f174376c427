"""URL-walk table for the Lean Coffee live view (topics/leancoffee_views.py).

The live view is meeting content: 404 for everyone outside the community (also signed out, since
the internal community's meetings are for signed-in people only), sign-in for a visitor of a public
community's meeting; members take part, the organisers (here the coordinator) drive the round, and a
member who tries to drive gets 403. Named after topics.py so that its world (the topic) comes first.
"""

import datetime

from django.utils import timezone

from meetings.models import AgendaItem, Meeting
from tests.factories import MembershipFactory

from .spec import LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Case, everyone, redirect, roles

FORBIDDEN = "403"
ITEM = {"pk": "{w.lean_coffee_meeting.pk}", "item_id": "{w.lean_coffee_item.pk}"}
PUBLIC_ITEM = {"pk": "{w.public_meeting.pk}", "item_id": "{w.public_lean_coffee_item.pk}"}
LIVE = redirect("/meetings/{w.lean_coffee_meeting.pk}/lean-coffee/{w.lean_coffee_item.pk}/")

MEMBERS_SEE = roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=OK, coordinator=OK)
POST_ONLY = roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=NOT_ALLOWED, coordinator=NOT_ALLOWED)
MEMBERS_ACT = roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=LIVE, coordinator=LIVE)
PUBLIC_OUTSIDERS = roles(anonymous=LOGIN, non_member=NOT_FOUND, member=NOT_FOUND, coordinator=NOT_FOUND)


def extend_world(world):
    # A meeting of its own, held last week: an open one would add its agenda to the forms and
    # choices (reorder, swap) that other tables count.
    starts = timezone.now() - datetime.timedelta(days=7)
    world.lean_coffee_meeting = Meeting.objects.create(
        community=world.private,
        title="Treffen mit Lean Coffee",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        facilitator=MembershipFactory(community=world.private).user,
        status=Meeting.Status.HELD,
    )
    world.lean_coffee_item = AgendaItem.objects.create(
        meeting=world.lean_coffee_meeting,
        position=1,
        title="Lean Coffee",
        kind=AgendaItem.Kind.LEAN_COFFEE,
        status=AgendaItem.Status.DONE,
        duration_minutes=40,
    )
    world.public_lean_coffee_item = AgendaItem.objects.create(
        meeting=world.public_meeting,
        position=1,
        title="Lean Coffee",
        kind=AgendaItem.Kind.LEAN_COFFEE,
        status=AgendaItem.Status.ACCEPTED,
    )


EXPECTED = {
    "lean_coffee": [
        Case("internal", kwargs=ITEM, get=MEMBERS_SEE),
        Case("public, not a member", kwargs=PUBLIC_ITEM, get=PUBLIC_OUTSIDERS),
        Case(
            "an item of another kind",
            kwargs={"pk": "{w.private_meeting.pk}", "item_id": "{w.private_item.pk}"},
            get=everyone(NOT_FOUND),
        ),
        Case(
            "an item of another meeting",
            kwargs={"pk": "{w.public_meeting.pk}", "item_id": "{w.lean_coffee_item.pk}"},
            get=everyone(NOT_FOUND),
        ),
    ],
    "lean_coffee_state": [
        Case("internal", kwargs=ITEM, get=MEMBERS_SEE),
        Case("public, not a member", kwargs=PUBLIC_ITEM, get=PUBLIC_OUTSIDERS),
    ],
    "lean_coffee_topic_add": [
        Case(
            "internal",
            kwargs=ITEM,
            get=POST_ONLY,
            post=MEMBERS_ACT,
            data={"title": "Feedbackkultur", "description": "Wie geben wir Feedback?"},
        ),
        Case("public, not a member", kwargs=PUBLIC_ITEM, get=PUBLIC_OUTSIDERS, post=PUBLIC_OUTSIDERS),
    ],
    "lean_coffee_vote": [
        Case(
            "internal",
            kwargs=ITEM,
            get=POST_ONLY,
            post=MEMBERS_ACT,
            data={"topic": "{w.private_topic.pk}", "action": "cast"},
        ),
        Case("public, not a member", kwargs=PUBLIC_ITEM, get=PUBLIC_OUTSIDERS, post=PUBLIC_OUTSIDERS),
    ],
    "lean_coffee_thumb": [
        Case("internal", kwargs=ITEM, get=POST_ONLY, post=MEMBERS_ACT, data={"slot": "0", "answer": "up"}),
        Case("public, not a member", kwargs=PUBLIC_ITEM, get=PUBLIC_OUTSIDERS, post=PUBLIC_OUTSIDERS),
    ],
    "lean_coffee_run": [
        Case(
            "internal",
            kwargs=ITEM,
            get=POST_ONLY,
            post=roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=FORBIDDEN, coordinator=LIVE),
            data={"action": "minutes", "minutes": "5"},
        ),
        Case("public, not a member", kwargs=PUBLIC_ITEM, get=PUBLIC_OUTSIDERS, post=PUBLIC_OUTSIDERS),
    ],
}
