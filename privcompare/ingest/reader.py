"""``read_document``: any supported file -> :class:`Document`, or one-line :class:`InputError`."""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from .blocks import Document
from .encoding import decode_bytes
from .text import normalize_text

# 100 MB: far above any real policy or law (the GDPR is ~0.5 MB of text), low
# enough that a mistaken path to a disk image fails fast instead of eating memory.
DEFAULT_MAX_BYTES = 100 * 1024 * 1024

FORMATS = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


def _size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def read_document(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read ``.txt``, ``.md``, ``.html``/``.htm``, ``.pdf`` or ``.docx`` into a :class:`Document`.

    Raises :class:`InputError` (one line naming the file) for a missing file, a
    directory, an unsupported extension, an empty or binary file, a file larger
    than ``max_bytes``, or a damaged/encrypted PDF or DOCX.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "p.txt"
    >>> _ = f.write_bytes(b"Privacy Policy\\r\\nWe keep data.")
    >>> read_document(f).text
    'Privacy Policy\\nWe keep data.'
    """
    source = os.fspath(path)
    p = Path(path)
    if not p.exists():
        raise InputError("file not found", source)
    if p.is_dir():
        raise InputError("is a directory, not a file", source)
    fmt = FORMATS.get(p.suffix.lower())
    if fmt is None:
        supported = ", ".join(sorted(FORMATS))
        what = f"'{p.suffix}'" if p.suffix else "(no extension)"
        raise InputError(f"unsupported file type {what}; supported: {supported}", source)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(f"file is too large ({_size_text(size)}; limit {_size_text(max_bytes)})", source)
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read file", source) from None
    if not raw:
        raise InputError("empty file", source)
    blocks = None
    encoding = None
    if fmt == "pdf":
        from .pdf import parse_pdf

        text = normalize_text(parse_pdf(raw, source))
    elif fmt == "docx":
        from .docx import parse_docx

        text, blocks = parse_docx(raw, source)
    else:
        decoded, encoding = decode_bytes(raw, source, html=fmt == "html")
        if fmt == "html":
            from .html import parse_html

            text, blocks = parse_html(decoded)
        else:
            text = normalize_text(decoded)
    if not text.strip():
        raise InputError("no text (file is empty or whitespace only)", source)
    return Document(text=text, blocks=blocks, source=source, format=fmt, encoding=encoding)
