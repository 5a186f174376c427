"""Forms of the meeting pages: they parse and check input; the services do the writing."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models import Community, Membership

from . import services
from .models import AGENDA_ITEM_MAX_MINUTES, AGENDA_ITEM_MIN_MINUTES, AgendaItem, Attendance, Meeting

DATETIME_INPUT = "%Y-%m-%dT%H:%M"


def https_by_default(field, **kwargs):
    """A link typed without scheme becomes https://… (the default of Django 6 and later)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's own date-and-time picker: accessible and free of JavaScript of ours."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_INPUT)


class MeetingTimesMixin:
    """Each time between 2000 and ten years ahead, refused on its own field (services.meeting_time_check).

    Checked here as well as in the service so that the message stands at the field even where the
    form saves without the service (the admin), and before anything compares or converts the time.
    """

    def clean_starts_at(self):
        return self._in_range(self.cleaned_data.get("starts_at"))

    def clean_ends_at(self):
        return self._in_range(self.cleaned_data.get("ends_at"))

    @staticmethod
    def _in_range(value):
        if value is not None:
            services.meeting_time_check(value)
        return value


class MeetingAdminForm(MeetingTimesMixin, forms.ModelForm):
    """The admin's meeting form: the model's own fields and checks plus the time range at the field."""

    class Meta:
        model = Meeting
        fields = ["starts_at", "ends_at"]  # the admin adds the fields of its fieldsets


class MeetingForm(MeetingTimesMixin, forms.ModelForm):
    """Move a meeting or change its place; the service checks that it ends after it starts."""

    class Meta:
        model = Meeting
        formfield_callback = https_by_default
        fields = ["title", "starts_at", "ends_at", "format", "location", "video_url"]
        widgets = {"starts_at": DateTimeLocalInput(), "ends_at": DateTimeLocalInput()}
        field_classes = {"starts_at": forms.DateTimeField, "ends_at": forms.DateTimeField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = [DATETIME_INPUT, "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]

    def _post_clean(self):
        # The model check (ends after start) is the service's job, so its message comes from one place.
        pass


class AgendaItemForm(forms.ModelForm):
    """Propose or edit an agenda item. Editors (facilitator, coordinator) may also name a presenter."""

    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"),
        min_value=AGENDA_ITEM_MIN_MINUTES,
        max_value=AGENDA_ITEM_MAX_MINUTES,
        initial=15,
    )

    class Meta:
        model = AgendaItem
        fields = ["title", "description", "kind", "duration_minutes", "presenter"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, community=None, can_edit_agenda=False, **kwargs):
        super().__init__(*args, **kwargs)
        if can_edit_agenda and community is not None:
            presenter = self.fields["presenter"]
            presenter.queryset = get_user_model().objects.filter(
                memberships__community=community, memberships__status=Membership.Status.ACTIVE
            )
            presenter.required = False
            presenter.label_from_instance = lambda user: user.display_name
        else:
            del self.fields["presenter"]

    def _post_clean(self):
        # The instance is written by a service (with full_clean()); here the fields alone are checked.
        pass


class RSVPForm(forms.Form):
    response = forms.ChoiceField(label=_("Will you take part?"), choices=Attendance.Response.choices)


class DecideForm(forms.Form):
    """A facilitator's decision about one agenda item; `positions` is the order the page showed."""

    ACTIONS = ("accept", "reject", "defer", "up", "down")

    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])
    positions = forms.CharField(required=False, max_length=5000)

    def clean_positions(self):
        raw = self.cleaned_data["positions"].strip()
        if not raw:
            return None
        try:
            return [int(part) for part in raw.split(",")]
        except ValueError:
            raise forms.ValidationError(_("The order sent by the page is not readable.")) from None


class TemplateForm(forms.Form):
    template = forms.ChoiceField(
        label=_("Agenda template"),
        choices=[
            ("first", _("First meeting: getting to know each other, aligning expectations")),
            ("regular", _("Regular meeting: check-in, Lean Coffee, input, retrospective")),
        ],
    )


class FacilitatorForm(forms.Form):
    ACTIONS = ("accept", "decline", "swap", "override")

    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])
    other_meeting = forms.IntegerField(required=False, min_value=1)
    user = forms.IntegerField(required=False, min_value=1)


class CadenceForm(forms.ModelForm):
    class Meta:
        model = Community
        formfield_callback = https_by_default
        fields = list(services.CADENCE_FIELDS)
        widgets = {"meeting_start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def _post_clean(self):
        # Only the fields are checked here; the service validates the whole community.
        pass


class MinutesForm(forms.Form):
    """Minutes, their confidential part, one outcome per agenda item and who attended; built for one
    meeting's items and people. Publishing is a separate button ("save and publish"), not a field."""

    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown is supported."),
    )
    minutes_confidential = forms.CharField(
        label=_("Confidential part"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "For what must stay in the group, e.g. the case of a peer consultation. It is shown only on "
            "this meeting's page, marked as confidential, to those who may read the minutes, and never "
            "goes into e-mails or exports. Markdown is supported."
        ),
    )
    attended = forms.MultipleChoiceField(
        label=_("Who took part?"), required=False, widget=forms.CheckboxSelectMultiple
    )
    mark_held = forms.BooleanField(label=_("The meeting took place: mark it as held"), required=False)

    def __init__(self, *args, items=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        self.fields["attended"].choices = [(str(person.pk), person.display_name) for person in people]
        for item in self.items:
            self.fields[f"outcome_{item.pk}"] = forms.CharField(
                label=_("Outcome of “%(title)s”") % {"title": item.title},
                required=False,
                max_length=10000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        # The outcomes first, in agenda order, as the meeting went; marking it held comes last.
        self.order_fields(
            [f"outcome_{item.pk}" for item in self.items]
            + ["minutes", "minutes_confidential", "attended", "mark_held"]
        )

    def outcomes(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data.get(f"outcome_{item.pk}", "") for item in self.items}

    def attended_user_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["attended"]]


class MinutesPublishForm(forms.Form):
    action = forms.ChoiceField(choices=[("publish", "publish"), ("unpublish", "unpublish")])
