"""Rendered Markdown is cached by content: the same text is rendered once, a changed text anew."""

import pytest
from django.urls import reverse

from cop import markdown
from cop.markdown import render_markdown
from members.models import Community


def renders_during(action):
    before = markdown.render_count
    result = action()
    return markdown.render_count - before, result


def test_the_same_text_is_rendered_once_and_served_from_the_cache_afterwards():
    text = "Wir treffen uns **vierteljährlich**."

    first_count, first = renders_during(lambda: render_markdown(text))
    second_count, second = renders_during(lambda: render_markdown(text))

    assert (first_count, second_count) == (1, 0)
    assert first == second == "<p>Wir treffen uns <strong>vierteljährlich</strong>.</p>"


def test_a_changed_text_is_rendered_anew():
    render_markdown("Erste Fassung")

    count, html = renders_during(lambda: render_markdown("Zweite *Fassung*"))

    assert (count, html) == (1, "<p>Zweite <em>Fassung</em></p>")


def test_the_cache_key_depends_on_the_text_and_the_renderer(monkeypatch):
    key = markdown.cache_key("Text")
    assert markdown.cache_key("Text") == key
    assert markdown.cache_key("Text ") != key
    monkeypatch.setattr(markdown, "RENDERER_KEY", markdown.RENDERER_KEY + ":next")
    assert markdown.cache_key("Text") != key


def test_a_cached_entry_is_still_sanitised_html():
    text = "**fett** <script>alert(1)</script>"

    first = render_markdown(text)
    second = render_markdown(text)

    assert first == second == "<p><strong>fett</strong> </p>"


def test_empty_text_renders_nothing_and_asks_no_cache():
    count, html = renders_during(lambda: render_markdown(""))

    assert (count, html) == (0, "")


@pytest.mark.django_db
def test_a_community_description_is_rendered_once_for_many_requests(client, community_factory):
    community = community_factory(
        visibility=Community.Visibility.PUBLIC, description="Wir teilen *Erfahrungen* aus der Praxis."
    )
    url = reverse("community_detail", args=[community.slug])

    count, responses = renders_during(lambda: [client.get(url) for _ in range(3)])

    assert count == 1
    assert all(
        "<p>Wir teilen <em>Erfahrungen</em> aus der Praxis.</p>" in response.content.decode()
        for response in responses
    )

    community.description = "Neu: *Austausch*"
    community.save()
    count, response = renders_during(lambda: client.get(url))
    assert (count, "<p>Neu: <em>Austausch</em></p>" in response.content.decode()) == (1, True)
