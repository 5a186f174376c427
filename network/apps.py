from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Find partners")

    def ready(self):
        from members import services as member_services
        from members.export import register_export_section

        from . import export, services

        register_export_section("partner_searches", export.partner_searches)
        register_export_section("partner_interests", export.partner_interests)
        # Interests are personal choices and go with the account; a call stays (authored content,
        # "Former member"), closed if it was still open: nobody is left to found its CoP.
        member_services.register_account_deletion_step(services.network_delete_for_user)
