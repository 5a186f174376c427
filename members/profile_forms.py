"""Forms for the member directory, one's own profile and account deletion.

The organisation is not part of the profile form: it follows from the e-mail domain at sign-up
and decides who hosts a meeting when organisations take turns, so a member cannot move
themselves to another organisation. Site coordinators change it in the administration.
"""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from . import selectors, services
from .models import User, normalise_email

SEARCH_MAX_LENGTH = 100

phone_validator = RegexValidator(
    r"^\+?[0-9 ()/.\-]{3,50}$",
    _("Enter a phone number using digits, spaces and + ( ) / - only, e.g. +49 561 123-456."),
)


class MemberSearchForm(forms.Form):
    """The directory's search and filters.

    The organisation is a text field matched on the server (selectors.organisations_matching),
    not a choice of every organisation: a national network has tens of thousands of them. A
    link may put an organisation's short name into it; a typed part of a name matches every
    organisation whose name contains it.
    """

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        help_text=_("Name, organisation, town, job title, department or expertise."),
        widget=forms.SearchInput,
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        help_text=_("All or part of its name, e.g. Kassel."),
        widget=forms.SearchInput,
    )
    expertise = forms.CharField(label=_("Expertise"), required=False, max_length=SEARCH_MAX_LENGTH)

    def clean_organisation(self):
        text = self.cleaned_data["organisation"].strip()
        if text and not selectors.organisations_matching(text).exists():
            raise forms.ValidationError(
                _("No organisation is called “%(text)s” or has it in its name."), params={"text": text}
            )
        return text

    def filters(self) -> dict:
        """The valid part of the search; a field the user got wrong is left out (and reported)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "q": (cleaned.get("q") or "").strip(),
            "organisation": cleaned.get("organisation") or "",
            "expertise": (cleaned.get("expertise") or "").strip(),
        }


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = list(services.PROFILE_FIELDS)
        widgets = {"bio": forms.Textarea(attrs={"rows": 6}), "phone": forms.TelInput}
        help_texts = {
            "bio": _("A few sentences about you and your work. Markdown is supported."),
            "phone": _("Only shown to signed-in members if you tick the box below."),
            "is_listed": _(
                "Optional, and off unless you switch it on. Signed-in members find you in the member "
                "directory and can open your profile with your name, organisation, job title, "
                "department, expertise and the text about you. Your consent is the legal basis for "
                "this (Art. 6 (1) a GDPR); what you chose earlier stays as it is until you change it "
                "here. If you untick this, you are hidden from the directory; your name still "
                "appears in the communities and meetings you take part in."
            ),
            "show_email": _(
                "Signed-in members see your e-mail address on your profile. Visitors never see it, "
                "and it never appears in calendar feeds."
            ),
            "show_phone": _("Signed-in members see your phone number on your profile."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["phone"].validators.append(phone_validator)

    def clean_expertise(self):
        """Tidy the keywords: trimmed, no empty or repeated ones, separated by ', '."""
        words = []
        for word in self.cleaned_data["expertise"].split(","):
            word = " ".join(word.split())
            if word and word.lower() not in {w.lower() for w in words}:
                words.append(word)
        expertise = ", ".join(words)
        if len(expertise) > User._meta.get_field("expertise").max_length:
            raise forms.ValidationError(_("Please use fewer keywords (at most 500 characters in all)."))
        return expertise


class AccountDeleteForm(forms.Form):
    """Confirms the deletion with the password, or with the e-mail address for accounts that
    sign in through their municipality and have no password here."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    email = forms.CharField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("Type the e-mail address you sign in with, to confirm."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if user.has_usable_password():
            del self.fields["email"]
        else:
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not correct."))
        return password

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if normalise_email(email) != normalise_email(self.user.email):
            raise forms.ValidationError(_("This is not the e-mail address of your account."))
        return email
