"""Calendar feeds: a member's secret feed links, and what the feeds keep between requests."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cop.constraints import choice_constraint
from meetings.models import Meeting


class FeedToken(models.Model):
    """A personal feed link; only the SHA-256 of its secret is stored, the secret is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="feed_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["user", "created_at", "pk"]
        verbose_name = _("calendar feed link")
        verbose_name_plural = _("calendar feed links")

    def __str__(self):
        return self.name


class FeedState(models.Model):
    """A change mark: what a feed's validator (ETag) and Last-Modified are made of.

    `scope` names what changed: "community:<id>" (a meeting, an agenda or the community itself;
    the community's public feed and its members' personal feeds) or "user:<id>" (the member
    joined or left a community). Every change gives the row a new random `validator` and moves
    `changed_at` to now, never back (calendars.services.feed_changed); a deletion leaves no
    row behind to date it, the mark does.
    """

    scope = models.CharField(max_length=50, unique=True)
    validator = models.CharField(max_length=64)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("calendar feed state")
        verbose_name_plural = _("calendar feed states")

    def __str__(self):
        return self.scope


class RenderedEventVariant(models.TextChoices):
    PUBLIC = "public", _("Public entry")
    MEMBER = "member", _("Members' entry")


class RenderedEvent(models.Model):
    """A meeting's VEVENT as last rendered; reused while `key` (what it was built from) still matches."""

    Variant = RenderedEventVariant
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rendered_events")
    variant = models.CharField(max_length=10, choices=Variant.choices)
    key = models.CharField(max_length=64)
    text = models.TextField()

    class Meta:
        verbose_name = _("rendered calendar entry")
        verbose_name_plural = _("rendered calendar entries")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "variant"], name="rendered_event_unique_per_variant"),
            choice_constraint("rendered_event", "variant", RenderedEventVariant),
        ]

    def __str__(self):
        return f"{self.meeting_id} ({self.variant})"
