"""Settings shared by every environment; values come from the environment with safe defaults."""

import os
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, "").strip() or default)


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cop",
    "members",
    "meetings",
    "calendars",
    "topics",
    "network",
    "notifications",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "bootstrap",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cop.middleware.AdminTwoFactorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "cop.middleware.ContentSecurityPolicyMiddleware",
    "cop.middleware.PrivateCacheMiddleware",
]

ROOT_URLCONF = "cop.urls"
WSGI_APPLICATION = "cop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: e-mail is the login; sign-up is restricted by the adapter (members/adapters.py):
# addresses of a participating organisation's domain, or the address a coordinator invited.
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "members.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.SignupForm"
# allauth's form on top of that one: a known address costs the same and answers the same as a new one.
ACCOUNT_FORMS = {"signup": "members.signup.AccountSignupForm"}
# allauth's default, stated because members.signup relies on it: a sign-up with a known address is
# answered like any other and the owner gets a mail, so nobody learns who has an account.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Subjects as in the notifications: the sender's name already says who writes.
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Tell the person when their password, address or two-factor settings change (templates/account/email).
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Rate limits: allauth's defaults (ACCOUNT_RATE_LIMITS unset) count in the default cache, which is
# Redis as soon as REDIS_URL is set, so every application server shares them. Behind a reverse proxy
# or load balancer, set ALLAUTH_TRUSTED_PROXY_COUNT to the number of proxies in front of the app,
# or all visitors share the proxy's address and one visitor's failures would lock out everyone.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("ALLAUTH_TRUSTED_PROXY_COUNT", 0)
# Only behind a proxy that sets X-Forwarded-Proto itself (and drops the client's own) may the header
# decide whether a request came over HTTPS; reachable directly, anyone could claim HTTPS with it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("TRUSTED_PROXY_HEADER") else None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "CoP-Plattform")

# A municipality's own sign-in through OpenID Connect (Keycloak, ADFS, Azure AD, …).
# How an operator switches it on:
#   1. Register a client ("confidential", authorisation code flow) at the identity provider with the
#      redirect URI  https://<our host>/accounts/oidc/<OIDC_PROVIDER_ID>/login/callback/
#      (OIDC_PROVIDER_ID defaults to "municipality") and the scopes openid, profile, email.
#   2. Set in the environment:
#        OIDC_CLIENT_ID       the client id (its presence switches the button on)
#        OIDC_CLIENT_SECRET   the client secret
#        OIDC_SERVER_URL      the issuer URL; /.well-known/openid-configuration is read from below it
#        OIDC_NAME            the name on the button, e.g. "Stadt Kassel" ("Sign in with Stadt Kassel")
#        OIDC_PROVIDER_ID     optional, the id in the redirect URI above
#        OIDC_PKCE            optional, "false" for an identity provider without PKCE support
#   3. Add the identity provider's origin to the Content-Security-Policy's form-action: the sign-in
#      button is a POST that the browser follows with a redirect to the provider.
#   4. Make sure the organisation's e-mail domain is recorded (admin: Organisation, e-mail domains):
#      only addresses of participating organisations may create an account this way
#      (members.adapters.SocialAccountAdapter), and the new member is linked to that organisation.
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_PROVIDERS = {}
if os.environ.get("OIDC_CLIENT_ID"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": os.environ.get("OIDC_PROVIDER_ID", "municipality"),
                "name": os.environ.get("OIDC_NAME", "Kommunales Login"),
                "client_id": os.environ["OIDC_CLIENT_ID"],
                "secret": os.environ.get("OIDC_CLIENT_SECRET", ""),
                "settings": {
                    "server_url": os.environ.get("OIDC_SERVER_URL", ""),
                    "oauth_pkce_enabled": env_bool("OIDC_PKCE", True),
                },
            }
        ]
    }

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Outgoing mail: SMTP at EMAIL_HOST:EMAIL_PORT in every settings module (cop.settings.dev prints mail
# to the console until EMAIL_HOST is set, so the demo can be pointed at a local mail catcher).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CoP-Plattform <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Notifications (the notifications app): the sender's display name, the address links in e-mails
# start with, and when the periodic job reminds people.
SITE_NAME = os.environ.get("SITE_NAME", "CoP-Plattform")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The contact the account e-mails name (confirm address, password reset, …).
SITE_CONTACT_EMAIL = os.environ.get("SITE_CONTACT_EMAIL", "") or parseaddr(DEFAULT_FROM_EMAIL)[1]
# "You moderate on <date>": this many weeks before the meeting.
NOTIFICATIONS_FACILITATION_REMINDER_WEEKS = int(
    os.environ.get("NOTIFICATIONS_FACILITATION_REMINDER_WEEKS", "3")
)
# Members' reminders before a meeting: each community chooses its lead times (Community model).
# The facilitator of a meeting whose minutes are still a draft: reminded this many days after it began.
NOTIFICATIONS_MINUTES_REMINDER_DAYS = int(os.environ.get("NOTIFICATIONS_MINUTES_REMINDER_DAYS", "3"))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Upper bounds that keep a tampered form from hurting the server.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# The demo password only works where it cannot hurt: DEBUG on or explicitly allowed.
DEMO_PASSWORD = "cop-demo-2026"
ALLOW_DEMO_PASSWORD = env_bool("ALLOW_DEMO_PASSWORD", False)

# Only for `make bench` (cop/bench.py): a bare comparison page and the query count of every
# response in a header. Never set on a real installation.
BENCH = env_bool("COP_BENCH", False)
if BENCH:
    MIDDLEWARE.insert(0, "cop.bench.QueryCountMiddleware")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
