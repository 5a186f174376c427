"""The topics part of `manage.py demo_data` (topics/demo.py)."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from members import demo_data as data
from members.models import Community
from topics.models import LeanCoffeeDone, LeanCoffeeRound, Topic, TopicStatus, Vote
from topics.selectors import open_votes_count

pytestmark = pytest.mark.django_db


def run_demo_data(*args):
    call_command("demo_data", *args, stdout=StringIO(), stderr=StringIO())


def test_the_board_of_personalentwicklung_has_the_cops_themes_with_votes_within_budget():
    run_demo_data()
    pe = Community.objects.get(slug=data.PERSONALENTWICKLUNG)
    topics = Topic.objects.filter(community=pe)
    assert Counter(topics.values_list("status", flat=True)) == {
        TopicStatus.OPEN: 8,
        TopicStatus.SCHEDULED: 1,
        TopicStatus.DISCUSSED: 1,
        TopicStatus.SPUN_OFF: 1,
        TopicStatus.ARCHIVED: 1,
    }
    scheduled = topics.get(status=TopicStatus.SCHEDULED)
    assert (scheduled.title, scheduled.agenda_items.get().title) == (
        "Onboarding und Mitarbeiterbindung",
        "Input: Onboarding für neue Führungskräfte in Hannover",
    )
    wol = Community.objects.get(slug=data.WORKING_OUT_LOUD)
    assert (wol.origin_topic.title, wol.origin_topic.status) == ("Working Out Loud", TopicStatus.SPUN_OFF)
    voters = set(Vote.objects.filter(topic__community=pe).values_list("user", flat=True))
    members = [m.user for m in pe.memberships.select_related("user")]
    assert max(open_votes_count(user=user, community=pe) for user in members) == 3
    assert len(voters) >= 10


def test_demo_topics_are_idempotent():
    run_demo_data()
    counts = (Topic.objects.count(), Vote.objects.count())
    run_demo_data()
    assert (Topic.objects.count(), Vote.objects.count()) == counts


def test_scaled_demo_gives_every_cluster_cop_three_topics():
    run_demo_data("--scale", "3")
    for k in (2, 3):
        slug = data.cluster_community_slugs(k)[0]
        assert Topic.objects.filter(community__slug=slug).count() == 3


def test_a_held_meeting_shows_its_finished_lean_coffee_round_once():
    run_demo_data()
    run_demo_data()
    assert list(
        LeanCoffeeDone.objects.values_list(
            "round__agenda_item__title", "round__agenda_item__meeting__status", "topic__title", "note"
        )
    ) == [
        (
            "Konfliktmanagement: Interne Konfliktlotsen ausbilden?",
            "held",
            "Konfliktmanagement im Team",
            "Drei Städte teilen ihre Leitfäden; Aylin sammelt sie im gemeinsamen Ordner.",
        )
    ]
    assert LeanCoffeeRound.objects.get().is_finished
