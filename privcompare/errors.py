"""Exceptions raised by privcompare.

Every problem with an input file is an :class:`InputError` whose message is one
line naming the file and the problem, so the CLI and batch runs can report it
without a traceback.
"""
from __future__ import annotations

import os


class PrivcompareError(Exception):
    """Base class for all errors privcompare raises on purpose."""


class InputError(PrivcompareError):
    """An input (file or text) that cannot be read or parsed.

    >>> str(InputError("empty file", path="a/policy.txt"))
    'a/policy.txt: empty file'
    """

    def __init__(self, problem: str, path: str | os.PathLike | None = None):
        self.problem = " ".join(str(problem).split())  # always one line
        self.path = None if path is None else os.fspath(path)
        super().__init__(self.problem if self.path is None else f"{self.path}: {self.problem}")


class MissingDependencyError(PrivcompareError):
    """An optional dependency is needed for this input; the message names the extra.

    >>> str(MissingDependencyError("reading PDF", "pypdf", "pdf"))
    "reading PDF needs pypdf: pip install 'privcompare[pdf]'"
    """

    def __init__(self, what: str, package: str, extra: str):
        self.package, self.extra = package, extra
        super().__init__(f"{what} needs {package}: pip install 'privcompare[{extra}]'")


class CatalogError(PrivcompareError):
    """A requirement catalog that does not match the schema (names the file and key)."""
