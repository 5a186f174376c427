from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CopConfig(AppConfig):
    name = "cop"
    verbose_name = _("Site")
