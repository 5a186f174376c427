"""Security headers on every response: a strict Content-Security-Policy (our own scripts and styles
only, nothing inline), a Permissions-Policy that switches off browser features we never use, and
`Cache-Control: private, no-store` on pages that show personal data."""

from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

# Browser features the platform never needs; an injected script or frame cannot use them either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)

# Pages about people: never kept by a shared cache or in the browser's cache on a shared computer.
PERSONAL_PATH_PREFIXES = ("/me/", "/members/", "/organisations/")
# allauth's pages show the signed-in person's addresses, sessions and authenticators.
SIGNED_IN_PERSONAL_PATH_PREFIXES = ("/accounts/",)


def _identity_provider_origins() -> list[str]:
    """Origins of configured OpenID Connect servers: the sign-in form posts and redirects there."""
    origins = []
    provider = settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {})
    for app in provider.get("APPS", []):
        parts = urlsplit(app.get("settings", {}).get("server_url", ""))
        if parts.scheme in {"http", "https"} and parts.netloc:
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return origins


@cache
def content_security_policy() -> str:
    form_action = " ".join(["'self'", *_identity_provider_origins()])
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            f"form-action {form_action}",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "object-src 'none'",
        ]
    )


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy())
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def is_personal_page(request) -> bool:
    path = request.path_info
    if path.startswith(PERSONAL_PATH_PREFIXES):
        return True
    user = getattr(request, "user", None)
    return path.startswith(SIGNED_IN_PERSONAL_PATH_PREFIXES) and user is not None and user.is_authenticated


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on personal pages (profile, directory, account)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_personal_page(request):
            patch_cache_control(response, private=True, no_store=True)
        return response


# Admin pages a staff member without a second factor may still open: leaving is always possible.
ADMIN_VIEWS_WITHOUT_SECOND_FACTOR = {"logout"}


def has_authenticator_app(user) -> bool:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import is_mfa_enabled

    return is_mfa_enabled(user, types=[Authenticator.Type.TOTP])


class AdminTwoFactorMiddleware:
    """Staff and superusers set up an authenticator app before they use the admin.

    The admin can change every member's data and rights: a stolen or guessed password alone must
    not be enough for that. Someone without one is sent to allauth's TOTP setup with an explanation.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.app_name != "admin" or match.url_name in ADMIN_VIEWS_WITHOUT_SECOND_FACTOR:
            return None
        user = request.user
        if not (user.is_authenticated and (user.is_staff or user.is_superuser)):
            return None
        if has_authenticator_app(user):
            return None
        messages.warning(
            request,
            _(
                "The administration needs two-factor authentication. Please set up an authenticator "
                "app first; after that you can open the administration."
            ),
        )
        return redirect("mfa_activate_totp")
