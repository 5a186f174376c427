"""`manage.py demo_data [--scale N]`: fill the database with demo data; see cop/demo.py."""

import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from cop import demo
from members.adapters import demo_password_allowed
from members.demo_data import COMMUNITY_COORDINATOR_EMAIL, SITE_COORDINATOR_EMAIL


class Command(BaseCommand):
    help = (
        "Fill the database with a demo Community of Practice and demo accounts. Idempotent: "
        "existing rows are left alone. --scale N adds N-1 generated clusters for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Make N times more of everything (organisations, members, communities, ...).",
        )

    def handle(self, *args, scale, verbosity, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        context = demo.DemoContext(scale=scale, show_progress=None if verbosity > 0 else False)
        before = demo.model_counts()
        started = time.monotonic()
        demo.demo_data_load(context=context)
        if scale > 1:
            demo.refresh_planner_statistics()
        seconds = time.monotonic() - started
        after = demo.model_counts()
        if verbosity > 0:
            self._summary(before, after, seconds)

    def _summary(self, before, after, seconds):
        changed = [(label, after[label] - before.get(label, 0), after[label]) for label in after]
        changed = [row for row in changed if row[1]]
        if not changed:
            self.stdout.write("Demo data is already in place; nothing to add.")
        for label, added, total in changed:
            name = apps.get_model(label)._meta.verbose_name_plural
            self.stdout.write(f"{name}: +{added} (now {total})")
        self.stdout.write(f"Done in {seconds:.1f} s.")
        self.stdout.write(
            f"Sign in as {SITE_COORDINATOR_EMAIL} (site coordinator) or "
            f"{COMMUNITY_COORDINATOR_EMAIL} (coordinator); the password is in the README."
        )
        if not demo_password_allowed():
            self.stderr.write(
                self.style.WARNING(
                    "The demo password only works with DEBUG on or ALLOW_DEMO_PASSWORD=true; "
                    "with neither, the demo accounts cannot sign in with it."
                )
            )
