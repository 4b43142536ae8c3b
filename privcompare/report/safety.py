"""Names that are safe to use as file names, HTML ids and Excel sheet names.

Organisation and file names come from input files and manifests, so they can hold
anything: ``../../etc/passwd``, slashes, quotes, control characters, non-ASCII.
Nothing derived from them may leave the output folder or break a format's rules.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

#: Characters Excel refuses in sheet names.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_SHEET_MAX = 31


def slugify(name: object, fallback: str = "item", max_length: int = 60) -> str:
    """A lower-case ASCII slug of ``name`` (letters, digits and single hyphens).

    Accents are folded, everything else becomes a hyphen, so the result can never
    hold a path separator or ``..``. A name with no usable letters gets a short
    stable hash, so different names keep different slugs.

    >>> slugify("../../etc/passwd")
    'etc-passwd'
    >>> slugify("Công ty Cổ phần; \\"Oxalis\\"")
    'cong-ty-co-phan-oxalis'
    >>> slugify("日本語")[:5]
    'item-'
    """
    text = str(name)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:max_length].strip("-")
    if not slug:
        digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        slug = f"{fallback}-{digest}"
    return slug


def unique_slugs(names: list[object], fallback: str = "item", label=str) -> dict[object, str]:
    """Map each distinct name to a slug, adding ``-2``, ``-3`` ... where slugs collide.

    Names are taken in the order given, so the mapping is deterministic; ``label``
    turns a name (e.g. a tuple) into the text that is slugified.

    >>> unique_slugs(["A b", "a-b", "c"])
    {'A b': 'a-b', 'a-b': 'a-b-2', 'c': 'c'}
    """
    out: dict[object, str] = {}
    used: set[str] = set()
    for name in names:
        if name in out:
            continue
        base = slugify(label(name), fallback)
        slug, n = base, 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        out[name] = slug
    return out


def safe_path(out_dir: str | Path, name: object, suffix: str = "") -> Path:
    """``out_dir / (slug + suffix)``, checked to lie inside ``out_dir``.

    >>> safe_path("/tmp/r", "../../etc/passwd", ".md").as_posix()
    '/tmp/r/etc-passwd.md'
    """
    base = Path(out_dir).resolve()
    path = (base / f"{slugify(name)}{suffix}").resolve()
    if path.parent != base:  # cannot happen with a slug; a guard against future edits
        raise ValueError(f"refusing to write outside {base}: {path}")
    return path


def excel_sheet_names(names: list[object]) -> dict[object, str]:
    """Map names to valid, distinct Excel sheet names.

    Excel allows at most 31 characters, none of ``[ ] : * ? / \\``, no leading or
    trailing apostrophe, and compares names case-insensitively; ``History`` is reserved.

    >>> excel_sheet_names(["vn/decree:13", "Summary"])
    {'vn/decree:13': 'vn_decree_13', 'Summary': 'Summary (2)'}
    >>> len(excel_sheet_names(["x" * 40])["x" * 40])
    31
    """
    # "Summary" is taken by the report's own first sheet.
    used = {"summary", "history"}
    out: dict[object, str] = {}
    for name in names:
        if name in out:
            continue
        base = _SHEET_FORBIDDEN.sub("_", str(name)).strip().strip("'").strip() or "Sheet"
        base = base[:_SHEET_MAX]
        sheet, n = base, 1
        while sheet.casefold() in used:
            n += 1
            tag = f" ({n})"
            sheet = base[: _SHEET_MAX - len(tag)] + tag
        used.add(sheet.casefold())
        out[name] = sheet
    return out
