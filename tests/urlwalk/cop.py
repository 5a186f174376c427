"""URL-walk table for cop/urls.py (site-wide pages)."""

from .spec import NOT_FOUND, OK, Case, everyone

EXPECTED = {
    "home": [Case("landing page or dashboard", get=everyone(OK))],
    "healthz": [Case("database answers", get=everyone(OK))],
    "robots_txt": [Case("robots.txt", get=everyone(OK))],
    "legal_page": [
        Case("imprint, not yet written", kwargs={"kind": "imprint"}, get=everyone(OK)),
        Case("unknown kind", kwargs={"kind": "unknown"}, get=everyone(NOT_FOUND)),
    ],
}
