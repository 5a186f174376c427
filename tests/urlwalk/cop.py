"""URL-walk table for cop/urls.py (site-wide pages)."""

from .spec import NOT_FOUND, OK, Case, everyone

EXPECTED = {
    "home": [Case("landing page or dashboard", get=everyone(OK))],
    "healthz": [Case("database answers", get=everyone(OK))],
    "robots_txt": [Case("robots.txt", get=everyone(OK))],
    # The bench's bare layout page exists only with COP_BENCH=true (tests/demo/test_bench.py).
    "bench_bare": [Case("outside the bench", get=everyone(NOT_FOUND))],
    "legal_page": [
        Case("imprint, not yet written", kwargs={"kind": "imprint"}, get=everyone(OK)),
        Case("unknown kind", kwargs={"kind": "unknown"}, get=everyone(NOT_FOUND)),
    ],
}
