"""Inputs of a report run: files, folders and Policy objects -> policies plus error rows.

Folder expansion and ``manifest.csv`` reading are :mod:`privcompare.inputs`'s job;
this module adds what a batch report needs on top: every file is read *and*
structured and annotated inside its own guard, so a file that breaks any stage
becomes one ``(file, problem)`` row instead of costing the whole run.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from ..errors import PrivcompareError


def _as_list(items: Any) -> list:
    if isinstance(items, (str, os.PathLike)) or not hasattr(items, "__iter__"):
        return [items]
    return list(items)


def expand_inputs(items: Any) -> tuple[list, list[tuple[str, str]]]:
    """Policies and ``InputFile`` records for every input, plus ``(file, problem)`` errors.

    Folders contribute their policy files sorted by name (README files skipped);
    explicitly named files are always kept. A folder whose ``manifest.csv`` cannot
    be read is reported and skipped rather than stopping the run.
    """
    from ..inputs import POLICY_SUFFIXES, collect_inputs
    from ..policy import Policy

    found: list = []
    errors: list[tuple[str, str]] = []
    for item in _as_list(items):
        if isinstance(item, Policy):
            found.append(item)
            continue
        try:
            files, problems = collect_inputs([item], suffixes=POLICY_SUFFIXES)
        except PrivcompareError as exc:  # e.g. a manifest.csv without a 'file' column
            errors.append(_error_row(exc, os.fspath(item)))
            continue
        found += files
        errors += [(p.path, p.problem) for p in problems]
    return found, errors


def _error_row(exc: BaseException, default_path: str) -> tuple[str, str]:
    path = getattr(exc, "path", None) or default_path
    problem = getattr(exc, "problem", None) or str(exc)
    if not isinstance(exc, PrivcompareError):
        problem = f"could not be processed ({type(exc).__name__}: {exc})"
    return os.fspath(path), " ".join(str(problem).split())


def _unique_name(path: str, used: set[str]) -> str | None:
    """``None`` (the file stem) unless another policy already has that name."""
    p = Path(path)
    for candidate in (p.stem, p.name, f"{p.parent.name}/{p.name}", os.fspath(p)):
        if candidate not in used:
            used.add(candidate)
            return None if candidate == p.stem else candidate
    return None


def load_policies(items: Any, progress: bool = False) -> tuple[list, list[tuple[str, str]]]:
    """Read, structure and annotate every input; return ``(policies, errors)``.

    Each file is fully processed (``Policy.clauses`` and ``Policy.facts`` are
    computed here and cached on the policy) inside its own guard, so a file that
    cannot be read or breaks a later stage is listed in ``errors`` and the other
    files are unaffected. Two files with the same stem get distinct policy names.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("Privacy Policy\\nWe do not sell data.")
    >>> _ = (d / "README.md").write_text("about this folder")
    >>> policies, errors = load_policies([d, d / "missing.txt"])
    >>> [p.name for p in policies], [problem for _, problem in errors]
    (['a'], ['no such file or folder'])
    """
    from tqdm import tqdm

    from ..policy import Policy, read_policy

    found, errors = expand_inputs(items)
    used = {p.name for p in found if isinstance(p, Policy)}
    policies = []
    for item in tqdm(found, disable=not progress, file=sys.stderr, desc="reading", unit="file",
                     leave=False):
        try:
            if isinstance(item, Policy):
                policy = item
            else:
                policy = read_policy(item.path, name=_unique_name(item.path, used), **dict(item.metadata))
            policy.clauses, policy.facts  # noqa: B018 - run every stage now, inside the guard
        except Exception as exc:  # noqa: BLE001 - one bad file must not cost the others
            errors.append(_error_row(exc, getattr(item, "path", None) or getattr(item, "name", "?")))
            continue
        policies.append(policy)
    return policies, errors
