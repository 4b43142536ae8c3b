"""The streamed gap report: any number of policies in memory that does not grow with their count.

``privcompare report`` runs here (through :func:`privcompare.batch.run_report_command`):

1. **Per chunk of files**, in the batch engine's workers (``--jobs N`` processes or
   ``--engine dask``), :class:`ChunkScorer` reads, structures and annotates each
   policy (:func:`privcompare.batch.process_chunk`) and scores it against the
   requirements (:func:`privcompare.compare.coverage_table`). What comes back per
   policy is a :class:`ScoredPolicy`: its coverage rows as text, the laws it cites
   and its facts; clause tables and texts stay in the worker.
2. **In this process**, :class:`StreamingReport` gives each policy its report name
   (the file stem, longer when two files share it), appends its coverage rows to
   an external sort (:class:`~privcompare.report.spill.SortedSpill`: sorted runs in
   a temporary folder inside the output folder) and drops the facts, except for
   the policies it may show in detail: the first ``detail`` by organisation and
   policy name, the order in which the report lists them.
3. **At the end** one merge pass over the sorted rows writes ``coverage.csv`` and
   ``gaps.csv`` (every row, sorted as before), ``coverage.xlsx`` (constant-memory
   mode: a Summary row per policy and law, every coverage row) and the totals of
   :class:`~privcompare.report.model.Overview`. ``errors.csv`` is sorted the same way.
   ``index.html`` and ``report.md`` are then rendered by the usual writers from the
   detailed policies.

Memory is therefore the pipeline, a few chunks in flight, one sort buffer
(:data:`~privcompare.report.spill.RUN_ROWS` rows), the detailed policies and
aggregates per law and requirement; plus about 100 bytes per policy for the set
of names already given (two files must not get the same name).

Up to ``detail`` policies and ``errors_shown`` unreadable files, the report is the
one :func:`privcompare.report.build_and_write` writes for the same inputs (same
bytes for every file but ``coverage.xlsx``, which has the same content). Beyond
them, ``index.html`` and ``report.md`` show the first policies in detail, say how
many more there are and where they are (``coverage.csv``, ``gaps.csv``,
``coverage.xlsx``, ``errors.csv``), and add totals over all policies per law, per
requirement and per cited law.

>>> import tempfile, pathlib
>>> from privcompare.batch import InputFile, Task
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Privacy Policy\\nYou may complain to the supervisory authority.")
>>> with StreamingReport(d / "out", jurisdictions="gdpr", as_of="2026-11-23") as report:
...     for result in report.scorer()([InputFile(str(d / "a.txt"))], Task("policies")):
...         report.add(result)
...     result = report.finish()
>>> result.n_policies, sorted(p.name for p in (d / "out").iterdir())[:2]
(1, ['coverage.csv', 'coverage.xlsx'])
"""
from __future__ import annotations

import csv
import math
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from .model import (COVERAGE_COLUMNS, ERROR_COLUMNS, GAP_STATUSES, LAWS_CITED_COLUMNS, OVERVIEW_JURISDICTION_COLUMNS,
                    OVERVIEW_REQUIREMENT_COLUMNS, STATUSES, Overview, cell_text, created_on, iso_date,
                    normalise_errors)
from .spill import SortedSpill

#: Policies shown in detail in ``index.html`` and ``report.md`` (``--detail N``).
DETAIL_POLICIES = 50
#: Unreadable files listed in ``index.html`` and ``report.md`` (all are in ``errors.csv``).
ERRORS_SHOWN = 200


@dataclass
class ScoredPolicy:
    """One policy as a worker hands it to the report: no text, no clause table.

    ``rows``: its coverage rows as text tuples of ``COVERAGE_COLUMNS[2:]``
    (jurisdiction ... deadline_text; the name is given later by the report);
    ``cited``: ``(law, not_in_force)`` per law it cites; ``facts``: its facts
    (for the organisation tables, if it is shown in detail).
    """

    source: str
    organisation: str
    metadata: dict
    facts: pd.DataFrame = field(repr=False)
    rows: list = field(repr=False)
    cited: list = field(default_factory=list)


class ChunkScorer:
    """The worker function of a streamed report: ``process_chunk`` then scoring, per chunk.

    A picklable callable with the requirements and law table it scores against,
    so every engine (``--jobs``, dask) runs it as it runs
    :func:`~privcompare.batch.process_chunk`. A policy that cannot be scored
    becomes a :class:`~privcompare.inputs.FileError` like one that cannot be read.
    """

    def __init__(self, requirements: pd.DataFrame, laws: pd.DataFrame, as_of):
        from ..compare.coverage import prepare_requirements

        self.laws, self.as_of = laws, as_of
        # prepared once here, not per policy (the workers receive them with the scorer)
        self.requirements = prepare_requirements(requirements)

    def __call__(self, entries: list, task) -> list:
        from ..batch import FileError, file_error, process_chunk

        out = []
        for entry, result in zip(entries, process_chunk(entries, task)):
            if isinstance(result, FileError):
                out.append(result)
                continue
            item = entry[0] if isinstance(entry, tuple) else entry
            try:
                out.append(self.score(result, item.path))
            except Exception as exc:  # noqa: BLE001 - one bad file must not cost the others
                out.append(file_error(item, exc))
        return out

    def score(self, policy, source: str) -> ScoredPolicy:
        """Coverage rows and cited laws of one policy whose facts are computed."""
        from ..compare.coverage import coverage_rows
        from ..compare.laws import law_references

        # the cells as text_frame would give them, without building two DataFrames per policy
        rows = [tuple(cell_text(row.get(c)) for c in COVERAGE_COLUMNS[2:])
                for row in coverage_rows([policy], self.requirements)]
        refs = law_references([policy], self.as_of, self.laws)
        cited = [(cell_text(law), _is_false(in_force))
                 for law, in_force in zip(refs["law"].tolist(), refs["in_force"].tolist())]
        return ScoredPolicy(source=source, organisation=cell_text(policy.organisation),
                            metadata=dict(policy.metadata), facts=policy.facts, rows=rows, cited=cited)


def _is_false(value: Any) -> bool:
    """``in_force`` is known and false (NA: a law the catalogs do not know)."""
    return value is not None and not pd.isna(value) and not bool(value)


@dataclass
class _Candidate:
    """A policy that may be shown in detail: sort key, input position, slim policy, rows."""

    key: tuple
    index: int
    policy: Any
    rows: list


class StreamingReport:
    """Collect scored policies and errors one at a time; :meth:`finish` writes the report.

    ``jurisdictions``, ``as_of``, ``title``: as for :func:`privcompare.report.build_and_write`.
    ``detail``: policies shown in detail in ``index.html``/``report.md``;
    ``errors_shown``: unreadable files listed there. Use it as a context manager,
    or call :meth:`close`, so the temporary sort folder inside ``out_dir`` is removed.
    """

    def __init__(self, out_dir: str | os.PathLike, jurisdictions=None, as_of: Any = None,
                 title: str | None = None, detail: int = DETAIL_POLICIES,
                 errors_shown: int = ERRORS_SHOWN):
        from ..compare.comparison import _to_date, known_laws, resolve_requirements
        from . import DEFAULT_TITLE, _parse_as_of

        self.as_of = _to_date(_parse_as_of(as_of))
        self.jurisdictions = jurisdictions
        self.requirements = resolve_requirements(jurisdictions, self.as_of)
        self.laws = known_laws()
        self.title = title or DEFAULT_TITLE
        self.detail, self.errors_shown = max(0, int(detail)), max(0, int(errors_shown))
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        # Sort runs go next to the outputs (the user chose that disk for large files;
        # /tmp may be a RAM disk), in a hidden folder removed by close().
        self.tmp = tempfile.mkdtemp(prefix=".privcompare-sort-", dir=self.out)
        self.coverage = SortedSpill(self.tmp)
        self.errors = SortedSpill(self.tmp)
        self.names: set[str] = set()
        self.candidates: list[_Candidate] = []
        self.n_policies = 0
        self.laws_cited: dict[str, list[int]] = {}

    # ------------------------------------------------------------ collecting

    def scorer(self) -> ChunkScorer:
        """The function the batch engine runs on each chunk for this report."""
        return ChunkScorer(self.requirements, self.laws, self.as_of)

    def add(self, scored) -> None:
        """Take one :class:`ScoredPolicy` (or a :class:`~privcompare.inputs.FileError`)."""
        from ..batch import unique_name
        from ..policy import Policy

        if not isinstance(scored, ScoredPolicy):
            self.add_errors([scored])
            return
        name = unique_name(scored.source, self.names)
        self.coverage.add((scored.organisation, name) + row for row in scored.rows)
        for law, not_in_force in dict.fromkeys(scored.cited):
            counts = self.laws_cited.setdefault(law, [0, 0])
            counts[0] += 1
            counts[1] += not_in_force
        if self.detail:
            slim = Policy(text="", name=name, source=scored.source, metadata=scored.metadata)
            slim.__dict__["facts"] = scored.facts  # what compare_organisations reads; no text needed
            self.candidates.append(_Candidate((scored.organisation, name), self.n_policies, slim,
                                              scored.rows))
            if len(self.candidates) >= 2 * self.detail:
                self._trim()
        self.n_policies += 1

    def _trim(self) -> None:
        self.candidates.sort(key=lambda c: c.key)
        del self.candidates[self.detail:]

    def add_errors(self, errors: Iterable) -> None:
        """Unreadable inputs: ``FileError``/``InputError`` objects or ``(file, problem)`` pairs."""
        table = normalise_errors(list(errors))
        self.errors.add(zip(table["file"].tolist(), table["problem"].tolist()))

    # ------------------------------------------------------------ writing

    def _ids(self) -> tuple[list[str], Any]:
        """Jurisdiction ids and the laws-side-by-side table, as build_and_write chooses them."""
        from ..compare import compare_jurisdictions, jurisdiction_table

        if isinstance(self.jurisdictions, pd.DataFrame):
            ids = list(dict.fromkeys(str(j) for j in self.jurisdictions["jurisdiction"]))
            return ids, jurisdiction_table(self.jurisdictions)
        ids = list(dict.fromkeys(str(j) for j in self.requirements["jurisdiction"])) if (
            self.n_policies and len(self.requirements)) else []
        ids = ids or ([self.jurisdictions] if isinstance(self.jurisdictions, str)
                      else list(self.jurisdictions or []))
        return ids, (compare_jurisdictions(ids) if ids else None)

    def finish(self, progress: bool = False):
        """Write every report file into the output folder; return a :class:`ReportResult`."""
        from tqdm import tqdm

        from . import ReportResult
        from .html import write_html
        from .tables import XlsxReport, write_markdown

        ids, law_table = self._ids()
        as_of = iso_date(self.as_of)
        paths = [self.out / name for name in ("coverage.csv", "gaps.csv", "errors.csv", "coverage.xlsx")]
        with tqdm(total=self.coverage.count, disable=not progress, file=sys.stderr, desc="writing",
                  unit="row", leave=False) as bar:
            book = XlsxReport(paths[3], self.title, created_on(as_of), ids, tmpdir=self.tmp)
            totals = _write_tables(self.coverage.merged(), paths[0], paths[1], book, ids, bar)
            book.close()
        shown_errors = _write_errors(self.errors.merged(), paths[2], self.errors_shown)

        data = self._detail_data(ids, law_table, shown_errors)
        if self.n_policies > len(self.candidates) or self.errors.count > len(shown_errors):
            data.overview = Overview(
                n_policies=self.n_policies, n_organisations=totals.organisations,
                shown_policies=len(self.candidates), n_errors=self.errors.count,
                shown_errors=len(shown_errors), by_jurisdiction=totals.by_jurisdiction(ids),
                by_requirement=totals.by_requirement(ids), laws_cited=self._laws_cited())
        heatmaps = len(data.jurisdictions) if len(data.coverage) else 0
        with tqdm(total=heatmaps + 3, disable=not progress, file=sys.stderr, desc="report", unit="step",
                  leave=False) as bar:
            def tick(step: str) -> None:
                bar.set_postfix_str(step, refresh=False)
                bar.update(1)

            paths.append(write_markdown(data, self.out / "report.md"))
            tick("report.md")
            paths.append(write_html(data, self.out / "index.html", tick))
        return ReportResult(out_dir=self.out, paths=tuple(paths), n_policies=self.n_policies,
                            n_errors=self.errors.count, errors=tuple(shown_errors))

    def _detail_data(self, ids: list[str], law_table, errors: list[tuple[str, str]]):
        """The :class:`ReportData` of the policies shown in detail (all of them in a small report)."""
        from ..compare import Comparison, compare_organisations
        from ..compare.laws import law_references
        from .model import build_report_data

        self._trim()
        chosen = sorted(self.candidates, key=lambda c: c.index)  # input order, as compare() keeps it
        policies = [c.policy for c in chosen]
        coverage = pd.DataFrame([(c.policy.name, c.key[0]) + row for c in chosen for row in c.rows],
                                columns=COVERAGE_COLUMNS)
        comparison = Comparison(coverage=coverage, law_references=law_references(policies, self.as_of, self.laws),
                                as_of=self.as_of, policies=policies,
                                jurisdictions=list(dict.fromkeys(self.requirements["jurisdiction"])))
        data = build_report_data(comparison, org_comparison=compare_organisations(policies) if policies else None,
                                 law_table=law_table, title=self.title, jurisdictions=ids)
        data.n_policies = self.n_policies
        # already normalised and sorted by the error spill (normalising twice could strip a
        # "file: " prefix that is part of the problem)
        data.errors = pd.DataFrame(errors, columns=ERROR_COLUMNS)
        return data

    def _laws_cited(self) -> pd.DataFrame:
        rows = [(law, n, flagged) for law, (n, flagged) in self.laws_cited.items()]
        table = pd.DataFrame(rows, columns=LAWS_CITED_COLUMNS)
        return table.sort_values(["not_in_force", "policies", "law"], ascending=[False, False, True],
                                 kind="mergesort").reset_index(drop=True)

    def close(self) -> None:
        """Remove the temporary sort folder."""
        self.coverage.close()
        self.errors.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> "StreamingReport":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# ---------------------------------------------------------------- the merge pass

class _Totals:
    """Aggregates over every coverage row, whose size depends only on laws and requirements."""

    def __init__(self):
        self.organisations = 0
        self.per_law: dict[str, dict[str, Any]] = {}
        self.per_requirement: dict[tuple[str, str], list] = {}

    def row(self, row: tuple) -> None:
        jurisdiction, requirement, status = row[2], row[3], row[7]
        entry = self.per_requirement.get((jurisdiction, requirement))
        if entry is None:  # summary and citation of the first row: the catalog's own
            entry = self.per_requirement[(jurisdiction, requirement)] = [row[13], row[6], 0, 0, 0, 0]
        if status in _STATUS_INDEX:
            entry[2 + _STATUS_INDEX[status]] += 1

    def group(self, jurisdiction: str, counts: list[int], score: float) -> None:
        law = self.per_law.setdefault(jurisdiction, {"policies": 0, "counts": [0, 0, 0, 0], "scores": 0,
                                                     "sum": 0.0, "low": math.inf, "high": -math.inf})
        law["policies"] += 1
        law["counts"] = [a + b for a, b in zip(law["counts"], counts)]
        if not math.isnan(score):
            law["scores"] += 1
            law["sum"] += score
            law["low"], law["high"] = min(law["low"], score), max(law["high"], score)

    def by_jurisdiction(self, ids: list[str]) -> pd.DataFrame:
        rows = []
        for j in [*ids, *sorted(set(self.per_law) - set(ids))]:
            law = self.per_law.get(j)
            if law is None:
                continue
            scored = law["scores"]
            rows.append([j, law["policies"], *law["counts"],
                         round(law["sum"] / scored, 3) if scored else float("nan"),
                         law["low"] if scored else float("nan"), law["high"] if scored else float("nan")])
        return pd.DataFrame(rows, columns=OVERVIEW_JURISDICTION_COLUMNS)

    def by_requirement(self, ids: list[str]) -> pd.DataFrame:
        rows = [[j, req, *entry] for (j, req), entry in self.per_requirement.items()]
        table = pd.DataFrame(rows, columns=OVERVIEW_REQUIREMENT_COLUMNS)
        order = {j: i for i, j in enumerate(ids)}
        table = table.assign(_law=table["jurisdiction"].map(order).fillna(len(order)))
        table = table.sort_values(["_law", "missing", "partial", "requirement"],
                                  ascending=[True, False, False, True], kind="mergesort")
        return table.drop(columns="_law").reset_index(drop=True)


_STATUS_INDEX = {s: i for i, s in enumerate(STATUSES)}


def _score(counts: list[int]) -> float:
    """(met + ½ partial) / applicable, rounded as ``summary_table`` rounds it (NaN when none apply)."""
    import numpy as np

    met, partial, missing = counts[0], counts[1], counts[2]
    applicable = met + partial + missing
    return float(np.round((met + 0.5 * partial) / applicable, 3)) if applicable else float("nan")


def _csv_writer(fh):
    # The dialect pandas.DataFrame.to_csv uses for these files (write_csv): same bytes.
    return csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def _write_tables(rows: Iterable[tuple], coverage_path: Path, gaps_path: Path, book, ids: list[str],
                  bar) -> _Totals:
    """One pass over the sorted rows: coverage.csv, gaps.csv, the workbook and the totals."""
    totals = _Totals()
    sheets = set(ids)
    group_key, counts, organisation = None, [0, 0, 0, 0], None

    def end_group() -> None:
        if group_key is not None:
            score = _score(counts)
            book.summary_row([*group_key, *counts, score])
            totals.group(group_key[2], counts, score)

    with open(coverage_path, "w", encoding="utf-8", newline="") as cov_fh, \
            open(gaps_path, "w", encoding="utf-8", newline="") as gaps_fh:
        coverage, gaps = _csv_writer(cov_fh), _csv_writer(gaps_fh)
        coverage.writerow(COVERAGE_COLUMNS)
        gaps.writerow(COVERAGE_COLUMNS)
        for n, row in enumerate(rows, start=1):
            key = row[:3]
            if key != group_key:
                end_group()
                group_key, counts = key, [0, 0, 0, 0]
                if row[0] != organisation:
                    organisation = row[0]
                    totals.organisations += 1
            if row[7] in _STATUS_INDEX:
                counts[_STATUS_INDEX[row[7]]] += 1
            totals.row(row)
            out = (row[1], row[0], *row[2:])  # coverage.csv order: policy, organisation, ...
            coverage.writerow(out)
            if row[7] in GAP_STATUSES:
                gaps.writerow(out)
            if row[2] in sheets:
                book.coverage_row(row[2], dict(zip(COVERAGE_COLUMNS, out)))
            if n % 4096 == 0:
                bar.update(4096)
        end_group()
    return totals


def _write_errors(rows: Iterable[tuple[str, str]], path: Path, keep: int) -> list[tuple[str, str]]:
    """errors.csv from the sorted error rows; returns the first ``keep`` for the page."""
    shown = []
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = _csv_writer(fh)
        writer.writerow(["file", "problem"])
        for row in rows:
            writer.writerow(row)
            if len(shown) < keep:
                shown.append(row)
    return shown


__all__ = ["StreamingReport", "ChunkScorer", "ScoredPolicy", "DETAIL_POLICIES", "ERRORS_SHOWN"]
