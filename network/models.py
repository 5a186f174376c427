""" "Vernetzt Euch!": calls for partners to found a new CoP on a theme, and who is interested."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cop.constraints import choice_constraint
from members.models import Community

SEARCH_TITLE_MAX = 200
SEARCH_DESCRIPTION_MAX = 10_000
SEARCH_ORGANISATION_MAX = 200


class PartnerSearchStatus(models.TextChoices):
    OPEN = "open", _("Looking for partners")
    FOUNDED = "founded", _("Founded")
    CLOSED = "closed", _("Closed")


class PartnerSearchQuerySet(models.QuerySet):
    def for_list(self, user):
        """With `interest_count` and, for a signed-in user, `has_my_interest`; newest first."""
        queryset = self.select_related("author").annotate(interest_count=Count("interests", distinct=True))
        if user.is_authenticated:
            queryset = queryset.annotate(
                has_my_interest=Exists(Interest.objects.filter(search_id=OuterRef("pk"), user_id=user.pk))
            )
        return queryset.order_by("-created_at", "-pk")


class PartnerSearch(models.Model):
    """A member's call for partners: "who founds a CoP on this theme with me?"."""

    Status = PartnerSearchStatus

    title = models.CharField(_("theme"), max_length=SEARCH_TITLE_MAX)
    description = models.TextField(
        _("description"), max_length=SEARCH_DESCRIPTION_MAX, blank=True, help_text=_("Markdown is supported.")
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=SEARCH_ORGANISATION_MAX,
        blank=True,
        help_text=_("Where you work: shown with the call."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_searches",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PartnerSearchStatus.choices, default=PartnerSearchStatus.OPEN
    )
    community = models.ForeignKey(
        Community,
        verbose_name=_("founded community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_searches",
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = PartnerSearchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("partner search")
        verbose_name_plural = _("partner searches")
        constraints = [choice_constraint("partner_search", "status", PartnerSearchStatus)]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partner_search_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == PartnerSearchStatus.OPEN

    @property
    def is_founded(self) -> bool:
        return self.status == PartnerSearchStatus.FOUNDED


class Interest(models.Model):
    """A member would found the CoP of a call together with its author."""

    search = models.ForeignKey(
        PartnerSearch, verbose_name=_("partner search"), on_delete=models.CASCADE, related_name="interests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="partner_interests",
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)

    class Meta:
        ordering = ["search", "created_at", "pk"]
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        constraints = [
            models.UniqueConstraint(
                fields=["search", "user"],
                name="interest_unique_per_search_and_user",
                violation_error_message=_("You have already registered your interest."),
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.search}"
