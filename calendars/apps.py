from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "calendars"
    verbose_name = _("Calendar feeds")

    def ready(self):
        from meetings import services as meeting_services
        from members import services as member_services
        from members.export import register_export_section

        from . import invalidation, selectors, services

        # The export names the links and when they were used, never the secret or its hash.
        register_export_section("calendar_feeds", selectors.feed_tokens_export)
        member_services.register_account_deletion_step(services.feed_tokens_delete_all)
        # Every change of what a feed shows marks it, so that a 304 is answered from the marks.
        invalidation.connect()
        meeting_services.register_agenda_changed_step(invalidation.agenda_changed_step)
