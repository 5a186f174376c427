from django import forms
from django.utils.translation import gettext_lazy as _

from .models import TOPIC_DESCRIPTION_MAX, TOPIC_TITLE_MAX, TopicStatus
from .services import TOPIC_FIELDS


class TopicForm(forms.Form):
    """Title and description; the field list is the one topic_update accepts."""

    title = forms.CharField(label=_("Title"), max_length=TOPIC_TITLE_MAX)
    description = forms.CharField(
        label=_("Description"),
        max_length=TOPIC_DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown is supported. What should we talk about, and why?"),
    )

    field_order = TOPIC_FIELDS


class VoteForm(forms.Form):
    action = forms.ChoiceField(choices=[("cast", _("Vote")), ("withdraw", _("Take vote back"))])


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All but archived")), *TopicStatus.choices],
    )
