"""Lean Coffee inside a meeting: the round of one agenda item, the topics it finished and the
members' "continue?" thumbs when a time box runs out.

To do is not stored: it is the community's open topics, ranked by the board's dots. Doing is the
round's current topic with its start and length; done topics are rows here, with the note the
facilitator wrote. Every change of the round raises `version`, which the live view's polling asks.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cop.constraints import range_constraint

LEAN_COFFEE_DEFAULT_MINUTES = 8
LEAN_COFFEE_MIN_MINUTES = 1
LEAN_COFFEE_MAX_MINUTES = 60
LEAN_COFFEE_NOTE_MAX = 2000


class LeanCoffeeRound(models.Model):
    agenda_item = models.OneToOneField(
        "meetings.AgendaItem",
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="lean_coffee",
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("minutes per topic"), default=LEAN_COFFEE_DEFAULT_MINUTES
    )
    current_topic = models.ForeignKey(
        "topics.Topic",
        verbose_name=_("current topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topic_started_at = models.DateTimeField(_("current topic started"), null=True, blank=True)
    current_started_at = models.DateTimeField(_("current time box started"), null=True, blank=True)
    current_minutes = models.PositiveSmallIntegerField(
        _("minutes of the current time box"), default=LEAN_COFFEE_DEFAULT_MINUTES
    )
    # Counts the time boxes; a form sends the one it saw, so a stale click is refused.
    slot = models.PositiveIntegerField(_("time box"), default=0)
    version = models.PositiveIntegerField(_("version"), default=0)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("Lean Coffee round")
        verbose_name_plural = _("Lean Coffee rounds")
        constraints = [
            range_constraint(
                "lean_coffee_round",
                field,
                minimum=LEAN_COFFEE_MIN_MINUTES,
                maximum=LEAN_COFFEE_MAX_MINUTES,
                message=_("A time box takes between 1 and 60 minutes."),
            )
            for field in ("slot_minutes", "current_minutes")
        ]

    def __str__(self):
        return str(self.agenda_item)

    @property
    def ends_at(self):
        if self.current_topic_id is None or self.current_started_at is None:
            return None
        return self.current_started_at + datetime.timedelta(minutes=self.current_minutes)

    def time_is_up(self, now=None) -> bool:
        ends_at = self.ends_at
        return ends_at is not None and (now or timezone.now()) >= ends_at

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None


class LeanCoffeeDone(models.Model):
    """A topic the round finished, with the facilitator's note."""

    round = models.ForeignKey(
        LeanCoffeeRound, verbose_name=_("Lean Coffee round"), on_delete=models.CASCADE, related_name="done"
    )
    topic = models.ForeignKey(
        "topics.Topic", verbose_name=_("topic"), on_delete=models.CASCADE, related_name="lean_coffee_done"
    )
    note = models.TextField(_("note"), max_length=LEAN_COFFEE_NOTE_MAX, blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutes discussed"), default=0)
    done_at = models.DateTimeField(_("done"), default=timezone.now)

    class Meta:
        ordering = ["round", "done_at", "pk"]
        verbose_name = _("topic done in Lean Coffee")
        verbose_name_plural = _("topics done in Lean Coffee")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "topic"],
                name="lean_coffee_done_unique_per_round",
                violation_error_message=_("This topic is already done in this round."),
            ),
        ]

    def __str__(self):
        return str(self.topic)


class LeanCoffeeThumb(models.Model):
    """A member's "continue?" answer when a time box has run out: up (go on) or down (next topic)."""

    round = models.ForeignKey(
        LeanCoffeeRound, verbose_name=_("Lean Coffee round"), on_delete=models.CASCADE, related_name="thumbs"
    )
    slot = models.PositiveIntegerField(_("time box"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="lean_coffee_thumbs",
    )
    up = models.BooleanField(_("continue"))

    class Meta:
        ordering = ["round", "slot", "pk"]
        verbose_name = _("continue? vote")
        verbose_name_plural = _("continue? votes")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "slot", "user"],
                name="lean_coffee_thumb_unique_per_slot",
                violation_error_message=_("You have already answered for this time box."),
            ),
        ]

    def __str__(self):
        return f"{self.user} {'+' if self.up else '-'}"
