"""Meeting bits shown on other apps' pages (community page, dashboard) and the German date line."""

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from meetings import selectors

register = template.Library()


@register.filter
def meeting_when(meeting):
    """'Dienstag, 10. März 2026, 10:00–12:00 Uhr' in the current time zone (Europe/Berlin)."""
    starts = timezone.localtime(meeting.starts_at)
    ends = timezone.localtime(meeting.ends_at)
    values = {
        "weekday": formats.date_format(starts, "l"),
        "date": formats.date_format(starts, "DATE_FORMAT"),
        "start": formats.time_format(starts, "H:i"),
        "end": formats.time_format(ends, "H:i"),
    }
    if starts.date() == ends.date():
        return _("%(weekday)s, %(date)s, %(start)s–%(end)s") % values
    values["end_date"] = formats.date_format(ends, "DATE_FORMAT")
    return _("%(weekday)s, %(date)s, %(start)s – %(end_date)s, %(end)s") % values


@register.filter
def meeting_date(meeting):
    """'Di., 10.03.2026, 10:00': the short form for lists."""
    starts = timezone.localtime(meeting.starts_at)
    return _("%(weekday)s, %(date)s, %(start)s") % {
        "weekday": formats.date_format(starts, "D"),
        "date": formats.date_format(starts, "SHORT_DATE_FORMAT"),
        "start": formats.time_format(starts, "H:i"),
    }


@register.inclusion_tag("meetings/tags/community_panel.html", takes_context=True)
def community_meetings_panel(context, community):
    """The community page's meetings: next meeting, next facilitators, who facilitated when.

    Nothing for people who may not see the community's meetings; names only where
    `meetings.view_facilitator` allows them.
    """
    user = context.get("user") or context["request"].user
    if not user.has_perm("members.view_community_meetings", community):
        return {"show": False}
    overview = selectors.rotation_overview(community)
    for meeting in [*overview.upcoming, *overview.history]:
        meeting.community = community  # the permission checks need no further query
        meeting.show_facilitator = user.has_perm("meetings.view_facilitator", meeting)
    return {
        "show": True,
        "community": community,
        "next_meeting": overview.upcoming[0] if overview.upcoming else None,
        "upcoming": overview.upcoming[:6],
        "history": overview.history,
        "show_history": user.has_perm("members.view_community_content", community),
        "request": context.get("request"),
        "user": user,
    }


@register.inclusion_tag("meetings/tags/dashboard_panel.html", takes_context=True)
def my_meetings_panel(context, memberships=None):
    """The dashboard's "my next meetings"; "you are proposed for …" with accept / decline, "you
    facilitate on …" and "write the minutes" (selectors.my_facilitation_overview).

    `memberships`: the user's memberships, when the page has read them (members.selectors
    .my_memberships); the meetings are then read from the communities of the active ones."""
    user = context["request"].user
    community_ids = None
    if memberships is not None:
        community_ids = [membership.community_id for membership in memberships if membership.is_active]
    return {
        "next_meetings": selectors.my_next_meetings(user, community_ids=community_ids),
        "facilitations": selectors.my_facilitation_overview(user, community_ids=community_ids),
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
        "user": user,
    }
