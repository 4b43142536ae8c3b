"""Table outputs of the gap report: CSV, Excel and Markdown.

All writers take a :class:`~privcompare.report.model.ReportData`, whose tables are
already sorted and stringified, and produce byte-identical files for the same
input (fixed line endings, fixed workbook timestamp).
"""
from __future__ import annotations

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


def write_xlsx(data: ReportData, path: Path) -> Path:
    """``Summary`` sheet plus one sheet per jurisdiction, formatted for reading.

    Every cell is written with ``write_string``/``write_number``, never ``write``,
    so policy text that starts with ``=`` can never become a formula.
    """
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    workbook.set_properties({"title": data.title, "created": data.created, "author": "privcompare"})
    fmt = {
        "header": workbook.add_format({"bold": True, "bg_color": "#1F3A5F", "font_color": "#FFFFFF",
                                       "text_wrap": True, "valign": "top", "border": 1}),
        "text": workbook.add_format({"valign": "top"}),
        "wrap": workbook.add_format({"valign": "top", "text_wrap": True}),
        "int": workbook.add_format({"valign": "top", "num_format": "0"}),
        "pct": workbook.add_format({"valign": "top", "num_format": "0%"}),
    }
    for status, colour in _STATUS_COLOURS.items():
        fmt[status] = workbook.add_format({"valign": "top", "bg_color": colour, "bold": True})

    _summary_sheet(workbook, data, fmt)
    names = excel_sheet_names(data.jurisdictions)
    for jurisdiction in data.jurisdictions:
        rows = data.coverage[data.coverage["jurisdiction"] == jurisdiction]
        _coverage_sheet(workbook.add_worksheet(names[jurisdiction]), rows, fmt)
    workbook.close()
    return path


def _header(sheet, columns: list[str], fmt: dict) -> None:
    for col, name in enumerate(columns):
        sheet.write_string(0, col, name, fmt["header"])
    sheet.freeze_panes(1, 0)
    sheet.set_row(0, 30)


def _summary_sheet(workbook, data: ReportData, fmt: dict) -> None:
    sheet = workbook.add_worksheet("Summary")
    columns = ["organisation", "policy", "jurisdiction", "met", "partial", "missing",
               "not_applicable", "score"]
    _header(sheet, columns, fmt)
    for r, row in enumerate(data.summary.itertuples(index=False), start=1):
        values = row._asdict()
        for c, col in enumerate(columns):
            value = values[col]
            if col == "score":
                if pd.isna(value):
                    sheet.write_string(r, c, "", fmt["text"])
                else:
                    sheet.write_number(r, c, float(value), fmt["pct"])
            elif col in ("met", "partial", "missing", "not_applicable"):
                sheet.write_number(r, c, int(value), fmt["int"])
            else:
                sheet.write_string(r, c, _excel_text(cell_text(value)), fmt["text"])
    for c, col in enumerate(columns):
        sheet.set_column(c, c, {"organisation": 40, "policy": 22, "jurisdiction": 16}.get(col, 11))
    if len(data.summary):
        sheet.autofilter(0, 0, len(data.summary), len(columns) - 1)


def _coverage_sheet(sheet, rows: pd.DataFrame, fmt: dict) -> None:
    _header(sheet, SHEET_COLUMNS, fmt)
    for r, row in enumerate(rows[SHEET_COLUMNS].itertuples(index=False), start=1):
        for c, (col, value) in enumerate(zip(SHEET_COLUMNS, row)):
            if col == "status":
                cell_format = fmt.get(value, fmt["text"])
                value = STATUS_LABELS.get(value, value)
            else:
                cell_format = fmt["wrap"] if col in _WRAPPED else fmt["text"]
            sheet.write_string(r, c, _excel_text(value), cell_format)
    for c, col in enumerate(SHEET_COLUMNS):
        sheet.set_column(c, c, _WIDTHS.get(col, 15))
    if len(rows):
        sheet.autofilter(0, 0, len(rows), len(SHEET_COLUMNS) - 1)

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
    out = [f"# {md_escape(data.title)}", ""]
    out += [f"- As of: {md_escape(data.as_of or 'not given')}",
            f"- Jurisdictions: {md_escape(', '.join(data.jurisdictions) or 'none')}",
            f"- Policies compared: {data.n_policies}",
            f"- Files that could not be read: {len(data.errors)}", ""]

    out += ["## Summary", ""]
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
    if len(flagged):
        out += ["## Laws cited that are not in force", ""]
        out += [f"- {md_escape(r.organisation)}: {md_escape(r.message)}" for r in flagged.itertuples()]
        out.append("")

    out += ["## Gaps by organisation", ""]
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

    out += ["## Files that could not be read", ""]
    if data.errors.empty:
        out += ["None.", ""]
    else:
        out += md_table(["File", "Problem"], data.errors[ERROR_COLUMNS].values.tolist())
        out.append("")
    return "\n".join(out)


def write_markdown(data: ReportData, path: Path) -> Path:
    path.write_text(render_markdown(data), encoding="utf-8", newline="\n")
    return path
