"""allauth customised through adapters: who may sign up, and what a new account is linked to.

Sign-up is open to
- addresses whose domain belongs to a participating organisation (`OrganisationDomain`); the new
  account is linked to that organisation;
- the address a coordinator invited: `members.views.invitation_accept` keeps the invitation in the
  session, sign-up with exactly that address accepts it (the person becomes a member of the community)
  and needs no separate verification mail, because the invitation link already proved the address.
"""

import hmac

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from notifications.messages import sender

from . import services
from .models import normalise_email

INVITATION_SESSION_KEY = "cop_invitation_id"
SIGNUP_REDIRECT_SESSION_KEY = "cop_signup_redirect"


class EmailAlreadyTaken(Exception):
    """The address got an account between the form's validation and saving the new user."""


def demo_password_allowed() -> bool:
    return settings.DEBUG or settings.ALLOW_DEMO_PASSWORD


def is_demo_password(password) -> bool:
    return bool(password) and hmac.compare_digest(str(password).encode(), settings.DEMO_PASSWORD.encode())


def session_invitation(request, email: str):
    """The usable invitation kept in this session for exactly this address, if any."""
    if request is None or not email:
        return None
    return services.usable_invitation_for_email(email, request.session.get(INVITATION_SESSION_KEY))


def may_sign_up(request, email: str) -> bool:
    return (
        services.organisation_for_email(email) is not None or session_invitation(request, email) is not None
    )


class AccountAdapter(DefaultAccountAdapter):
    def get_from_email(self):
        return sender()

    def send_mail(self, template_prefix, email, context):
        """Every allauth mail names the platform, its address and a contact, like our notifications."""
        context = {
            "site_name": settings.SITE_NAME,
            "site_url": settings.SITE_URL,
            "contact_email": settings.SITE_CONTACT_EMAIL,
            **context,
        }
        super().send_mail(template_prefix, email, context)

    def render_mail(self, template_prefix, email, context, headers=None):
        """The text part from the templates; the HTML part made from that text, so both say the same."""
        message = super().render_mail(template_prefix, email, context, headers=headers)
        if isinstance(message, EmailMultiAlternatives) and message.alternatives:
            return message
        with_html = EmailMultiAlternatives(
            subject=message.subject,
            body=message.body,
            from_email=message.from_email,
            to=message.to,
            headers={**message.extra_headers, "Auto-Submitted": "auto-generated"},
        )
        with_html.attach_alternative(
            render_to_string(
                "account/email/message.html", {"subject": message.subject, "text": message.body}
            ),
            "text/html",
        )
        return with_html

    def clean_email(self, email):
        return normalise_email(super().clean_email(email))

    def validate_signup_email(self, email: str) -> None:
        """Refuse an address that is neither from a participating organisation nor invited.

        Called by `members.forms.SignupForm.clean`, so it applies to sign-up only (not to password
        reset or to adding a second address).
        """
        if may_sign_up(self.request, email):
            return
        domain = email.rsplit("@", 1)[-1]
        raise ValidationError(
            _(
                "%(domain)s does not belong to any of the participating organisations. Please use your "
                "work e-mail address, or ask a community's coordinators for an invitation."
            ),
            code="domain_not_allowed",
            params={"domain": domain},
        )

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.email = normalise_email(user.email)
        user.organisation = services.organisation_for_email(user.email)
        if commit:
            try:
                with transaction.atomic():
                    user.save()
            except IntegrityError as error:
                # The unique e-mail address: a simultaneous sign-up with the same address won.
                if type(user)._default_manager.filter(email=user.email).exists():
                    raise EmailAlreadyTaken(user.email) from error
                raise
            self._accept_session_invitation(request, user)
        return user

    def _accept_session_invitation(self, request, user) -> None:
        invitation = session_invitation(request, user.email)
        if invitation is None:
            return
        request.session.pop(INVITATION_SESSION_KEY, None)
        try:
            services.invitation_accept(invitation=invitation, user=user)
        except ValidationError:
            # Used up in the meantime: the account exists, the membership does not.
            return
        # The invitation link reached this address, so allauth may count it as verified.
        self.stash_verified_email(request, user.email)
        request.session[SIGNUP_REDIRECT_SESSION_KEY] = invitation.community.get_absolute_url()

    def get_signup_redirect_url(self, request):
        return request.session.pop(SIGNUP_REDIRECT_SESSION_KEY, None) or super().get_signup_redirect_url(
            request
        )

    def clean_password(self, password, user=None):
        # Nobody may choose the published demo password where it would not work anyway.
        if is_demo_password(password) and not demo_password_allowed():
            raise ValidationError(
                _("This password is published with the demo data. Please choose another one."),
                code="demo_password",
            )
        return super().clean_password(password, user=user)

    def authenticate(self, request, **credentials):
        # The published demo password must never open an account on a real installation. The
        # attempt still counts against the failed-login rate limit, like any wrong password.
        if is_demo_password(credentials.get("password")) and not demo_password_allowed():
            self.pre_authenticate(request, **credentials)
            self.authentication_failed(request, **credentials)
            return None
        return super().authenticate(request, **credentials)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """The municipality's own sign-in: accounts are linked to the organisation of their domain."""

    def is_open_for_signup(self, request, sociallogin):
        # Only addresses of participating organisations; invitations go through the local sign-up.
        email = normalise_email(sociallogin.user.email)
        return bool(email) and services.organisation_for_email(email) is not None

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.email = normalise_email(user.email)
        user.organisation = services.organisation_for_email(user.email)
        return user
