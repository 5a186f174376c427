from django import forms
from django.utils.translation import gettext_lazy as _

from .services import NAME_MAX_LENGTH


class FeedTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the link"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("Where you use it, e.g. “Outlook at the office” or “Phone”."),
    )
