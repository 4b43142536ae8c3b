"""The batch gap report: one folder with HTML, CSV, Excel and Markdown outputs.

:func:`write_report` writes a report for a comparison you already have;
:func:`build_and_write` reads files and folders, compares and writes in one go,
holding every policy in memory. ``privcompare report`` runs the *streamed* report of
:mod:`privcompare.report.stream` instead: policies are scored chunk by chunk in the
batch engine's workers, coverage rows are sorted on disk (:mod:`~privcompare.report.spill`)
and memory does not grow with the number of policies. Up to ``--detail`` policies
(default 50) both write the same report; beyond, ``index.html`` and ``report.md`` show
the first policies in detail, totals over all of them
(:class:`~privcompare.report.model.Overview`) and notes saying where the rest is,
while the CSV files and ``coverage.xlsx`` keep every row. Files written into ``out_dir``:

- ``index.html``: the whole report as one self-contained page (no scripts,
  no external resources; heatmaps embedded as PNG),
- ``coverage.csv``, ``gaps.csv``: every policy x requirement row / only the gaps,
- ``coverage.xlsx``: a ``Summary`` sheet and one sheet per jurisdiction (written in
  xlsxwriter's constant-memory mode; a sheet full at Excel's row limit ends with a note),
- ``report.md``: summary and gaps per organisation in Markdown,
- ``errors.csv``: inputs that could not be read (a header alone when none).

File names are fixed: nothing taken from inputs becomes a path, so no
organisation or file name can write outside ``out_dir``. The same input gives
byte-identical files (no timestamps other than the as-of date).

>>> import tempfile, pandas as pd
>>> cov = pd.DataFrame({"policy": ["acme"], "organisation": ["Acme"], "jurisdiction": ["gdpr"],
...     "requirement": ["gdpr.notice.complaint"], "status": ["missing"],
...     "summary": ["Tell people they may complain to a supervisory authority."]})
>>> result = write_report(cov, tempfile.mkdtemp(), as_of="2026-11-23")
>>> sorted(p.name for p in result.paths)
['coverage.csv', 'coverage.xlsx', 'errors.csv', 'gaps.csv', 'index.html', 'report.md']
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from .model import ReportData, build_report_data

__all__ = ["write_report", "build_and_write", "ReportResult", "REPORT_FILES", "ReportData",
           "build_report_data"]

#: Every file a report folder holds, in the order they are written.
REPORT_FILES = ("coverage.csv", "gaps.csv", "errors.csv", "coverage.xlsx", "report.md", "index.html")
DEFAULT_TITLE = "Privacy policy gap report"


@dataclass(frozen=True)
class ReportResult:
    """What a report run produced."""

    out_dir: Path
    paths: tuple[Path, ...]
    n_policies: int
    n_errors: int
    comparison: Any = field(default=None, repr=False, compare=False)
    #: ``(file, problem)`` for every input that could not be read (as in ``errors.csv``)
    errors: tuple[tuple[str, str], ...] = ()

    @property
    def index(self) -> Path:
        """The HTML page to open."""
        return self.out_dir / "index.html"


def write_report(comparison: Any, out_dir: str | os.PathLike, *, org_comparison: Any = None,
                 law_table: Any = None, errors: Any = None, progress: bool = False,
                 title: str = DEFAULT_TITLE, as_of: Any = None,
                 jurisdictions: Iterable[str] | None = None) -> ReportResult:
    """Write the gap report for ``comparison`` into ``out_dir`` (created if needed).

    ``comparison``: a :class:`privcompare.compare.Comparison` (or a bare coverage
    DataFrame with the documented columns). ``org_comparison``: the named tables of
    :func:`privcompare.compare.compare_organisations` (a mapping or an object with
    ``rights``, ``retention``, ``disclosures``, ``contact``). ``law_table``:
    :func:`privcompare.compare.compare_jurisdictions`. ``errors``: unreadable inputs
    (``InputError`` objects, ``(file, problem)`` pairs or a ``file, problem``
    DataFrame). ``as_of``/``jurisdictions`` override what the comparison says.
    ``progress=True`` shows a progress bar on stderr.
    """
    data = build_report_data(comparison, org_comparison=org_comparison, law_table=law_table,
                             errors=errors, title=title, as_of=as_of, jurisdictions=jurisdictions)
    return write_report_data(data, out_dir, progress=progress)


def write_report_data(data: ReportData, out_dir: str | os.PathLike, *, progress: bool = False
                      ) -> ReportResult:
    """Write every report file from already normalised :class:`ReportData`."""
    from tqdm import tqdm

    from .html import write_html
    from .tables import (write_coverage_csv, write_errors_csv, write_gaps_csv, write_markdown,
                         write_xlsx)

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    writers = {"coverage.csv": write_coverage_csv, "gaps.csv": write_gaps_csv,
               "errors.csv": write_errors_csv, "coverage.xlsx": write_xlsx, "report.md": write_markdown}
    # one step per table file, then (inside the HTML writer) one per heatmap, gaps, rendering
    heatmaps = len(data.jurisdictions) if data.comparison is not None and len(data.coverage) else 0
    total = len(writers) + heatmaps + 2
    with tqdm(total=total, disable=not progress, file=sys.stderr, desc="report", unit="step",
              leave=False) as bar:
        def tick(step: str) -> None:
            bar.set_postfix_str(step, refresh=False)
            bar.update(1)

        paths = []
        for name, writer in writers.items():
            paths.append(writer(data, out / name))
            tick(name)
        paths.append(write_html(data, out / "index.html", tick))
    return ReportResult(out_dir=out, paths=tuple(paths), n_policies=data.n_policies,
                        n_errors=len(data.errors), comparison=data.comparison,
                        errors=tuple(map(tuple, data.errors[["file", "problem"]].values.tolist())))


def build_and_write(policies_or_paths: Any, out_dir: str | os.PathLike, jurisdictions=None,
                    as_of: Any = None, progress: bool = False, title: str = DEFAULT_TITLE,
                    errors: Any = None) -> ReportResult:
    """Read policies, compare them and write the report; unreadable files become error rows.

    ``policies_or_paths``: files and folders (folders contribute their
    ``.txt .md .html .htm .pdf .docx`` files, with metadata from a ``manifest.csv``),
    :class:`~privcompare.Policy` objects, or a mix. A file that cannot be read,
    structured or annotated is listed in ``errors.csv`` and the report section
    "Unreadable files"; the other policies are still compared.
    ``jurisdictions``: ids (default: every catalogued law in force on ``as_of``) or
    a requirements DataFrame (``privcompare.requirements()`` columns).
    ``errors``: problems found before this call (e.g. by the batch engine), as
    ``(file, problem)`` pairs or objects with ``path`` and ``problem``; they are
    listed first in ``errors.csv``.

    Everything is held in memory (every policy's facts and the whole coverage table);
    for thousands of files use ``privcompare report`` or
    :class:`privcompare.report.stream.StreamingReport`, which write the same report.
    """
    # names from the submodule: the attribute ``privcompare.compare`` is the function
    from ..compare import compare, compare_jurisdictions, compare_organisations, jurisdiction_table
    from .inputs import load_policies

    as_of = _parse_as_of(as_of)

    policies, found = load_policies(policies_or_paths, progress=progress)
    errors = [_error_pair(e) for e in (errors or [])] + list(found)
    comparison = compare(policies, jurisdictions, as_of=as_of)
    org_tables = compare_organisations(policies) if policies else None
    if isinstance(jurisdictions, pd.DataFrame):  # an own requirements table, not catalog ids
        ids = list(dict.fromkeys(str(j) for j in jurisdictions["jurisdiction"]))
        law_table = jurisdiction_table(jurisdictions)
    else:
        ids = list(dict.fromkeys(str(j) for j in comparison.coverage["jurisdiction"])) or (
            [jurisdictions] if isinstance(jurisdictions, str) else list(jurisdictions or []))
        law_table = compare_jurisdictions(ids) if ids else None
    return write_report(comparison, out_dir, org_comparison=org_tables, law_table=law_table,
                        errors=errors, progress=progress, title=title, jurisdictions=ids)


def _error_pair(error: Any) -> tuple[str, str]:
    if isinstance(error, tuple):
        return (str(error[0]), str(error[1]))
    return (str(getattr(error, "path", "")), str(getattr(error, "problem", error)))


def _parse_as_of(value: Any):
    """``None`` or a date; a malformed date string is a one-line InputError, not a traceback."""
    import datetime as dt

    from ..errors import InputError

    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"--as-of {value!r} is not a date (YYYY-MM-DD)") from None
