"""Reading a folder's ``manifest.csv``: organisation metadata for its policy files.

Columns: ``file`` (required), ``organisation``, ``country``, ``language``, ``date``
(or ``last_updated``), ``attribution``; others are kept as they are.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

from .errors import InputError


def read_manifest(folder: str | os.PathLike) -> dict[str, dict[str, str]]:
    """Map each file name listed in ``folder/manifest.csv`` to its metadata.

    Returns an empty dict when the folder has no manifest; a manifest without a
    ``file`` column raises :class:`InputError` naming it.

    >>> read_manifest("/nonexistent")
    {}
    """
    path = Path(folder) / "manifest.csv"
    if not path.is_file():
        return {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeError, csv.Error) as exc:
        raise InputError(f"unreadable manifest ({exc})", path) from None
    if rows and "file" not in rows[0]:
        raise InputError("manifest has no 'file' column", path)
    out: dict[str, dict[str, str]] = {}
    for row in rows:
        name = (row.pop("file", "") or "").strip()
        if not name:
            continue
        meta = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        if "last_updated" in meta and not meta.get("date"):
            meta["date"] = meta.pop("last_updated")
        out[name] = {k: v for k, v in meta.items() if v}
    return out
