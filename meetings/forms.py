"""Forms of the meeting pages: they parse and check input; the services do the writing."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cop.fields import https_by_default
from members.models import Community

from . import services
from .models import AGENDA_ITEM_MAX_MINUTES, AGENDA_ITEM_MIN_MINUTES, AgendaItem, Attendance, Meeting
from .selectors import CHOOSER_QUERY_MAX

DATETIME_INPUT = "%Y-%m-%dT%H:%M"
# Ids a chooser may send at once (people present at one meeting); beyond, the form refuses.
MAX_CHOSEN_PEOPLE = 1000


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's own date-and-time picker: accessible and free of JavaScript of ours."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_INPUT)


class PeopleChooser(forms.Widget):
    """A search over the community's people instead of a list of every one of them.

    Shows the chosen people and the matches of the search (selectors.people_choice) as radio buttons,
    or check boxes with `multiple`; typing asks the server for matches (htmx), and the search button
    sends the form back to its page to search without JavaScript. The form sets `choice` and `search_url`.
    """

    template_name = "meetings/widgets/people_chooser.html"

    def __init__(self, *, kind, multiple=False, attrs=None):
        super().__init__(attrs)
        self.kind = kind
        self.multiple = multiple
        self.choice = None
        self.search_url = ""
        self.blank_label = None

    def value_from_datadict(self, data, files, name):
        if self.multiple and hasattr(data, "getlist"):
            return data.getlist(name)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False if self.multiple else super().value_omitted_from_data(data, files, name)

    def format_value(self, value):
        values = value if isinstance(value, list | tuple) else [value]
        return [str(item) for item in values if item not in (None, "")]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["chooser"] = chooser_context(
            kind=self.kind,
            name=name,
            element_id=context["widget"]["attrs"].get("id") or f"id_{name}",
            choice=self.choice,
            chosen=context["widget"]["value"],
            multiple=self.multiple,
            search_url=self.search_url,
            blank_label=self.blank_label,
        )
        return context


def chooser_context(
    *, kind, name, element_id, choice, chosen, multiple, search_url, blank_label=None, form=None
) -> dict:
    """What meetings/_people_choices.html shows, for the widget and for the search endpoint.

    `form`: the id of a separate search form the search box belongs to (else it searches by sending
    its own form back with the button `<kind>_search`)."""
    chosen = {str(pk) for pk in chosen if pk not in (None, "")}
    return {
        "kind": kind,
        "name": name,
        "id": element_id,
        "multiple": multiple,
        "search_name": f"{kind}_q",
        "search_button": f"{kind}_search",
        "search_url": search_url,
        "form": form,
        "query": choice.query if choice else "",
        "query_max": CHOOSER_QUERY_MAX,
        "matches": choice.matches if choice else 0,
        "more": choice.more if choice else False,
        "blank_label": blank_label,
        "blank_checked": not chosen,
        "options": [
            {"pk": person.pk, "person": person, "checked": str(person.pk) in chosen}
            for person in (choice.people if choice else [])
        ],
    }


class PersonIdsField(forms.Field):
    """Ids of people (the attendance); whether they may be chosen is the service's check."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value):
        if value in self.empty_values:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        if len(values) > MAX_CHOSEN_PEOPLE:
            raise forms.ValidationError(_("Too many people were chosen at once."))
        try:
            ids = {int(item) for item in values}
        except (TypeError, ValueError):
            raise forms.ValidationError(_("The chosen people are not readable.")) from None
        if any(not 0 < pk < 2**31 for pk in ids):
            raise forms.ValidationError(_("The chosen people are not readable."))
        return sorted(ids)


def person_options(people, *, blank=None) -> list:
    options = [("", blank)] if blank is not None else []
    return options + [(str(person.pk), person.display_name) for person in people]


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
        fields = list(services.CALENDAR_FIELDS)
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
        fields = list(services.ITEM_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, community=None, can_edit_agenda=False, people=None, search_url="", **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            # A new item's form is the page's purpose, or opens in place on the meeting page: the
            # title takes the focus (htmx focuses it after the swap).
            self.fields["title"].widget.attrs["autofocus"] = True
        if can_edit_agenda and community is not None and people is not None:
            # Any account may be sent; the service refuses one who is not an active member, with its message.
            presenter = self.fields["presenter"]
            presenter.queryset = get_user_model().objects.all()
            presenter.required = False
            if people.searchable:
                presenter.widget = PeopleChooser(kind="presenter")
                presenter.widget.choice = people
                presenter.widget.search_url = search_url
                presenter.widget.blank_label = _("Nobody")
            else:
                presenter.widget = forms.Select(choices=person_options(people.people, blank=_("Nobody")))
        else:
            del self.fields["presenter"]

    def _post_clean(self):
        # The instance is written by a service (with full_clean()); here the fields alone are checked.
        pass


class RSVPForm(forms.Form):
    response = forms.ChoiceField(label=_("Will you take part?"), choices=Attendance.Response.choices)


class PositionsField(forms.CharField):
    """The agenda order a page showed ("12,7,9"), sent back so that a stale page changes nothing."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=5000, **kwargs)

    def to_python(self, value):
        raw = super().to_python(value).strip()
        if not raw:
            return None
        try:
            return [int(part) for part in raw.split(",")]
        except ValueError:
            raise forms.ValidationError(_("The order sent by the page is not readable.")) from None


class DecideForm(forms.Form):
    """A facilitator's decision about one agenda item; `positions` is the order the page showed."""

    ACTIONS = ("accept", "reject", "defer", "up", "down")

    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])
    positions = PositionsField()
    reason = forms.CharField(
        label=_("Reason (optional, goes to the proposer)"),
        required=False,
        max_length=1000,
        error_messages={"max_length": _("Please keep the reason shorter (at most 1000 characters).")},
    )


class TimeboxForm(AgendaItemForm):
    """An item's time box, kind and presenter, changed on the agenda (inline with htmx, or on its page)."""

    positions = PositionsField()

    class Meta(AgendaItemForm.Meta):
        fields = ["duration_minutes", "kind", "presenter"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duration_minutes"].widget.attrs["autofocus"] = True


class HostForm(forms.Form):
    """The host organisation ("zu Gast bei"); whether it may host is the service's check."""

    organisation = forms.IntegerField(label=_("Hosted by"), required=False, min_value=1, max_value=2**31 - 1)


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
        fields = [*services.CADENCE_FIELDS, *Community.REMINDER_FIELDS]
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
    attended = PersonIdsField(label=_("Who took part?"), required=False)
    mark_held = forms.BooleanField(label=_("The meeting took place: mark it as held"), required=False)

    def __init__(self, *args, items=(), people=None, search_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        attended = self.fields["attended"]
        if people is not None and people.searchable:
            attended.widget = PeopleChooser(kind="attended", multiple=True)
            attended.widget.choice = people
            attended.widget.search_url = search_url
            attended.help_text = _(
                "Those who answered yes or maybe and those already recorded are listed; search for others "
                "by first or last name."
            )
        else:
            attended.widget = forms.CheckboxSelectMultiple(
                choices=person_options(people.people if people is not None else [])
            )
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
        return list(self.cleaned_data["attended"])


class MinutesPublishForm(forms.Form):
    action = forms.ChoiceField(choices=[("publish", "publish"), ("unpublish", "unpublish")])
