"""PDF -> text, page by page, with pypdf (optional extra ``pdf``)."""
from __future__ import annotations

import io

from ..errors import InputError, MissingDependencyError


def parse_pdf(raw: bytes, path: str | None = None) -> str:
    """Extract the text of every page, pages separated by a blank line.

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
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise InputError("PDF has no extractable text (scanned images need OCR first)", path)
    return text
