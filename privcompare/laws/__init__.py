"""Laws: law files -> a :class:`Law` with a clause table and an article table.

``read_law`` picks the reader by extension: ``.xml`` is Formex (the format
EUR-Lex publishes EU law in, e.g. the bundled GDPR in ``data/laws/gdpr/``);
``.txt``, ``.md``, ``.html``/``.htm`` (and whatever else
:func:`privcompare.ingest.read_document` reads) go through the plain-text
reader, which knows English, Vietnamese and Indonesian headings.

>>> from privcompare.laws import Law
>>> law = Law.from_text("Chương I\\nQUY ĐỊNH CHUNG\\nĐiều 1. Phạm vi\\n1. Áp dụng:\\nđ) tổ chức;", name="vn")
>>> law.clauses[["citation", "chapter", "kind"]].values.tolist()
[['Art. 1(1)', 'I', 'paragraph'], ['Art. 1(1)(đ)', 'I', 'point']]
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..errors import InputError
from .law import ARTICLE_COLUMNS, CLAUSE_COLUMNS, Law, make_citation

__all__ = ["read_law", "Law", "CLAUSE_COLUMNS", "ARTICLE_COLUMNS", "make_citation"]

_TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".html", ".htm", ".pdf", ".docx"}


def read_law(path: str | os.PathLike, jurisdiction: str | None = None, name: str | None = None) -> Law:
    """Read a law file into a :class:`Law`.

    Raises :class:`~privcompare.errors.InputError` (one line naming the file) for
    a missing, empty, binary or unparsable file, XML that is not Formex, or
    text without ``Article``/``Điều``/``Pasal`` headings.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "pdp.txt"
    >>> _ = f.write_text("BAB I\\nKETENTUAN UMUM\\nPasal 1\\n(1) Setiap Orang berhak.", encoding="utf-8")
    >>> law = read_law(f, jurisdiction="id-pdp")
    >>> law.name, law.clauses["citation"].tolist(), law.articles["chapter_title"].tolist()
    ('pdp', ['Art. 1(1)'], ['KETENTUAN UMUM'])
    """
    source = os.fspath(path)
    suffix = Path(source).suffix.lower()
    name = name or Path(source).stem
    if suffix != ".xml" and suffix not in _TEXT_SUFFIXES:
        raise InputError(f"unsupported law format {suffix or '(no extension)'!r}: "
                         "expected .xml (Formex), .txt, .md or .html", source)
    try:
        data = Path(source).read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read file", source) from None
    if not data.strip():
        raise InputError("empty file", source)

    if suffix == ".xml":
        from .formex import parse_formex

        text, rows, articles, metadata = parse_formex(data, source)
        fmt = "formex"
    else:
        if suffix in {".txt", ".md", ".markdown", ".text"} and b"\x00" in data[:8192]:
            raise InputError("binary file, not a text law", source)
        from ..ingest import read_document
        from .plaintext import parse_plaintext

        try:
            text = read_document(source).text
        except UnicodeDecodeError:
            raise InputError("not UTF-8 text", source) from None
        rows, articles = parse_plaintext(text)
        if not articles:
            raise InputError("no article headings found (expected 'Article N', 'Điều N' or 'Pasal N')",
                             source)
        metadata, fmt = {}, "text"

    from .law import clause_frame

    return Law(name=name, text=text, clauses=clause_frame(rows),
               articles=pd.DataFrame(articles, columns=ARTICLE_COLUMNS),
               source=source, jurisdiction=jurisdiction, format=fmt, metadata=metadata)
