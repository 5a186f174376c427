from django.core.management.base import BaseCommand

from notifications.reminders import queue_reminders
from notifications.services import send_all_due


class Command(BaseCommand):
    help = (
        "One pass of the periodic job: queue the due reminders, then send every due e-mail. "
        "Safe from cron or a systemd timer, also on several hosts at once."
    )

    def handle(self, *args, **options):
        meetings = queue_reminders()
        result = send_all_due()
        self.stdout.write(
            f"{meetings} meeting reminders checked; sent {result.sent}, retry later {result.retried}, "
            f"failed {result.failed}, not sent {result.skipped}."
        )
