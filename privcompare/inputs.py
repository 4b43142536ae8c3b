"""Finding input files: folders, manifests, and reading many policies at once.

A folder's ``manifest.csv`` (columns ``file``, ``organisation``, ``country``,
``language``, ``date`` or ``last_updated``, ``attribution``) supplies metadata for
the policy files beside it.
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import InputError, PrivcompareError

POLICY_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
LAW_SUFFIXES = (".xml",)
# Files in an input folder that describe the folder rather than being policies.
SKIPPED_STEMS = ("manifest", "readme", "license", "licence", "changelog")
SKIPPED_NAMES = tuple(f"{stem}{ext}" for stem in SKIPPED_STEMS for ext in ("", ".csv", ".md", ".txt", ".html"))


@dataclass(frozen=True)
class InputFile:
    """One input to process: its path and the manifest metadata known for it."""

    path: str
    metadata: tuple = ()

    @property
    def name(self) -> str:
        return Path(self.path).stem


@dataclass(frozen=True)
class FileError:
    """A file that could not be processed, with a one-line reason."""

    path: str
    problem: str

    def line(self) -> str:
        return f"{self.path}: {self.problem}"


def _manifest_or_error(folder: Path, errors: list[FileError]) -> dict:
    """The folder's manifest; a broken one is reported once and costs only the metadata."""
    try:
        return read_manifest(folder)
    except InputError as exc:
        problem = f"{exc.problem}; the folder's files are read without its metadata"
        error = FileError(exc.path or os.fspath(folder), problem)
        if error not in errors:
            errors.append(error)
        return {}


def collect_inputs(paths: Iterable[str | os.PathLike], suffixes=POLICY_SUFFIXES + LAW_SUFFIXES
                   ) -> tuple[list[InputFile], list[FileError]]:
    """Expand files and folders into the inputs to process, sorted within each folder.

    Folders contribute files with a known suffix (README and manifest files are
    skipped); a ``manifest.csv`` in a folder supplies organisation metadata.
    Paths that do not exist are returned as errors.

    >>> files, errors = collect_inputs(["no/such/dir"])
    >>> errors[0].problem
    'no such file or folder'
    """
    files: list[InputFile] = []
    errors: list[FileError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            manifest = _manifest_or_error(path, errors)
            found = sorted(p for p in path.iterdir()
                           if p.is_file() and p.suffix.lower() in suffixes
                           and p.stem.lower() not in SKIPPED_STEMS and not p.name.startswith("."))
            if not found:
                errors.append(FileError(os.fspath(path), "folder holds no policy files "
                                        f"({', '.join(POLICY_SUFFIXES)})"))
            for p in found:
                files.append(InputFile(os.fspath(p), tuple(sorted(manifest.get(p.name, {}).items()))))
        elif path.exists():
            manifest = _manifest_or_error(path.parent, errors)
            files.append(InputFile(os.fspath(path), tuple(sorted(manifest.get(path.name, {}).items()))))
        else:
            errors.append(FileError(os.fspath(path), "no such file or folder"))
    return files, errors


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


def read_policies(paths: str | os.PathLike | Iterable[str | os.PathLike], errors: str = "raise"):
    """Read every policy in the given files and folders (with manifest metadata).

    ``errors="raise"`` stops at the first unreadable file; ``errors="collect"``
    returns ``(policies, file_errors)`` so one bad file costs nothing else.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("Privacy Policy\nWe do not sell data.")
    >>> [p.name for p in read_policies(d)]
    ['a']
    """
    from .policy import read_policy

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    items, problems = collect_inputs(paths, suffixes=POLICY_SUFFIXES)
    if problems and errors == "raise":
        raise InputError(problems[0].problem, problems[0].path)
    policies = []
    for item in items:
        try:
            policies.append(read_policy(item.path, **dict(item.metadata)))
        except PrivcompareError as exc:
            if errors == "raise":
                raise
            problems.append(FileError(item.path, getattr(exc, "problem", str(exc))))
    return (policies, problems) if errors == "collect" else policies
