"""Who may do what with topics and votes: the one place for these checks.

Predicates take a Topic or a Community (where the permission is about the community's board).
They build on members.rules, so viewing follows the community's visibility and every write needs
active membership. Membership look-ups are cached per user by members.rules.
"""

import rules

from meetings.rules import is_meeting_insider, is_meeting_member, meeting_is_not_cancelled, organises_meeting
from members.models import Community
from members.rules import (
    can_manage_community,
    can_view_community,
    can_view_coordinators,
    is_active_member,
    is_community_coordinator,
    is_site_coordinator,
)

from .models import Topic, TopicStatus
from .selectors import next_open_meeting


def _community(obj):
    if isinstance(obj, Topic):
        return obj.community
    return obj if isinstance(obj, Community) else None


@rules.predicate
def can_know_of_topics(user, obj):
    """Whoever may see the community knows it has a board (others get 404)."""
    return obj is not None and can_view_community(user, _community(obj))


@rules.predicate
def can_view_topics(user, obj):
    """Topic titles are shown where upcoming agenda titles are: to signed-in people of a public
    community and to insiders (members.rules' table); a visitor is asked to sign in."""
    return obj is not None and can_view_coordinators(user, _community(obj))


@rules.predicate
def is_topic_member(user, obj):
    """An active member of the topic's (or board's) community."""
    return obj is not None and is_active_member(user, _community(obj))


@rules.predicate
def is_topic_coordinator(user, obj):
    return obj is not None and is_community_coordinator(user, _community(obj))


@rules.predicate
def can_manage_topics(user, obj):
    return obj is not None and can_manage_community(user, _community(obj))


@rules.predicate
def is_topic_proposer(user, topic):
    return isinstance(topic, Topic) and user.is_authenticated and topic.proposed_by_id == user.pk


@rules.predicate
def topic_is_votable(user, topic):
    return isinstance(topic, Topic) and topic.is_votable


@rules.predicate
def topic_is_editable(user, topic):
    return isinstance(topic, Topic) and topic.is_editable


@rules.predicate
def topic_is_open(user, topic):
    return isinstance(topic, Topic) and topic.status == TopicStatus.OPEN


@rules.predicate
def topic_can_spin_off(user, topic):
    """Not spun off yet and not archived: a discussed topic may still grow into a spin-off."""
    return isinstance(topic, Topic) and topic.status not in (TopicStatus.SPUN_OFF, TopicStatus.ARCHIVED)


@rules.predicate
def can_schedule_topics(user, obj):
    """Whoever may edit the agenda of the community's next open meeting (its facilitator, a coordinator)."""
    community = _community(obj)
    if community is None or not user.is_authenticated:
        return False
    meeting = next_open_meeting(community)
    return meeting is not None and user.has_perm("meetings.edit_agenda", meeting)


# Names of proposers and voters are for members (and site coordinators), even on a public board.
can_see_names = is_topic_member | is_site_coordinator
can_edit_topic = ((is_topic_proposer & is_topic_member) | is_topic_coordinator) & topic_is_editable

rules.add_perm("topics.know_of_topics", can_know_of_topics)
rules.add_perm("topics.view_topics", can_view_topics)
rules.add_perm("topics.see_names", can_see_names)
rules.add_perm("topics.propose_topic", is_topic_member)
rules.add_perm("topics.vote", is_topic_member & topic_is_votable)
rules.add_perm("topics.edit_topic", can_edit_topic)
rules.add_perm("topics.archive_topic", can_edit_topic & topic_is_open)
# Object: a Community (the board's button) or a Topic.
rules.add_perm("topics.schedule_topics", can_schedule_topics)
rules.add_perm("topics.schedule_topic", can_schedule_topics & topic_is_open)
rules.add_perm("topics.spin_off_topic", can_manage_topics & topic_can_spin_off)
# "Ableger vorschlagen": members suggest, coordinators decline (and found through spin_off_topic).
rules.add_perm("topics.suggest_spin_off", is_topic_member & topic_can_spin_off)
rules.add_perm("topics.decline_suggestion", can_manage_topics)
# Object: a Community (a spin-off founded from the community's page, without a topic).
rules.add_perm("topics.spin_off_community", can_manage_topics)


# --- Lean Coffee inside a meeting (the object is the Meeting) ---------------------------------------
# Members of the community see the live view, bring topics, give dots and thumbs; the meeting's
# organisers (accepted facilitator, coordinators, site coordinators) drive the round.

rules.add_perm("topics.view_lean_coffee", is_meeting_insider)
rules.add_perm("topics.join_lean_coffee", is_meeting_member & meeting_is_not_cancelled)
rules.add_perm("topics.run_lean_coffee", organises_meeting & meeting_is_not_cancelled)
