import datetime
import unicodedata

import rules
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cop.constraints import choice_constraint, range_constraint

domain_validator = RegexValidator(
    r"^(?=.{3,253}$)([a-z0-9](-?[a-z0-9])*\.)+[a-z]{2,63}$",
    _("Enter a domain such as kassel.de, in lower case and without @."),
)


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    COMPANY = "company", _("Municipal company")
    OTHER = "other", pgettext_lazy("organisation kind", "Other")


class Organisation(models.Model):
    Kind = OrganisationKind

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name in URLs"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("A municipal company belongs to its town."),
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            choice_constraint("organisation", "kind", OrganisationKind),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")),
                name="organisation_not_own_parent",
                violation_error_message=_("An organisation cannot belong to itself."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation_detail", kwargs={"slug": self.slug})


class OrganisationDomain(models.Model):
    """An e-mail domain whose owners may sign up and are linked to the organisation."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="domains"
    )
    domain = models.CharField(_("e-mail domain"), max_length=253, unique=True, validators=[domain_validator])

    class Meta:
        ordering = ["domain"]
        verbose_name = _("e-mail domain")
        verbose_name_plural = _("e-mail domains")

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower()
        super().save(*args, **kwargs)


# Characters that break a name out of its line or reorder what follows it: line and paragraph
# separators and the bidirectional overrides (control characters, category Cc, are checked apart).
_NAME_BREAKING_CHARACTERS = frozenset("\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
NAME_IN_EMAIL_MAX_LENGTH = 80


def validate_person_name(value: str) -> None:
    """A first or last name is a single line of text, and not a web address.

    Names are shown to other members and put into e-mails (invitations): a line break or a link
    there would let someone write their own text into a message sent in the platform's name.
    """
    if any(unicodedata.category(char) == "Cc" or char in _NAME_BREAKING_CHARACTERS for char in value):
        raise ValidationError(
            _("A name is a single line of text without line breaks or control characters."),
            code="name_not_single_line",
        )
    lowered = value.lower()
    if "http" in lowered or "www." in lowered:
        raise ValidationError(
            _("Please enter your name here, not a web address."),
            code="name_is_url",
        )


def single_line(text: str, max_length: int = NAME_IN_EMAIL_MAX_LENGTH) -> str:
    """`text` as one line for an e-mail: control and line-breaking characters dropped, runs of white
    space made one space, cut to `max_length` characters with "…"."""
    cleaned = "".join(
        " " if char.isspace() else char
        for char in text
        if not (unicodedata.category(char) == "Cc" and not char.isspace())
        and char not in _NAME_BREAKING_CHARACTERS
    )
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= max_length else cleaned[: max_length - 1].rstrip() + "…"


def normalise_email(address: str) -> str:
    """The one form an e-mail address is stored, compared and looked up in: trimmed, lower case.

    Lower case as allauth compares addresses at sign-in, so an address typed as Foo@Bar.example
    finds the account of foo@bar.example, and two accounts never differ only in case.
    """
    return (address or "").strip().lower()


def confirmed_condition(user_ref: str = "pk") -> models.Exists:
    """True for a user (the outer query's `user_ref`) with a verified e-mail address.

    A subquery, so lists and counts stay one query however many people they hold.
    """
    from allauth.account.models import EmailAddress

    return models.Exists(EmailAddress.objects.filter(user_id=models.OuterRef(user_ref), verified=True))


class UserQuerySet(models.QuerySet):
    def confirmed(self):
        """Accounts whose owner confirmed an e-mail address: only they appear anywhere to others.

        An unconfirmed sign-up may have used someone else's address, so showing it would let anyone
        put a name of their choosing next to a colleague's organisation.
        """
        return self.filter(confirmed_condition())

    def listed(self):
        """Confirmed, active members who chose to show themselves in the directory."""
        return self.confirmed().filter(is_active=True, is_listed=True)

    def active_members_of(self, community):
        """People with an active membership in `community` (`MembershipQuerySet.active`)."""
        return self.filter(pk__in=Membership.objects.active().filter(community=community).values("user_id"))


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email):
        # Django's own only lower-cases the domain; AbstractUser.clean() calls this one too.
        return normalise_email(email)

    def get_by_natural_key(self, username):
        return self.get(**{self.model.USERNAME_FIELD: normalise_email(username)})

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A member of the platform; the e-mail address is the login."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    expertise = models.CharField(
        _("expertise"),
        max_length=500,
        blank=True,
        help_text=_("Keywords, separated by commas, e.g. agile work, e-learning."),
    )
    bio = models.TextField(_("about me"), max_length=5000, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    # Opt-in: consent is the legal basis for being listed (DSGVO Art. 6 (1) a).
    is_listed = models.BooleanField(
        _("show me in the member directory"),
        default=False,
        help_text=_("Name, organisation, job title and expertise are visible to signed-in members."),
    )
    show_email = models.BooleanField(_("show my e-mail address to members"), default=False)
    show_phone = models.BooleanField(_("show my phone number to members"), default=False)
    # PostgreSQL only: filled by a database trigger from the name, job title, expertise,
    # department, organisation and town (migration 0004); always empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        indexes = [
            # The directory's order; PostgreSQL walks it and stops after one page.
            models.Index(
                fields=["last_name", "first_name", "id"],
                condition=Q(is_listed=True),
                name="member_directory_order",
            ),
            # A community's member list (members.selectors.community_people), all members by name.
            models.Index(fields=["last_name", "first_name", "id"], name="member_name_order"),
        ]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            # Stored as members.models.normalise_email makes it: allauth looks addresses up in lower case.
            models.CheckConstraint(
                condition=Q(email=Lower("email")),
                name="user_email_lower_case",
                violation_error_message=_("E-mail addresses are stored in lower case."),
            ),
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ignoring_case",
                violation_error_message=_("A member with this e-mail address already exists."),
            ),
        ]

    def __str__(self):
        return self.display_name

    def has_perm(self, perm, obj=None):
        """Django lets an active superuser pass every check. A permission on an object is ours (the
        `rules.py` files) and they decide, also for a superuser: "may leave", "may join" or "is
        proposed as facilitator" are states nobody has by being a superuser; the site coordinator's
        powers come from `is_staff` in the rules. Model permissions (the admin) stay as Django has them."""
        if obj is not None and self.is_active:
            return rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    def clean(self):
        super().clean()
        errors = {}
        for field in ("first_name", "last_name"):
            try:
                validate_person_name(getattr(self, field))
            except ValidationError as error:
                errors[field] = error
        if errors:
            raise ValidationError(errors)

    @property
    def is_deleted(self):
        """Deleted in the DSGVO sense: the row stays so authored content keeps an author."""
        return not self.is_active and self.email == f"deleted-{self.pk}@invalid"

    @property
    def display_name(self):
        if self.is_deleted:
            return gettext("Former member")
        # Never a part of the e-mail address: with the organisation's domain it gives the address away.
        return " ".join(self.get_full_name().split()) or gettext("Member without a name")

    @property
    def expertise_list(self):
        return [word.strip() for word in self.expertise.split(",") if word.strip()]

    def get_absolute_url(self):
        return reverse("member_detail", kwargs={"pk": self.pk})


class CommunityQuerySet(models.QuerySet):
    def cops(self):
        return self.filter(parent__isnull=True)

    def public(self):
        return self.filter(visibility=Community.Visibility.PUBLIC)

    def visible_to(self, user):
        """Communities a user may know of (`members.view_community`; defined in members/rules.py)."""
        from .rules import visible_communities_q

        q = visible_communities_q(user)
        return self if q is None else self.filter(q)

    def with_meetings_visible_to(self, user):
        """Communities whose meetings the user may see (`members.view_community_meetings`)."""
        from .rules import communities_with_visible_meetings_q

        q = communities_with_visible_meetings_q(user)
        return self if q is None else self.filter(q)


CADENCE_MONTHS_MIN, CADENCE_MONTHS_MAX = 1, 12
MEETING_DURATION_MIN, MEETING_DURATION_MAX = 15, 720
VOTES_PER_MEMBER_MIN, VOTES_PER_MEMBER_MAX = 1, 20
# A typing error, not a community: the coordinators' page refuses larger limits.
MAX_MEMBERS_LIMIT = 10_000
REMINDER_DAYS_MAX = 60


class CommunityVisibility(models.TextChoices):
    # Who may know of the community; members/rules.py spells out what each level shows.
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal: signed-in people")
    SECRET = "secret", _("Secret: members only")


class CommunityJoinPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone signed in may join")
    APPROVAL = "approval", _("On request: a coordinator approves")
    INVITATION = "invitation", _("By invitation only")


class CommunityRotationMode(models.TextChoices):
    PERSON = "person", _("Members take turns")
    ORGANISATION = "organisation", _("Organisations take turns")


class MeetingFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")


class CommunityWeekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")


class CommunityWeekOfMonth(models.IntegerChoices):
    FIRST = 1, _("first")
    SECOND = 2, _("second")
    THIRD = 3, _("third")
    FOURTH = 4, _("fourth")
    LAST = -1, _("last")


class Community(models.Model):
    """A Community of Practice, or a spin-off of one (then `parent` is set)."""

    Visibility = CommunityVisibility
    JoinPolicy = CommunityJoinPolicy
    RotationMode = CommunityRotationMode
    Format = MeetingFormat
    Weekday = CommunityWeekday
    WeekOfMonth = CommunityWeekOfMonth

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in URLs"), max_length=100, unique=True)
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown is supported."))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent community"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="spin_offs",
        help_text=_("Set for a spin-off; empty for a Community of Practice."),
    )
    origin_topic = models.ForeignKey(
        "topics.Topic",
        verbose_name=_("origin topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="spin_off_communities",
        help_text=_("The topic of the parent community's board this spin-off grew from."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    join_policy = models.CharField(
        _("joining"), max_length=20, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    max_members = models.PositiveIntegerField(
        _("maximum number of members"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty for no limit. When full, new members go on the waitlist."),
    )
    # Cadence and meeting defaults, used when the next meetings are planned.
    cadence_months = models.PositiveSmallIntegerField(
        _("meet every … months"),
        default=3,
        validators=[MinValueValidator(CADENCE_MONTHS_MIN), MaxValueValidator(CADENCE_MONTHS_MAX)],
    )
    cadence_week = models.SmallIntegerField(_("week of the month"), choices=WeekOfMonth.choices, default=2)
    cadence_weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices, default=1)
    meeting_start_time = models.TimeField(_("start time"), default=datetime.time(10, 0))
    meeting_duration_minutes = models.PositiveSmallIntegerField(
        _("duration in minutes"),
        default=120,
        validators=[MinValueValidator(MEETING_DURATION_MIN), MaxValueValidator(MEETING_DURATION_MAX)],
    )
    meeting_format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.ONLINE
    )
    meeting_location = models.CharField(_("place"), max_length=300, blank=True)
    video_url = models.URLField(_("video conference link"), blank=True)
    rotation_mode = models.CharField(
        _("rotation"), max_length=20, choices=RotationMode.choices, default=RotationMode.PERSON
    )
    votes_per_member = models.PositiveSmallIntegerField(
        _("votes per member"),
        default=3,
        help_text=_(
            "Dots each member can give to open topics, on the topic board and in Lean Coffee; "
            "a dot comes back when its topic has been discussed or closed."
        ),
        validators=[MinValueValidator(VOTES_PER_MEMBER_MIN), MaxValueValidator(VOTES_PER_MEMBER_MAX)],
    )
    # The members' reminders before a meeting (notifications.reminders); 0 switches one off.
    reminder_days_early = models.PositiveSmallIntegerField(
        _("first reminder (days before a meeting)"),
        default=7,
        validators=[MaxValueValidator(REMINDER_DAYS_MAX)],
        help_text=_("0 for no first reminder."),
    )
    reminder_days_late = models.PositiveSmallIntegerField(
        _("second reminder (days before a meeting)"),
        default=1,
        validators=[MaxValueValidator(REMINDER_DAYS_MAX)],
        help_text=_("0 for no second reminder. Fewer days than the first one."),
    )
    whiteboard_url = models.URLField(_("whiteboard"), blank=True)
    taskboard_url = models.URLField(_("task board"), blank=True)
    chat_url = models.URLField(_("chat or forum"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    # The meeting rule and the defaults of the meetings it plans: the one list of these fields
    # (meetings.services.community_cadence_update, the cadence form, the admin, the demo data).
    CADENCE_FIELDS = (
        "cadence_months",
        "cadence_week",
        "cadence_weekday",
        "meeting_start_time",
        "meeting_duration_minutes",
        "meeting_format",
        "meeting_location",
        "video_url",
    )
    # The members' reminder lead times: the admin and the coordinators' settings.
    REMINDER_FIELDS = ("reminder_days_early", "reminder_days_late")

    # What the coordinators change on the community's settings page (members.services.community_update).
    SETTINGS_FIELDS = (
        "name",
        "tagline",
        "description",
        "visibility",
        "join_policy",
        "votes_per_member",
        "whiteboard_url",
        "taskboard_url",
        "chat_url",
        "video_url",
    )

    objects = CommunityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        # The community list (by name) and the newest communities on the landing page.
        indexes = [
            models.Index(fields=["name", "id"], name="community_name"),
            models.Index(fields=["-created_at", "-id"], name="community_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")),
                name="community_not_own_parent",
                violation_error_message=_("A community cannot be its own spin-off."),
            ),
            choice_constraint("community", "visibility", CommunityVisibility),
            choice_constraint("community", "join_policy", CommunityJoinPolicy),
            choice_constraint("community", "rotation_mode", CommunityRotationMode),
            choice_constraint("community", "meeting_format", MeetingFormat),
            choice_constraint("community", "cadence_week", CommunityWeekOfMonth),
            choice_constraint("community", "cadence_weekday", CommunityWeekday),
            range_constraint(
                "community",
                "max_members",
                minimum=1,
                null=True,
                message=_("A community with a limit has room for at least one member."),
            ),
            range_constraint(
                "community",
                "cadence_months",
                minimum=CADENCE_MONTHS_MIN,
                maximum=CADENCE_MONTHS_MAX,
                message=_("A community meets every 1 to 12 months."),
            ),
            range_constraint(
                "community",
                "meeting_duration_minutes",
                minimum=MEETING_DURATION_MIN,
                maximum=MEETING_DURATION_MAX,
                message=_("A meeting takes between 15 and 720 minutes."),
            ),
            range_constraint(
                "community",
                "votes_per_member",
                minimum=VOTES_PER_MEMBER_MIN,
                maximum=VOTES_PER_MEMBER_MAX,
                message=_("Each member has between 1 and 20 votes."),
            ),
            range_constraint(
                "community",
                "reminder_days_early",
                minimum=0,
                maximum=REMINDER_DAYS_MAX,
                message=_("A reminder is sent between 0 and 60 days before a meeting."),
            ),
            range_constraint(
                "community",
                "reminder_days_late",
                minimum=0,
                maximum=REMINDER_DAYS_MAX,
                message=_("A reminder is sent between 0 and 60 days before a meeting."),
            ),
            models.CheckConstraint(
                condition=Q(reminder_days_early=0)
                | Q(reminder_days_late=0)
                | Q(reminder_days_early__gt=models.F("reminder_days_late")),
                name="community_reminders_in_order",
                violation_error_message=_("The second reminder comes closer to the meeting than the first."),
            ),
            # Nobody outside a secret community knows of it, so nobody could ask to join.
            models.CheckConstraint(
                condition=~Q(visibility=CommunityVisibility.SECRET)
                | Q(join_policy=CommunityJoinPolicy.INVITATION),
                name="community_secret_by_invitation_only",
                violation_error_message=_("A secret community accepts new members by invitation only."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community_detail", kwargs={"slug": self.slug})

    @property
    def is_spin_off(self):
        return self.parent_id is not None

    @property
    def is_public(self):
        return self.visibility == self.Visibility.PUBLIC

    @property
    def joins_need_approval(self):
        return self.join_policy == self.JoinPolicy.APPROVAL

    @property
    def visibility_badge(self):
        """The short label lists show next to a community that is not public."""
        return {
            self.Visibility.INTERNAL: gettext("Signed-in only"),
            self.Visibility.SECRET: gettext("Secret"),
        }.get(self.visibility, "")

    def clean(self):
        super().clean()
        # The same rule as the constraint community_secret_by_invitation_only, as a field message.
        if self.visibility == self.Visibility.SECRET and self.join_policy != self.JoinPolicy.INVITATION:
            raise ValidationError(
                {
                    "join_policy": _(
                        "A secret community accepts new members by invitation only: "
                        "choose “By invitation only” or another visibility."
                    )
                }
            )

    @property
    def tool_links(self):
        links = [
            (_("Whiteboard"), self.whiteboard_url),
            (_("Task board"), self.taskboard_url),
            (_("Chat or forum"), self.chat_url),
            (_("Video conference"), self.video_url),
        ]
        return [(label, url) for label, url in links if url]


class MembershipQuerySet(models.QuerySet):
    def active(self):
        """The one definition of "an active member of the community": the status is active.
        `Membership.is_active`, `User.objects.active_members_of` and the rules' `is_active_member`
        say the same for one row, for people and for a permission."""
        return self.filter(status=Membership.Status.ACTIVE)

    def is_active_member(self, user, community) -> bool:
        """Whether `user` is an active member of `community`, read fresh (for services under a lock)."""
        if user is None or not user.is_authenticated:
            return False
        return self.active().filter(community=community, user_id=user.pk).exists()

    def coordinators(self):
        return self.active().filter(role=Membership.Role.COORDINATOR)


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    COORDINATOR = "coordinator", _("Coordinator")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Request pending")
    ACTIVE = "active", _("Active")
    WAITLISTED = "waitlisted", _("On the waitlist")
    LEFT = "left", _("Left")


class Membership(models.Model):
    Role = MembershipRole
    Status = MembershipStatus

    community = models.ForeignKey(
        Community, verbose_name=_("community"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        User, verbose_name=_("member"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    in_rotation = models.BooleanField(
        _("takes turns moderating"), default=True, help_text=_("Part of the rotation pool.")
    )
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    message = models.TextField(_("message"), max_length=2000, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["community", "joined_at", "requested_at"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="membership_unique_per_community"),
            choice_constraint("membership", "role", MembershipRole),
            choice_constraint("membership", "status", MembershipStatus),
            models.CheckConstraint(
                condition=~Q(status=MembershipStatus.ACTIVE) | Q(joined_at__isnull=False),
                name="membership_active_has_join_date",
                violation_error_message=_("An active membership needs the date the member joined."),
            ),
        ]
        indexes = [
            models.Index(fields=["user", "status"]),
            # Also serves the community page's "joined most recently", which stops after a few rows.
            models.Index(
                fields=["community", "status", "-joined_at", "-id"], name="membership_community_newest"
            ),
            # A community's coordinators (or waiting people) among thousands of members.
            models.Index(fields=["community", "role", "status"], name="membership_community_role"),
        ]

    def __str__(self):
        return f"{self.user} – {self.community}"

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE

    @property
    def is_coordinator(self):
        return self.is_active and self.role == self.Role.COORDINATOR

    @property
    def is_waitlisted(self):
        return self.status == self.Status.WAITLISTED

    @property
    def has_left(self):
        return self.status == self.Status.LEFT


class Invitation(models.Model):
    """A coordinator's invitation: lets a person without an organisation domain sign up and join."""

    community = models.ForeignKey(
        Community, verbose_name=_("community"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    sent_count = models.PositiveSmallIntegerField(_("times sent"), default=1)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.community}"

    @property
    def is_usable(self):
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def state(self) -> str:
        """What the invitations list says: used, withdrawn, expired or open."""
        if self.accepted_at is not None:
            return gettext("accepted")
        if self.revoked_at is not None:
            return gettext("withdrawn")
        if self.expires_at <= timezone.now():
            return gettext("expired")
        return gettext("open")
