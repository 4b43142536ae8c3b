"""Finding input files: folders, manifests, and reading many policies at once.

A folder's ``manifest.csv`` (columns ``file``, ``organisation``, ``country``,
``language``, ``date`` or ``last_updated``, ``attribution``) supplies metadata for
the policy files beside it.
"""
from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError, PrivcompareError

POLICY_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
LAW_SUFFIXES = (".xml",)
# Files in an input folder that describe the folder rather than being policies.
SKIPPED_STEMS = ("manifest", "readme", "license", "licence", "changelog")
# "README", "readme-de", "LICENSE_old" — but not "licensed-services"
_SKIPPED = re.compile(rf"(?:{'|'.join(SKIPPED_STEMS)})(?:[^a-z].*)?", re.IGNORECASE)


def is_folder_note(name: str) -> bool:
    """Whether a file in an input folder describes the folder rather than being a policy.

    >>> [is_folder_note(n) for n in ["README.md", "readme-de.txt", "licensed-services.txt"]]
    [True, True, False]
    """
    return _SKIPPED.fullmatch(Path(name).stem) is not None


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


def iter_inputs(paths: Iterable[str | os.PathLike], suffixes=POLICY_SUFFIXES + LAW_SUFFIXES,
                recursive: bool = False) -> Iterator[InputFile | FileError]:
    """Yield the inputs under ``paths`` lazily, in order.

    Folders contribute files with a known suffix, sorted by name (README,
    LICENSE, manifest and hidden files skipped); a folder's ``manifest.csv``
    supplies metadata, and a broken one costs only its metadata. With
    ``recursive``, each folder's subfolders follow its files, sorted by name and
    walked the same way (hidden folders and symbolic links to folders skipped, so
    a link cannot loop). A folder holds only its sorted *names* in memory while
    it is walked, and problems (missing path, a folder without policy files,
    broken manifest) are yielded as :class:`FileError`.

    >>> [type(x).__name__ for x in iter_inputs(["no/such/file.txt"])]
    ['FileError']
    """
    broken_manifests: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found, subfolders = yield from _iter_folder(path, suffixes, broken_manifests, recursive)
            if found == 0:
                problem = f"folder holds no policy files ({', '.join(POLICY_SUFFIXES)})"
                if subfolders and not recursive:
                    problem += f"; its {len(subfolders)} subfolder(s) ({', '.join(subfolders[:3])}" \
                               f"{', ...' if len(subfolders) > 3 else ''}) are read with --recursive"
                yield FileError(os.fspath(path), problem)
        elif path.is_file():
            manifest = yield from _manifest(path.parent, broken_manifests)
            yield InputFile(os.fspath(path), tuple(sorted(manifest.get(path.name, {}).items())))
        elif path.exists():
            yield FileError(os.fspath(path), "not a regular file (device, pipe or socket)")
        else:
            yield FileError(os.fspath(path), "no such file or folder")


def _manifest(folder: Path, broken: set[str]):
    """The folder's manifest (``yield from`` it: a broken one is yielded once as a FileError)."""
    try:
        return read_manifest(folder)
    except PrivcompareError as exc:
        where = os.fspath(getattr(exc, "path", None) or folder)
        if where not in broken:
            broken.add(where)
            yield FileError(where, f"{getattr(exc, 'problem', exc)}; the folder's files are read "
                                   "without its metadata")
        return {}


def _iter_folder(folder: Path, suffixes, broken_manifests: set[str], recursive: bool = False):
    """Yield a folder's inputs (and, with ``recursive``, its subfolders'); return
    ``(number of files yielded, names of the subfolders)``, the number None when the
    folder could not be listed (that is yielded as its problem)."""
    manifest = yield from _manifest(folder, broken_manifests)
    try:
        with os.scandir(folder) as entries:
            # names only (not DirEntry objects): the smallest thing that keeps the order stable
            names, subfolders = [], []
            for e in entries:
                if e.name.startswith("."):
                    continue
                if Path(e.name).suffix.lower() in suffixes and not is_folder_note(e.name) and _is_file(e):
                    names.append(e.name)
                elif _is_real_folder(e):
                    subfolders.append(e.name)
    except OSError as exc:
        yield FileError(os.fspath(folder), f"cannot list folder ({exc.strerror or exc})")
        return None, []  # reported already: not "no policy files" as well
    names.sort()
    subfolders.sort()
    for name in names:
        yield InputFile(os.fspath(folder / name), tuple(sorted(manifest.get(name, {}).items())))
    found = len(names)
    if recursive:
        for sub in subfolders:
            found += (yield from _iter_folder(folder / sub, suffixes, broken_manifests, True))[0] or 0
    return found, subfolders


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _is_real_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def collect_inputs(paths: Iterable[str | os.PathLike], suffixes=POLICY_SUFFIXES + LAW_SUFFIXES,
                   recursive: bool = False) -> tuple[list[InputFile], list[FileError]]:
    """:func:`iter_inputs` as two lists: the inputs to process and the problems found.

    >>> files, errors = collect_inputs(["no/such/dir"])
    >>> errors[0].problem
    'no such file or folder'
    """
    files: list[InputFile] = []
    errors: list[FileError] = []
    for item in iter_inputs(paths, suffixes, recursive):
        (errors if isinstance(item, FileError) else files).append(item)
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


def read_policies(paths: str | os.PathLike | Iterable[str | os.PathLike], errors: str = "raise",
                  recursive: bool = False):
    """Read every policy in the given files and folders (with manifest metadata).

    ``errors="raise"`` stops at the first unreadable file; ``errors="collect"``
    returns ``(policies, file_errors)`` so one bad file costs nothing else.
    ``recursive`` reads the folders' subfolders too (see :func:`iter_inputs`).

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("Privacy Policy\\nWe do not sell data.")
    >>> [p.name for p in read_policies(d)]
    ['a']
    """
    from .policy import read_policy

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    items, problems = collect_inputs(paths, suffixes=POLICY_SUFFIXES, recursive=recursive)
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
