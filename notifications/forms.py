from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind


class PreferencesForm(forms.Form):
    wanted = forms.MultipleChoiceField(
        label=_("E-mails I want to get"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
