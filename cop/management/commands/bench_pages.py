"""`manage.py bench_pages --scale N` (`make bench`): build or reuse a PostgreSQL database with the
demo data at scale N, serve it with gunicorn under production settings on loopback and print the
main pages' queries, size and server time per role next to a bare page (see cop/bench.py)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from cop import bench

HOST = "127.0.0.1"


class Command(BaseCommand):
    help = "Measure the main pages at a demo scale on PostgreSQL under gunicorn; prints a Markdown table."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1000, help="demo_data scale of the database")
        parser.add_argument("--port", type=int, default=8780, help="loopback port for gunicorn")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
        parser.add_argument("--requests", type=int, default=10, help="requests per page at concurrency 1")
        parser.add_argument("--budget", type=float, default=3.0, help="seconds per page and concurrency")
        parser.add_argument("--output", help="also write the table (with a heading) to this file")
        parser.add_argument(
            "--explain",
            action="store_true",
            help="also print each page's slowest queries with their plans (EXPLAIN ANALYZE): time, "
            "rows read and the indexes used",
        )

    def handle(self, *args, scale, port, workers, requests, budget, output, explain, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The bench runs on PostgreSQL: set DATABASE_URL=postgres://…/cop_bench_N.")
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        self._create_database()
        call_command("migrate", verbosity=0, interactive=False)
        self._fill(scale)
        targets = bench.bench_targets()
        sessions = bench.bench_sessions(targets)
        self._collectstatic()
        server = self._serve(port, workers)
        load_before = os.getloadavg()[0]
        try:
            fetch = bench.http_fetcher(HOST, port)
            self._wait_until_up(fetch, server)
            started = time.monotonic()
            rows = bench.run(
                fetch,
                bench.bench_urls(targets),
                sessions,
                requests=requests,
                budget=budget,
                progress=lambda text: self.stderr.write(text),
            )
            seconds = time.monotonic() - started
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        table = bench.format_table(rows)
        heading = (
            f"Scale {scale}, largest community `{targets.community}`, gunicorn {workers} workers, "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, measured in {seconds:.0f} s, "
            f"load average {load_before:.1f} before and {os.getloadavg()[0]:.1f} after."
        )
        text = f"{heading}\n\n{table}\n"
        if explain:
            plans = bench.format_plans(bench.explain_pages(targets))
            text += f"\nThe slowest three queries of each page, EXPLAIN ANALYZE:\n\n{plans}\n"
        self.stdout.write(text)
        if output:
            Path(output).write_text(text, encoding="utf-8")

    def _create_database(self):
        """CREATE DATABASE through the maintenance database when the named one does not exist yet."""
        import psycopg2

        params = connection.get_connection_params()
        name = params.pop("dbname", None) or params.pop("database")
        params["dbname"] = "postgres"
        admin = psycopg2.connect(**params)
        try:
            admin.autocommit = True  # CREATE DATABASE cannot run inside a transaction
            with admin.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
                if cursor.fetchone() is None:
                    self.stderr.write(f"Creating database {name} …")
                    cursor.execute(f'CREATE DATABASE "{name}"')
        finally:
            admin.close()

    def _fill(self, scale):
        """demo_data at the scale, unless the database already holds exactly that scale."""
        from members.demo_data import SITE_COORDINATOR_EMAIL, cluster_people
        from members.models import User

        def present(k):
            email = SITE_COORDINATOR_EMAIL if k == 1 else cluster_people(k)[0].email
            return User.objects.filter(email=email).exists()

        if present(scale + 1):
            raise CommandError(
                f"This database holds more than scale {scale}: choose another database (BENCH_DB)."
            )
        if present(scale):
            self.stderr.write(f"Reusing the database at scale {scale}.")
            return
        self.stderr.write(f"Filling the database at scale {scale} (demo_data) …")
        call_command("demo_data", scale=scale, stdout=self.stderr._out, stderr=self.stderr._out)

    def _environment(self):
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cop.settings.production",
            "SECRET_KEY": settings.SECRET_KEY,  # the sessions were signed with it
            "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
            "ALLOWED_HOSTS": HOST,
            "TRUSTED_PROXY_HEADER": "true",
            "COP_BENCH": "true",
            "DEBUG": "false",
        }

    def _collectstatic(self):
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
            [*manage, "collectstatic", "--noinput", "-v", "0"], env=self._environment(), check=True
        )

    def _serve(self, port, workers):
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "cop.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "300",
            "--log-level",
            "warning",
        ]
        return subprocess.Popen(command, env=self._environment(), cwd=settings.BASE_DIR)  # noqa: S603

    def _wait_until_up(self, fetch, server):
        for _ in range(150):
            if server.poll() is not None:
                raise CommandError("gunicorn stopped; see its output above.")
            try:
                if fetch("/healthz", None).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise CommandError("gunicorn did not answer /healthz within 30 s.")
