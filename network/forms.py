from django import forms
from django.utils.translation import gettext_lazy as _

from topics.forms import SpinOffForm

from .models import SEARCH_DESCRIPTION_MAX, SEARCH_ORGANISATION_MAX, SEARCH_TITLE_MAX, PartnerSearchStatus
from .services import SEARCH_FIELDS


class PartnerSearchForm(forms.Form):
    """Theme, description and organisation; the field list is the one partner_search_update accepts."""

    title = forms.CharField(
        label=_("Theme"),
        max_length=SEARCH_TITLE_MAX,
        help_text=_("What should the new CoP be about? E.g. “Knowledge management in utilities”."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=SEARCH_DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown is supported. Who are you looking for, what would you like to do together?"),
    )
    organisation = forms.CharField(
        label=_("Your organisation"),
        max_length=SEARCH_ORGANISATION_MAX,
        required=False,
        help_text=_("Shown with the call, so that colleagues know where you work."),
    )

    field_order = SEARCH_FIELDS


class InterestForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("register", _("I am interested")), ("withdraw", _("Withdraw my interest"))]
    )


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("Open calls")),
            (PartnerSearchStatus.FOUNDED, _("Founded")),
            (PartnerSearchStatus.CLOSED, _("Closed")),
        ],
    )


class FoundForm(SpinOffForm):
    """Name, short name and description of the new CoP: the same fields as a spin-off's."""
