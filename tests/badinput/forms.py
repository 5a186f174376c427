"""Forms found in rendered pages, read with Python's html.parser.

A `FoundForm` is what a browser would submit: its action, method and for every field name the
values it would send (one per checked box or selected option), plus the alternatives a user could
choose (select options, radio values, submit buttons).
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class FoundField:
    name: str
    kind: str  # input type, "select", "textarea" or "button"
    values: list[str] = field(default_factory=list)  # what the browser sends unchanged
    choices: list[str] = field(default_factory=list)  # what the user could choose instead


@dataclass
class FoundForm:
    action: str
    method: str
    htmx: bool = False  # the page submits it with htmx (the view may answer with a partial)
    fields: dict[str, FoundField] = field(default_factory=dict)

    def add(self, name, kind, value=None, *, sent=True):
        found = self.fields.setdefault(name, FoundField(name, kind))
        if value is not None:
            if sent:
                found.values.append(value)
            if value not in found.choices:
                found.choices.append(value)

    def baseline(self) -> list[tuple[str, str]]:
        """The pairs an untouched submit sends; a form with buttons sends the first button's value."""
        pairs = []
        for found in self.fields.values():
            if found.kind in ("button", "submit"):
                if found.choices:
                    pairs.append((found.name, found.choices[0]))
            elif found.kind in ("select", "radio") and not found.values and found.choices:
                pairs.append((found.name, found.choices[0]))
            else:
                pairs.extend((found.name, value) for value in found.values)
        return pairs


class FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[FoundForm] = []
        self._form = None
        self._select = None
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = FoundForm(
                action=attrs.get("action") or self.page_url,
                method=(attrs.get("method") or "get").lower(),
                htmx=any(key.startswith("hx-") for key in attrs),
            )
            self.forms.append(self._form)
            return
        form = self._form
        name = attrs.get("name")
        if form is None or (not name and tag != "option"):
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            value = attrs.get("value", "" if kind not in ("checkbox", "radio") else "on")
            if kind in ("checkbox", "radio"):
                form.add(name, kind, value, sent="checked" in attrs)
            elif kind in ("submit", "image", "reset"):
                if kind == "submit":
                    form.add(name, "submit", value, sent=False)
            else:
                form.add(name, kind, value)
        elif tag == "button" and (attrs.get("type") or "submit") == "submit":
            form.add(name, "button", attrs.get("value", ""), sent=False)
        elif tag == "select":
            self._select = (name, "multiple" in attrs)
            form.add(name, "select")
        elif tag == "option" and self._select:
            self._option = [attrs.get("value"), "selected" in attrs, ""]
        elif tag == "textarea":
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._option is not None:
            self._option[2] += data
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "option" and self._option is not None:
            self._close_option()
        elif tag == "select":
            if self._option is not None:
                self._close_option()
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # The HTML parser keeps the newline that follows <textarea>; a browser drops it.
            self._form.add(name, "textarea", text[1:] if text.startswith("\n") else text)
            self._textarea = None

    def _close_option(self):
        value, selected, text = self._option
        self._option = None
        value = text.strip() if value is None else value
        self._form.add(self._select[0], "select", value, sent=selected)


def forms_in(html: str, page_url: str) -> list[FoundForm]:
    parser = FormParser(page_url)
    parser.feed(html)
    parser.close()
    return parser.forms
