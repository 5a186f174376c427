import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from notifications.reminders import queue_reminders
from notifications.services import send_all_due

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "The background worker, in the foreground: sends queued e-mail every few seconds and runs the "
        "periodic job (reminders) every few minutes. Run one or more beside gunicorn."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=10.0, help="seconds between sending passes")
        parser.add_argument("--period", type=float, default=300.0, help="seconds between reminder passes")
        parser.add_argument("--loops", type=int, default=0, help="stop after this many passes (0: never)")

    def handle(self, *args, interval, period, loops, **options):
        last_periodic = None
        done = 0
        self.stdout.write("Notification worker started; stop it with Ctrl+C.")
        try:
            while True:
                close_old_connections()
                now = time.monotonic()
                try:
                    if last_periodic is None or now - last_periodic >= period:
                        queue_reminders()
                        last_periodic = now
                    result = send_all_due()
                except DatabaseError:  # the database restarts: try again on the next pass
                    logger.exception("Notification worker pass failed")
                else:
                    if result.handled:
                        self.stdout.write(
                            f"sent {result.sent}, retry later {result.retried}, failed {result.failed}, "
                            f"not sent {result.skipped}"
                        )
                done += 1
                if loops and done >= loops:
                    return
                time.sleep(interval)
        except KeyboardInterrupt:
            self.stdout.write("Notification worker stopped.")
