"""The :class:`Law` object and the helpers both law readers share.

A law is turned into a clause table: one row per recital, article intro,
numbered paragraph, point (letter or number) and unnumbered subparagraph.
Both readers (Formex XML and plain text) describe clauses with the same
:class:`ClauseRow` records, so citations and ids are formatted in one place.

Citations follow GDPR practice for every jurisdiction, because the
requirement catalogs cite Vietnamese and Indonesian laws the same way
(``Art. 13(2)(đ)``): ``Art. 13``, ``Art. 13(2)``, ``Art. 13(2)(b)``,
``Art. 4(16)(a)``, ``Art. 6(1), second subparagraph``, ``Recital 42``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

CLAUSE_COLUMNS = [
    "clause_id", "kind", "chapter", "article", "paragraph", "point",
    "citation", "title", "text", "start", "end",
]
ARTICLE_COLUMNS = ["article", "title", "chapter", "chapter_title", "section", "section_title"]

_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]


def ordinal(n: int) -> str:
    """English ordinal word used in subparagraph citations.

    >>> ordinal(2), ordinal(12)
    ('second', '12th')
    """
    return _ORDINALS[n - 1] if 1 <= n <= len(_ORDINALS) else f"{n}th"


def make_citation(kind: str, article: str = "", paragraph: str = "", point: str = "",
                  subparagraph: int = 0, recital: str = "") -> str:
    """Format a GDPR-style citation; ``point`` is a dotted path for nested points.

    >>> make_citation("point", "13", "2", "b")
    'Art. 13(2)(b)'
    >>> make_citation("point", "4", "", "16.a")
    'Art. 4(16)(a)'
    >>> make_citation("subparagraph", "6", "1", subparagraph=2)
    'Art. 6(1), second subparagraph'
    >>> make_citation("recital", recital="42")
    'Recital 42'
    """
    if kind == "recital":
        return f"Recital {recital}"
    if kind == "text" or not article:
        return ""
    cite = f"Art. {article}"
    if paragraph:
        cite += f"({paragraph})"
    for part in filter(None, point.split(".")):
        cite += f"({part})"
    if subparagraph > 1:
        cite += f", {ordinal(subparagraph)} subparagraph"
    return cite


def make_clause_id(kind: str, article: str = "", paragraph: str = "", point: str = "",
                   subparagraph: int = 0, recital: str = "", seq: int = 0) -> str:
    """Readable, deterministic clause id (``art13-2-b``, ``rec42``, ``art6-1-s2``).

    >>> make_clause_id("point", "13", "2", "b"), make_clause_id("recital", recital="42")
    ('art13-2-b', 'rec42')
    """
    if kind == "recital":
        return f"rec{recital}"
    if kind == "text" or not article:
        return f"text{seq}"
    parts = [f"art{article}"]
    if paragraph:
        parts.append(paragraph)
    parts.extend(p for p in point.split(".") if p)
    if subparagraph > 1:
        parts.append(f"s{subparagraph}")
    return "-".join(parts)


@dataclass
class ClauseRow:
    """One clause as a reader found it; ``start``/``end`` are None when unknown."""

    kind: str
    chapter: str = ""
    article: str = ""
    paragraph: str = ""
    point: str = ""
    title: str = ""
    subparagraph: int = 0
    recital: str = ""
    start: int | None = None
    end: int | None = None
    text: str = ""


def clause_frame(rows: list[ClauseRow]) -> pd.DataFrame:
    """Build the clause table from reader rows, making ``clause_id`` unique.

    A duplicate id (e.g. a law that repeats a paragraph number) gets a
    ``~2``, ``~3``... suffix rather than being dropped.

    >>> clause_frame([ClauseRow("paragraph", article="1", paragraph="1", text="x")])["citation"].tolist()
    ['Art. 1(1)']
    """
    records, seen = [], {}
    text_seq = 0
    for row in rows:
        if row.kind == "text":
            text_seq += 1
        base = make_clause_id(row.kind, row.article, row.paragraph, row.point,
                              row.subparagraph, row.recital, text_seq)
        seen[base] = seen.get(base, 0) + 1
        clause_id = base if seen[base] == 1 else f"{base}~{seen[base]}"
        records.append({
            "clause_id": clause_id,
            "kind": row.kind,
            "chapter": row.chapter,
            "article": row.article,
            "paragraph": row.paragraph,
            "point": row.point,
            "citation": make_citation(row.kind, row.article, row.paragraph, row.point,
                                      row.subparagraph, row.recital),
            "title": row.title,
            "text": row.text,
            "start": row.start,
            "end": row.end,
        })
    frame = pd.DataFrame.from_records(records, columns=CLAUSE_COLUMNS)
    for col in ("start", "end"):
        frame[col] = frame[col].astype("Int64")
    return frame


@dataclass(eq=False)
class Law:
    """A data-protection law as text, a clause table and an article table.

    ``clauses`` columns: ``clause_id``, ``kind`` (``recital``, ``article`` —
    the article's own text outside numbered paragraphs, ``paragraph``,
    ``point``, ``subparagraph`` — an unnumbered later subparagraph, ``text``
    — plain-text preamble lines), ``chapter`` (the chapter number as written,
    e.g. ``III``; empty when the law has no chapters), ``article``,
    ``paragraph``, ``point`` (nested points as a dotted path, ``16.a``),
    ``citation``, ``title`` (article title), ``text``, ``start``, ``end``.
    ``text == law.text[start:end]`` for every row.

    ``articles`` has one row per article: ``article``, ``title``, ``chapter``,
    ``chapter_title``, ``section``, ``section_title``.

    >>> law = Law.from_text("Article 1. Scope\\n1. This law applies.\\n(a) to firms;", name="demo")
    >>> law.clauses[["citation", "kind", "text"]].values.tolist()
    [['Art. 1(1)', 'paragraph', 'This law applies.'], ['Art. 1(1)(a)', 'point', 'to firms;']]
    """

    name: str
    text: str
    clauses: pd.DataFrame = field(repr=False)
    articles: pd.DataFrame = field(repr=False)
    source: str | None = None
    jurisdiction: str | None = None
    format: str = "text"
    metadata: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str, name: str = "law", jurisdiction: str | None = None) -> "Law":
        """Parse a plain-text law laid out with ``Article``/``Điều``/``Pasal`` headings.

        Raises :class:`~privcompare.errors.InputError` when no article heading is found.

        >>> Law.from_text("Điều 1. Phạm vi\\n1. Nghị định này quy định.", name="vn").articles["title"].tolist()
        ['Phạm vi']
        """
        from ..errors import InputError
        from ..ingest import normalize_text
        from .plaintext import parse_plaintext

        normalised = normalize_text(text)
        rows, articles = parse_plaintext(normalised)
        if not articles:
            raise InputError("no article headings found (expected 'Article N', 'Điều N' or 'Pasal N')",
                             name)
        return cls(name=name, text=normalised, clauses=clause_frame(rows),
                   articles=pd.DataFrame(articles, columns=ARTICLE_COLUMNS),
                   jurisdiction=jurisdiction, format="text")

    def select(self, citation: str) -> pd.DataFrame:
        """Rows of one provision and everything inside it.

        >>> law = Law.from_text("Article 2\\n1. A.\\n(a) b;\\n2. C.", name="x")
        >>> law.select("Art. 2(1)")["citation"].tolist()
        ['Art. 2(1)', 'Art. 2(1)(a)']
        """
        cites = self.clauses["citation"]
        mask = (cites == citation) | cites.str.startswith(citation + "(") | cites.str.startswith(citation + ",")
        return self.clauses[mask]

    def __repr__(self) -> str:
        return (f"Law(name={self.name!r}, jurisdiction={self.jurisdiction!r}, "
                f"articles={len(self.articles)}, clauses={len(self.clauses)})")
