"""Security headers on every response: a strict Content-Security-Policy (our own scripts and styles
only, nothing inline), a Permissions-Policy that switches off browser features we never use, and
`Cache-Control: private, no-store` on pages that show personal data."""

from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.cache import patch_cache_control

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
