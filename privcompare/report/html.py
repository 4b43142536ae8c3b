"""``index.html``: the whole gap report as one self-contained, script-free page.

The page is rendered by Jinja2 with autoescaping on for every value, so text
from policies (evidence, organisation names, file names) is always shown as
text; nothing in the template marks input as safe. CSS is included from
``templates/report.css`` (our own file) and plots are base64 PNG data URIs, so
the page loads nothing from anywhere else and a Content-Security-Policy that
forbids scripts entirely can be sent with it.
"""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from . import figures
from .model import ReportData, cell_text, gap_display_order, law_reference_flags
from .safety import unique_slugs

TEMPLATE = "report.html.j2"
STATUS_VIEW = {  # label and symbol: status is never told by colour alone
    "met": ("met", "✓"), "partial": ("partial", "◐"), "missing": ("missing", "✗"),
    "not_applicable": ("not applicable", "–"),
}
# Yes/no style answers in the side-by-side tables get a tint; the word itself stays.
_VALUE_CSS = {"yes": "v-yes", "conditional": "v-cond", "no": "v-no", "not stated": "v-no",
              "sells": "v-cond", "mixed": "v-cond", "does not sell": "v-yes"}
EVIDENCE_SHOWN = 3  # quotes shown per gap row; the rest fold into a <details>
ORG_TABLE_TITLES = {"rights": "Rights", "retention": "Retention", "disclosures": "Disclosures",
                    "contact": "Contact", "children": "Children"}


def environment():
    """The Jinja2 environment: autoescape on for every template, strict undefined."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=True,  # on for every template, whatever its extension
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def status_view(status: str) -> dict[str, str]:
    """CSS class, label and symbol for a status (unknown values get a neutral look)."""
    label, symbol = STATUS_VIEW.get(status, (status or "unknown", "?"))
    return {"css": status if status in STATUS_VIEW else "other", "label": label, "symbol": symbol}


def frame_view(table: pd.DataFrame | None) -> dict[str, Any] | None:
    """A DataFrame as header and rows of text for the template (index levels become columns)."""
    if table is None:
        return None
    if not isinstance(table.index, pd.RangeIndex) or any(n is not None for n in table.index.names):
        table = table.reset_index()
    columns = [" / ".join(cell_text(p) for p in c if cell_text(p)) if isinstance(c, tuple) else cell_text(c)
               for c in table.columns]
    rows = [[{"lines": cell_text(v).split("\n"), "css": _VALUE_CSS.get(cell_text(v).lower(), "")}
             for v in row] for row in table.itertuples(index=False, name=None)]
    return {"columns": [_header_text(c) for c in columns], "rows": rows}


def _header_text(column: str) -> str:
    """``right.withdraw_consent`` -> ``withdraw consent``; ``minimum_age`` -> ``minimum age``."""
    return column.removeprefix("right.").replace("_", " ")


def _summary_view(data: ReportData) -> list[dict[str, Any]]:
    rows = []
    previous = None
    for r in data.summary.itertuples(index=False):
        first = (r.organisation, r.policy) != previous  # first row of an organisation's group
        previous = (r.organisation, r.policy)
        applicable = int(r.applicable)

        def width(n: int) -> str:
            return f"{100 * n / applicable:.1f}" if applicable else "0"

        rows.append({
            "organisation": r.organisation, "policy": r.policy, "jurisdiction": r.jurisdiction,
            "first": first, "met": int(r.met), "partial": int(r.partial), "missing": int(r.missing),
            "not_applicable": int(r.not_applicable),
            "score": "" if pd.isna(r.score) else f"{round(r.score * 100)}%",
            "bar": {"met": width(int(r.met)), "partial": width(int(r.partial)),
                    "missing": width(int(r.missing))},
        })
    return rows


def _gap_view(row) -> dict[str, Any]:
    return {
        "requirement": row.requirement, "summary": row.summary, "citation": row.citation,
        "status": status_view(row.status), "severity": row.severity, "note": row.note,
        "evidence": (quotes := [e for e in row.evidence.split(" | ") if e])[:EVIDENCE_SHOWN],
        "more_evidence": quotes[EVIDENCE_SHOWN:],
        "clause_ids": [c.strip() for c in row.clause_ids.replace(";", ",").split(",") if c.strip()],
        "confidence": row.confidence, "deadline": row.deadline_text,
    }


def _organisations_view(data: ReportData, anchors: dict) -> list[dict[str, Any]]:
    out = []
    keys = data.summary[["organisation", "policy"]].drop_duplicates().itertuples(index=False)
    for organisation, policy in keys:
        mine = data.gaps[(data.gaps["organisation"] == organisation) & (data.gaps["policy"] == policy)]
        sections = []
        for jurisdiction in data.jurisdictions:
            rows = gap_display_order(mine[mine["jurisdiction"] == jurisdiction])
            counts = data.summary[(data.summary["organisation"] == organisation)
                                  & (data.summary["policy"] == policy)
                                  & (data.summary["jurisdiction"] == jurisdiction)]
            if counts.empty:
                continue
            sections.append({"jurisdiction": jurisdiction, "anchor": anchors[(organisation, policy, jurisdiction)],
                             "gaps": [_gap_view(r) for r in rows.itertuples(index=False)],
                             "n_missing": int(counts["missing"].iloc[0]),
                             "n_partial": int(counts["partial"].iloc[0])})
        out.append({"organisation": organisation, "policy": policy,
                    "anchor": anchors[(organisation, policy)], "sections": sections})
    return out


def _pct_text(score: float) -> str:
    return "" if pd.isna(score) else f"{round(score * 100)}%"


def _overview_view(data: ReportData) -> dict[str, Any] | None:
    """Totals over every policy of a capped report (``None`` when every policy is shown)."""
    ov = data.overview
    if ov is None:
        return None
    laws = [{"jurisdiction": r.jurisdiction, "policies": int(r.policies), "met": int(r.met),
             "partial": int(r.partial), "missing": int(r.missing), "not_applicable": int(r.not_applicable),
             "mean": _pct_text(r.mean_score), "low": _pct_text(r.lowest_score),
             "high": _pct_text(r.highest_score)} for r in ov.by_jurisdiction.itertuples(index=False)]
    requirements = [{"jurisdiction": r.jurisdiction, "requirement": r.requirement, "summary": r.summary,
                     "citation": r.citation, "met": int(r.met), "partial": int(r.partial),
                     "missing": int(r.missing), "not_applicable": int(r.not_applicable)}
                    for r in ov.by_requirement.itertuples(index=False)]
    return {"n_policies": ov.n_policies, "n_organisations": ov.n_organisations, "shown": ov.shown_policies,
            "hidden": ov.hidden_policies, "policies_capped": ov.policies_capped, "n_errors": ov.n_errors,
            "shown_errors": ov.shown_errors, "errors_capped": ov.errors_capped, "laws": laws,
            "requirements": requirements, "laws_cited": ov.laws_cited.to_dict("records")}


def _png(what: str, draw: Callable[[], Any], notes: list[str]) -> str | None:
    """A figure as base64 PNG; a problem drawing it becomes a note, never a failed report."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. tight_layout warnings on very tall plots
            return figures.figure_png_base64(draw())
    except Exception as exc:  # noqa: BLE001 - a missing plot must not cost the report
        notes.append(f"{what} not drawn ({type(exc).__name__}: {exc})".splitlines()[0])
        return None


def _heatmaps_view(data: ReportData, tick: Callable[[str], None]) -> tuple[list[dict], list[str]]:
    """One embedded heatmap per jurisdiction (drawn from the comparison object)."""
    views, notes = [], []
    if data.comparison is None or data.coverage.empty:
        return views, notes
    for jurisdiction in data.jurisdictions:
        tick(f"heatmap {jurisdiction}")
        png = _png(f"heatmap for {jurisdiction}",
                   lambda: figures.heatmap_figure(data.comparison, jurisdiction), notes)
        if png:
            views.append({"jurisdiction": jurisdiction, "png": png, "min_width": figures.png_css_width(png)})
    return views, notes


def render_html(data: ReportData, tick: Callable[[str], None] = lambda step: None) -> str:
    """The report page as a string. ``tick`` is called once per slow step (progress bars)."""
    anchors = _anchors(data)
    heatmaps, notes = _heatmaps_view(data, tick)
    tick("gaps")
    flags = law_reference_flags(data.law_references, data.as_of)
    rights = data.org_tables.get("rights")
    rights_png = (_png("rights chart", lambda: figures.rights_figure(rights), notes)
                  if rights is not None and not rights.empty else None)
    deadlines_png = (_png("deadline chart", lambda: figures.deadlines_figure(data.jurisdictions), notes)
                     if data.law_table is not None and data.jurisdictions else None)
    overview = _overview_view(data)
    context = {
        "title": data.title, "as_of": data.as_of, "jurisdictions": data.jurisdictions,
        "n_policies": data.n_policies,
        "n_organisations": overview["n_organisations"] if overview else data.summary["organisation"].nunique(),
        "n_errors": overview["n_errors"] if overview else len(data.errors), "overview": overview,
        "laws_cited_all": overview["laws_cited"] if overview and overview["policies_capped"] else [],
        "summary": _summary_view(data), "heatmaps": heatmaps, "notes": notes,
        "organisations": _organisations_view(data, anchors),
        "law_refs": flags.to_dict("records"), "n_flagged": int(flags["flagged"].sum()),
        "org_tables": [{"name": name, "title": ORG_TABLE_TITLES.get(name, name.replace("_", " ").capitalize()),
                        "anchor": f"org-table-{anchors[('table', name)]}", "table": frame_view(table)}
                       for name, table in data.org_tables.items()],
        "law_table": frame_view(data.law_table),
        "rights_png": rights_png, "deadlines_png": deadlines_png,
        "errors": data.errors.to_dict("records"),
    }
    tick("render")
    return environment().get_template(TEMPLATE).render(**context)


def _anchors(data: ReportData) -> dict:
    """Stable, unique HTML ids (slugs) for organisations, their jurisdiction sections and tables."""
    keys: list = []
    for organisation, policy in data.summary[["organisation", "policy"]].drop_duplicates().itertuples(index=False):
        keys.append((organisation, policy))
        keys += [(organisation, policy, j) for j in data.jurisdictions]
    keys += [("table", name) for name in data.org_tables]
    return unique_slugs(keys, fallback="org", label=lambda key: "-".join(str(p) for p in key))


def write_html(data: ReportData, path: Path, tick: Callable[[str], None] = lambda step: None) -> Path:
    path.write_text(render_html(data, tick), encoding="utf-8", newline="\n")
    return path
