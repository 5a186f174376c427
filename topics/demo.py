"""Demo data for topics: the CoP's themes on its board, with dot votes, one discussed, one on the
next agenda, the *Working Out Loud* spin-off grown from one of them and a held meeting's finished
Lean Coffee round.

Run by `manage.py demo_data` after cop's and meetings' sections (see cop/demo.py for the
conventions); the tables live in topics/demo_data.py. Idempotent per community: a community
that has any topic is left alone. Rows are validated with full_clean() before they are written;
the budget of votes per member is kept.
The next meeting's onboarding input (written by meetings' demo) is linked to its board topic.
"""

import datetime

from cop.demo import DemoContext
from meetings.models import AgendaItem, Meeting
from members.demo_data import (
    PERSONALENTWICKLUNG,
    WORKING_OUT_LOUD,
    cluster_community_slugs,
)
from members.models import Community, Membership, User

from .demo_data import CLUSTER_TOPICS, ONBOARDING, TOPICS, DemoTopic
from .models import VOTE_HOLDING_STATUSES, LeanCoffeeDone, LeanCoffeeRound, Topic, TopicStatus, Vote
from .selectors import next_open_meeting

# The held meeting's Lean Coffee item (meetings/demo_data.py) and the board topic it discussed.
LEAN_COFFEE_ITEM = "Konfliktmanagement:"
LEAN_COFFEE_TOPIC = "Konfliktmanagement im Team"


def _people(emails) -> dict[str, User]:
    return {user.email: user for user in User.objects.filter(email__in=list(emails))}


def _active_ids(community) -> set[int]:
    return set(Membership.objects.active().filter(community=community).values_list("user_id", flat=True))


def _demo_board(ctx: DemoContext, community: Community, topics: list[DemoTopic]) -> None:
    emails = {t.proposer for t in topics} | {v for t in topics for v in t.voters}
    people = _people(emails)
    members = _active_ids(community)
    held = {}  # user id -> votes on undecided topics, to keep within the budget
    for spec in topics:
        topic = Topic(
            community=community,
            title=spec.title,
            description=spec.description,
            proposed_by=people.get(spec.proposer),
            status=spec.status,
            outcome=spec.outcome,
            created_at=ctx.days_ago(spec.days_ago),
        )
        topic.full_clean()
        topic.save()
        for days, email in enumerate(spec.voters):
            voter = people.get(email)
            if voter is None or voter.pk not in members:
                continue
            if spec.status in VOTE_HOLDING_STATUSES:
                if held.get(voter.pk, 0) >= community.votes_per_member:
                    continue
                held[voter.pk] = held.get(voter.pk, 0) + 1
            vote = Vote(topic=topic, user=voter, created_at=ctx.days_ago(max(spec.days_ago - days - 1, 0)))
            vote.full_clean()
            vote.save()
        if spec.status == TopicStatus.SPUN_OFF:
            Community.objects.filter(slug=WORKING_OUT_LOUD, parent=community, origin_topic=None).update(
                origin_topic=topic
            )


def _link_onboarding_to_next_agenda(community: Community) -> None:
    """The next meeting's accepted onboarding input came from the board: link it, the topic is scheduled."""
    meeting = next_open_meeting(community)
    item = (
        AgendaItem.objects.filter(
            meeting=meeting, status=AgendaItem.Status.ACCEPTED, topic=None, title__icontains="Onboarding"
        ).first()
        if meeting
        else None
    )
    topic = Topic.objects.filter(community=community, title=ONBOARDING, status=TopicStatus.OPEN).first()
    if item is None or topic is None:
        return
    item.topic = topic
    item.save(update_fields=["topic"])
    topic.status = TopicStatus.SCHEDULED
    topic.full_clean()
    topic.save(update_fields=["status", "updated_at"])


def demo_topics(ctx: DemoContext) -> None:
    for slug, topics in TOPICS.items():
        community = Community.objects.filter(slug=slug).first()
        if community is None or Topic.objects.filter(community=community).exists():
            continue
        _demo_board(ctx, community, topics)
        if slug == PERSONALENTWICKLUNG:
            _link_onboarding_to_next_agenda(community)


def demo_cluster_topics(ctx: DemoContext) -> None:
    """Benchmark clusters: three open topics on each cluster CoP's board (no votes)."""
    for chunk in ctx.cluster_chunks("Topics"):
        slugs = [cluster_community_slugs(k)[0] for k in chunk]
        communities = Community.objects.filter(slug__in=slugs).exclude(topics__isnull=False)
        rows = [
            Topic(community=community, title=title, created_at=ctx.days_ago(30 + index))
            for community in communities
            for index, title in enumerate(CLUSTER_TOPICS)
        ]
        Topic.objects.bulk_create(rows)


def demo_lean_coffee(ctx: DemoContext) -> None:
    """The held meeting whose Lean Coffee was about conflict management shows its finished round:
    the discussed board topic is done there, with its outcome as the note."""
    topic = Topic.objects.filter(
        community__slug=PERSONALENTWICKLUNG, title=LEAN_COFFEE_TOPIC, status=TopicStatus.DISCUSSED
    ).first()
    item = (
        AgendaItem.objects.filter(
            meeting__community__slug=PERSONALENTWICKLUNG,
            meeting__status=Meeting.Status.HELD,
            kind=AgendaItem.Kind.LEAN_COFFEE,
            title__startswith=LEAN_COFFEE_ITEM,
        )
        .select_related("meeting")
        .first()
    )
    if topic is None or item is None or LeanCoffeeRound.objects.filter(agenda_item=item).exists():
        return
    started = item.meeting.starts_at + datetime.timedelta(minutes=15)
    round_ = LeanCoffeeRound(
        agenda_item=item, slot=2, version=5, finished_at=started + datetime.timedelta(minutes=20)
    )
    round_.full_clean()
    round_.save()
    done = LeanCoffeeDone(
        round=round_,
        topic=topic,
        note=topic.outcome,
        minutes=16,
        done_at=started + datetime.timedelta(minutes=16),
    )
    done.full_clean()
    done.save()


SECTIONS = [demo_topics, demo_cluster_topics, demo_lean_coffee]
