from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cop.constraints import choice_constraint


class LegalPageKind(models.TextChoices):
    IMPRINT = "imprint", _("Imprint")
    PRIVACY = "privacy", _("Privacy policy")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")


class LegalPage(models.Model):
    """Imprint, privacy policy and accessibility statement: texts the operator sets in the admin."""

    Kind = LegalPageKind
    kind = models.CharField(_("page"), max_length=20, choices=Kind.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Markdown is supported."))
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")
        constraints = [choice_constraint("legal_page", "kind", LegalPageKind)]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("legal_page", kwargs={"kind": self.kind})
