"""The e-mail outbox: one row per notice and recipient, and the kinds a member has switched off."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cop.constraints import choice_constraint


class Kind(models.TextChoices):
    """What a notice is about; a member switches notices off per kind (default: all on)."""

    FACILITATOR_PROPOSED = "facilitator_proposed", _("You are proposed as facilitator")
    FACILITATION_REMINDER = "facilitation_reminder", _("Reminder: you facilitate the next meeting")
    AGENDA_ITEM_DECIDED = "agenda_item_decided", _("Your agenda item was accepted, deferred or rejected")
    AGENDA_PUBLISHED = "agenda_published", _("The agenda of a meeting is published")
    MEETING_REMINDER = "meeting_reminder", _("Reminder before a meeting")
    MEETING_CHANGED = "meeting_changed", _("A meeting you attend was moved or changed")
    MEETING_CANCELLED = "meeting_cancelled", _("A meeting you attend was cancelled")
    JOIN_REQUESTED = "join_requested", _("Someone asks to join a community you coordinate")
    MEMBERSHIP_DECIDED = "membership_decided", _("Your request to join was answered")
    MEMBERSHIP_REMOVED = "membership_removed", _("A coordinator removed you from a community")
    MINUTES_PUBLISHED = "minutes_published", _("The minutes of a meeting are published")
    MINUTES_REMINDER = "minutes_reminder", _("Reminder: the minutes of the meeting you facilitated")
    JOIN_REQUESTS_DIGEST = "join_requests_digest", _("Daily summary of further requests to join")
    PARTNER_INTEREST = "partner_interest", _("Someone is interested in your call for partners")


# Notices to others that name a person (by `person_id` in their context): account deletion takes
# the name out of them (notifications/export.py).
NAMING_A_PERSON = (Kind.JOIN_REQUESTED, Kind.PARTNER_INTEREST)


class NotificationQuerySet(models.QuerySet):
    def due(self, now=None):
        return self.filter(status=Notification.Status.QUEUED, next_attempt_at__lte=now or timezone.now())


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not sent")


class Notification(models.Model):
    """One e-mail to one member. (kind, user, key) is unique: the same notice is never queued twice."""

    Status = NotificationStatus
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    key = models.CharField(
        _("deduplication key"), max_length=200, help_text=_("What the notice is about, e.g. meeting:12.")
    )
    context = models.JSONField(_("content"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("e-mail notification")
        verbose_name_plural = _("e-mail notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "user", "key"], name="notification_once_per_kind_user_key"
            ),
            choice_constraint("notification", "kind", Kind),
            choice_constraint("notification", "status", NotificationStatus),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notification_due")]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.user_id} ({self.get_status_display()})"


class Unsubscription(models.Model):
    """A kind of notice the member does not want. No row: they get it (every kind is on by default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="notification_unsubscriptions",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("switched-off notification")
        verbose_name_plural = _("switched-off notifications")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="unsubscription_once_per_kind"),
            choice_constraint("unsubscription", "kind", Kind),
        ]

    def __str__(self):
        return f"{self.user_id}: {self.get_kind_display()}"
