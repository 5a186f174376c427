"""A strict Content-Security-Policy: our own scripts and styles only, nothing inline."""

from functools import cache
from urllib.parse import urlsplit

from django.conf import settings


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
        return response
