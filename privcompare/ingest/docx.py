"""DOCX -> text with heading and list-item blocks, via python-docx (extra ``docx``).

Heading styles ("Heading 1".."Heading 9", "Title") become heading blocks;
paragraphs with Word numbering (``w:numPr``) or a list style become list items
whose enumerator is rendered as Word would show it (``1.``, ``a.``, ``•``).
Tables are read row by row, cells joined with `` | ``.
"""
from __future__ import annotations

import io
import re

from ..errors import InputError, MissingDependencyError
from .blocks import TABLE_CELL_SEPARATOR, Block, BlockWriter

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)
_FORMATS = {"decimal": "{n}.", "lowerLetter": "{a}.", "upperLetter": "{A}.",
            "lowerRoman": "{i}.", "upperRoman": "{I}."}


def _roman(n: int) -> str:
    out = []
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def _marker(fmt: str, n: int) -> str:
    template = _FORMATS.get(fmt)
    if template is None:
        return ""  # bullet or an exotic format: rendered as a bullet
    letter = chr(96 + (n - 1) % 26 + 1)
    return template.format(n=n, a=letter, A=letter.upper(), i=_roman(n), I=_roman(n).upper())


class _Numbering:
    """Looks up list formats in numbering.xml and counts items per list and level."""

    def __init__(self, document) -> None:
        try:
            self.root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            self.root = None
        self.counters: dict[tuple[str, int], int] = {}

    def format(self, num_id: str, ilvl: int) -> str:
        if self.root is None:
            return "bullet"
        abstract = self.root.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
        if not abstract:
            return "bullet"
        fmt = self.root.xpath(
            f'./w:abstractNum[@w:abstractNumId="{abstract[0]}"]/w:lvl[@w:ilvl="{ilvl}"]/w:numFmt/@w:val')
        return fmt[0] if fmt else "bullet"

    def next(self, key: str, ilvl: int) -> int:
        for (k, level) in list(self.counters):  # a shallower item restarts deeper levels
            if k == key and level > ilvl:
                del self.counters[(k, level)]
        self.counters[(key, ilvl)] = self.counters.get((key, ilvl), 0) + 1
        return self.counters[(key, ilvl)]


def _list_info(paragraph, style_name: str) -> tuple[str, int] | None:
    """``(list key, ilvl)`` when the paragraph is a list item, else ``None``."""
    ppr = paragraph._p.pPr
    num_pr = ppr.numPr if ppr is not None else None
    if num_pr is not None and num_pr.numId is not None and num_pr.numId.val != 0:
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        return str(num_pr.numId.val), int(ilvl)
    if style_name.lower().startswith("list"):
        depth = re.search(r"(\d)$", style_name)
        return "style:" + style_name.rstrip(" 0123456789"), (int(depth.group(1)) - 1 if depth else 0)
    return None


def parse_docx(raw: bytes, path: str | None = None) -> tuple[str, list[Block]]:
    """Read a .docx file's bytes into text and block hints."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise MissingDependencyError("reading DOCX", "python-docx", "docx") from None
    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises zipfile/KeyError/ValueError variants for damaged files
        raise InputError(f"not a readable DOCX ({type(exc).__name__}: {exc})", path) from None
    writer = BlockWriter()
    numbering = _Numbering(document)
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            for row in Table(child, document).rows:
                cells = [cell.text.strip() for cell in row.cells]
                writer.add("paragraph", TABLE_CELL_SEPARATOR.join(c for c in cells if c))
            continue
        if tag != "p":
            continue
        paragraph = Paragraph(child, document)
        text = paragraph.text
        try:
            style_name = paragraph.style.name or ""
        except Exception:  # a style id missing from styles.xml
            style_name = ""
        heading = _HEADING_STYLE.match(style_name)
        if heading or style_name == "Title":
            writer.add("heading", text, level=int(heading.group(1)) if heading else 1)
            continue
        info = _list_info(paragraph, style_name)
        if info is None:
            writer.add("paragraph", text)
            continue
        key, ilvl = info
        if key.startswith("style:"):
            fmt = "decimal" if "number" in key.lower() else "bullet"
        else:
            fmt = numbering.format(key, ilvl)
        if not text.strip():
            continue
        marker = _marker(fmt, numbering.next(key, ilvl))
        prefix = "  " * ilvl + (f"{marker} " if marker else "• ")
        writer.add("list_item", text, level=ilvl + 1, prefix=prefix, number=marker)
    return writer.finish()
