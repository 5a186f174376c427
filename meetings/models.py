"""Meetings of a community: the dates, the rotating facilitator, the agenda, RSVPs and minutes."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cop.constraints import choice_constraint, range_constraint
from members.models import Community, MeetingFormat, Membership, Organisation

AGENDA_ITEM_MIN_MINUTES = 1
AGENDA_ITEM_MAX_MINUTES = 240
# The widest window the database accepts for a meeting's times; services narrow it further
# (meetings.services.MEETING_YEARS_AHEAD). Far-off dates overflow date arithmetic and BC dates
# break every page that lists the community's meetings.
MEETING_EARLIEST = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
MEETING_LATEST = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)


class MeetingQuerySet(models.QuerySet):
    def upcoming(self):
        """Meetings that have not ended yet (a running meeting still counts), soonest first."""
        return self.filter(ends_at__gt=timezone.now()).order_by("starts_at", "pk")

    def past(self):
        """Meetings that have ended, latest first."""
        return self.filter(ends_at__lte=timezone.now()).order_by("-starts_at", "-pk")

    def not_cancelled(self):
        return self.exclude(status=Meeting.Status.CANCELLED)

    def for_user(self, user):
        """Meetings of the communities in which the user is an active member."""
        if not user.is_authenticated:
            return self.none()
        active = Membership.objects.active().filter(community_id=OuterRef("community_id"), user=user)
        return self.filter(Exists(active))

    def visible_to(self, user):
        """Meetings the user may see (`meetings.view_meeting`; defined in members/rules.py)."""
        from members.rules import communities_with_visible_meetings_q

        q = communities_with_visible_meetings_q(user, prefix="community__")
        return self if q is None else self.filter(q)


def facilitator_removed(collector, field, sub_objs, using):
    """on_delete of a meeting's facilitator: nobody facilitates, so nobody has accepted either.

    The acceptance is cleared first: a confirmed facilitation without a facilitator is refused by
    the constraint meeting_confirmed_facilitator_exists.
    """
    collector.add_field_update(sub_objs.model._meta.get_field("facilitator_confirmed"), False, sub_objs)
    collector.add_field_update(field, None, sub_objs)


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    PUBLISHED = "published", _("Agenda published")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    Status = MeetingStatus
    community = models.ForeignKey(
        Community, verbose_name=_("community"), on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    format = models.CharField(
        _("format"), max_length=20, choices=MeetingFormat.choices, default=MeetingFormat.ONLINE
    )
    location = models.CharField(_("place"), max_length=300, blank=True)
    video_url = models.URLField(_("video conference link"), blank=True)
    host_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("hosting organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_meetings",
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        null=True,
        blank=True,
        on_delete=facilitator_removed,
        related_name="facilitated_meetings",
    )
    facilitator_confirmed = models.BooleanField(
        _("facilitator has accepted"), default=False, help_text=_("Unticked: only proposed so far.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown is supported."))
    minutes_confidential = models.TextField(
        _("confidential part of the minutes"),
        blank=True,
        help_text=_("Shown to members on the meeting page only: never in e-mails or exports."),
    )
    minutes_published_at = models.DateTimeField(
        _("minutes published"),
        null=True,
        blank=True,
        help_text=_("Empty while the minutes are a draft for the facilitator and the coordinators."),
    )
    sequence = models.PositiveIntegerField(
        _("revision"), default=0, help_text=_("Raised whenever a calendar must see a change.")
    )
    slot = models.DateField(
        _("cadence date"),
        null=True,
        blank=True,
        help_text=_("The date of the community's meeting rule this meeting belongs to; empty if ad hoc."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("A meeting must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(starts_at__gte=MEETING_EARLIEST) & Q(ends_at__lt=MEETING_LATEST),
                name="meeting_times_in_range",
                violation_error_message=_("A meeting must take place between 2000 and 2099."),
            ),
            choice_constraint("meeting", "format", MeetingFormat),
            choice_constraint("meeting", "status", MeetingStatus),
            models.CheckConstraint(
                condition=Q(facilitator_confirmed=False) | Q(facilitator__isnull=False),
                name="meeting_confirmed_facilitator_exists",
                violation_error_message=_(
                    "Only a meeting with a facilitator can have the facilitation accepted."
                ),
            ),
            # NULL slots (ad hoc meetings) are distinct, so only cadence meetings are unique per date.
            models.UniqueConstraint(
                fields=["community", "slot"],
                name="meeting_unique_slot_per_community",
                violation_error_message=_("This community already has a meeting on this cadence date."),
            ),
        ]
        indexes = [
            models.Index(fields=["community", "starts_at"]),
            models.Index(fields=["facilitator", "starts_at"]),
            # Lists newest or soonest first with the id as tie-break (the admin's meeting list).
            models.Index(fields=["starts_at", "id"], name="meeting_start_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meeting_detail", kwargs={"pk": self.pk})

    # What a calendar entry shows of a meeting: a change to one of these, or to the status, raises
    # `sequence` (RFC 5545 SEQUENCE), so that calendar clients take the new version.
    CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "format", "location", "video_url")

    @classmethod
    def calendar_sees(cls, changed_fields) -> bool:
        """Whether a change of `changed_fields` must reach the calendars (see `raise_sequence`)."""
        return bool(set(changed_fields) & {*cls.CALENDAR_FIELDS, "status"})

    def raise_sequence(self) -> None:
        """Count one change a calendar must see; the caller saves. The one way `sequence` grows."""
        self.sequence += 1

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_held(self) -> bool:
        return self.status == self.Status.HELD

    @property
    def is_closed(self) -> bool:
        """Held or cancelled: the agenda can no longer change."""
        return self.status in (self.Status.HELD, self.Status.CANCELLED)

    @property
    def agenda_is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def minutes_are_published(self) -> bool:
        return self.minutes_published_at is not None

    @property
    def has_minutes(self) -> bool:
        """Someone has written minutes (a text, its confidential part, or published them)."""
        return bool(self.minutes or self.minutes_confidential) or self.minutes_are_published

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= timezone.now()


class MinutesRevision(models.Model):
    """One saved change of a meeting's minutes: who changed them and when (the text is not kept)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes_revisions"
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="minutes_revisions",
    )
    created_at = models.DateTimeField(_("changed"), default=timezone.now)
    published = models.BooleanField(_("published with this change"), default=False)

    class Meta:
        ordering = ["meeting", "-created_at", "-pk"]
        verbose_name = _("change of the minutes")
        verbose_name_plural = _("changes of the minutes")
        indexes = [models.Index(fields=["meeting", "created_at"])]

    def __str__(self):
        return f"{self.meeting} – {self.created_at:%Y-%m-%d %H:%M}"


class FacilitatorDecline(models.Model):
    """A member declined to facilitate a meeting; they are never proposed for it again."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="facilitator_declines"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="facilitator_declines",
    )
    created_at = models.DateTimeField(_("declined"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "created_at"]
        verbose_name = _("declined facilitation")
        verbose_name_plural = _("declined facilitations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                name="facilitator_decline_unique",
                violation_error_message=_("This member has already declined this meeting."),
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.meeting}"


class AgendaItemKind(models.TextChoices):
    CHECKIN = "checkin", _("Check-in")
    INPUT = "input", _("Input")
    DISCUSSION = "discussion", _("Discussion")
    DECISION = "decision", _("Decision")
    LEAN_COFFEE = "lean_coffee", _("Lean Coffee")
    PEER_CONSULTATION = "peer_consultation", _("Peer consultation")
    RETROSPECTIVE = "retrospective", _("Retrospective")
    INTRODUCTIONS = "introductions", _("Getting to know each other")
    EXPECTATIONS = "expectations", _("Aligning expectations")
    HANDOVER = "handover", _("Outlook and hand-over")
    OTHER = "other", pgettext_lazy("agenda item kind", "Other")


# The shape of a meeting: these kinds open it and close it. A newly accepted item goes before the
# closing items, a carried-over one right after the opening items (services.agenda_item_accept).
OPENING_KINDS = (AgendaItemKind.CHECKIN, AgendaItemKind.INTRODUCTIONS)
CLOSING_KINDS = (AgendaItemKind.RETROSPECTIVE, AgendaItemKind.HANDOVER)


class AgendaItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")
    DONE = "done", _("Done")


class AgendaItem(models.Model):
    """An item on a meeting's agenda (German: TOP)."""

    Kind = AgendaItemKind
    Status = AgendaItemStatus
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"), max_length=10000, blank=True, help_text=_("Markdown is supported.")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.DISCUSSION)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration in minutes"),
        default=15,
        validators=[MinValueValidator(AGENDA_ITEM_MIN_MINUTES), MaxValueValidator(AGENDA_ITEM_MAX_MINUTES)],
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_agenda_items",
    )
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("presented by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presented_agenda_items",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    outcome = models.TextField(_("outcome"), max_length=10000, blank=True)
    deferred_from = models.ForeignKey(
        "self",
        verbose_name=_("deferred from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deferred_copies",
        help_text=_("The item of an earlier meeting this proposal was carried over from."),
    )
    topic = models.ForeignKey(
        "topics.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
        help_text=_("The topic from the community's board this item was pulled in from."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            range_constraint(
                "agenda_item",
                "duration_minutes",
                minimum=AGENDA_ITEM_MIN_MINUTES,
                maximum=AGENDA_ITEM_MAX_MINUTES,
                message=_("An agenda item takes between 1 and 240 minutes."),
            ),
            choice_constraint("agenda_item", "kind", AgendaItemKind),
            choice_constraint("agenda_item", "status", AgendaItemStatus),
        ]
        indexes = [models.Index(fields=["meeting", "status", "position"])]

    def __str__(self):
        return self.title


class AttendanceResponse(models.TextChoices):
    YES = "yes", _("Yes")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")


class Attendance(models.Model):
    """A member's answer to a meeting (RSVP) and, afterwards, whether they were there."""

    Response = AttendanceResponse
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    response = models.CharField(_("response"), max_length=10, choices=Response.choices, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["meeting", "user"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            choice_constraint("attendance", "response", AttendanceResponse, blank=True),
            models.UniqueConstraint(
                fields=["meeting", "user"],
                name="attendance_unique_per_meeting",
                violation_error_message=_("This member has already answered for this meeting."),
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.meeting}"
