"""Every write the meetings domain knows, in parts: planning, facilitation, agenda, RSVP and minutes.

Each function is keyword-only and atomic, locks the rows it changes, validates before it saves and
raises django.core.exceptions.ValidationError with a message meant for the user. Functions that
change a meeting return the fresh object; use the return value rather than the one passed in.
Every change a calendar must see (time, place, link, title, status) raises Meeting.sequence by 1.
Callers use `from meetings import services` and the names below.
"""

from ._common import (
    CALENDAR_FIELDS,
    MAX_MEETING_MINUTES,
    MAX_MINUTES_LENGTH,
    MAX_PLAN_COUNT,
    MEETING_YEARS_AHEAD,
    default_title,
    meeting_time_check,
    register_agenda_changed_step,
    register_meeting_closed_step,
)
from .agenda import (
    AGENDA_TEMPLATES,
    ITEM_FIELDS,
    agenda_apply_template,
    agenda_item_accept,
    agenda_item_defer,
    agenda_item_move,
    agenda_item_propose,
    agenda_item_reject,
    agenda_item_update,
    agenda_order,
    agenda_publish,
)
from .facilitation import (
    facilitations_release,
    facilitator_accept,
    facilitator_decline,
    facilitator_set,
    facilitator_swap,
)
from .minutes import (
    attendance_respond,
    meeting_minutes_publish,
    meeting_minutes_unpublish,
    meeting_record,
)
from .planning import (
    CADENCE_FIELDS,
    community_cadence_update,
    meeting_cancel,
    meeting_create,
    meeting_plan_next,
    meeting_set_host,
    meeting_update,
)

__all__ = [
    "AGENDA_TEMPLATES",
    "CADENCE_FIELDS",
    "CALENDAR_FIELDS",
    "ITEM_FIELDS",
    "MAX_MEETING_MINUTES",
    "MAX_MINUTES_LENGTH",
    "MAX_PLAN_COUNT",
    "MEETING_YEARS_AHEAD",
    "agenda_apply_template",
    "agenda_item_accept",
    "agenda_item_defer",
    "agenda_item_move",
    "agenda_item_propose",
    "agenda_item_reject",
    "agenda_item_update",
    "agenda_order",
    "agenda_publish",
    "attendance_respond",
    "community_cadence_update",
    "default_title",
    "facilitations_release",
    "facilitator_accept",
    "facilitator_decline",
    "facilitator_set",
    "facilitator_swap",
    "meeting_cancel",
    "meeting_create",
    "meeting_minutes_publish",
    "meeting_minutes_unpublish",
    "meeting_plan_next",
    "meeting_record",
    "meeting_set_host",
    "meeting_time_check",
    "meeting_update",
    "register_agenda_changed_step",
    "register_meeting_closed_step",
]
