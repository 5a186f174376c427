"""Benchmark of the personal feed: 1,000 meetings served as 200 and as 304, next to a bare view.

    python manage.py bench_feeds [--meetings 1000] [--repeat 50]     (or: make bench-feeds)

Everything it creates lives in one transaction that is rolled back, so it runs against any
migrated database (SQLite by default, PostgreSQL with DATABASE_URL). Requests go through the
whole middleware stack with Django's test client; each figure is the median of --repeat runs.
The 200 is measured twice: with the body in the cache, and with the cache cleared before each
request (the VEVENTs read from calendars.RenderedEvent and joined).
"""

import datetime
import statistics
import time

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from calendars import services
from meetings.models import AgendaItem, Meeting
from members.models import Community, Membership, User

TARGET_200_MS = 100
TARGET_304_MS = 5


def _median_ms(function, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


class Command(BaseCommand):
    help = "Time the personal calendar feed (200 and 304) against a bare Django view."

    def add_arguments(self, parser):
        parser.add_argument("--meetings", type=int, default=1000)
        parser.add_argument("--repeat", type=int, default=50)

    def handle(self, *args, meetings, repeat, **options):
        settings = {"DEBUG": False, "ALLOWED_HOSTS": ["testserver"], "ROOT_URLCONF": "calendars.bench_urls"}
        with override_settings(**settings), transaction.atomic():
            url = self._world(meetings)
            self._measure(url, meetings, repeat)
            transaction.set_rollback(True)

    def _world(self, count: int) -> str:
        user = User.objects.create_user("bench-feeds@example.org")
        community = Community.objects.create(name="Benchmark", slug=f"bench-feeds-{time.time_ns()}")
        Membership.objects.create(community=community, user=user, joined_at=timezone.now())
        first = timezone.now() - datetime.timedelta(days=150)
        step = datetime.timedelta(days=700) / count
        Meeting.objects.bulk_create(
            Meeting(
                community=community,
                title=f"Treffen {n}",
                starts_at=first + n * step,
                ends_at=first + n * step + datetime.timedelta(hours=2),
                video_url="https://video.example.org/bench",
            )
            for n in range(count)
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=meeting, position=p, title=f"Punkt {p}", duration_minutes=20, status="accepted"
            )
            for meeting in Meeting.objects.filter(community=community)
            for p in range(1, 5)
        )
        _token, secret = services.feed_token_create(user=user, name="Benchmark")
        return f"/calendar/feed/{secret}.ics"

    def _measure(self, url: str, count: int, repeat: int) -> None:
        client = Client()
        started = time.perf_counter()
        first = client.get(url)
        cold = (time.perf_counter() - started) * 1000
        assert first.status_code == 200 and first.content.count(b"BEGIN:VEVENT") == count
        etag = first["ETag"]
        bare = _median_ms(lambda: client.get("/bench/bare/"), repeat)
        full = _median_ms(lambda: client.get(url), repeat)

        def uncached():
            cache.clear()
            client.get(url)

        stored = _median_ms(uncached, repeat)
        not_modified = _median_ms(lambda: client.get(url, headers={"If-None-Match": etag}), repeat)
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
        self.stdout.write(
            f"Personal feed with {count} meetings ({len(first.content)} bytes), median of {repeat}:"
        )
        self.stdout.write(f"  bare Django view         {bare:8.2f} ms")
        for label, value, target in [
            ("feed 200 (cached body) ", full, TARGET_200_MS),
            ("feed 200 (stored events)", stored, TARGET_200_MS),
            ("feed 304 (If-None-Match)", not_modified, TARGET_304_MS),
        ]:
            self.stdout.write(
                f"  {label} {value:8.2f} ms  = {value / bare:6.1f} × bare   target ≤ {target} ms"
            )
        self.stdout.write(f"  first request (renders every event once) {cold:8.2f} ms")
