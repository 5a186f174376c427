"""Accessibility checks with axe-core, restricted to WCAG 2.0 and 2.1, levels A and AA (BITV 2.0)."""

from http import HTTPStatus

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

_axe = Axe()


def assert_page_is_sound(page, *, status=HTTPStatus.OK):
    """No axe violation, no console error (a CSP violation shows up there), no failed request.

    `status` is the status the page itself is expected to have (e.g. 404 for an error page).
    """
    # Axe is evaluated through the DevTools protocol, which the page's CSP does not block, so the
    # scan runs on the page exactly as users get it, CSP included.
    results = _axe.run(page, options=AXE_OPTIONS)
    violations = [(v["id"], [node["target"] for node in v["nodes"]]) for v in results.response["violations"]]
    assert violations == [], f"Accessibility violations on {page.url}:\n{results.generate_report()}"
    assert page.console_errors == [], f"Console errors on {page.url}: {page.console_errors}"
    expected = [f"{status} {page.url}"] if status >= HTTPStatus.BAD_REQUEST else []
    assert page.failed_responses == expected
    page.console_errors.clear()
    page.failed_responses.clear()
