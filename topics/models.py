"""What a community wants to talk about: proposed topics and the members' dot votes on them."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cop.constraints import choice_constraint
from members.models import Community

TOPIC_TITLE_MAX = 200
TOPIC_DESCRIPTION_MAX = 10_000
TOPIC_OUTCOME_MAX = 10_000


class TopicStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SCHEDULED = "scheduled", _("On an agenda")
    DISCUSSED = "discussed", _("Discussed")
    SPUN_OFF = "spun_off", _("Spun off")
    ARCHIVED = "archived", _("Archived")


# Named groups of statuses, so that no list of states is spelled out twice.
# Votes on these topics count against a member's budget; on the others they are given back.
VOTE_HOLDING_STATUSES = (TopicStatus.OPEN, TopicStatus.SCHEDULED)
# Members may vote, take a vote back and edit the topic only while it is undecided.
VOTABLE_STATUSES = VOTE_HOLDING_STATUSES
EDITABLE_STATUSES = VOTE_HOLDING_STATUSES
# The board shows these unless asked for a status; archived topics stay behind the filter.
BOARD_DEFAULT_STATUSES = (
    TopicStatus.OPEN,
    TopicStatus.SCHEDULED,
    TopicStatus.DISCUSSED,
    TopicStatus.SPUN_OFF,
)


class TopicQuerySet(models.QuerySet):
    def holding_votes(self):
        return self.filter(status__in=VOTE_HOLDING_STATUSES)

    def visible_to(self, user):
        """Topics of the communities the user may know of (the rule of members.rules)."""
        return self.filter(community__in=Community.objects.visible_to(user))

    def ranked(self, user=None):
        """Most votes first, then the oldest; with `vote_count` and, for a user, `has_my_vote`."""
        queryset = self.annotate(vote_count=Count("votes", distinct=True))
        if user is not None and user.is_authenticated:
            queryset = queryset.annotate(
                has_my_vote=Exists(Vote.objects.filter(topic_id=OuterRef("pk"), user_id=user.pk))
            )
        return queryset.order_by("-vote_count", "created_at", "pk")


class Topic(models.Model):
    Status = TopicStatus

    community = models.ForeignKey(
        Community, verbose_name=_("community"), on_delete=models.CASCADE, related_name="topics"
    )
    title = models.CharField(_("title"), max_length=TOPIC_TITLE_MAX)
    description = models.TextField(
        _("description"), max_length=TOPIC_DESCRIPTION_MAX, blank=True, help_text=_("Markdown is supported.")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_topics",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TopicStatus.choices, default=TopicStatus.OPEN
    )
    outcome = models.TextField(
        _("outcome"),
        max_length=TOPIC_OUTCOME_MAX,
        blank=True,
        help_text=_("What came of the discussion; taken from the agenda item once the meeting is held."),
    )
    created_at = models.DateTimeField(_("proposed"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["community", "-created_at", "pk"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [choice_constraint("topic", "status", TopicStatus)]
        indexes = [models.Index(fields=["community", "status", "created_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("topic_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == TopicStatus.OPEN

    @property
    def is_scheduled(self) -> bool:
        return self.status == TopicStatus.SCHEDULED

    @property
    def is_discussed(self) -> bool:
        return self.status == TopicStatus.DISCUSSED

    @property
    def holds_votes(self) -> bool:
        return self.status in VOTE_HOLDING_STATUSES

    @property
    def is_votable(self) -> bool:
        return self.status in VOTABLE_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class Vote(models.Model):
    """One member's dot on one topic."""

    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="topic_votes",
    )
    created_at = models.DateTimeField(_("voted"), default=timezone.now)

    class Meta:
        ordering = ["topic", "created_at", "pk"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "user"],
                name="vote_unique_per_topic_and_user",
                violation_error_message=_("You have already voted for this topic."),
            ),
        ]
        indexes = [models.Index(fields=["user", "topic"])]

    def __str__(self):
        return f"{self.user} → {self.topic}"


SUGGESTION_TEXT_MAX = 2000


class SpinOffSuggestionStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the coordinators")
    FOUNDED = "founded", _("Founded")
    DECLINED = "declined", _("Declined")


class SpinOffSuggestion(models.Model):
    """A member suggests that a topic become a spin-off ("Ableger vorschlagen"); the coordinators
    found it (through topic_spin_off) or decline it with a reason the suggester sees."""

    Status = SpinOffSuggestionStatus

    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="spin_off_suggestions"
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suggested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="spin_off_suggestions",
    )
    note = models.TextField(_("why"), max_length=SUGGESTION_TEXT_MAX, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SpinOffSuggestionStatus.choices,
        default=SpinOffSuggestionStatus.OPEN,
    )
    decline_reason = models.TextField(_("reason"), max_length=SUGGESTION_TEXT_MAX, blank=True)
    created_at = models.DateTimeField(_("suggested"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["topic", "-created_at", "-pk"]
        verbose_name = _("spin-off suggestion")
        verbose_name_plural = _("spin-off suggestions")
        constraints = [
            choice_constraint("spin_off_suggestion", "status", SpinOffSuggestionStatus),
            models.UniqueConstraint(
                fields=["topic", "suggested_by"],
                condition=models.Q(status="open"),
                name="spin_off_suggestion_one_open_per_member",
                violation_error_message=_("You have already suggested a spin-off from this topic."),
            ),
        ]

    def __str__(self):
        return f"{self.topic} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == SpinOffSuggestionStatus.OPEN


# Lean Coffee's round, done topics and thumbs live in their own module; imported here for Django.
from .leancoffee_models import LeanCoffeeDone, LeanCoffeeRound, LeanCoffeeThumb  # noqa: E402, F401
