# ruff: noqa: F811 - the shared fixture is imported by name
"""A member opens the form to propose an agenda item in place on the meeting page (htmx), with the
focus in its first field, and proposes an item; without JavaScript the same link leads to the form's
own page. The pages pass axe."""

import pytest

from meetings.models import AgendaItem

from .a11y import assert_page_is_sound
from .test_agenda_timebox import agenda  # noqa: F401
from .test_topic_board import sign_in

pytestmark = pytest.mark.browser


def proposals(meeting) -> list[tuple[str, str, int]]:
    return [
        (item.title, item.proposed_by.first_name, item.duration_minutes)
        for item in AgendaItem.objects.filter(meeting=meeting, status=AgendaItem.Status.PROPOSED)
    ]


@pytest.mark.parametrize("width", [390, 1280])
def test_a_member_opens_the_form_in_place_and_proposes_an_item(page, live_server, agenda, width):
    facilitator, meeting, _items = agenda
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, facilitator)
    page.goto(f"/meetings/{meeting.pk}/")
    page.evaluate("window.notReloaded = true")

    page.locator("#propose").get_by_role("link", name="TOP vorschlagen").click()
    page.locator("#item-form").wait_for()
    # htmx focuses the autofocus field once the swap has settled, a moment after it is shown.
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'id_title'")
    assert page.evaluate("window.notReloaded") is True
    assert_page_is_sound(page)

    page.keyboard.type("Erfahrungen mit Tandems")
    page.locator("#id_duration_minutes").fill("20")
    page.locator("#item-form").get_by_role("button", name="TOP vorschlagen").click()

    page.get_by_text("Danke! Dein TOP wurde zu den Vorschlägen hinzugefügt.").wait_for()
    assert page.url.endswith(f"/meetings/{meeting.pk}/")
    assert proposals(meeting) == [("Erfahrungen mit Tandems", "Fritz", 20)]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_page_is_sound(page)


def test_without_javascript_the_link_leads_to_the_forms_own_page(
    page_without_javascript, live_server, agenda
):
    facilitator, meeting, _items = agenda
    page = page_without_javascript
    sign_in(page, live_server, facilitator)
    page.goto(f"/meetings/{meeting.pk}/")

    page.locator("#propose").get_by_role("link", name="TOP vorschlagen").click()
    assert page.url.endswith(f"/meetings/{meeting.pk}/items/new/")
    page.get_by_label("Titel").fill("Erfahrungen mit Tandems")
    page.locator("#item-form").get_by_role("button", name="TOP vorschlagen").click()

    assert page.url.endswith(f"/meetings/{meeting.pk}/")
    assert proposals(meeting) == [("Erfahrungen mit Tandems", "Fritz", 15)]
