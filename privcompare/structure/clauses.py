"""Units -> clause table: decide heading / paragraph / list item, levels, sections, ids.

Decisions use the shape of a unit and its neighbours, never the name of a policy:

* A short, title-like unnumbered line is a heading when body text follows it
  ("Information We Collect"), or when it introduces a "Label:" sub-heading, or
  when it is the document title. The unit after a "Label:" heading is its
  value, so it is never itself a heading ("Company Name:" / "PT. Oxobyte ...").
* An enumerated line ("1.", "2.1", "1-", "(a)") is a heading when it is not
  indented, reads like a title, and is followed by body rather than by its next
  sibling; numbering chains (1., 2., 3.) stay consistent: the successor of a list
  item is a list item. Indented or sentence-like enumerated lines are list items.
* Heading levels: Markdown/HTML/DOCX levels are taken as given; "2.1" is one
  level deeper than "2."; unnumbered headings sit one level below the enclosing
  numbered heading, and "Label:" (or "Label.") headings one level below a plain one. A
  numbering scheme that only appears inside unnumbered sections (and the
  unnumbered sections continue after it) is nested under them.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .patterns import ENUMERATOR, is_debris, parse_enumerator
from .titles import MAX_CHAINED_TITLE_WORDS, address_line, numbered_title, title_shape
from .units import BLOCK_HEADING, BLOCK_ITEM, BOLD, BULLET_ITEM, ENUM, MD_HEADING, TEXT, Unit, line_units

COLUMNS = ["clause_id", "kind", "section", "heading", "level", "number", "text", "start", "end"]
KINDS = ("heading", "paragraph", "list_item")
_INT_COLUMNS = frozenset({"level", "start", "end"})
SECTION_SEPARATOR = " > "
_ID_UNSAFE = re.compile(r"[^0-9A-Za-z.]")
_DEFINITE_HEADINGS = (MD_HEADING, BOLD, BLOCK_HEADING)
_MARKER_ONLY = re.compile(r"[-*+•◦▪–]|\(?(?:\d{1,3}|[A-Za-z]{1,4})[.)]")


def build_clauses(text: str, blocks=None) -> pd.DataFrame:
    """Split a policy's text into its clause table (see ``docs/architecture.md``).

    ``blocks`` (from HTML/DOCX readers) are used as given; plain text and
    Markdown are parsed line by line.

    >>> t = "Privacy Policy\\n1. Your Rights\\nYou may ask for:\\n- Access: a copy of your data"
    >>> build_clauses(t)[["clause_id", "kind", "level", "number", "text"]].values.tolist()
    [['s1-0', 'heading', 1, '', 'Privacy Policy'], ['1-0', 'heading', 1, '1.', 'Your Rights'], \
['1-1', 'paragraph', 0, '', 'You may ask for:'], ['1-2', 'list_item', 1, '', 'Access: a copy of your data']]
    """
    units = _block_units(text, blocks) if blocks else line_units(text)
    kinds = _decide_kinds(units)
    columns = list(zip(*_rows(text, units, kinds))) or [()] * len(COLUMNS)
    # Column-wise construction is several times faster than row tuples + astype. The
    # dict holds every column in order: no columns= (pandas would re-index the dict
    # through a Series) and no copy of the freshly built arrays.
    data = {name: np.array(values, dtype=np.int64 if name in _INT_COLUMNS else object)
            for name, values in zip(COLUMNS, columns)}
    return pd.DataFrame(data, copy=False)


# ---------------------------------------------------------------- units from blocks

def _block_units(text: str, blocks) -> list[Unit]:
    """Units from reader blocks; any text between blocks is parsed as plain text."""
    units: list[Unit] = []
    pos = 0
    for block in sorted(blocks, key=lambda b: (b.start, b.end)):
        if block.start < pos or block.end > len(text) or block.end <= block.start:
            continue  # overlapping or out-of-range hint: ignore rather than corrupt offsets
        _add_gap_units(units, text, pos, block.start)
        pos = block.end
        raw = text[block.start:block.end]
        content = raw.strip()
        if not content or ("\n" not in content and is_debris(content)):
            continue
        start = block.start + (len(raw) - len(raw.lstrip()))
        end = start + len(content)
        lines = content.count("\n") + 1
        first = content.split("\n", 1)[0]
        if block.kind == "heading":
            unit = Unit(BLOCK_HEADING, start, end, 0, first, content, 0, lines, level=max(1, block.level))
        elif block.kind == "list_item":
            unit = Unit(BLOCK_ITEM, start, end, 0, first, content, 0, lines,
                        number=getattr(block, "number", "") or "", level=max(1, block.level))
        else:
            unit = Unit(TEXT, start, end, 0, first, content, 0, lines)
        if block.kind != "list_item":
            m = ENUMERATOR.match(content)
            if m and m.end() < len(content):
                unit.number, unit.style, unit.depth, unit.value = parse_enumerator(m)
                unit.start += m.end()
                unit.first = content[m.end():].split("\n", 1)[0]
                if unit.shape == TEXT:
                    unit.shape = ENUM
        units.append(unit)
    _add_gap_units(units, text, pos, len(text))
    return units


def _add_gap_units(units: list[Unit], text: str, start: int, end: int) -> None:
    """Parse text no block covers; a reader's rendered bullet or "1." alone is not a clause."""
    gap = text[start:end].strip()
    if gap and not _MARKER_ONLY.fullmatch(gap):
        units.extend(line_units(text, start, end))


# ---------------------------------------------------------------- kinds

def _decide_kinds(units: list[Unit]) -> list[str]:
    n = len(units)
    base_indent = min((u.indent for u in units if u.shape in (TEXT, ENUM)), default=0)
    shapes = [title_shape(u.first) if u.shape == TEXT and u.lines == 1 else "" for u in units]
    enum_candidate = [u.shape == ENUM and u.lines == 1 and u.indent <= base_indent and numbered_title(u.first)
                      for u in units]

    def is_candidate(j: int) -> bool:
        u = units[j]
        return u.shape in _DEFINITE_HEADINGS or bool(shapes[j]) or enum_candidate[j]

    kinds = [""] * n
    chain: dict[tuple, int] = {}  # (style, depth, indent, value) -> latest unit index
    for i, u in enumerate(units):
        nxt = units[i + 1] if i + 1 < n else None
        if u.shape in _DEFINITE_HEADINGS:
            kinds[i] = "heading"
        elif u.shape in (BULLET_ITEM, BLOCK_ITEM):
            kinds[i] = "list_item"
        elif u.shape == ENUM:
            kinds[i] = _enum_kind(i, u, nxt, units, kinds, chain, enum_candidate[i], base_indent)
            chain[(u.style, u.depth, u.indent, u.value)] = i
        elif shapes[i]:
            kinds[i] = _text_kind(i, u, nxt, units, kinds, shapes, is_candidate)
        else:
            kinds[i] = "paragraph"
    return kinds


def _enum_kind(i, u, nxt, units, kinds, chain, candidate, base_indent) -> str:
    if u.indent > base_indent:
        return "list_item"
    predecessor = chain.get((u.style, u.depth, u.indent, u.value - 1))
    if predecessor is not None:  # keep a numbering chain consistent
        if kinds[predecessor] == "list_item":
            return "list_item"
        if candidate:
            return "heading"
        # the next number after a heading, followed by its own body text or sub-numbering
        # ("2. ...\na) ..."), heads a section even when its title is longer than a lone
        # numbered line could be
        body = nxt is not None and (nxt.shape == TEXT or nxt.shape == ENUM and nxt.style != u.style)
        long_title = numbered_title(u.first, MAX_CHAINED_TITLE_WORDS, label_value=True)
        return "heading" if u.lines == 1 and body and long_title else "list_item"
    if not candidate or nxt is None:
        return "list_item"
    if nxt.shape == ENUM and nxt.style == u.style and nxt.depth == u.depth and nxt.indent == u.indent:
        return "list_item"  # "1. Name\n2. Email": siblings with no body between are a list
    prev = units[i - 1] if i else None
    if prev is not None and kinds[i - 1] == "paragraph" and prev.last.endswith(":") and nxt.shape != TEXT:
        # "... in the following cases:\n1. Partners\n- ..." introduces a list; an entry
        # followed by its own body text ("1- Personal Information:\nWhen you ...") is a sub-section.
        return "list_item"
    return "heading"


def _text_kind(i, u, nxt, units, kinds, shapes, is_candidate) -> str:
    if i and kinds[i - 1] == "heading" and units[i - 1].first.endswith(":") and units[i - 1].shape != ENUM:
        return "paragraph"  # the value of a "Label:" heading
    if nxt is None:
        return "paragraph"  # nothing follows: no section to head
    if i and _in_address_block(units[i - 1], kinds[i - 1], nxt):
        return "paragraph"  # "Wycliffe House / Water Lane / Wilmslow SK9 5AF"
    if not is_candidate(i + 1):
        return "heading"
    if i == 0:
        return "heading"  # the document's title
    label_next = shapes[i + 1] == "title" and units[i + 1].first.endswith(":")
    if shapes[i] == "title" and (u.first.endswith(":") or label_next):
        return "heading"  # a "Label:" before its value; "Information Security" / "Data Security:"
    return "heading" if _heads_a_sub_heading(i, units, kinds, is_candidate) else "paragraph"


def _heads_a_sub_heading(i, units, kinds, is_candidate) -> bool:
    """"How We Protect Your Data" / "Physical Safeguards" / body text: two title lines
    between prose are a heading and its sub-heading. Three or more in a row stay a list
    (product names, an address block), as does a title after a line ending in ":"."""
    if i + 2 >= len(units) or is_candidate(i - 1) or is_candidate(i + 2) or kinds[i - 1] == "heading":
        return False
    before, body = units[i - 1], units[i + 2]
    return (body.shape == TEXT and not before.last.endswith(":")
            and (body.lines > 1 or len(body.first.split()) >= 6) and not address_line(body.first))


def _in_address_block(prev: Unit, prev_kind: str, nxt: Unit) -> bool:
    """A title-like line between a short unpunctuated line and a postcode or phone line
    is a line of a postal address, not the heading of what follows it."""
    return (prev_kind == "paragraph" and prev.lines == 1 and len(prev.first.split()) <= 6
            and prev.first[-1:] not in ".:;!?" and nxt.lines == 1 and address_line(nxt.first))


# ---------------------------------------------------------------- levels, sections, ids

def _heading_class(u: Unit) -> str:
    if u.shape in (MD_HEADING, BLOCK_HEADING):
        return "given"
    if u.shape == ENUM:
        return "enum"
    # "Label:" and the run-in "Access and Porting." head a sub-section of a plain heading
    return "colon" if u.first.endswith((":", ".")) else "plain"


class _Outline:
    """The open headings (a stack) and the level rules of the module docstring."""

    def __init__(self, units: list[Unit], kinds: list[str]):
        self.stack: list[list] = []  # [level, label, class, style, anchored, title]
        self.section = ""  # the open headings joined, recomputed only when a heading opens
        self.enum_mode: dict[tuple, tuple] = {}  # style -> ("anchored", base) | ("relative", parent class)
        heading_ix = [i for i, k in enumerate(kinds) if k == "heading"]
        self.last_of_style: dict[tuple, int] = {}
        self.class_positions: dict[str, list[int]] = {"plain": [], "colon": []}
        for i in heading_ix:
            u = units[i]
            cls = _heading_class(u)
            if cls == "enum":
                self.last_of_style[u.style] = i
            elif cls in self.class_positions:
                self.class_positions[cls].append(i)
        self.title_index = heading_ix[0] if heading_ix and heading_ix[0] == 0 and \
            _heading_class(units[0]) in ("plain", "colon") else -1

    def _anchor_level(self) -> int:
        for entry in reversed(self.stack):
            if entry[4]:
                return entry[0]
        return 0

    def _open_above_anchor(self, cls: str) -> list | None:
        for entry in reversed(self.stack):
            if entry[4]:
                return None
            if entry[2] == cls and not entry[5]:
                return entry
        return None

    def _innermost(self) -> list | None:
        for entry in reversed(self.stack):
            if not entry[5]:
                return entry
        return None

    def level(self, i: int, u: Unit) -> tuple[int, str, bool]:
        cls = _heading_class(u)
        if i == self.title_index:
            return 1, cls, False
        if cls == "given":
            return u.level, cls, True
        if cls == "enum":
            mode = self.enum_mode.get(u.style)
            if mode is None:
                mode = self._first_sight(u.style)
                self.enum_mode[u.style] = mode
            if mode[0] == "anchored":
                return mode[1] + u.depth - 1, cls, True
            parent = self._open_above_anchor(mode[1])
            base = parent[0] if parent else self._anchor_level()
            return base + u.depth, cls, False
        anchor = self._anchor_level()
        if cls == "colon":
            parent = self._open_above_anchor("plain")
            return (parent[0] if parent else anchor) + 1, cls, False
        return anchor + 1, cls, False

    def _first_sight(self, style: tuple) -> tuple:
        parent = self._innermost()
        if parent is None:
            return ("anchored", 1)
        if parent[2] in ("plain", "colon") and not parent[4]:
            last = self.last_of_style.get(style, -1)
            if any(p > last for p in self.class_positions[parent[2]]):
                return ("relative", parent[2])  # unnumbered sections resume after this numbering
            return ("anchored", self._anchor_level() + 1)
        return ("anchored", parent[0] + 1)

    def push(self, i: int, u: Unit, label: str) -> int:
        level, cls, anchored = self.level(i, u)
        level = max(1, level)
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append([level, label, cls, u.style, anchored, i == self.title_index])
        self.section = SECTION_SEPARATOR.join(entry[1] for entry in self.stack)
        return level

    def heading(self) -> str:
        return self.stack[-1][1] if self.stack else ""


def _rows(text: str, units: list[Unit], kinds: list[str]) -> list[tuple]:
    outline = _Outline(units, kinds)
    used_prefixes: set[str] = set()
    next_suffix: dict[str, int] = {}  # repeated numbering must not make id assignment quadratic
    prefix, counter, heading_count = "s0", 0, 0
    list_indents: list[int] = []
    rows = []
    for i, (u, kind) in enumerate(zip(units, kinds)):
        clause = text[u.start:u.end]
        if kind == "heading":
            heading_count += 1
            label = " ".join(clause.split())
            if u.number:
                label = f"{u.number} {label}"
            level = outline.push(i, u, label)
            prefix = _ID_UNSAFE.sub("", u.number).strip(".") if u.number else ""
            prefix = prefix or f"s{heading_count}"
            if prefix in used_prefixes:
                k = next_suffix.get(prefix, 2)
                while f"{prefix}_{k}" in used_prefixes:
                    k += 1
                next_suffix[prefix] = k + 1
                prefix = f"{prefix}_{k}"
            used_prefixes.add(prefix)
            counter = 0
            list_indents.clear()
            clause_id = f"{prefix}-0"
        else:
            counter += 1
            clause_id = f"{prefix}-{counter}"
            if kind == "list_item":
                if u.shape == BLOCK_ITEM:
                    level = u.level
                else:
                    while list_indents and list_indents[-1] > u.indent:
                        list_indents.pop()
                    if not list_indents or list_indents[-1] < u.indent:
                        list_indents.append(u.indent)
                    level = len(list_indents)
            else:
                level = 0
                list_indents.clear()
        rows.append((clause_id, kind, outline.section, outline.heading(), level, u.number, clause,
                     u.start, u.end))
    return rows
