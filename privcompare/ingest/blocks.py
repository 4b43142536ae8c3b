"""The :class:`Document` and :class:`Block` records readers hand to the structure stage."""
from __future__ import annotations

from dataclasses import dataclass

BLOCK_KINDS = ("heading", "paragraph", "list_item")
# A table row is one paragraph, its cells joined by this (HTML, DOCX); the annotator
# reads a row under its table's header row (see privcompare.annotate)
TABLE_CELL_SEPARATOR = " | "


@dataclass(frozen=True)
class Block:
    """A structural hint from a marked-up format: ``text[start:end]`` is one block.

    ``level`` is the heading level (``<h2>`` -> 2) or the list nesting depth
    (1 = top); ``number`` the enumerator a reader rendered before the block
    (``"3."`` for the third ``<li>`` of an ``<ol>``), empty otherwise.

    >>> Block("heading", 2, 0, 11)
    Block(kind='heading', level=2, start=0, end=11, number='')
    """

    kind: str
    level: int
    start: int
    end: int
    number: str = ""


@dataclass
class Document:
    """A read file: normalised ``text``, optional ``blocks``, ``source`` path, ``format``.

    ``encoding`` records how a text format was decoded (``None`` for PDF/DOCX).
    """

    text: str
    blocks: list[Block] | None
    source: str
    format: str
    encoding: str | None = None


class BlockWriter:
    """Accumulates blocks into one text, one block per paragraph, blank line between.

    Used by the HTML and DOCX readers so both produce the same shape of text.

    >>> w = BlockWriter()
    >>> w.add("heading", "Your Rights", level=2)
    >>> w.add("list_item", "Access", level=1, prefix="• ")
    >>> text, blocks = w.finish()
    >>> text
    'Your Rights\\n\\n• Access'
    >>> text[blocks[1].start:blocks[1].end]
    'Access'
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []

    def add(self, kind: str, content: str, level: int = 0, prefix: str = "", number: str = "") -> None:
        from .text import normalize_text

        lines = [line.strip() for line in normalize_text(content).split("\n")]
        content = "\n".join(line for line in lines if line)
        if not content:
            return
        if self._parts:
            self._parts.append("\n\n")
            self._length += 2
        start = self._length + len(prefix)
        self._parts.append(prefix + content)
        self._length += len(prefix) + len(content)
        self.blocks.append(Block(kind, level, start, self._length, number))

    def finish(self) -> tuple[str, list[Block]]:
        return "".join(self._parts), self.blocks
