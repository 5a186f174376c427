"""The one place where user-written Markdown becomes HTML: rendered, then sanitised.

The result is cached by content (a hash of the text and of everything that shapes the output), so a
description or minutes shown on every request are rendered once, not per request, and a changed
text gets a new key instead of a stale entry.
"""

import hashlib

import markdown as markdown_lib
import nh3
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

# Raise when the rendering changes in a way the key does not show by itself (e.g. extensions, options).
RENDERER_VERSION = 1
CACHE_SECONDS = 30 * 24 * 60 * 60
# Texts rendered afresh since the process started, i.e. not answered from the cache.
render_count = 0

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}


def _renderer_key() -> str:
    """Everything besides the text that shapes the HTML: a change of any of it renders anew."""
    attributes = sorted((tag, sorted(names)) for tag, names in ALLOWED_ATTRIBUTES.items())
    allowed = repr((sorted(ALLOWED_TAGS), attributes))
    return f"{RENDERER_VERSION}:{markdown_lib.__version__}:{getattr(nh3, '__version__', '')}:{allowed}"


RENDERER_KEY = _renderer_key()


def cache_key(text: str) -> str:
    digest = hashlib.sha256(f"{RENDERER_KEY}\0{text}".encode()).hexdigest()
    return f"markdown:{digest}"


def render_markdown(text: str) -> SafeString:
    """Render Markdown to HTML that is safe to show: no scripts, no styles, no foreign images."""
    if not text:
        return mark_safe("")
    key = cache_key(text)
    html = cache.get(key)
    if html is None:
        html = _render(text)
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - sanitised by nh3 in _render


def _render(text: str) -> str:
    global render_count
    render_count += 1
    html = markdown_lib.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return cleaned
