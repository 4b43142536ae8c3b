"""Table outputs of the gap report: CSV, Excel and Markdown.

All writers take a :class:`~privcompare.report.model.ReportData`, whose tables are
already sorted and stringified, and produce byte-identical files for the same
input (fixed line endings, fixed workbook timestamp).
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from .model import (COVERAGE_COLUMNS, ERROR_COLUMNS, ReportData, cell_text, gap_display_order,
                    law_reference_flags)
from .safety import excel_sheet_names

STATUS_LABELS = {"met": "met", "partial": "partial", "missing": "missing",
                 "not_applicable": "not applicable"}

# --------------------------------------------------------------------------- CSV


def write_csv(table: pd.DataFrame, path: Path) -> Path:
    """UTF-8 CSV with ``\\n`` line endings and no index (same bytes on every platform)."""
    table.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path


def write_coverage_csv(data: ReportData, path: Path) -> Path:
    """Every policy x requirement row, columns in the documented order."""
    return write_csv(data.coverage[COVERAGE_COLUMNS], path)


def write_gaps_csv(data: ReportData, path: Path) -> Path:
    """Only ``missing`` and ``partial`` rows, same columns and order as ``coverage.csv``."""
    return write_csv(data.gaps[COVERAGE_COLUMNS], path)


def write_errors_csv(data: ReportData, path: Path) -> Path:
    """``file, problem`` for every input that could not be read; a header alone when none."""
    return write_csv(data.errors[ERROR_COLUMNS], path)

# ------------------------------------------------------------------------- Excel


# Column order of a jurisdiction sheet: what a reader scans first, then the rest.
SHEET_COLUMNS = ["organisation", "policy", "requirement", "topic", "status", "severity", "citation",
                 "summary", "note", "evidence", "clause_ids", "concept", "confidence",
                 "deadline_text", "jurisdiction"]
_WIDTHS = {"organisation": 28, "policy": 18, "requirement": 30, "topic": 16, "status": 14,
           "severity": 10, "citation": 20, "summary": 50, "note": 45, "evidence": 60,
           "clause_ids": 14, "concept": 22, "confidence": 18, "deadline_text": 22, "jurisdiction": 14}
_WRAPPED = {"summary", "note", "evidence", "organisation", "citation", "requirement"}
_STATUS_COLOURS = {"met": "#C6EFCE", "partial": "#FFEB9C", "missing": "#FFC7CE",
                   "not_applicable": "#E7E6E6"}
_EXCEL_CELL_MAX = 32767  # characters Excel keeps in one cell


def _excel_text(value: str) -> str:
    return value if len(value) <= _EXCEL_CELL_MAX else value[: _EXCEL_CELL_MAX - 1] + "…"


#: Rows one Excel sheet can hold (the header included).
EXCEL_MAX_ROWS = 1_048_576
SUMMARY_SHEET_COLUMNS = ["organisation", "policy", "jurisdiction", "met", "partial", "missing",
                         "not_applicable", "score"]


class XlsxReport:
    """``coverage.xlsx`` written row by row in xlsxwriter's constant-memory mode.

    A ``Summary`` sheet plus one sheet per jurisdiction, formatted for reading.
    Rows go straight to a temporary file per sheet (``tmpdir``), so the workbook
    costs the same memory for five policies or a million coverage rows; each
    sheet's rows must come in order. A sheet that reaches Excel's row limit
    (:data:`EXCEL_MAX_ROWS`) ends with a row saying how many rows were left out
    (they are all in ``coverage.csv``).

    Every cell is written with ``write_string``/``write_number``, never ``write``,
    so policy text that starts with ``=`` can never become a formula.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "c.xlsx"
    >>> book = XlsxReport(path, "t", dt.datetime(2026, 11, 23), ["gdpr"])
    >>> book.summary_row(["Acme", "acme", "gdpr", 1, 0, 1, 0, 0.5])
    >>> book.coverage_row("gdpr", dict.fromkeys(SHEET_COLUMNS, "x"))
    >>> book.close() == path
    True
    """

    def __init__(self, path: Path, title: str, created: dt.datetime, jurisdictions: list[str],
                 tmpdir: str | None = None, max_rows: int = EXCEL_MAX_ROWS):
        import xlsxwriter

        self.path, self.max_rows = path, max_rows
        options = {"strings_to_formulas": False, "strings_to_urls": False, "constant_memory": True}
        if tmpdir:
            options["tmpdir"] = tmpdir
        self.workbook = workbook = xlsxwriter.Workbook(str(path), options)
        workbook.set_properties({"title": title, "created": created, "author": "privcompare"})
        self.fmt = fmt = {
            "header": workbook.add_format({"bold": True, "bg_color": "#1F3A5F", "font_color": "#FFFFFF",
                                           "text_wrap": True, "valign": "top", "border": 1}),
            "text": workbook.add_format({"valign": "top"}),
            "wrap": workbook.add_format({"valign": "top", "text_wrap": True}),
            "int": workbook.add_format({"valign": "top", "num_format": "0"}),
            "pct": workbook.add_format({"valign": "top", "num_format": "0%"}),
            "note": workbook.add_format({"italic": True, "valign": "top"}),
        }
        for status, colour in _STATUS_COLOURS.items():
            fmt[status] = workbook.add_format({"valign": "top", "bg_color": colour, "bold": True})
        self.summary = workbook.add_worksheet("Summary")
        _header(self.summary, SUMMARY_SHEET_COLUMNS, fmt)
        names = excel_sheet_names(jurisdictions)
        self.sheets = {j: workbook.add_worksheet(names[j]) for j in jurisdictions}
        for sheet in self.sheets.values():
            _header(sheet, SHEET_COLUMNS, fmt)
        self.rows = {id(sheet): 0 for sheet in [self.summary, *self.sheets.values()]}
        self.left_out = dict.fromkeys(self.rows, 0)

    def _next_row(self, sheet) -> int | None:
        """The row to write next on ``sheet``, or None when the sheet is full (the row is counted)."""
        key = id(sheet)
        if self.rows[key] + 1 >= self.max_rows - 1:  # keep the last row for the note
            self.left_out[key] += 1
            return None
        self.rows[key] += 1
        return self.rows[key]

    def summary_row(self, values) -> None:
        """One ``Summary`` row: values in :data:`SUMMARY_SHEET_COLUMNS` order (``score`` NaN when none apply)."""
        r = self._next_row(self.summary)
        if r is None:
            return
        sheet, fmt = self.summary, self.fmt
        for c, (col, value) in enumerate(zip(SUMMARY_SHEET_COLUMNS, values)):
            if col == "score":
                if pd.isna(value):
                    sheet.write_string(r, c, "", fmt["text"])
                else:
                    sheet.write_number(r, c, float(value), fmt["pct"])
            elif col in ("met", "partial", "missing", "not_applicable"):
                sheet.write_number(r, c, int(value), fmt["int"])
            else:
                sheet.write_string(r, c, _excel_text(cell_text(value)), fmt["text"])

    def coverage_row(self, jurisdiction: str, row) -> None:
        """One coverage row (a mapping of :data:`SHEET_COLUMNS` to text) on its jurisdiction's sheet."""
        sheet = self.sheets[jurisdiction]
        r = self._next_row(sheet)
        if r is None:
            return
        for c, col in enumerate(SHEET_COLUMNS):
            value = row[col]
            if col == "status":
                cell_format = self.fmt.get(value, self.fmt["text"])
                value = STATUS_LABELS.get(value, value)
            else:
                cell_format = self.fmt["wrap"] if col in _WRAPPED else self.fmt["text"]
            sheet.write_string(r, c, _excel_text(value), cell_format)

    def close(self) -> Path:
        """Column widths, filters and any row-limit notes, then the file itself."""
        for sheet, columns, widths in [(self.summary, SUMMARY_SHEET_COLUMNS, _SUMMARY_WIDTHS),
                                       *[(s, SHEET_COLUMNS, _WIDTHS) for s in self.sheets.values()]]:
            rows, left_out = self.rows[id(sheet)], self.left_out[id(sheet)]
            if left_out:
                sheet.write_string(rows + 1, 0, f"{left_out:,} more rows left out: an Excel sheet "
                                                f"holds {self.max_rows:,} rows; every row is in coverage.csv",
                                   self.fmt["note"])
            for c, col in enumerate(columns):
                sheet.set_column(c, c, widths.get(col, 15 if widths is _WIDTHS else 11))
            if rows:
                sheet.autofilter(0, 0, rows, len(columns) - 1)
        self.workbook.close()
        return self.path


def write_xlsx(data: ReportData, path: Path) -> Path:
    """``Summary`` sheet plus one sheet per jurisdiction (see :class:`XlsxReport`)."""
    book = XlsxReport(path, data.title, data.created, data.jurisdictions)
    for row in data.summary[SUMMARY_SHEET_COLUMNS].itertuples(index=False):
        book.summary_row(row)
    for row in data.coverage[SHEET_COLUMNS].itertuples(index=False):
        if row.jurisdiction in book.sheets:
            book.coverage_row(row.jurisdiction, row._asdict())
    return book.close()


_SUMMARY_WIDTHS = {"organisation": 40, "policy": 22, "jurisdiction": 16}


def _header(sheet, columns: list[str], fmt: dict) -> None:
    sheet.set_row(0, 30)
    for col, name in enumerate(columns):
        sheet.write_string(0, col, name, fmt["header"])
    sheet.freeze_panes(1, 0)

# ---------------------------------------------------------------------- Markdown


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md_escape(value: object) -> str:
    """Text safe inside a Markdown table cell: one line, markup characters escaped.

    Pipes would split the cell; ``[``/``]`` could forge links and ``<``/``>`` raw
    HTML, so all of them are backslash-escaped (CommonMark shows them literally).

    >>> md_escape("a | b\\n<script>[x](javascript:y)")
    'a \\\\| b \\\\<script\\\\>\\\\[x\\\\](javascript:y)'
    """
    text = " ".join(cell_text(value).split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_table(headers: list[str], rows: list[list[object]]) -> list[str]:
    """A GitHub-flavoured Markdown table, every cell escaped."""
    lines = ["| " + " | ".join(md_escape(h) for h in headers) + " |",
             "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(md_escape(v) for v in row) + " |" for row in rows]
    return lines


def _pct(score: float) -> str:
    return "" if pd.isna(score) else f"{round(score * 100)}%"


def render_markdown(data: ReportData) -> str:
    """The report as Markdown: run info, summary, law flags, gaps per organisation, errors."""
    ov = data.overview
    out = [f"# {md_escape(data.title)}", ""]
    out += [f"- As of: {md_escape(data.as_of or 'not given')}",
            f"- Jurisdictions: {md_escape(', '.join(data.jurisdictions) or 'none')}",
            f"- Policies compared: {data.n_policies}",
            f"- Files left out (unreadable, or not in English): {ov.n_errors if ov else len(data.errors)}", ""]
    capped = ov is not None and ov.policies_capped
    if capped:
        out += [f"**This report covers {ov.n_policies} policies ({ov.n_organisations} organisations). "
                f"It shows the first {ov.shown_policies} (by organisation) in detail, and totals over all "
                f"of them; the other {ov.hidden_policies} are in coverage.csv, gaps.csv and coverage.xlsx.**",
                ""]

    out += ["## Summary", ""]
    if capped:
        out += _overview_markdown(ov)
        out += [f"### The first {ov.shown_policies} policies", "",
                "Every policy's row of this table is in the Summary sheet of coverage.xlsx.", ""]
    if data.summary.empty:
        out += ["No policies were compared.", ""]
    else:
        out += md_table(["Organisation", "Policy", "Jurisdiction", "Met", "Partial", "Missing",
                         "Not applicable", "Score"],
                        [[r.organisation, r.policy, r.jurisdiction, r.met, r.partial, r.missing,
                          r.not_applicable, _pct(r.score)] for r in data.summary.itertuples()])
        out += ["", "Score = (met + ½ partial) / applicable requirements.", ""]

    flags = law_reference_flags(data.law_references, data.as_of)
    flagged = flags[flags["flagged"]]
    cited_elsewhere = capped and int(ov.laws_cited["not_in_force"].sum()) > 0
    if len(flagged) or cited_elsewhere:
        out += ["## Laws cited that are not in force", ""]
        if cited_elsewhere:
            out += [f"- {md_escape(r.law)}: cited by {r.not_in_force} of the {ov.n_policies} policies"
                    for r in ov.laws_cited.itertuples() if r.not_in_force]
            out += ["", f"Of the first {ov.shown_policies} policies:", ""]
        out += [f"- {md_escape(r.organisation)}: {md_escape(r.message)}" for r in flagged.itertuples()]
        out.append("")

    out += ["## Gaps by organisation", ""]
    if capped:
        out += [f"The first {ov.shown_policies} of {ov.n_policies} policies, by organisation. The gaps of "
                f"the other {ov.hidden_policies} are in gaps.csv.", ""]
    if data.gaps.empty:
        out += ["No gaps: every applicable requirement is met.", ""]
    for (organisation, policy), org_gaps in data.gaps.groupby(["organisation", "policy"], sort=True):
        out += [f"### {md_escape(organisation)} ({md_escape(policy)})", ""]
        for jurisdiction in data.jurisdictions:
            rows = gap_display_order(org_gaps[org_gaps["jurisdiction"] == jurisdiction])
            if rows.empty:
                continue
            out += [f"#### {md_escape(jurisdiction)}", ""]
            out += md_table(["Requirement", "Citation", "Status", "Note", "Evidence", "Clauses"],
                            [[r.summary or r.requirement, r.citation, STATUS_LABELS.get(r.status, r.status),
                              r.note, r.evidence, r.clause_ids] for r in rows.itertuples()])
            out.append("")

    out += ["## Files left out", ""]
    if data.errors.empty:
        out += ["None.", ""]
    else:
        if ov is not None and ov.errors_capped:
            out += [f"The first {ov.shown_errors} of {ov.n_errors}; all are in errors.csv.", ""]
        out += md_table(["File", "Problem"], data.errors[ERROR_COLUMNS].values.tolist())
        out.append("")
    return "\n".join(out)


def _overview_markdown(ov) -> list[str]:
    """Totals over every policy of a capped report: per law, then per requirement."""
    out = [f"### All {ov.n_policies} policies", ""]
    out += md_table(["Law", "Policies", "Met", "Partial", "Missing", "Not applicable", "Mean score",
                     "Lowest", "Highest"],
                    [[r.jurisdiction, r.policies, r.met, r.partial, r.missing, r.not_applicable,
                      _pct(r.mean_score) or "n/a", _pct(r.lowest_score) or "n/a", _pct(r.highest_score) or "n/a"]
                     for r in ov.by_jurisdiction.itertuples()])
    out += ["", "### Requirements across all policies", "",
            "Most often missed first within each law.", ""]
    out += md_table(["Law", "Requirement", "Citation", "Met", "Partial", "Missing", "Not applicable"],
                    [[r.jurisdiction, r.summary or r.requirement, r.citation, r.met, r.partial, r.missing,
                      r.not_applicable] for r in ov.by_requirement.itertuples()])
    return out + [""]


def write_markdown(data: ReportData, path: Path) -> Path:
    path.write_text(render_markdown(data), encoding="utf-8", newline="\n")
    return path
