from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Community

from .models import SUGGESTION_TEXT_MAX, TOPIC_DESCRIPTION_MAX, TOPIC_TITLE_MAX, TopicStatus
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


class SpinOffForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=Community._meta.get_field("name").max_length)
    slug = forms.SlugField(
        label=_("Short name in URLs"),
        max_length=Community._meta.get_field("slug").max_length,
        help_text=_("Lower-case letters, digits and hyphens, e.g. working-out-loud."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=TOPIC_DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown is supported."),
    )


class SpinOffSuggestionForm(forms.Form):
    note = forms.CharField(
        label=_("Why should this topic become a spin-off?"),
        required=False,
        max_length=SUGGESTION_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeclineSuggestionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=SUGGESTION_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The member who suggested the spin-off reads it on the topic page."),
    )


# --- Lean Coffee ----------------------------------------------------------------------------------


class LeanCoffeeVoteForm(VoteForm):
    topic = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class LeanCoffeeThumbForm(forms.Form):
    slot = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    answer = forms.ChoiceField(choices=[("up", _("Continue")), ("down", _("Next topic"))])


class LeanCoffeeRunForm(forms.Form):
    """One form for the facilitator's buttons; `action` says which, the other fields as it needs."""

    action = forms.ChoiceField(
        choices=[
            ("start", _("Start")),
            ("continue", _("Another time box")),
            ("done", _("Done")),
            ("minutes", _("Set minutes")),
            ("finish", _("End the round")),
        ]
    )
    slot = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    topic = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)
    minutes = forms.IntegerField(label=_("Minutes per topic"), min_value=1, max_value=60, required=False)
    note = forms.CharField(
        label=_("Note for the minutes"), max_length=2000, required=False, widget=forms.Textarea
    )
