from allauth.account.adapter import get_adapter
from allauth.core import context
from django import forms
from django.utils.translation import gettext_lazy as _

from cop.fields import https_by_default

from .adapters import INVITATION_SESSION_KEY
from .models import MAX_MEMBERS_LIMIT, Community, Invitation, Membership, validate_person_name

LISTING_CONSENT_HELP = _(
    "Optional. If you tick this, signed-in members find you in the member directory with your name, "
    "organisation, job title, department and expertise. Your consent is the legal basis for this "
    "(Art. 6 (1) a GDPR): you can withdraw it at any time under “My profile”."
)


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (allauth's form derives from this one).

    `clean` lets the account adapter refuse addresses that may not sign up; `signup` is called by
    allauth after it has created the user.
    """

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    is_listed = forms.BooleanField(
        label=_("Show me in the member directory"),
        required=False,
        initial=False,
        help_text=LISTING_CONSENT_HELP,
    )
    field_order = ["email", "first_name", "last_name", "password1", "password2", "is_listed"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Someone who came through an invitation link finds the invited address filled in.
        request = context.request
        invitation_id = request.session.get(INVITATION_SESSION_KEY) if request is not None else None
        if invitation_id and not self.is_bound:
            email = Invitation.objects.filter(pk=invitation_id).values_list("email", flat=True).first()
            if email:
                self.initial.setdefault("email", email)

    def clean_first_name(self):
        validate_person_name(self.cleaned_data["first_name"])
        return self.cleaned_data["first_name"]

    def clean_last_name(self):
        validate_person_name(self.cleaned_data["last_name"])
        return self.cleaned_data["last_name"]

    def clean(self):
        cleaned_data = super().clean()
        email = cleaned_data.get("email")
        if email:
            try:
                get_adapter().validate_signup_email(email)
            except forms.ValidationError as error:
                self.add_error("email", error)
        return cleaned_data

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.is_listed = self.cleaned_data["is_listed"]
        user.save(update_fields=["first_name", "last_name", "is_listed"])


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the coordinators (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class MembershipRotationForm(forms.Form):
    in_rotation = forms.TypedChoiceField(
        label=_("Takes turns moderating"),
        choices=[("1", _("yes")), ("0", _("no"))],
        coerce=lambda value: value == "1",
    )


class MembershipRemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the person by e-mail and kept with the membership."),
    )


class MaxMembersForm(forms.Form):
    max_members = forms.IntegerField(
        label=_("Maximum number of members"),
        required=False,
        min_value=1,
        max_value=MAX_MEMBERS_LIMIT,
        help_text=_("Empty for no limit. When the community is full, new joiners go on the waitlist."),
    )


class CommunitySettingsForm(forms.ModelForm):
    """Name, description, joining, votes and tool links; the model's clean() refuses a secret
    community that others may ask to join, at the join policy field."""

    class Meta:
        model = Community
        formfield_callback = https_by_default
        fields = Community.SETTINGS_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "description": _(
                "Markdown: **bold**, *italic*, lists with “-”, links as [text](https://…). "
                "“Preview” shows the text as the community page will, without saving."
            )
        }


LIST_SEARCH_MAX_LENGTH = 100


class ListSearchForm(forms.Form):
    """A list page's search box (?q=); a search that is too long is reported and left out."""

    q = forms.CharField(
        label=_("Search"), required=False, max_length=LIST_SEARCH_MAX_LENGTH, widget=forms.SearchInput
    )

    def filters(self) -> dict:
        """The valid part of the request, as keyword arguments for the list's selector."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {"q": (cleaned.get("q") or "").strip()}


class CommunityFilterForm(ListSearchForm):
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("All communities")),
            ("cops", _("Communities of Practice")),
            ("spin_offs", _("Spin-offs")),
            ("mine", _("My communities")),
        ],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = _("Name or tagline.")
        if not user.is_authenticated:
            self.fields["kind"].choices = self.fields["kind"].choices[:-1]

    def filters(self) -> dict:
        filters = super().filters()
        filters["kind"] = getattr(self, "cleaned_data", {}).get("kind") or ""
        return filters


class CommunityMemberSearchForm(ListSearchForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = _("Name or organisation.")
