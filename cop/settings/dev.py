"""Local development: DEBUG on, mails printed to the console."""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "true").lower() in {"1", "true", "yes", "on"}
# Mail goes to the console unless EMAIL_HOST names an SMTP server (e.g. a local mail catcher).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
