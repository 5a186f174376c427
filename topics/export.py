"""The topics app's part of the self-service data export (registered in apps.py)."""

from .models import LeanCoffeeThumb, Topic, Vote


def topics_proposed(user):
    topics = Topic.objects.filter(proposed_by=user).select_related("community").order_by("pk")
    return [
        {
            "community": t.community.name,
            "title": t.title,
            "description": t.description,
            "status": t.status,
            "outcome": t.outcome,
            "created_at": t.created_at,
        }
        for t in topics
    ]


def topic_votes(user):
    votes = Vote.objects.filter(user=user).select_related("topic__community").order_by("pk")
    return [
        {"community": v.topic.community.name, "topic": v.topic.title, "voted_at": v.created_at} for v in votes
    ]


def lean_coffee_thumbs(user):
    thumbs = (
        LeanCoffeeThumb.objects.filter(user=user)
        .select_related("round__agenda_item__meeting__community")
        .order_by("pk")
    )
    return [
        {
            "community": t.round.agenda_item.meeting.community.name,
            "meeting": t.round.agenda_item.meeting.title,
            "time_box": t.slot,
            "continue": t.up,
        }
        for t in thumbs
    ]
