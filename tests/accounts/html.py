"""A small HTML tree for assertions on markup (labels, ARIA, headings) without extra packages."""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []
        self.content = []  # text and child nodes, in document order

    @property
    def text(self):
        parts = [item if isinstance(item, str) else item.text for item in self.content]
        return " ".join(" ".join(parts).split())

    @property
    def classes(self):
        return set(self.attrs.get("class", "").split())

    def iter(self):
        for child in self.children:
            yield child
            yield from child.iter()

    def find_all(self, tag=None, **attrs):
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag)
            and all(node.attrs.get(name.rstrip("_")) == value for name, value in attrs.items())
        ]

    def find(self, tag=None, **attrs):
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [])
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, [(name, value if value is not None else "") for name, value in attrs], self.current)
        self.current.children.append(node)
        self.current.content.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, [(name, value if value is not None else "") for name, value in attrs], self.current)
        self.current.children.append(node)
        self.current.content.append(node)

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.content.append(data)


def parse(content) -> Node:
    builder = _TreeBuilder()
    builder.feed(content.decode() if isinstance(content, bytes) else content)
    builder.close()
    return builder.root


def main(content) -> Node:
    """The page's <main> element."""
    return parse(content).find("main")


def headings(node) -> list[tuple[int, str]]:
    return [(int(n.tag[1]), n.text) for n in node.iter() if n.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}]


def inline_scripts_and_styles(content) -> list[str]:
    """What a strict CSP would block: <script> without src (data blocks excepted), style attributes."""
    tree = parse(content)
    found = []
    for node in tree.iter():
        if node.tag == "script" and "src" not in node.attrs and node.attrs.get("type") != "application/json":
            found.append(f"<script> {node.text[:60]}")
        if "style" in node.attrs:
            found.append(f"<{node.tag} style=...>")
        if node.tag == "style":
            found.append("<style>")
    return found


def assert_headings_in_order(content):
    levels = [level for level, _ in headings(content)]
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))


def assert_fields_labelled(content):
    """Every visible input has a <label for> and Bootstrap's class."""
    for node in content.iter():
        if node.tag in {"input", "select", "textarea"} and node.attrs.get("type") != "hidden":
            assert content.find("label", for_=node.attrs["id"]) is not None, node.attrs
            assert node.classes & {"form-control", "form-check-input", "form-select"}, node.attrs


def assert_real_buttons(content):
    for form in content.find_all("form"):
        for button in form.find_all("button"):
            assert button.attrs["type"] in {"submit", "button"}
            assert "btn" in button.classes
