"""Reads about topics that several pages share; each runs a fixed number of queries."""

from django.db.models import Exists, OuterRef, Q

from meetings.models import AgendaItem, Meeting
from members.models import Community

from .leancoffee_models import LeanCoffeeDone
from .models import VOTE_HOLDING_STATUSES, Topic, Vote


def board_topics(community, user, *, statuses):
    """The community's topics in the given statuses, ranked, with vote counts and the user's own vote."""
    return (
        Topic.objects.filter(community=community, status__in=statuses)
        .select_related("proposed_by")
        .ranked(user)
    )


def topic_for_page():
    return Topic.objects.select_related("community", "community__parent", "proposed_by")


def topic_ranked(topic, user):
    """The topic again, with `vote_count` and `has_my_vote` (for the vote partial)."""
    return Topic.objects.filter(pk=topic.pk).select_related("community", "proposed_by").ranked(user).get()


def topic_voters(topic):
    return [
        vote.user for vote in Vote.objects.filter(topic=topic).select_related("user").order_by("created_at")
    ]


def open_votes_count(*, user, community) -> int:
    """How many of the member's votes in the community still count (their topics are undecided)."""
    return Vote.objects.filter(
        user_id=user.pk, topic__community=community, topic__status__in=VOTE_HOLDING_STATUSES
    ).count()


def votes_left(*, user, community) -> int:
    return max(community.votes_per_member - open_votes_count(user=user, community=community), 0)


def next_open_meeting(community):
    """The community's next meeting that is neither held nor cancelled; cached on the community object."""
    cache = community.__dict__
    if "_next_open_meeting" not in cache:
        cache["_next_open_meeting"] = (
            Meeting.objects.filter(community=community)
            .exclude(status__in=(Meeting.Status.HELD, Meeting.Status.CANCELLED))
            .select_related("community")
            .upcoming()
            .first()
        )
    return cache["_next_open_meeting"]


def topic_agenda_item(topic):
    """Where the topic was taken up, in one query: the Lean Coffee item that discussed it (marked
    `in_lean_coffee`), else the latest agenda item it was pulled into; with its meeting and the
    meeting's community (for the meetings rules). None if neither."""
    done_in = LeanCoffeeDone.objects.filter(topic=topic)
    return (
        AgendaItem.objects.filter(Q(topic=topic) | Q(pk__in=done_in.values("round__agenda_item_id")))
        .annotate(in_lean_coffee=Exists(done_in.filter(round__agenda_item_id=OuterRef("pk"))))
        .select_related("meeting__community")
        .order_by("-in_lean_coffee", "-meeting__starts_at", "-pk")
        .first()
    )


def topic_spin_offs(topic, user):
    """The communities founded from the topic that the user may know of (none unless spun off)."""
    if topic.status != topic.Status.SPUN_OFF:
        return []
    return list(Community.objects.visible_to(user).filter(origin_topic=topic).order_by("name"))
