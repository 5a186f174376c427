"""Every main page fits a phone: at 390 px (and at 1280 px) nothing scrolls sideways and no visible
button or link lies outside the screen; axe-core finds no violation.

The pages and roles are the table of `tests/screens/pages.py`, on the demo data.
"""

import pytest

from tests.screens.pages import ROLES, SESSION_COOKIE, VISITOR, load_screens, page_urls

from .a11y import assert_page_is_sound

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# The document's width, and every visible control (link, button, field) that lies beyond the
# screen's edges. A wide table may scroll inside its own region instead: then the controls in it
# are reachable by scrolling that region, which must be focusable (tabindex="0") and named, so
# that keyboard and screen reader users reach it too.
OVERFLOW_JS = """() => {
  const viewportWidth = document.documentElement.clientWidth;
  const documentWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  const describe = (el) => {
    const label = el.innerText || el.value || el.getAttribute('aria-label') || '';
    const text = label.replace(/\\s+/g, ' ').trim();
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text.slice(0, 60)}"`;
  };
  const scrolls = (el) => {
    const overflow = getComputedStyle(el).overflowX;
    return overflow === 'auto' || overflow === 'scroll';
  };
  const scrollRegion = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (scrolls(p)) return p;
    }
    return null;
  };
  const outside = [];
  const controls = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  for (const el of document.querySelectorAll(controls)) {
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // visually hidden, for screen readers only
    if (scrollRegion(el)) continue;  // checked as a region below
    if (box.left < -0.5 || box.right > viewportWidth + 0.5) {
      outside.push(`${describe(el)} at ${Math.round(box.left)}..${Math.round(box.right)} px`);
    }
  }
  const inaccessibleRegions = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!scrolls(el) || el.scrollWidth <= el.clientWidth + 1) continue;
    const named = el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby');
    if (el.getAttribute('tabindex') !== '0' || !named || el.getAttribute('role') !== 'region') {
      inaccessibleRegions.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    }
  }
  return {viewportWidth, documentWidth, outside, inaccessibleRegions};
}"""


def misfits(page):
    """What does not fit the current viewport: an empty dict when everything does."""
    found = page.evaluate(OVERFLOW_JS)
    problems = {}
    if found["documentWidth"] > found["viewportWidth"]:
        problems["document wider than the screen"] = f"{found['documentWidth']} > {found['viewportWidth']} px"
    if found["outside"]:
        problems["controls outside the screen"] = found["outside"]
    if found["inaccessibleRegions"]:
        problems["sideways scrolling regions without role=region, tabindex=0 and a name"] = found[
            "inaccessibleRegions"
        ]
    return problems


@pytest.fixture
def demo(transactional_db):
    return load_screens()


@pytest.mark.parametrize("role", ROLES)
def test_every_main_page_fits_a_phone_and_a_desktop(role, page, live_server, demo):
    targets, sessions = demo
    if role != VISITOR:
        page.context.add_cookies([{"name": SESSION_COOKIE, "value": sessions[role], "url": live_server.url}])
    problems = {}
    for main_page, url in page_urls(targets):
        if role not in main_page.roles:
            continue
        page.set_viewport_size(PHONE)
        response = page.goto(url)
        assert response.status == 200, f"{main_page.name}: {url} answered {response.status}"
        for width, viewport in (("390 px", PHONE), ("1280 px", DESKTOP)):
            page.set_viewport_size(viewport)
            if found := misfits(page):
                problems[f"{main_page.name} {url} at {width}"] = found
        page.set_viewport_size(PHONE)
        assert_page_is_sound(page)
    assert problems == {}


def test_on_a_phone_the_meeting_page_shows_date_video_and_answers_before_the_agenda(page, live_server, demo):
    targets, sessions = demo
    page.context.add_cookies([{"name": SESSION_COOKIE, "value": sessions["member"], "url": live_server.url}])
    parts = {
        "date": "section[aria-labelledby=facts-heading] dd >> nth=0",
        "video": "a:text('An der Videokonferenz teilnehmen')",
        "answers": "#rsvp button[value=yes]",
        "agenda": "#agenda",
    }

    def tops(viewport):
        page.set_viewport_size(viewport)
        page.goto(f"/meetings/{targets.meeting}/")
        boxes = {name: page.locator(selector).bounding_box() for name, selector in parts.items()}
        return sorted(boxes, key=lambda name: boxes[name]["y"]), boxes

    phone_order, _ = tops(PHONE)
    _, desktop = tops(DESKTOP)

    assert phone_order == ["date", "video", "answers", "agenda"]
    # From 992 px on the date and answers stand beside the agenda, on its right.
    assert desktop["date"]["x"] > desktop["agenda"]["x"] + desktop["agenda"]["width"] - 1
    assert desktop["date"]["y"] < desktop["agenda"]["y"] + desktop["agenda"]["height"]
