"""HTML -> text with one block per heading, paragraph and list item.

Parsed with BeautifulSoup (lxml tree builder when available): unlike
``lxml.html`` directly, it keeps text nested thousands of elements deep, and the
walk below is iterative, so deeply nested pages cannot hit the recursion limit.
Page chrome (scripts, styles, navigation, site header/footer, forms' buttons, a
cookie-consent banner) is dropped, but not a button that opens an FAQ answer or a
collapsed section (its text is the question or the section's title); a
``<header>``/``<footer>`` inside ``<article>``/``<main>`` is kept because it usually
holds the policy's own title or date, and so is anything else inside them.
"""
from __future__ import annotations

import re

from .blocks import TABLE_CELL_SEPARATOR, Block, BlockWriter

DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "nav", "head", "title", "meta", "link",
    "svg", "math", "canvas", "iframe", "object", "embed", "button", "select", "option",
    "textarea", "input", "dialog",
})
CHROME_TAGS = frozenset({"header", "footer"})
CONTENT_ROOTS = frozenset({"article", "main"})
HEADING_TAGS = {f"h{i}": i for i in range(1, 7)}
LIST_TAGS = frozenset({"ul", "ol", "menu"})
# Elements that end the current line of text (block-level in a browser).
BREAK_TAGS = frozenset({
    "p", "li", "div", "section", "article", "main", "aside", "blockquote", "pre",
    "ul", "ol", "menu", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr",
    "caption", "figure", "figcaption", "address", "details", "summary", "fieldset",
    "legend", "hr", "body", "html", "form", "header", "footer", "center", "button",
} | set(HEADING_TAGS))
CELL_TAGS = frozenset({"td", "th"})
_WS = re.compile(r"\s+")


# A consent-management overlay ("cookie-banner", "onetrust-banner-sdk", "CybotCookiebotDialog"):
# its "We use cookies to ..." is the site's banner, not what the policy says.
# A consent widget's name alone ("consent-policy") is not enough: it takes an overlay's word too.
_CONSENT_WIDGET = re.compile(r"cookie|consent|onetrust|cookiebot|\bcc-", re.IGNORECASE)
_OVERLAY = re.compile(r"banner|bar\b|notice|popup|pop-up|modal|dialog|sdk|overlay|cookie[-_]?consent",
                      re.IGNORECASE)


def _class_names(tag) -> str:
    """A tag's classes as one string (BeautifulSoup gives a list, or a string for odd markup)."""
    classes = (tag.attrs or {}).get("class") or []
    return " ".join(classes if isinstance(classes, list) else [classes])


def _is_consent_overlay(tag) -> bool:
    names = f"{(tag.attrs or {}).get('id', '')} {_class_names(tag)}"
    return bool(_CONSENT_WIDGET.search(names)) and bool(_OVERLAY.search(names))


# A button that opens or closes a section (an FAQ accordion's question, a collapsible
# section's title): its text is the policy's, unlike a form's "Submit" or "Accept".
_TOGGLE_CLASS = re.compile(r"accordion|collaps|toggle|expand|faq|question", re.IGNORECASE)


def _is_disclosure_button(tag) -> bool:
    attrs = tag.attrs or {}
    if any(key in attrs for key in ("aria-expanded", "aria-controls", "data-toggle", "data-bs-toggle")):
        return True
    return bool(_TOGGLE_CLASS.search(_class_names(tag)))


def _is_hidden(tag) -> bool:
    attrs = tag.attrs or {}
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    style = str(attrs.get("style", "")).replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _ordered_marker(index: int, list_type: str) -> str:
    if list_type == "a" and 1 <= index <= 26:
        return chr(96 + index) + "."
    if list_type == "A" and 1 <= index <= 26:
        return chr(64 + index) + "."
    return f"{index}."


class _Renderer:
    """Walks the parse tree with an explicit stack and writes blocks."""

    def __init__(self) -> None:
        self.writer = BlockWriter()
        self.buffer: list[str] = []
        self.context: list[tuple[str, int, str]] = []  # open h*/p/li: (kind, level, number)
        self.lists: list[list] = []  # open ul/ol: [tag, next index, type]
        self.pre_depth = 0
        self.content_roots = 0
        self.row_has_cell = False

    def text(self, s: str) -> None:
        if self.pre_depth:
            self.buffer.append(s)
        else:
            self.buffer.append(_WS.sub(" ", s))

    def flush(self) -> None:
        content = "".join(self.buffer)
        self.buffer.clear()
        if not content.strip():
            return
        kind, level, number = self.context[-1] if self.context else ("paragraph", 0, "")
        prefix = ""
        if kind == "list_item":
            prefix = "  " * (level - 1) + (f"{number} " if number else "• ")
        self.writer.add(kind, content, level=level, prefix=prefix, number=number)

    def start(self, tag) -> None:
        name = tag.name
        if name in BREAK_TAGS:
            self.flush()
        if name == "br":
            self.buffer.append("\n")
        elif name in CELL_TAGS:
            if self.buffer and "".join(self.buffer).strip():
                self.buffer.append(TABLE_CELL_SEPARATOR)
        elif name == "pre":
            self.pre_depth += 1
        elif name in CONTENT_ROOTS:
            self.content_roots += 1
        if name in LIST_TAGS:
            try:
                first = int(tag.get("start", 1))
            except (TypeError, ValueError):
                first = 1
            self.lists.append([name, first, str(tag.get("type", "1"))])
        elif name in HEADING_TAGS:
            self.context.append(("heading", HEADING_TAGS[name], ""))
        elif name == "p":
            self.context.append(("paragraph", 0, ""))
        elif name == "li":
            level = max(1, len(self.lists))
            number = ""
            if self.lists and self.lists[-1][0] == "ol":
                number = _ordered_marker(self.lists[-1][1], self.lists[-1][2])
                self.lists[-1][1] += 1
            self.context.append(("list_item", level, number))

    def end(self, tag) -> None:
        name = tag.name
        if name in BREAK_TAGS:
            self.flush()
        if name in HEADING_TAGS or name in ("p", "li"):
            if self.context:
                self.context.pop()
        elif name in LIST_TAGS and self.lists:
            self.lists.pop()
        elif name == "pre":
            self.pre_depth -= 1
        elif name in CONTENT_ROOTS:
            self.content_roots -= 1


def parse_html(markup: str) -> tuple[str, list[Block]]:
    """Render HTML as text plus block hints (offsets into the returned text).

    >>> text, blocks = parse_html("<h2>Your Rights</h2><ul><li>Access</li></ul><script>x()</script>")
    >>> text
    'Your Rights\\n\\n• Access'
    >>> [(b.kind, b.level, text[b.start:b.end]) for b in blocks]
    [('heading', 2, 'Your Rights'), ('list_item', 1, 'Access')]
    """
    from bs4 import BeautifulSoup, CData, NavigableString

    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)  # lxml rejects str with a declaration
    try:
        soup = BeautifulSoup(markup, "lxml")
    except Exception:  # lxml builder unavailable or refused: the stdlib parser is slower but total
        soup = BeautifulSoup(markup, "html.parser")
    renderer = _Renderer()
    # Iterative depth-first walk: (node, open?) pairs on an explicit stack.
    stack = [(soup, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            renderer.end(node)
            continue
        if isinstance(node, NavigableString):
            if type(node) is NavigableString or isinstance(node, CData):
                renderer.text(str(node))
            continue  # comments, doctype, processing instructions, script strings
        name = node.name
        if name is None:
            continue
        if (name in DROP_TAGS and not (name == "button" and _is_disclosure_button(node))) or _is_hidden(node):
            continue
        if (name in CHROME_TAGS or _is_consent_overlay(node)) and not renderer.content_roots:
            continue
        if name != "[document]":
            renderer.start(node)
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    renderer.flush()
    return renderer.writer.finish()
