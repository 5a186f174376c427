"""`make bench`: the main pages' server time, queries and size for each role, next to a bare page.

The pieces the `bench_pages` command puts together, kept apart so that a test can run them with
Django's test client:

- `PAGES`: the pages to measure, as paths with placeholders (`{community}`, `{meeting}`,
  `{search}`) filled from `bench_targets()`. Add a page by adding a line; a page that answers 404
  (e.g. one that does not exist yet) is left out of the table.
- `QueryCountMiddleware` and `bare_page`: only in bench mode (`COP_BENCH=true`), the number of
  database queries of each response in the `X-Query-Count` header, and a page that renders the
  base layout and nothing else, the yardstick of the same stack.
- `bench_sessions()`: a signed-in session per role, written straight into the session store, and
  an authenticator app for the staff account (the admin asks staff for one).
- `measure()`: sends a page's requests with N threads and returns p50/p95; `format_table()`.
"""

import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import render

VISITOR, MEMBER, COORDINATOR, STAFF = "visitor", "member", "coordinator", "staff"
ROLES = (VISITOR, MEMBER, COORDINATOR, STAFF)
SIGNED_IN = (MEMBER, COORDINATOR, STAFF)
BARE_PATH = "/bench/bare/"
QUERY_COUNT_HEADER = "X-Query-Count"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    roles: tuple[str, ...] = ROLES


PAGES = [
    Page("landing (visitor) / dashboard", "/"),
    Page("/communities/", "/communities/"),
    Page("community page, largest", "/communities/{community}/"),
    Page("its meetings", "/communities/{community}/meetings/"),
    Page("its members", "/communities/{community}/members/", SIGNED_IN),
    Page("its manage page", "/communities/{community}/manage/", (COORDINATOR, STAFF)),
    Page("meeting page, its next", "/meetings/{meeting}/"),
    Page("/members/", "/members/", SIGNED_IN),
    Page("/members/ search", "/members/?q={search}", SIGNED_IN),
    Page("/organisations/", "/organisations/", SIGNED_IN),
    Page("/me/", "/me/", SIGNED_IN),
    Page("admin meetings", "/admin/meetings/meeting/", (STAFF,)),
    Page("admin memberships", "/admin/members/membership/", (STAFF,)),
]


# ---------------------------------------------------------------------------------------------
# In the application, bench mode only
# ---------------------------------------------------------------------------------------------


class QueryCountMiddleware:
    """Counts the database queries of a request into the `X-Query-Count` response header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response.headers[QUERY_COUNT_HEADER] = str(count)
        return response


def bare_page(request):
    """The base layout with an empty main part: what every page costs at least (404 unless bench)."""
    if not settings.BENCH:
        raise Http404
    return render(request, "cop/bench_bare.html")


# ---------------------------------------------------------------------------------------------
# Setting up: what to measure and as whom
# ---------------------------------------------------------------------------------------------


@dataclass
class Targets:
    community: str
    meeting: int | None
    search: str
    users: dict = field(default_factory=dict)  # role -> User


def bench_targets() -> Targets:
    """The community with the most active members, its next meeting and one person per role."""
    from meetings.models import Meeting
    from members.models import Community, Membership, User

    active = Q(memberships__status=Membership.Status.ACTIVE)
    largest = Community.objects.annotate(size=Count("memberships", filter=active)).order_by("-size", "pk")[0]
    meetings = Meeting.objects.filter(community=largest).exclude(status=Meeting.Status.CANCELLED)
    meeting = meetings.upcoming().order_by("starts_at").first() or meetings.order_by("-starts_at").first()
    memberships = Membership.objects.active().filter(community=largest).select_related("user").order_by("pk")
    coordinator = memberships.filter(role=Membership.Role.COORDINATOR).first()
    member = memberships.filter(role=Membership.Role.MEMBER, user__is_staff=False).first()
    staff = User.objects.filter(is_staff=True, is_superuser=True, is_active=True).order_by("pk").first()
    users = {COORDINATOR: coordinator and coordinator.user, MEMBER: member and member.user, STAFF: staff}
    return Targets(
        community=largest.slug,
        meeting=meeting.pk if meeting else None,
        search="Beispiel",
        users={role: user for role, user in users.items() if user is not None},
    )


def bench_sessions(targets: Targets) -> dict[str, str]:
    """A session key per signed-in role; the staff account gets an authenticator app if it has none."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    staff = targets.users.get(STAFF)
    if (
        staff is not None
        and not Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    ):
        TOTP.activate(staff, generate_totp_secret())
    keys = {}
    for role, user in targets.users.items():
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        keys[role] = store.session_key
    return keys


def bench_urls(targets: Targets) -> list[tuple[Page, str]]:
    """Every page with its placeholders filled in; pages about a missing meeting are left out."""
    values = {"community": targets.community, "meeting": targets.meeting, "search": targets.search}
    urls = []
    for page in PAGES:
        if "{meeting}" in page.path and targets.meeting is None:
            continue
        urls.append((page, page.path.format(**values)))
    return urls


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Response:
    status: int
    size: int
    queries: int | None
    seconds: float


# fetch(path, session_key or None) -> Response
Fetch = Callable[[str, str | None], Response]


def http_fetcher(host: str, port: int) -> Fetch:
    """Requests to gunicorn as a TLS-terminating proxy would send them (production settings)."""
    import http.client

    def fetch(path: str, session: str | None) -> Response:
        headers = {"Host": host, "X-Forwarded-Proto": "https", "Accept-Language": "de"}
        if session:
            headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={session}"
        started = time.perf_counter()
        conn = http.client.HTTPConnection(host, port, timeout=300)
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
        finally:
            conn.close()
        seconds = time.perf_counter() - started
        queries = response.getheader(QUERY_COUNT_HEADER)
        return Response(response.status, len(body), int(queries) if queries else None, seconds)

    return fetch


def client_fetcher(client) -> Fetch:
    """The same requests through Django's test client (for tests: no server, no timing that matters)."""

    def fetch(path: str, session: str | None) -> Response:
        client.cookies.clear()
        if session:
            client.cookies[settings.SESSION_COOKIE_NAME] = session
        started = time.perf_counter()
        response = client.get(path, headers={"X-Forwarded-Proto": "https", "Accept-Language": "de"})
        seconds = time.perf_counter() - started
        queries = response.headers.get(QUERY_COUNT_HEADER)
        return Response(
            response.status_code, len(response.content), int(queries) if queries else None, seconds
        )

    return fetch


@dataclass
class Timing:
    p50: float  # seconds
    p95: float
    requests: int


def measure(fetch: Fetch, path: str, session: str | None, *, concurrency: int, requests: int, budget: float):
    """`requests` requests with `concurrency` threads, stopping early after `budget` seconds
    (each thread sends at least one); the latencies' median and 95th percentile."""
    lock = threading.Lock()
    issued = 0
    seconds: list[float] = []
    errors: list[BaseException] = []
    deadline = time.monotonic() + budget

    def worker():
        nonlocal issued
        first = True
        while True:
            with lock:
                if not first and (issued >= requests or time.monotonic() > deadline):
                    return
                issued += 1
            first = False
            try:
                seconds.append(fetch(path, session).seconds)
            except Exception as error:  # noqa: BLE001 - reported after all threads finished
                errors.append(error)
                return

    if concurrency == 1:
        worker()  # in this thread: the test client and its database connection live here
        return _timing(seconds)
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return _timing(seconds)


def _timing(seconds: list[float]) -> Timing:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return Timing(p50=statistics.median(ordered), p95=p95, requests=len(ordered))


@dataclass
class Row:
    page: str
    role: str
    status: int
    queries: int | None
    size: int
    timings: dict = field(default_factory=dict)  # concurrency -> Timing


def run(
    fetch: Fetch,
    urls: list[tuple[Page, str]],
    sessions: dict[str, str],
    *,
    concurrencies=(1, 16),
    requests: int = 10,
    budget: float = 3.0,
    slow: float = 1.0,
    progress: Callable[[str], None] = lambda text: None,
) -> list[Row]:
    """Measure the bare page and then every page for every role it is meant for.

    A page that answers 404 is left out; a page slower than `budget` is timed by its first request
    alone, and one whose p50 at concurrency 1 is above `slow` seconds is not measured at higher
    concurrency (it would only keep both workers busy for minutes).
    Requests per page and concurrency: `requests` at concurrency 1, `requests * concurrency / 4`
    (at least one per thread) above, within `budget` seconds each.
    """
    rows = []
    bare = Page("bare page (base layout)", BARE_PATH)
    for role in ROLES:
        if role != VISITOR and role not in sessions:
            continue
        session = sessions.get(role)
        for page, path in [(bare, BARE_PATH), *urls]:
            if role not in page.roles:
                continue
            first = fetch(path, session)  # warms caches and tells status, size and queries
            if first.status == 404:
                continue
            row = Row(page.name, role, first.status, first.queries, first.size)
            rows.append(row)
            if first.status != 200:
                continue
            if first.seconds > budget:
                # Slower than the whole budget: its first request is its only sample.
                row.timings[concurrencies[0]] = _timing([first.seconds])
            for concurrency in concurrencies:
                if concurrency in row.timings:
                    continue
                if concurrency > 1 and row.timings[concurrencies[0]].p50 > slow:
                    break
                count = requests if concurrency == 1 else max(concurrency, requests * concurrency // 4)
                row.timings[concurrency] = measure(
                    fetch, path, session, concurrency=concurrency, requests=count, budget=budget
                )
            progress(f"{role:<12} {page.name:<32} {_ms(row.timings[concurrencies[0]].p50):>8} ms")
    return rows


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}" if seconds >= 0.01 else f"{seconds * 1000:.1f}"


def format_table(rows: list[Row], concurrencies=(1, 16)) -> str:
    """A Markdown table: queries, size, p50/p95 per concurrency and the p50's ratio to the bare page."""
    bare = {(row.role): row for row in rows if row.page.startswith("bare page")}
    header = ["page", "role", "status", "queries", "KB"]
    for concurrency in concurrencies:
        header += [f"c{concurrency} p50 ms", f"c{concurrency} p95 ms", f"c{concurrency} × bare"]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---", "---"] + ["--:"] * (len(header) - 2)) + "|",
    ]
    for row in rows:
        cells = [row.page, row.role, str(row.status), "" if row.queries is None else str(row.queries)]
        cells.append(f"{row.size / 1024:,.1f}")
        for concurrency in concurrencies:
            timing = row.timings.get(concurrency)
            base = bare.get(row.role)
            base_timing = base.timings.get(concurrency) if base else None
            if timing is None:
                cells += ["–", "–", "–"]
                continue
            ratio = f"{timing.p50 / base_timing.p50:,.1f}" if base_timing and base_timing.p50 else "–"
            cells += [_ms(timing.p50), _ms(timing.p95), ratio]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Query plans (`--explain`, PostgreSQL)
# ---------------------------------------------------------------------------------------------


@dataclass
class PlannedQuery:
    sql: str
    milliseconds: float  # the plan's execution time
    scans: list[str]  # "Index Scan using member_name_order on members_user", …
    rows_read: int  # rows the scans produced, summed over loops


def _scan_nodes(plan: dict) -> list[dict]:
    nodes = [plan] if "Relation Name" in plan or "Index Name" in plan else []
    for child in plan.get("Plans", []):
        nodes += _scan_nodes(child)
    return nodes


def _describe_scan(node: dict) -> str:
    kind = node["Node Type"]
    relation = node.get("Relation Name", "")
    if "Index Name" in node:
        return f"{kind} using {node['Index Name']}" + (f" on {relation}" if relation else "")
    return f"{kind} on {relation}"


def explain(sql: str, params) -> PlannedQuery:
    """EXPLAIN ANALYZE of one query, reduced to its time, its scans and the rows they read."""
    import json

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        document = cursor.fetchone()[0]
    if isinstance(document, str):
        document = json.loads(document)
    top = document[0]
    nodes = _scan_nodes(top["Plan"])
    scans = sorted({_describe_scan(node) for node in nodes})
    rows_read = sum(int(node.get("Actual Rows", 0) * node.get("Actual Loops", 1)) for node in nodes)
    return PlannedQuery(sql=sql, milliseconds=top["Execution Time"], scans=scans, rows_read=rows_read)


def page_plans(client, path: str, *, slowest: int = 3) -> list[PlannedQuery]:
    """The plans of a page's `slowest` queries (by their plans' execution time), through the test
    client; only SELECTs are explained (EXPLAIN ANALYZE runs the statement)."""
    captured: list[tuple[str, object]] = []

    def capture(execute, sql, params, many, context):
        if not many and sql.lstrip().upper().startswith("SELECT"):
            captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        client.get(path, headers={"X-Forwarded-Proto": "https", "Accept-Language": "de"})
    plans = [explain(sql, params) for sql, params in captured]
    return sorted(plans, key=lambda plan: plan.milliseconds, reverse=True)[:slowest]


def format_plans(sections: list[tuple[str, str, list[PlannedQuery]]]) -> str:
    """A Markdown table: per page and role, its slowest queries with time, rows read and scans."""
    lines = [
        "| page | role | query | ms | rows read | scans |",
        "|---|---|---|--:|--:|---|",
    ]
    for page, role, plans in sections:
        for plan in plans:
            query = " ".join(plan.sql.split())[:70].replace("|", "\\|")
            lines.append(
                f"| {page} | {role} | `{query}…` | {plan.milliseconds:.2f} | {plan.rows_read:,} | "
                + "; ".join(plan.scans)
                + " |"
            )
    return "\n".join(lines)


def explain_pages(targets: Targets, *, slowest: int = 3) -> list[tuple[str, str, list[PlannedQuery]]]:
    """Every bench page for every role it is meant for, signed in as that role's person."""
    from django.test import Client

    sections = []
    for page, path in bench_urls(targets):
        for role in page.roles:
            client = Client(HTTP_HOST="127.0.0.1")
            if role != VISITOR:
                if role not in targets.users:
                    continue
                client.force_login(targets.users[role])
            sections.append((page.name, role, page_plans(client, path, slowest=slowest)))
    return sections
