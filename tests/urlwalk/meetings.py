"""URL-walk table for meetings/urls.py.

The meetings of an internal or secret community are for its members: everyone else gets 404, for
GET and POST alike and before any sign-in redirect. A member who may see a meeting but lacks the right for a
change (agenda decisions, minutes, moving or cancelling, planning) gets 403. The world's member is
a plain member; the meeting's facilitator is someone else, so the member's rights are the minimum.

Two more meetings make the world's member their facilitator: one where they are only proposed
(403 on the organisers' pages until they accept) and one they have accepted (allowed).
"""

import datetime

from django.utils import timezone

from meetings.models import AgendaItem, Meeting
from tests.factories import MembershipFactory

from .spec import FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Case, everyone, redirect, roles

PRIVATE_MEETING = {"pk": "{w.private_meeting.pk}"}
PUBLIC_MEETING = {"pk": "{w.public_meeting.pk}"}
PRIVATE_ITEM = {"pk": "{w.private_meeting.pk}", "item_id": "{w.private_item.pk}"}
PRIVATE = {"slug": "{w.private.slug}"}
PUBLIC = {"slug": "{w.public.slug}"}
SECRET = {"slug": "{w.secret.slug}"}
SECRET_MEETING = {"pk": "{w.secret_meeting.pk}"}
# Only `member` belongs to the secret community.
SECRET_MEMBERS_SEE = roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=OK, coordinator=NOT_FOUND)
MEETING_PAGE = redirect("/meetings/{w.private_meeting.pk}/")
MEETINGS_LIST = redirect("/communities/{w.private.slug}/meetings/")
PROPOSED_MEETING = {"pk": "{w.proposed_meeting.pk}"}
ACCEPTED_MEETING = {"pk": "{w.accepted_meeting.pk}"}
ORGANISER = roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=OK, coordinator=OK)
ORGANISER_ACTS = roles(
    anonymous=NOT_FOUND,
    non_member=NOT_FOUND,
    member=redirect("/meetings/{w.accepted_meeting.pk}/"),
    coordinator=redirect("/meetings/{w.accepted_meeting.pk}/"),
)
PROPOSED_REFUSED = roles(
    anonymous=NOT_FOUND,
    non_member=NOT_FOUND,
    member=FORBIDDEN,
    coordinator=redirect("/meetings/{w.proposed_meeting.pk}/"),
)

MEMBERS_SEE = roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=OK, coordinator=OK)
COORDINATORS_ONLY = roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=FORBIDDEN, coordinator=OK)
POST_ONLY = roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=NOT_ALLOWED, coordinator=NOT_ALLOWED)
COORDINATOR_ACTS = roles(
    anonymous=NOT_FOUND, non_member=NOT_FOUND, member=FORBIDDEN, coordinator=MEETING_PAGE
)


def extend_world(world):
    facilitator = MembershipFactory(community=world.private).user
    starts = timezone.now() + datetime.timedelta(days=30)
    world.private_meeting = Meeting.objects.create(
        community=world.private,
        title="Treffen im geheimen Kreis",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        facilitator=facilitator,
    )
    world.private_item = AgendaItem.objects.create(
        meeting=world.private_meeting, position=1, title="Mobiles Arbeiten", proposed_by=world.member
    )
    world.secret_meeting = Meeting.objects.create(
        community=world.secret,
        title="Treffen der verschwiegenen Runde",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    for name, confirmed in (("proposed_meeting", False), ("accepted_meeting", True)):
        setattr(
            world,
            name,
            Meeting.objects.create(
                community=world.private,
                title=f"Treffen, das das Mitglied moderiert ({name})",
                starts_at=starts + datetime.timedelta(days=90 if confirmed else 60),
                ends_at=starts + datetime.timedelta(days=90 if confirmed else 60, hours=2),
                facilitator=world.member,
                facilitator_confirmed=confirmed,
            ),
        )
    world.public_meeting = Meeting.objects.create(
        community=world.public,
        title="Offenes Treffen",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )


EXPECTED = {
    "community_meetings": [
        Case("internal", kwargs=PRIVATE, get=MEMBERS_SEE),
        Case("secret", kwargs=SECRET, get=SECRET_MEMBERS_SEE),
        Case("public", kwargs=PUBLIC, get=everyone(OK)),
        Case("unknown slug", kwargs={"slug": "gibt-es-nicht"}, get=everyone(NOT_FOUND)),
    ],
    "meetings_plan": [
        Case(
            "internal",
            kwargs=PRIVATE,
            get=POST_ONLY,
            post=roles(
                anonymous=NOT_FOUND, non_member=NOT_FOUND, member=FORBIDDEN, coordinator=MEETINGS_LIST
            ),
        ),
        Case(
            "public, coordinated by someone else",
            kwargs=PUBLIC,
            get=roles(anonymous=LOGIN, non_member=NOT_ALLOWED, member=NOT_ALLOWED, coordinator=NOT_ALLOWED),
            post=roles(anonymous=LOGIN, non_member=FORBIDDEN, member=FORBIDDEN, coordinator=FORBIDDEN),
        ),
    ],
    "community_cadence": [
        Case("internal", kwargs=PRIVATE, get=COORDINATORS_ONLY),
        Case(
            "public, coordinated by someone else",
            kwargs=PUBLIC,
            get=roles(anonymous=LOGIN, non_member=FORBIDDEN, member=FORBIDDEN, coordinator=FORBIDDEN),
        ),
    ],
    "meeting_detail": [
        Case("internal", kwargs=PRIVATE_MEETING, get=MEMBERS_SEE),
        Case("secret", kwargs=SECRET_MEETING, get=SECRET_MEMBERS_SEE),
        Case("the member is only proposed as facilitator", kwargs=PROPOSED_MEETING, get=MEMBERS_SEE),
        Case("public", kwargs=PUBLIC_MEETING, get=everyone(OK)),
        Case("unknown", kwargs={"pk": "999999"}, get=everyone(NOT_FOUND)),
    ],
    "meeting_edit": [
        Case("internal", kwargs=PRIVATE_MEETING, get=COORDINATORS_ONLY),
        Case("the member is only proposed as facilitator", kwargs=PROPOSED_MEETING, get=COORDINATORS_ONLY),
        Case("the member has accepted to facilitate", kwargs=ACCEPTED_MEETING, get=ORGANISER),
        Case(
            "public, not organised by anyone here",
            kwargs=PUBLIC_MEETING,
            get=roles(anonymous=LOGIN, non_member=FORBIDDEN, member=FORBIDDEN, coordinator=FORBIDDEN),
        ),
    ],
    "meeting_cancel": [
        Case("internal", kwargs=PRIVATE_MEETING, get=COORDINATORS_ONLY, post=COORDINATOR_ACTS),
    ],
    "meeting_people": [
        # The search needs ?for=facilitator|presenter|attended (tests/meetings/test_choosers.py).
        Case(
            "internal, without saying what is chosen",
            kwargs=PRIVATE_MEETING,
            get=roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=NOT_FOUND, coordinator=NOT_FOUND),
            post=roles(
                anonymous=NOT_FOUND, non_member=NOT_FOUND, member=NOT_ALLOWED, coordinator=NOT_ALLOWED
            ),
        ),
    ],
    "meeting_facilitator": [
        Case(
            "internal, neither is the facilitator",
            kwargs=PRIVATE_MEETING,
            get=POST_ONLY,
            # "Only the proposed facilitator can accept …": a message on the meeting page.
            post=roles(
                anonymous=NOT_FOUND, non_member=NOT_FOUND, member=MEETING_PAGE, coordinator=MEETING_PAGE
            ),
            data={"action": "decline"},
        ),
    ],
    "agenda_item_create": [
        Case(
            "internal",
            kwargs=PRIVATE_MEETING,
            get=MEMBERS_SEE,
            post=roles(
                anonymous=NOT_FOUND, non_member=NOT_FOUND, member=MEETING_PAGE, coordinator=MEETING_PAGE
            ),
            data={"title": "Konfliktmanagement", "kind": "discussion", "duration_minutes": "20"},
        ),
        Case(
            "public, not a member",
            kwargs=PUBLIC_MEETING,
            get=roles(anonymous=LOGIN, non_member=FORBIDDEN, member=FORBIDDEN, coordinator=FORBIDDEN),
        ),
    ],
    "agenda_item_edit": [
        Case(
            "internal, the member's own proposal",
            kwargs=PRIVATE_ITEM,
            get=MEMBERS_SEE,
            post=roles(
                anonymous=NOT_FOUND, non_member=NOT_FOUND, member=MEETING_PAGE, coordinator=MEETING_PAGE
            ),
            data={"title": "Mobiles Arbeiten 2.0", "kind": "discussion", "duration_minutes": "25"},
        ),
        Case(
            "item of another meeting",
            kwargs={"pk": "{w.public_meeting.pk}", "item_id": "{w.private_item.pk}"},
            get=roles(anonymous=LOGIN, non_member=NOT_FOUND, member=NOT_FOUND, coordinator=NOT_FOUND),
        ),
    ],
    "agenda_item_decide": [
        Case(
            "internal",
            kwargs=PRIVATE_ITEM,
            get=POST_ONLY,
            post=COORDINATOR_ACTS,
            data={"action": "accept"},
        ),
    ],
    "agenda_item_timebox": [
        Case(
            "internal, a proposal",
            kwargs=PRIVATE_ITEM,
            get=COORDINATORS_ONLY,
            post=COORDINATOR_ACTS,
            data={
                "duration_minutes": "25",
                "kind": "input",
                "presenter": "",
                "positions": "{w.private_item.pk}",
            },
        ),
        Case(
            "item of another meeting",
            kwargs={"pk": "{w.public_meeting.pk}", "item_id": "{w.private_item.pk}"},
            get=roles(anonymous=LOGIN, non_member=FORBIDDEN, member=FORBIDDEN, coordinator=FORBIDDEN),
        ),
        Case(
            "secret",
            kwargs={"pk": "{w.secret_meeting.pk}", "item_id": "{w.private_item.pk}"},
            get=roles(anonymous=NOT_FOUND, non_member=NOT_FOUND, member=FORBIDDEN, coordinator=NOT_FOUND),
        ),
    ],
    "meeting_host": [
        Case(
            "internal",
            kwargs=PRIVATE_MEETING,
            get=POST_ONLY,
            post=COORDINATOR_ACTS,
            data={"organisation": ""},
        ),
        Case(
            "the member is only proposed as facilitator",
            kwargs=PROPOSED_MEETING,
            get=POST_ONLY,
            post=PROPOSED_REFUSED,
            data={"organisation": ""},
        ),
        Case(
            "the member has accepted to facilitate",
            kwargs=ACCEPTED_MEETING,
            get=POST_ONLY,
            post=ORGANISER_ACTS,
            data={"organisation": ""},
        ),
    ],
    "agenda_template": [
        Case(
            "internal",
            kwargs=PRIVATE_MEETING,
            get=POST_ONLY,
            post=COORDINATOR_ACTS,
            data={"template": "regular"},
        ),
        Case(
            "the member is only proposed as facilitator",
            kwargs=PROPOSED_MEETING,
            get=POST_ONLY,
            post=PROPOSED_REFUSED,
            data={"template": "regular"},
        ),
        Case(
            "the member has accepted to facilitate",
            kwargs=ACCEPTED_MEETING,
            get=POST_ONLY,
            post=ORGANISER_ACTS,
            data={"template": "regular"},
        ),
    ],
    "agenda_publish": [
        Case("internal", kwargs=PRIVATE_MEETING, get=POST_ONLY, post=COORDINATOR_ACTS),
        Case(
            "the member is only proposed as facilitator",
            kwargs=PROPOSED_MEETING,
            get=POST_ONLY,
            post=PROPOSED_REFUSED,
        ),
        Case(
            "the member has accepted to facilitate",
            kwargs=ACCEPTED_MEETING,
            get=POST_ONLY,
            post=ORGANISER_ACTS,
        ),
    ],
    "meeting_rsvp": [
        Case(
            "internal",
            kwargs=PRIVATE_MEETING,
            get=POST_ONLY,
            post=roles(
                anonymous=NOT_FOUND, non_member=NOT_FOUND, member=MEETING_PAGE, coordinator=MEETING_PAGE
            ),
            data={"response": "yes"},
        ),
        Case(
            "public, not a member",
            kwargs=PUBLIC_MEETING,
            get=roles(anonymous=LOGIN, non_member=NOT_ALLOWED, member=NOT_ALLOWED, coordinator=NOT_ALLOWED),
            post=roles(anonymous=LOGIN, non_member=FORBIDDEN, member=FORBIDDEN, coordinator=FORBIDDEN),
            data={"response": "yes"},
        ),
    ],
    "meeting_minutes": [
        Case("internal", kwargs=PRIVATE_MEETING, get=COORDINATORS_ONLY),
        Case("the member is only proposed as facilitator", kwargs=PROPOSED_MEETING, get=COORDINATORS_ONLY),
        Case("the member has accepted to facilitate", kwargs=ACCEPTED_MEETING, get=ORGANISER),
    ],
    # Publishing before the meeting has begun: refused with a message on the meeting page.
    "meeting_minutes_publish": [
        Case(
            "internal",
            kwargs=PRIVATE_MEETING,
            get=POST_ONLY,
            post=COORDINATOR_ACTS,
            data={"action": "publish"},
        ),
        Case(
            "the member is only proposed as facilitator",
            kwargs=PROPOSED_MEETING,
            get=POST_ONLY,
            post=PROPOSED_REFUSED,
            data={"action": "publish"},
        ),
        Case(
            "the member has accepted to facilitate",
            kwargs=ACCEPTED_MEETING,
            get=POST_ONLY,
            post=ORGANISER_ACTS,
            data={"action": "publish"},
        ),
    ],
}
