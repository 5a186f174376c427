from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from members import services as member_services

        from . import export, services

        export.register()

        # Someone who leaves or deletes their account no longer moderates upcoming meetings.
        member_services.register_membership_left_step(services.facilitations_release)
        member_services.register_account_deletion_step(services.facilitations_release)
