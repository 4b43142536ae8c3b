"""PDF -> text, page by page, with pypdf (optional extra ``pdf``)."""
from __future__ import annotations

import io
import math
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
        lines = [_page_lines(page) for page in reader.pages]
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError, AssertionError, ZeroDivisionError) as exc:
        # pypdf signals damaged files with many exception types; all mean the same here.
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"not a readable PDF ({reason})", path) from None
    text = join_pages(join_wrapped_headings(lines))
    if not text.strip():
        raise InputError("PDF has no extractable text (scanned images need OCR first)", path)
    return text


def _page_lines(page) -> list[tuple[str, float, float]]:
    """A page's text lines as ``(text, font size, baseline)``, sizes and baselines in page units.

    pypdf hands each run of text to a visitor with its font size and matrices; a line's
    size is the one most of its characters have (a larger word inside it changes nothing).
    When the runs do not add up to the page's text (a pypdf change), the lines come back
    with size 0 and are left as they are.
    """
    runs: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font, size):
        if text:
            scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
            runs.append((text, (size or 0) * scale, tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    text = page.extract_text(visitor_text=visit) or ""
    if "".join(run for run, _, _ in runs) != text:
        return [(line, 0.0, 0.0) for line in text.split("\n")]
    lines, parts, sizes, base = [], [], Counter(), None

    def end_line() -> None:
        size = max(sizes, key=sizes.__getitem__) if sizes else 0.0
        lines.append(("".join(parts), size, base or 0.0))

    for run, run_size, run_base in runs:
        for i, piece in enumerate(run.split("\n")):
            if i:  # a line ends
                end_line()
                parts, sizes, base = [], Counter(), None
            if piece.strip():
                sizes[run_size] += len(piece.strip())
                base = run_base if base is None else base
            parts.append(piece)
    end_line()
    return lines


# A line that opens with an enumerator ("2.", "b)", "iv.") starts a heading of its own
_ENUMERATED = re.compile(r"\s*(?:\d+(?:\.\d+)*|[A-Za-z]|[ivxIVX]+)[.)]\s")
_HEADING_SCALE = 1.15  # a heading's font is at least this much larger than the body's
_LINE_GAP = 1.4  # lines of one block are at most this many font sizes apart


def join_wrapped_headings(pages: list[list[tuple[str, float, float]]]) -> list[str]:
    """Each page's text, with a title or heading on a line of its own between blank lines.

    A browser or word processor wraps a long title ("Kestrel Outdoor Equipment" /
    "Cooperative Ltd —" / "Customer Privacy Notice"); read line by line it would be three
    headings, or a heading and a paragraph. Lines are one heading when both are set in
    the same font size, larger than the body text's (the most common size), and follow
    each other at line spacing (separate headings have space between them). The blank
    lines keep a long heading from reading as the first line of a wrapped paragraph.

    >>> join_wrapped_headings([[("Acme Cooperative", 24, 700), ("Privacy Notice", 24, 672),
    ...                         ("We sell tents and stoves", 12, 640), ("and keep orders.", 12, 626)]])
    ['Acme Cooperative Privacy Notice\\n\\nWe sell tents and stoves\\nand keep orders.']
    """
    weight: Counter = Counter()
    for page in pages:
        for line, size, _ in page:
            weight[round(size, 1)] += len(line.strip())
    body = max(weight, key=weight.__getitem__, default=0.0)
    out = []
    for page in pages:
        blocks: list[list] = []  # [text, is a heading, (size, baseline) of its last line]
        for line, size, base in page:
            large = bool(body) and bool(line.strip()) and size >= body * _HEADING_SCALE
            last = blocks[-1] if blocks else None
            if (large and last is not None and last[1] and abs(size - last[2][0]) < 0.5
                    and abs(last[2][1] - base) <= size * _LINE_GAP
                    and not last[0].rstrip().endswith((".", "!", "?", ":", ";"))
                    and not _ENUMERATED.match(line) and len(last[0]) + len(line) < 200):
                last[0] = last[0].rstrip() + " " + line.lstrip()
                last[2] = (size, base)
            else:
                blocks.append([line, large, (size, base)])
        lines: list[str] = []
        for i, (text, heading, _) in enumerate(blocks):
            if heading and lines and lines[-1].strip():
                lines.append("")
            lines.append(text)
            if heading and i + 1 < len(blocks) and blocks[i + 1][0].strip():
                lines.append("")
        out.append("\n".join(lines))
    return out


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


def _squeezed(lines: list[str]) -> list[str]:
    """``lines`` with runs of blank lines as one empty line, and none at either end."""
    out: list[str] = []
    for line in lines:
        if line.strip():
            out.append(line)
        elif out and out[-1]:
            out.append("")
    return out[:-1] if out and not out[-1] else out


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
    # blank lines (the reader's mark around a heading) are kept, one at most, but a
    # page's first and last lines are counted without them
    lines = [_squeezed(page.split("\n")) for page in pages]
    edges = Counter()
    for page in lines:
        filled = [line for line in page if line]
        edges.update({_signature(line) for line in filled[:_EDGE] + filled[-_EDGE:]})
    running = {sig for sig, n in edges.items() if n >= 3 and n * 2 > len(lines)}
    kept = []
    for page in lines:
        n = sum(1 for line in page if line)
        edge = set(range(min(_EDGE, n))) | set(range(max(0, n - _EDGE), n))
        i, keep = -1, []
        for line in page:
            i += bool(line)
            if not (line and i in edge and (_signature(line) in running or _page_furniture(line))):
                keep.append(line)
        kept.append(_squeezed(keep))
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
