"""Calendar links on other apps' pages: the meeting's `.ics` and a public community's feed."""

from django import template
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("calendars/tags/meeting_link.html", takes_context=True)
def meeting_calendar_link(context, meeting):
    """ "Add to calendar" for whoever may see the meeting."""
    user = context["request"].user
    return {"meeting": meeting, "show": user.has_perm("meetings.view_meeting", meeting)}


@register.inclusion_tag("calendars/tags/community_feed.html", takes_context=True)
def community_feed_link(context, community):
    """The public feed's webcal:// link, for a community anyone may subscribe to."""
    if not AnonymousUser().has_perm("calendars.view_public_feed", community):
        return {"show": False}
    url = context["request"].build_absolute_uri(
        reverse("calendar_public_feed", kwargs={"slug": community.slug})
    )
    return {"show": True, "https": url, "webcal": "webcal://" + url.split("://", 1)[1]}
