"""Demo data: the framework that runs every app's demo sections, and cop's own legal pages.

`manage.py demo_data` calls `demo_data_load()`, which runs *sections* in order inside one
transaction. A section is a function `section(ctx: DemoContext) -> None` for one area.

Each project app with demo data has `<app>/demo.py` with a list `SECTIONS = [...]` (the loading
code) and keeps its data tables in `<app>/demo_data.py`. Every project app's `demo.SECTIONS` is
found automatically and run in INSTALLED_APPS order (cop, members, meetings, topics, ...). A
section must:

- be idempotent: find-or-create by a natural key (slug, e-mail, kind, ...); never overwrite what
  exists, so a second run changes nothing and an operator's edits survive;
- find the base data by the constants of `members/demo_data.py` (`PERSONALENTWICKLUNG`,
  `COMMUNITY_COORDINATOR_EMAIL`, ...) rather than by primary key;
- scale: for `ctx.scale > 1`, loop `for chunk in ctx.cluster_chunks("Meetings")` (which shows a
  progress bar), and for each cluster number `k` in the chunk build rows with
  `bulk_create(..., ignore_conflicts=True)`; the cluster's communities and people are
  `cluster_community_slugs(k)` and `cluster_people(k)` of `members/demo_data.py`.
"""

import datetime
import importlib
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from tqdm import tqdm

from .demo_data import LEGAL_PAGES
from .models import LegalPage

# How many benchmark clusters are written per database round trip.
CLUSTER_CHUNK = 100


@dataclass
class DemoContext:
    """What every section gets: the scale, the demo password's hash and a progress bar."""

    scale: int = 1
    show_progress: bool | None = None  # None: only on a terminal
    now: datetime.datetime = field(default_factory=timezone.now)

    @cached_property
    def password_hash(self) -> str:
        # Hashed once and shared by every demo account: hashing per row would take minutes.
        return make_password(settings.DEMO_PASSWORD)

    def clusters(self) -> range:
        """Cluster 1 is the hand-written base data; clusters 2..scale are generated."""
        return range(2, self.scale + 1)

    def cluster_chunks(self, description: str) -> Iterator[list[int]]:
        clusters = list(self.clusters())
        if not clusters:
            return
        disable = None if self.show_progress is None else not self.show_progress
        with tqdm(total=len(clusters), desc=description, unit="cluster", disable=disable) as bar:
            for start in range(0, len(clusters), CLUSTER_CHUNK):
                chunk = clusters[start : start + CLUSTER_CHUNK]
                yield chunk
                bar.update(len(chunk))

    def days_ago(self, days: int, hour: int = 9) -> datetime.datetime:
        return (self.now - datetime.timedelta(days=days)).replace(
            hour=hour, minute=0, second=0, microsecond=0
        )


def ensure(model: type[models.Model], lookup: dict, **defaults) -> tuple[models.Model, bool]:
    """Find a row by its natural key, or validate and create it; an existing row is left alone."""
    instance = model.objects.filter(**lookup).first()
    if instance is not None:
        return instance, False
    instance = model(**lookup, **defaults)
    instance.full_clean()
    instance.save()
    return instance, True


def id_map(model: type[models.Model], key: str, values) -> dict:
    """{natural key: primary key} of the rows whose `key` is among `values`, in one query."""
    return dict(model.objects.filter(**{f"{key}__in": list(values)}).values_list(key, "id"))


def ascii_fold(text: str) -> str:
    """Lower-case ASCII for e-mail addresses and slugs: "Münster" -> "muenster"."""
    text = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def slugify(text: str) -> str:
    return "-".join(part for part in "".join(c if c.isalnum() else " " for c in ascii_fold(text)).split())


# ---------------------------------------------------------------------------------------------
# Legal pages (cop's own section)
# ---------------------------------------------------------------------------------------------


def demo_legal_pages(ctx: DemoContext) -> None:
    """Placeholder texts the operator replaces; an existing page is never overwritten."""
    for kind, title, body in LEGAL_PAGES:
        ensure(LegalPage, {"kind": kind}, title=title, body=body)


SECTIONS: list[Callable[[DemoContext], None]] = [demo_legal_pages]


# ---------------------------------------------------------------------------------------------
# Running the sections
# ---------------------------------------------------------------------------------------------


def _project_app_configs():
    base = Path(settings.BASE_DIR).resolve()
    for app_config in apps.get_app_configs():
        if Path(app_config.path).resolve().is_relative_to(base):
            yield app_config


def demo_sections() -> list[Callable[[DemoContext], None]]:
    """Every project app's `demo.SECTIONS`, in INSTALLED_APPS order."""
    sections = []
    for app_config in _project_app_configs():
        if module_has_submodule(app_config.module, "demo"):
            sections += getattr(importlib.import_module(f"{app_config.name}.demo"), "SECTIONS", [])
    return sections


def model_counts() -> dict[str, int]:
    """Rows per model of the project's apps and allauth's e-mail addresses, by model label."""
    models_to_count = [model for config in _project_app_configs() for model in config.get_models()]
    models_to_count.append(EmailAddress)
    return {model._meta.label: model.objects.count() for model in models_to_count}


@transaction.atomic
def refresh_planner_statistics() -> None:
    """After a bulk load, let PostgreSQL's planner know the tables' new sizes (`ANALYZE`).

    A server's autovacuum would do so within minutes; a benchmark started right after the load
    would otherwise measure plans made for empty tables (a search at scale 1000 took 64 ms
    instead of 16 ms). Nothing to do on SQLite.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def demo_data_load(*, context: DemoContext) -> None:
    """Run every section in one transaction: a failure leaves the database as it was."""
    for section in demo_sections():
        section(context)
