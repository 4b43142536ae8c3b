"""The report's data: coverage, gaps, summary, law references and errors as plain tables.

Every writer (HTML, CSV, Excel, Markdown) works from one :class:`ReportData`, so
all outputs agree, and every table here is sorted deterministically so the same
input always gives byte-identical files.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

#: The binding column order of ``Comparison.coverage`` (docs/architecture.md) plus
#: the requirement's own-words summary and deadline, which reports show.
COVERAGE_COLUMNS = [
    "policy", "organisation", "jurisdiction", "requirement", "concept", "topic", "citation",
    "status", "evidence", "clause_ids", "note", "severity", "confidence", "summary", "deadline_text",
]
STATUSES = ["met", "partial", "missing", "not_applicable"]
GAP_STATUSES = ("missing", "partial")
SUMMARY_COLUMNS = ["organisation", "policy", "jurisdiction", "met", "partial", "missing",
                   "not_applicable", "applicable", "score"]
ERROR_COLUMNS = ["file", "problem"]
#: Organisation-vs-organisation tables, in the order the report shows them.
ORG_TABLE_ORDER = ["rights", "retention", "disclosures", "contact", "children"]

_SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}
_STATUS_RANK = {"missing": 0, "partial": 1, "met": 2, "not_applicable": 3}


@dataclass
class ReportData:
    """Everything a report shows, already normalised and sorted."""

    title: str
    as_of: str  # ISO date or "" when unknown
    jurisdictions: list[str]
    n_policies: int
    coverage: pd.DataFrame
    gaps: pd.DataFrame
    summary: pd.DataFrame
    law_references: pd.DataFrame
    org_tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    law_table: pd.DataFrame | None = None
    errors: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ERROR_COLUMNS))
    comparison: Any = None  # the object heatmaps are drawn from
    #: Set when the report is too large to show every policy in detail (a streamed
    #: report over more policies or errors than its limits): totals over all of them.
    overview: "Overview | None" = None

    @property
    def created(self) -> dt.datetime:
        """A fixed timestamp for file metadata: the as-of date (never "now")."""
        return created_on(self.as_of)


def created_on(as_of: str) -> dt.datetime:
    """The timestamp files of a report dated ``as_of`` (ISO or "") carry: never "now".

    >>> created_on("2026-11-23"), created_on("")
    (datetime.datetime(2026, 11, 23, 0, 0), datetime.datetime(2000, 1, 1, 0, 0))
    """
    try:
        day = dt.date.fromisoformat(as_of)
    except ValueError:
        day = dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day)


#: Columns of :attr:`Overview.by_jurisdiction` and :attr:`Overview.by_requirement`.
OVERVIEW_JURISDICTION_COLUMNS = ["jurisdiction", "policies", "met", "partial", "missing",
                                 "not_applicable", "mean_score", "lowest_score", "highest_score"]
OVERVIEW_REQUIREMENT_COLUMNS = ["jurisdiction", "requirement", "summary", "citation", "met", "partial",
                                "missing", "not_applicable"]
LAWS_CITED_COLUMNS = ["law", "policies", "not_in_force"]


@dataclass
class Overview:
    """What a capped report says about *all* its policies, when only some are shown in detail.

    Built by the streamed report (:mod:`privcompare.report.stream`) from
    aggregates whose size does not depend on the number of policies.

    - ``n_policies``, ``n_organisations``, ``n_errors``: totals;
    - ``shown_policies``: policies shown in detail (the first by organisation, then policy);
    - ``shown_errors``: unreadable files listed on the page;
    - ``by_jurisdiction``: per law, policies scored, status counts over all of them and
      the mean, lowest and highest score (:data:`OVERVIEW_JURISDICTION_COLUMNS`);
    - ``by_requirement``: per requirement, how many policies meet, partly meet or miss it,
      most often missed first (:data:`OVERVIEW_REQUIREMENT_COLUMNS`);
    - ``laws_cited``: per law cited by any policy, how many cite it and how many of those
      citations are to a law not in force (:data:`LAWS_CITED_COLUMNS`).
    """

    n_policies: int
    n_organisations: int
    shown_policies: int
    n_errors: int
    shown_errors: int
    by_jurisdiction: pd.DataFrame
    by_requirement: pd.DataFrame
    laws_cited: pd.DataFrame

    @property
    def policies_capped(self) -> bool:
        return self.shown_policies < self.n_policies

    @property
    def errors_capped(self) -> bool:
        return self.shown_errors < self.n_errors

    @property
    def hidden_policies(self) -> int:
        return self.n_policies - self.shown_policies

    @property
    def hidden_errors(self) -> int:
        return self.n_errors - self.shown_errors


def cell_text(value: Any) -> str:
    """One cell as display text: missing values are empty, lists are joined.

    >>> cell_text(float("nan")), cell_text(["8-1", "8-2"]), cell_text(3.0), cell_text(True)
    ('', '8-1, 8-2', '3', 'yes')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else f"{value:g}"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return ", ".join(cell_text(v) for v in items if cell_text(v))
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.isoformat()[:10] if not isinstance(value, dt.datetime) else value.isoformat()
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def iso_date(value: Any) -> str:
    """``value`` as ``YYYY-MM-DD``, or ``""`` when it is not a date.

    >>> iso_date("2026-11-23"), iso_date(dt.date(2025, 1, 2)), iso_date(None)
    ('2026-11-23', '2025-01-02', '')
    """
    if value is None or value == "":
        return ""
    try:
        return pd.Timestamp(value).date().isoformat()
    except (ValueError, TypeError):
        return cell_text(value)


def text_frame(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``table`` with exactly ``columns`` (absent ones empty), every cell a string."""
    out = pd.DataFrame(index=range(len(table)))
    for col in columns:
        if col in table.columns:
            out[col] = [cell_text(v) for v in table[col].tolist()]
        else:
            out[col] = ""
    return out


def sort_rows(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Sort by ``keys`` then by every other column, so ties cannot depend on input order."""
    rest = [c for c in table.columns if c not in keys]
    return table.sort_values(keys + rest, kind="mergesort").reset_index(drop=True)


def normalise_coverage(coverage: pd.DataFrame | None) -> pd.DataFrame:
    """The coverage table with the binding columns, as text, in a stable order."""
    if coverage is None:
        coverage = pd.DataFrame(columns=COVERAGE_COLUMNS)
    table = text_frame(coverage, COVERAGE_COLUMNS)
    return sort_rows(table, ["organisation", "policy", "jurisdiction", "requirement"])


def gap_rows(coverage: pd.DataFrame) -> pd.DataFrame:
    """Rows whose status is ``missing`` or ``partial`` (same columns, same order)."""
    return coverage[coverage["status"].isin(GAP_STATUSES)].reset_index(drop=True)


def gap_display_order(gaps: pd.DataFrame) -> pd.DataFrame:
    """Gaps as a reader wants them: missing before partial, high severity first."""
    if gaps.empty:
        return gaps
    ranked = gaps.assign(
        _status=gaps["status"].map(_STATUS_RANK).fillna(9),
        _severity=gaps["severity"].str.lower().map(_SEVERITY_RANK).fillna(9),
    )
    ranked = ranked.sort_values(["_status", "_severity", "topic", "requirement"], kind="mergesort")
    return ranked.drop(columns=["_status", "_severity"]).reset_index(drop=True)


def summary_table(coverage: pd.DataFrame) -> pd.DataFrame:
    """Status counts per organisation, policy and jurisdiction, with a score.

    ``score`` = (met + ½ partial) / applicable requirements, ``NaN`` when none apply.

    >>> cov = pd.DataFrame({"organisation": ["A", "A", "A"], "policy": ["a"] * 3,
    ...                     "jurisdiction": ["gdpr"] * 3, "status": ["met", "partial", "missing"]})
    >>> row = summary_table(cov).iloc[0]
    >>> int(row["met"]), int(row["partial"]), int(row["missing"]), float(row["score"])
    (1, 1, 1, 0.5)
    """
    keys = ["organisation", "policy", "jurisdiction"]
    if coverage.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    counts = (coverage.groupby(keys + ["status"], sort=True).size()
              .unstack("status", fill_value=0).reindex(columns=STATUSES, fill_value=0))
    counts = counts.reset_index()
    counts.columns.name = None
    counts["applicable"] = counts["met"] + counts["partial"] + counts["missing"]
    score = (counts["met"] + 0.5 * counts["partial"]) / counts["applicable"].where(counts["applicable"] > 0)
    counts["score"] = score.round(3)
    for col in STATUSES + ["applicable"]:
        counts[col] = counts[col].astype(int)
    return sort_rows(counts[SUMMARY_COLUMNS], keys)


def normalise_errors(errors: Any) -> pd.DataFrame:
    """Errors from any usual shape as a ``file, problem`` table, sorted.

    Accepts a DataFrame with those columns, or an iterable of
    :class:`~privcompare.errors.InputError` / objects with ``path`` and ``problem``,
    ``(file, problem)`` pairs or mappings. Problems are always one line.

    >>> from privcompare.errors import InputError
    >>> normalise_errors([InputError("empty file", "b.txt"), ("a.pdf", "not a PDF\\n(x)")]).values.tolist()
    [['a.pdf', 'not a PDF (x)'], ['b.txt', 'empty file']]
    """
    rows: list[tuple[str, str]] = []
    if errors is None:
        pass
    elif isinstance(errors, pd.DataFrame):
        table = text_frame(errors, ERROR_COLUMNS)
        rows = list(zip(table["file"], table["problem"]))
    else:
        for err in errors:
            if isinstance(err, Mapping):
                file, problem = err.get("file", err.get("path", "")), err.get("problem", "")
            elif isinstance(err, (tuple, list)):
                file, problem = err[0], err[1] if len(err) > 1 else ""
            else:
                file = getattr(err, "path", None) or getattr(err, "file", None) or ""
                problem = getattr(err, "problem", None) or str(err)
            rows.append((cell_text(file), cell_text(problem)))
    # One line each, and without a repeated "file: " prefix (str(InputError) has one).
    rows = [(f, " ".join(p.split())) for f, p in rows]
    rows = [(f, p[len(f) + 2:] if f and p.startswith(f + ": ") else p) for f, p in rows]
    table = pd.DataFrame(rows, columns=ERROR_COLUMNS)
    return sort_rows(table, ERROR_COLUMNS)


def _frame_or_none(value: Any) -> pd.DataFrame | None:
    if value is None:
        return None
    if callable(value) and not isinstance(value, pd.DataFrame):
        value = value()
    return value if isinstance(value, pd.DataFrame) else None


def named_tables(tables: Any) -> dict[str, pd.DataFrame]:
    """Organisation-vs-organisation tables from a mapping or an object with attributes.

    Known names (rights, retention, disclosures, contact) come first, in that
    order; any other table follows in name order.
    """
    if tables is None:
        return {}
    if isinstance(tables, pd.DataFrame):
        return {"comparison": tables}
    if isinstance(tables, Mapping) or callable(getattr(tables, "items", None)):
        found = {str(k): v for k, v in tables.items()}
    else:
        found = {name: getattr(tables, name) for name in ORG_TABLE_ORDER if hasattr(tables, name)}
    found = {k: v for k, v in found.items() if isinstance(v, pd.DataFrame)}
    order = [k for k in ORG_TABLE_ORDER if k in found] + sorted(k for k in found if k not in ORG_TABLE_ORDER)
    return {k: found[k] for k in order}


def _as_of(comparison: Any, override: Any) -> str:
    if override is not None:
        return iso_date(override)
    return iso_date(getattr(comparison, "as_of", None))


def _jurisdictions(comparison: Any, raw_coverage: pd.DataFrame | None,
                   override: Iterable[str] | None) -> list[str]:
    """Requested ids first, then any others in the order the coverage lists them
    (catalog order, which is stable for the same input)."""
    if override is not None:
        ids = [str(j) for j in ([override] if isinstance(override, str) else override)]
    else:
        ids = [str(j) for j in (getattr(comparison, "jurisdictions", None) or [])]
    if raw_coverage is not None and "jurisdiction" in raw_coverage:
        ids += [cell_text(j) for j in raw_coverage["jurisdiction"].tolist()]
    return [j for j in dict.fromkeys(ids) if j]


def _all_errors(comparison: Any, errors: Any) -> pd.DataFrame:
    """The caller's errors plus files ``compare()`` itself could not read (``source, error``)."""
    found = normalise_errors(errors)
    own = getattr(comparison, "errors", None)
    if isinstance(own, pd.DataFrame) and len(own):
        own = own.rename(columns={"source": "file", "error": "problem", "path": "file"})
        found = normalise_errors(pd.concat([found, text_frame(own, ERROR_COLUMNS)], ignore_index=True))
        found = found.drop_duplicates().reset_index(drop=True)
    return found


def build_report_data(comparison: Any, *, org_comparison: Any = None, law_table: Any = None,
                      errors: Any = None, title: str = "Privacy policy gap report",
                      as_of: Any = None, jurisdictions: Iterable[str] | None = None) -> ReportData:
    """Collect and normalise what the writers need from a comparison.

    ``comparison`` is a :class:`privcompare.compare.Comparison` (anything with a
    ``coverage`` DataFrame; ``as_of``, ``jurisdictions`` and ``law_references``
    are used when present) or a bare coverage DataFrame.
    """
    raw_coverage = comparison if isinstance(comparison, pd.DataFrame) else getattr(comparison, "coverage", None)
    coverage = normalise_coverage(raw_coverage)
    law_refs = _frame_or_none(getattr(comparison, "law_references", None))
    law_refs = pd.DataFrame() if law_refs is None else law_refs
    n_policies = getattr(comparison, "n_policies", None)
    if n_policies is None:
        policies = getattr(comparison, "policies", None)
        n_policies = len(policies) if policies is not None else coverage["policy"].nunique()
    return ReportData(
        title=title,
        as_of=_as_of(comparison, as_of),
        jurisdictions=_jurisdictions(comparison, raw_coverage, jurisdictions),
        n_policies=int(n_policies),
        coverage=coverage,
        gaps=gap_rows(coverage),
        summary=summary_table(coverage),
        law_references=law_refs,
        org_tables=named_tables(org_comparison),
        law_table=_frame_or_none(law_table),
        errors=_all_errors(comparison, errors),
        comparison=None if isinstance(comparison, pd.DataFrame) else comparison,
    )


LAW_FLAG_COLUMNS = ["organisation", "policy", "law", "cited_as", "in_force", "note", "flagged", "message"]


def _is_false(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"false", "no", "0"}
    try:
        return value is not None and not pd.isna(value) and not bool(value)
    except (TypeError, ValueError):
        return False


def law_reference_flags(refs: pd.DataFrame | None, as_of: str) -> pd.DataFrame:
    """Law references with a ``flagged`` column (cited law not in force on ``as_of``)
    and a one-line ``message`` for readers.

    >>> refs = pd.DataFrame({"policy": ["p"], "organisation": ["Org"], "law": ["vn-decree-13"],
    ...     "cited_as": ["Decree 13/2023/ND-CP"], "in_force": [False],
    ...     "in_force_until": [dt.date(2025, 12, 31)], "note": ["ceased to apply on 2025-12-31"]})
    >>> law_reference_flags(refs, "2026-11-23").loc[0, "message"]
    'cites Decree 13/2023/ND-CP, no longer in force on 2026-11-23 (ceased to apply on 2025-12-31)'
    """
    if refs is None or refs.empty:
        return pd.DataFrame(columns=LAW_FLAG_COLUMNS).astype({"flagged": bool})
    rows = []
    for _, ref in refs.iterrows():
        cited = cell_text(ref.get("cited_as")).split(" | ")[0] or cell_text(ref.get("law"))
        in_force = ref.get("in_force")
        flagged = _is_false(in_force)
        until, start = iso_date(ref.get("in_force_until")), iso_date(ref.get("in_force_from"))
        when = f" on {as_of}" if as_of else ""
        if not flagged:
            message = f"cites {cited}"
        elif until and as_of and until < as_of:
            message = f"cites {cited}, no longer in force{when}"
        elif start and as_of and start > as_of:
            message = f"cites {cited}, not yet in force{when}"
        else:
            message = f"cites {cited}, not in force{when}"
        note = cell_text(ref.get("note"))
        if note:
            message += f" ({note})"
        rows.append({
            "organisation": cell_text(ref.get("organisation")), "policy": cell_text(ref.get("policy")),
            "law": cell_text(ref.get("law")), "cited_as": cell_text(ref.get("cited_as")),
            "in_force": "unknown" if cell_text(in_force) == "" else ("no" if flagged else "yes"),
            "note": note, "flagged": flagged, "message": message,
        })
    table = pd.DataFrame(rows, columns=LAW_FLAG_COLUMNS)
    return table.sort_values(["organisation", "policy", "law"], kind="mergesort").reset_index(drop=True)
