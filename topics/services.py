"""Every write the topics domain knows: proposing, voting, scheduling, closing and spinning off.

Each function is keyword-only and atomic, validates before it saves and raises
django.core.exceptions.ValidationError with a message meant for the user. The vote budget holds
under concurrency because every change of a member's votes first locks their membership row.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cop.fields import refuse_unknown_fields
from meetings import services as meeting_services
from meetings.models import AgendaItem, Meeting
from members import services as member_services
from members.models import Community, Membership, User

from . import rules as topic_rules
from . import suggestions
from .models import TOPIC_TITLE_MAX, VOTE_HOLDING_STATUSES, Topic, TopicStatus, Vote
from .selectors import next_open_meeting, open_votes_count

TOPIC_FIELDS = ("title", "description")


def _lock_membership(*, user: User, community_id: int) -> Membership | None:
    """The user's active membership, locked: serialises all vote changes of one member in one community."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Membership.objects.select_for_update()
        .active()
        .filter(user_id=user.pk, community_id=community_id)
        .first()
    )


def _lock_topic(topic: Topic) -> Topic:
    return Topic.objects.select_for_update().select_related("community").get(pk=topic.pk)


def _clean_fields(fields: dict) -> dict:
    cleaned = {}
    for name, value in fields.items():
        value = (value or "").strip()
        if name == "title" and not value:
            raise ValidationError(_("Please give the topic a title."))
        if name == "title" and len(value) > TOPIC_TITLE_MAX:
            raise ValidationError(_("The title can have at most 200 characters."))
        cleaned[name] = value
    return cleaned


@transaction.atomic
def topic_propose(*, community: Community, user: User, title: str, description: str = "") -> Topic:
    """A member proposes a topic for the community's board."""
    if not topic_rules.is_topic_member(user, community):
        raise ValidationError(_("Only active members of the community can propose topics."))
    topic = Topic(
        community=community,
        proposed_by=user,
        **_clean_fields({"title": title, "description": description}),
    )
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def topic_update(*, topic: Topic, user: User, **fields) -> Topic:
    """The proposer (while a member) or a coordinator changes title and description of an undecided topic."""
    refuse_unknown_fields("topic_update", fields, TOPIC_FIELDS)
    topic = _lock_topic(topic)
    if not topic_rules.can_edit_topic(user, topic):
        raise ValidationError(_("You may not change this topic (any more)."))
    for name, value in _clean_fields(fields).items():
        setattr(topic, name, value)
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def topic_archive(*, topic: Topic, user: User) -> Topic:
    """Close an open topic without discussing it; its votes go back to the voters."""
    topic = _lock_topic(topic)
    if topic.status != TopicStatus.OPEN:
        raise ValidationError(_("Only open topics can be archived."))
    if not topic_rules.can_edit_topic(user, topic):
        raise ValidationError(_("Only the proposer or a coordinator can archive this topic."))
    topic.status = TopicStatus.ARCHIVED
    topic.full_clean()
    topic.save(update_fields=["status", "updated_at"])
    return topic


# --- votes ---------------------------------------------------------------------------------------


@transaction.atomic
def vote_cast(*, topic: Topic, user: User) -> Vote:
    """Put one of the member's dots on a topic, if they have one left."""
    if _lock_membership(user=user, community_id=topic.community_id) is None:
        raise ValidationError(_("Only active members of the community can vote."))
    topic = Topic.objects.select_related("community").get(pk=topic.pk)
    if not topic.is_votable:
        raise ValidationError(_("This topic is closed; votes are no longer possible."))
    if Vote.objects.filter(topic=topic, user_id=user.pk).exists():
        raise ValidationError(_("You have already voted for this topic."))
    budget = topic.community.votes_per_member
    if open_votes_count(user=user, community=topic.community) >= budget:
        raise ValidationError(
            _("You have no votes left (%(budget)s per member). Take one back from another topic first.")
            % {"budget": budget}
        )
    vote = Vote(topic=topic, user=user)
    vote.full_clean()
    vote.save()
    return vote


@transaction.atomic
def vote_withdraw(*, topic: Topic, user: User) -> None:
    """Take a dot back from a topic that is still undecided."""
    if _lock_membership(user=user, community_id=topic.community_id) is None:
        raise ValidationError(_("Only active members of the community can vote."))
    topic = Topic.objects.get(pk=topic.pk)
    if not topic.is_votable:
        raise ValidationError(_("This topic is closed; votes are no longer possible."))
    deleted, _rows = Vote.objects.filter(topic=topic, user_id=user.pk).delete()
    if not deleted:
        raise ValidationError(_("You have not voted for this topic."))


@transaction.atomic
def votes_release_on_leave(*, user: User, community: Community) -> int:
    """A member who leaves takes back their votes on the community's undecided topics."""
    deleted, _rows = Vote.objects.filter(
        user_id=user.pk, topic__community=community, topic__status__in=VOTE_HOLDING_STATUSES
    ).delete()
    return deleted


@transaction.atomic
def votes_delete_for_user(*, user: User) -> int:
    """Account deletion: a person's votes are theirs alone and go with the account."""
    deleted, _rows = Vote.objects.filter(user_id=user.pk).delete()
    return deleted


# --- topics on the agenda ----------------------------------------------------------------------


@transaction.atomic
def topic_schedule(*, topic: Topic, user: User) -> AgendaItem:
    """Pull an open topic into the agenda of the community's next meeting, as an accepted item.

    Whoever may edit that agenda (its facilitator, a coordinator) may do so; the topic is then
    "scheduled" and keeps its votes until the meeting is held.
    """
    topic = _lock_topic(topic)
    if topic.status != TopicStatus.OPEN:
        raise ValidationError(_("Only open topics can be put on an agenda."))
    meeting = next_open_meeting(topic.community)
    if meeting is None:
        raise ValidationError(_("There is no upcoming meeting whose agenda could take this topic."))
    if not user.has_perm("meetings.edit_agenda", meeting):
        raise ValidationError(
            _("Only the facilitator of the next meeting or a coordinator can put topics on its agenda.")
        )
    item = meeting_services.agenda_item_propose(
        meeting=meeting,
        user=user,
        title=topic.title,
        description=topic.description,
        kind=AgendaItem.Kind.DISCUSSION,
    )
    item = meeting_services.agenda_item_accept(item=item)
    item.topic = topic
    item.proposed_by = topic.proposed_by or user
    item.save(update_fields=["topic", "proposed_by", "updated_at"])
    topic.status = TopicStatus.SCHEDULED
    topic.save(update_fields=["status", "updated_at"])
    return item


@transaction.atomic
def topics_update_from_meeting(*, meeting: Meeting) -> list[Topic]:
    """After a meeting is recorded or cancelled, its topics follow their agenda items.

    Held: a topic whose item was dealt with is discussed and shows the item's outcome (again on
    every later recording, so a changed outcome reaches it); one whose item was not (rejected,
    deferred) is open again. Cancelled: every scheduled topic of the meeting is open again.
    Registered with meetings.services.register_meeting_closed_step.
    """
    if meeting.status not in (Meeting.Status.HELD, Meeting.Status.CANCELLED):
        return []
    items = AgendaItem.objects.filter(
        meeting=meeting, topic__status__in=(TopicStatus.SCHEDULED, TopicStatus.DISCUSSED)
    ).select_related("topic")
    now = timezone.now()
    changed = []
    for item in items:
        topic = item.topic
        if meeting.status == Meeting.Status.HELD and item.status == AgendaItem.Status.DONE:
            topic.status, topic.outcome = TopicStatus.DISCUSSED, item.outcome
        elif topic.status == TopicStatus.SCHEDULED:
            topic.status = TopicStatus.OPEN
        else:
            continue
        topic.updated_at = now
        topic.full_clean()
        changed.append(topic)
    Topic.objects.bulk_update(changed, ["status", "outcome", "updated_at"])
    return changed


# --- spin-offs ---------------------------------------------------------------------------------

# What a spin-off takes over from its parent: how and how often it meets, who may see and join it,
# the votes per member. Not its tools, video link or member limit: those are the new group's own.
INHERITED_FIELDS = (
    "visibility",
    "join_policy",
    *(name for name in Community.CADENCE_FIELDS if name != "video_url"),
    "rotation_mode",
    "votes_per_member",
)


def inherited_fields(parent: Community) -> dict:
    return {field: getattr(parent, field) for field in INHERITED_FIELDS}


@transaction.atomic
def community_spin_off(
    *,
    parent: Community,
    user: User,
    name: str,
    slug: str,
    description: str = "",
    base_url: str,
    origin_topic: Topic | None = None,
    invitees=(),
) -> Community:
    """A coordinator founds a child community of `parent`: it takes over the parent's defaults
    (INHERITED_FIELDS), the coordinator becomes its coordinator and `invitees` are invited."""
    parent = Community.objects.select_for_update().get(pk=parent.pk)
    if not topic_rules.can_manage_topics(user, parent):
        raise ValidationError(_("Only coordinators of the community can found a spin-off."))
    return member_services.community_found(
        founder=user,
        name=name,
        slug=slug,
        description=description,
        invitees=invitees,
        base_url=base_url,
        parent=parent,
        origin_topic=origin_topic,
        **inherited_fields(parent),
    )


@transaction.atomic
def topic_spin_off(
    *, topic: Topic, user: User, name: str, slug: str, description: str = "", base_url: str
) -> Community:
    """A coordinator turns a topic into a child community of the topic's community.

    The coordinator becomes the child's coordinator, the topic is "spun off" and links to it, and
    everyone who voted for the topic receives an invitation to join.
    """
    topic = _lock_topic(topic)
    if not topic_rules.can_manage_topics(user, topic.community):
        raise ValidationError(_("Only coordinators of the community can found a spin-off."))
    if topic.status == TopicStatus.SPUN_OFF:
        raise ValidationError(_("This topic has already been spun off."))
    if topic.status == TopicStatus.ARCHIVED:
        raise ValidationError(_("An archived topic cannot be spun off."))
    voters = User.objects.filter(topic_votes__topic=topic, is_active=True).order_by("pk").distinct()
    child = community_spin_off(
        parent=topic.community,
        user=user,
        name=name,
        slug=slug,
        description=description,
        base_url=base_url,
        origin_topic=topic,
        invitees=list(voters),
    )
    topic.status = TopicStatus.SPUN_OFF
    topic.save(update_fields=["status", "updated_at"])
    suggestions.suggestions_mark_founded(topic=topic)
    return child
