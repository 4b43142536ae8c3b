"""PDF -> text, page by page, with pypdf (optional extra ``pdf``)."""
from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter

from ..errors import InputError, MissingDependencyError


def parse_pdf(raw: bytes, path: str | None = None) -> str:
    """Extract the text of every page, pages joined by ``join_pages``.

    PDFs encrypted with an empty user password (common: "owner-only"
    protection) open in any viewer and are read; a PDF that needs a password
    raises :class:`InputError`, as does a broken or truncated file.
    """
    try:
        import pypdf
        from pypdf.errors import PyPdfError
    except ImportError:
        raise MissingDependencyError("reading PDF", "pypdf", "pdf") from None
    if not raw.lstrip()[:5].startswith(b"%PDF"):
        raise InputError("not a readable PDF (no %PDF header)", path)
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as exc:  # e.g. AES needs the 'cryptography' package
                raise InputError(f"encrypted PDF that cannot be opened ({exc})", path) from None
            if not opened:
                raise InputError("encrypted PDF (a password is required)", path)
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError, AssertionError, ZeroDivisionError) as exc:
        # pypdf signals damaged files with many exception types; all mean the same here.
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"not a readable PDF ({reason})", path) from None
    text = join_pages(pages)
    if not text.strip():
        raise InputError("PDF has no extractable text (scanned images need OCR first)", path)
    return text


# A line that is only a page number: "3", "- 3 -", "Page 3", "3 / 12", "Page 3 of 12"
_PAGE_NUMBER = re.compile(r"\s*(?:page\s*)?[-–—]?\s*\d{1,4}\s*(?:(?:/|of)\s*\d{1,4})?\s*[-–—]?\s*", re.IGNORECASE)
# What a browser prints at a page's edges ("Print to PDF", how analysts often save a policy):
# the page's address and "page / pages" ("https://example.com/privacy 1/3"), and the date
# and time of printing, the page title after it ("12/5/26, 7:33 AM  Privacy Policy | Acme").
# Recognised on any page, so a one- or two-page print loses them too.
_PRINT_FURNITURE = re.compile(
    r"\s*(?:(?:https?|file)://\S+\s+\d{1,4}\s*/\s*\d{1,4}"
    r"|\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s.*)?)\s*")
_EDGE = 3  # running headers and footers are among a page's first or last lines
# a page that ends mid-sentence, and the next one going on in lower case
_OPEN_END = re.compile(r"[^.!?:;)\]\"'”’]$")


def _page_furniture(line: str) -> bool:
    """A page number or a browser's print header or footer (whatever page it is on)."""
    # (NFKC: pypdf may spell "file" with the "fi" ligature)
    return bool(_PAGE_NUMBER.fullmatch(line) or _PRINT_FURNITURE.fullmatch(unicodedata.normalize("NFKC", line)))


def _signature(line: str) -> str:
    """A line as a running header or footer repeats it: page numbers and dates vary."""
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def join_pages(pages: list[str]) -> str:
    """The pages' text without running headers and footers, pages apart by a blank line
    unless a sentence goes on from one page to the next.

    Print layouts repeat a title, date or address and a page number on every page; in
    the text they would be clauses of their own, or split a paragraph in two. A line is
    dropped when it is a bare page number or a browser's print header or footer at a page's
    edge, or when (numbers aside) it stands among the first or last lines of at least three
    pages and of most of them.

    >>> join_pages(["Privacy Policy\\nWe keep data for\\nAcme - Page 1 of 3",
    ...             "Acme - Page 2 of 3\\nthirty days.\\nYour rights", "Acme - Page 3 of 3\\nAsk us.\\n3"])
    'Privacy Policy\\nWe keep data for\\nthirty days.\\nYour rights\\n\\nAsk us.'
    """
    lines = [[line for line in page.split("\n") if line.strip()] for page in pages]
    edges = Counter()
    for page in lines:
        edges.update({_signature(line) for line in page[:_EDGE] + page[-_EDGE:]})
    running = {sig for sig, n in edges.items() if n >= 3 and n * 2 > len(lines)}
    kept = []
    for page in lines:
        edge = set(range(min(_EDGE, len(page)))) | set(range(max(0, len(page) - _EDGE), len(page)))
        kept.append([line for i, line in enumerate(page)
                     if not (i in edge and (_signature(line) in running or _page_furniture(line)))])
    out = ""
    for page in kept:
        if not page:
            continue
        text = "\n".join(page)
        if out and _OPEN_END.search(out) and page[0].lstrip()[:1].islower():
            out += "\n" + text  # one paragraph across the page break
        else:
            out += ("\n\n" if out else "") + text
    return out
