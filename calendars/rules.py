"""Who may see which calendar: built only from the predicates of members.rules and meetings.rules.

- A community has a public feed when an anonymous visitor may see it (members.view_community).
- A meeting's `.ics` is for whoever may see the meeting (meetings.view_meeting); the members'
  entry (video link, agenda) for those who see the meeting's content (meetings.view_meeting_content:
  active members and site coordinators), the public entry for others.
- A personal feed holds the meetings of the owner's active memberships
  (calendars.selectors.personal_feed_meetings, held to meetings.view_meeting by a parity test).
"""

import rules
from django.contrib.auth.models import AnonymousUser

from meetings.rules import is_meeting_insider
from members.rules import can_view_community


@rules.predicate
def community_has_public_feed(user, community):
    """Anyone may subscribe: the feed shows what a signed-out visitor may see, whoever asks."""
    return community is not None and can_view_community(AnonymousUser(), community)


rules.add_perm("calendars.view_public_feed", community_has_public_feed)
rules.add_perm("calendars.view_member_entry", is_meeting_insider)
