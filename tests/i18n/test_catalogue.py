"""The committed German catalogue is complete and what users see is German.

Reads locale/de/LC_MESSAGES/django.po as committed; it regenerates nothing. A string added
without a translation, or left fuzzy after `make messages`, fails here.
"""

import ast
import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

PO_PATH = Path(settings.BASE_DIR) / "locale" / "de" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdifr]|%[sdifr]|\{[a-z_0-9]*\}")


def _unquote(line: str) -> str:
    # A PO string literal uses the C escapes that a Python string literal understands too.
    return ast.literal_eval(line.strip())


def parse_po(path: Path) -> list[dict]:
    """Entries as dicts: msgctxt, msgid, msgid_plural, msgstr (list), flags, line."""
    entries, entry, field = [], None, None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            entry, field = None, None
            continue
        if entry is None:
            entry = {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": [], "flags": []}
            entry["line"] = number
            entries.append(entry)
        if line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#,"):
            entry["flags"] += [flag.strip() for flag in line[2:].split(",")]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if field == "msgstr":
                entry["msgstr"][-1] += _unquote(line)
            else:
                entry[field] += _unquote(line)
        else:
            keyword, _, rest = line.partition(" ")
            if keyword.startswith("msgstr"):
                field = "msgstr"
                entry["msgstr"].append(_unquote(rest))
            else:
                field = keyword
                entry[field] = _unquote(rest)
    return entries


@pytest.fixture(scope="module")
def entries():
    return parse_po(PO_PATH)


@pytest.fixture(scope="module")
def messages(entries):
    return [entry for entry in entries if entry["msgid"]]


def _label(entry):
    return f"line {entry['line']}: {entry['msgid']!r}"


def test_header_declares_german_utf8_and_german_plural_rule(entries):
    header = entries[0]
    assert header["msgid"] == ""
    fields = dict(line.split(": ", 1) for line in header["msgstr"][0].splitlines() if ": " in line)
    assert {key: fields.get(key) for key in ("Language", "Content-Type", "Plural-Forms")} == {
        "Language": "de",
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    assert "fuzzy" not in header["flags"]


def test_every_message_has_a_german_translation(messages):
    untranslated = [_label(entry) for entry in messages if not all(entry["msgstr"])]
    assert untranslated == []


def test_no_translation_is_left_fuzzy(messages):
    assert [_label(entry) for entry in messages if "fuzzy" in entry["flags"]] == []


def test_no_obsolete_entries_linger(entries):
    assert [entry["line"] for entry in entries if entry.get("obsolete")] == []


def test_plural_messages_have_both_german_forms(messages):
    wrong = [_label(entry) for entry in messages if entry["msgid_plural"] and len(entry["msgstr"]) != 2]
    assert wrong == []


def test_translations_keep_the_placeholders_of_the_source(messages):
    """A lost or misspelt %(name)s raises at runtime or shows the wrong value to users."""
    broken = []
    for entry in messages:
        if entry["msgid_plural"]:
            source = set(PLACEHOLDER.findall(entry["msgid_plural"]))
            # The singular may say "one" instead of repeating the number.
            ok = (
                set(PLACEHOLDER.findall(entry["msgstr"][1])) == source
                and set(PLACEHOLDER.findall(entry["msgstr"][0])) <= source
            )
        else:
            ok = set(PLACEHOLDER.findall(entry["msgstr"][0])) == set(PLACEHOLDER.findall(entry["msgid"]))
        if not ok:
            broken.append(_label(entry))
    assert broken == []


def test_key_terms_use_the_agreed_german_vocabulary(messages):
    catalogue = {entry["msgid"]: entry["msgstr"][0] for entry in messages if not entry["msgctxt"]}
    agreed = {
        "Sign in": "Anmelden",
        "Sign out": "Abmelden",
        "Sign up": "Registrieren",
        "Imprint": "Impressum",
        "Privacy policy": "Datenschutzerklärung",
        "Accessibility statement": "Erklärung zur Barrierefreiheit",
        "Coordinator": "Koordinator:in",
        "facilitator": "Moderator:in",
        "Spin-off": "Ableger",
        "Members": "Mitglieder",
        "CoP platform": "CoP-Plattform",
        "Welcome to %(name)s!": "Willkommen bei %(name)s!",
        "You are already a member of this community or have asked to join.": (
            "Du bist bereits Mitglied dieser Community oder hast den Beitritt schon angefragt."
        ),
    }
    assert {msgid: catalogue.get(msgid) for msgid in agreed} == agreed


def test_compiled_catalogue_matches_the_committed_po(messages):
    """Django reads the .mo; a stale one shows users English. Fix: `make messages` or compilemessages."""
    assert MO_PATH.exists(), "run: .venv/bin/python manage.py compilemessages --ignore=.venv"
    with MO_PATH.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    expected = {}
    for entry in messages:
        key = entry["msgid"] if not entry["msgctxt"] else f"{entry['msgctxt']}\x04{entry['msgid']}"
        if entry["msgid_plural"]:
            for index, text in enumerate(entry["msgstr"]):
                expected[(key, index)] = text
        else:
            expected[key] = entry["msgstr"][0]
    stale = sorted(str(key) for key, text in expected.items() if compiled.get(key) != text)
    assert stale == []


class _PageText(HTMLParser):
    """Collects <html lang>, the <title> and every link as (href, text)."""

    def __init__(self):
        super().__init__()
        self.lang, self.title, self.links = None, "", []
        self._in_title, self._href, self._text = False, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "a":
            self._href, self._text = attrs.get("href"), []

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._href is not None:
            self._text.append(data)


def _read(response) -> _PageText:
    page = _PageText()
    page.feed(response.content.decode())
    return page


def _link_texts(page, href):
    return [text for link, text in page.links if link == href]


@pytest.mark.django_db
def test_landing_page_speaks_german_to_visitors(client):
    page = _read(client.get(reverse("home")))
    assert (page.lang, " ".join(page.title.split())) == ("de", "Willkommen · CoP-Plattform")
    assert {
        "login": _link_texts(page, reverse("account_login"))[-1],
        "signup": _link_texts(page, reverse("account_signup"))[-1],
        "imprint": _link_texts(page, reverse("legal_page", args=["imprint"])),
        "privacy": _link_texts(page, reverse("legal_page", args=["privacy"])),
        "accessibility": _link_texts(page, reverse("legal_page", args=["accessibility"])),
    } == {
        "login": "Anmelden",
        "signup": "Registrieren",
        "imprint": ["Impressum"],
        "privacy": ["Datenschutzerklärung"],
        "accessibility": ["Erklärung zur Barrierefreiheit"],
    }


@pytest.mark.django_db
def test_a_browser_asking_for_english_gets_the_english_source_texts(client):
    page = _read(client.get(reverse("home"), headers={"accept-language": "en"}))
    assert (page.lang, _link_texts(page, reverse("legal_page", args=["imprint"]))) == ("en", ["Imprint"])
