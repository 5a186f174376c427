"""allauth customised through adapters: who may sign up, and what a new account is linked to."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django import forms
from django.conf import settings
from django.utils.translation import gettext as _

from . import services

INVITATION_SESSION_KEY = "cop_invitation_id"


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        email = super().clean_email(email).strip().lower()
        request = getattr(self, "request", None)
        if request is not None and request.path.startswith("/accounts/signup"):
            invitation_id = request.session.get(INVITATION_SESSION_KEY)
            if services.usable_invitation_for_email(email, invitation_id) is None and (
                services.organisation_for_email(email) is None
            ):
                raise forms.ValidationError(
                    _(
                        "Sign-up is open to staff of the participating organisations. Your e-mail "
                        "domain is not one of theirs. If you want to join, ask a community "
                        "coordinator for an invitation."
                    )
                )
        return email

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.email = user.email.lower()
        user.organisation = services.organisation_for_email(user.email)
        if commit:
            user.save()
            invitation = services.usable_invitation_for_email(
                user.email, request.session.get(INVITATION_SESSION_KEY)
            )
            if invitation is not None:
                services.invitation_accept(invitation=invitation, user=user)
                request.session.pop(INVITATION_SESSION_KEY, None)
        return user

    def authenticate(self, request, **credentials):
        # The published demo password must never open an account on a real installation.
        if credentials.get("password") == settings.DEMO_PASSWORD and not demo_password_allowed():
            return None
        return super().authenticate(request, **credentials)


def demo_password_allowed() -> bool:
    return settings.DEBUG or settings.ALLOW_DEMO_PASSWORD


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """The municipality's own sign-in: accounts are linked to the organisation of their domain."""

    def is_open_for_signup(self, request, sociallogin):
        email = (sociallogin.user.email or "").lower()
        return bool(email) and services.organisation_for_email(email) is not None

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.organisation = services.organisation_for_email(user.email or "")
        return user
