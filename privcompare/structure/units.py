"""Text -> units: one unit per heading, paragraph or list item candidate.

A unit is a run of lines that belong together (a list item and its wrapped or
indented continuation lines, a hard-wrapped paragraph). This pass only groups
lines and records their shape; :mod:`privcompare.structure.clauses` decides
what each unit is. Everything is line-based: one regex attempt per line and
pattern, no per-character loops.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import (BOLD_LINE, BULLET, ENUMERATOR, ITALIC_LINE, MARKDOWN_CLOSING, MARKDOWN_HEADING, QA_MARKER,
                       RULE_LINE, TABLE_DELIMITER_ROW, company_form_regex, debris_patterns, is_debris, parse_enumerator)
from .titles import numbered_title

# Unit shapes.
TEXT, BULLET_ITEM, ENUM, MD_HEADING, BOLD, BLOCK_HEADING, BLOCK_ITEM = (
    "text", "bullet", "enum", "md", "bold", "block_heading", "block_item")
_TERMINAL = frozenset(".!?:;")
_SENTENCE_END = frozenset(".!?")
# A label bullet ("- Service Provision:") absorbs the line after it when short.
MAX_LABEL_WORDS = 8
_LOWER_START = re.compile(r"[a-z(]")
# A line that ends on an article, a preposition or a conjunction stops mid-sentence: the next
# line runs on, capitalised or not ("... in accordance with Article 30 of the" / "Personal
# Information Protection Act of Korea."), even where no wrap width was measured.
_DANGLING_END = re.compile(r"\s(?:the|a|an|of|to|in|on|for|with|and|or|by|from|at|under|that|which|our|your|its"
                           r"|their|this|these|those)$")
_MIN_DANGLING_CHARS = 60
# A company's legal form at the start of a line goes with the name on the line before it:
# a PDF wrapped "... is Brunnen Mobility\nGmbH, Hafenstraße 12, ..." mid-sentence.
_COMPANY_FORM_START = re.compile(company_form_regex(words=False) + r"\b\.?(?:[,;)]|\s|$)")
_RULE_CHARS = frozenset("-=*_~")
_BULLET_CHARS = frozenset("-*+–•·▪◦●○■□➢►‣⁃✓✔➤")
_DEBRIS_MAX_CHARS = debris_patterns()[0]


@dataclass(slots=True)
class Unit:
    """A candidate clause: ``text[start:end]`` without its marker."""

    shape: str
    start: int
    end: int
    indent: int = 0
    first: str = ""          # first line, marker removed
    last: str = ""           # last line as written (for continuation decisions)
    last_len: int = 0        # length of the last raw line, indentation included
    lines: int = 1
    number: str = ""
    style: tuple = ()
    depth: int = 1
    value: int = 0
    level: int = 0           # given level (Markdown, HTML/DOCX blocks)
    blank_before: bool = True


def _wrap_threshold(lengths: list[int]) -> int | None:
    """Line length beyond which a line is a hard-wrapped line, or ``None`` if not wrapped.

    Hard-wrapped text (email-style, PDF extraction) has many lines close to one
    width of 40-100 characters; web-copied policies have one long line per paragraph.
    """
    if len(lengths) < 6:
        return None
    ordered = sorted(lengths)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    if not 40 <= p90 <= 100:
        return None
    near = sum(1 for n in lengths if n >= 0.8 * p90)
    return int(0.7 * p90) if near >= 0.3 * len(lengths) else None


def _enum_unit(content: str, m: re.Match, start: int, indent: int, blank: bool) -> Unit:
    number, style, depth, value = parse_enumerator(m)
    rest = content[m.end():]
    return Unit(ENUM, start + m.end(), start + len(content), indent, rest, content, 0, 1,
                number, style, depth, value, 0, blank)


def line_units(text: str, begin: int = 0, end: int | None = None) -> list[Unit]:
    """Group the lines of ``text[begin:end]`` into units.

    >>> [(u.shape, u.number, u.first) for u in line_units("1. Rights\\n- Access:\\n  view data")]
    [('enum', '1.', 'Rights'), ('bullet', '', 'Access:')]
    """
    end = len(text) if end is None else end
    raw_lines = text[begin:end].split("\n")
    stripped = [line.strip() for line in raw_lines]
    threshold = _wrap_threshold([len(r.rstrip()) for r, s in zip(raw_lines, stripped) if s])

    units: list[Unit] = []
    current: Unit | None = None  # the unit a following line may continue
    after_question = False  # the line before was an FAQ's "Q: ...?"
    blank = True
    offset = begin
    for raw, content in zip(raw_lines, stripped):
        line_start = offset
        offset += len(raw) + 1
        if not content:
            current, blank = None, True
            continue
        indent_len = len(raw) - len(raw.lstrip())
        indent = raw[:indent_len].expandtabs(4).count(" ") if "\t" in raw[:indent_len] else indent_len
        start = line_start + indent_len
        raw_len = indent_len + len(content)
        was_blank, blank = blank, False

        if content[0] in _RULE_CHARS and RULE_LINE.fullmatch(content):
            # "Title\n=====" (setext heading) or a horizontal rule: never a clause.
            prev = units[-1] if units else None
            if (content[0] in "=-" and prev is not None and current is prev and prev.shape == TEXT
                    and prev.lines == 1):
                prev.shape, prev.level = MD_HEADING, 1 if content[0] == "=" else 2
            current, blank = None, True
            continue
        if content[0] in "|+-:" and TABLE_DELIMITER_ROW.fullmatch(content):
            current = None  # a Markdown table's "|---|:--|" under its header row: layout, not a clause
            continue
        head = content[0]
        m = MARKDOWN_HEADING.match(content) if head == "#" else None
        if m:
            body_start = m.end()
            closing = MARKDOWN_CLOSING.search(content)
            body_end = closing.start() if closing and closing.start() > body_start else len(content)
            body = content[body_start:body_end]
            unit = Unit(MD_HEADING, start + body_start, start + body_end, indent, body, content, raw_len,
                        level=len(m.group(1)), blank_before=was_blank)
            em = ENUMERATOR.match(body)
            if em and em.end() < len(body):
                unit.number, unit.style, unit.depth, unit.value = parse_enumerator(em)
                unit.start += em.end()
                unit.first = body[em.end():]
            units.append(unit)
            current = None
            continue
        m = BOLD_LINE.fullmatch(content) if head in "*_" else None
        if m:
            units.append(Unit(BOLD, start + m.start(2), start + m.end(2), indent, m.group(2), content,
                              raw_len, blank_before=was_blank))
            current = None
            continue
        m = ITALIC_LINE.fullmatch(content) if head in "*_" else None
        if m:  # the text between the marks, read like any other line
            current = Unit(TEXT, start + m.start(2), start + m.end(2), indent, m.group(2), m.group(2), raw_len,
                           blank_before=was_blank)
            units.append(current)
            continue
        m = BULLET.match(content) if head in _BULLET_CHARS else None
        if m:
            current = Unit(BULLET_ITEM, start + m.end(), start + len(content), indent, content[m.end():],
                           content, raw_len, blank_before=was_blank)
            units.append(current)
            continue
        m = QA_MARKER.match(content) if head in "QAqa" else None
        if m and (content.endswith("?") if m.group("q") else after_question):
            # an FAQ's "Q: Do you sell my data?" / "A: No.": the marks go, the question may be
            # a heading and its answer the text under it
            current = Unit(TEXT, start + m.end(), start + len(content), indent, content[m.end():],
                           content[m.end():], raw_len, blank_before=was_blank)
            units.append(current)
            after_question = bool(m.group("q"))
            continue
        after_question = False
        m = ENUMERATOR.match(content) if head == "(" or head.isascii() and head.isalnum() else None
        if m:
            current = _enum_unit(content, m, start, indent, was_blank)
            current.last_len = raw_len
            units.append(current)
            continue
        # Debris is checked only here: a bullet, enumerator or heading marker already
        # shows the line is content, and most lines of a policy carry one.
        if len(content) <= _DEBRIS_MAX_CHARS and is_debris(content):
            current, blank = None, True
            continue
        if current is not None and _continues(current, content, indent, threshold):
            current.end = start + len(content)
            current.last, current.last_len = content, raw_len
            current.lines += 1
            continue
        current = Unit(TEXT, start, start + len(content), indent, content, content, raw_len,
                       blank_before=was_blank)
        units.append(current)
    return units


def _continues(unit: Unit, line: str, indent: int, threshold: int | None) -> bool:
    """Does ``line`` (no blank line before it) continue ``unit``?"""
    last = unit.last
    if line[0] == "|" or (last[0] == "|" and last[-1] == "|"):
        return False  # a Markdown table's rows are lines of their own, however long
    lower = (_LOWER_START.match(line) is not None or _COMPANY_FORM_START.match(line) is not None
             # (a short line may be a heading that ends so: "Who we share it with")
             or (len(last) >= _MIN_DANGLING_CHARS and _DANGLING_END.search(last) is not None))
    if unit.shape in (BULLET_ITEM, ENUM):
        if indent > unit.indent:
            return True  # "  1. Service Purposes:\n    Collection and ..." (indented continuation)
        if lower and last[-1] not in _SENTENCE_END:
            return True
        if (unit.shape == BULLET_ITEM and unit.lines == 1 and last.endswith(":")
                and len(unit.first.split()) <= MAX_LABEL_WORDS):
            return True  # "- Service Provision:\nYour personal data allows ..."
    elif unit.shape == TEXT:
        if lower and last[-1] not in _SENTENCE_END:
            return True
    else:
        return False
    if threshold is not None and unit.last_len >= threshold:
        # Hard-wrapped text: a long line that does not end a sentence runs on.
        return last[-1] not in _TERMINAL
    return False
