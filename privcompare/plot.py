"""Matplotlib figures for comparisons; each function returns its ``Figure``.

Works headless (the Agg backend): nothing is shown, call ``fig.savefig(...)``.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd, datetime as dt
>>> from privcompare.compare import Comparison
>>> cov = pd.DataFrame({"policy": ["p", "p"], "organisation": ["Acme", "Acme"],
...     "jurisdiction": ["gdpr", "gdpr"], "requirement": ["gdpr.notice.rights", "gdpr.x"],
...     "status": ["met", "missing"]})
>>> fig = coverage_heatmap(Comparison(cov, pd.DataFrame(), dt.date(2026, 1, 1)), "gdpr")
>>> fig.axes[0].get_ylabel()
'organisation'
"""
from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch
from matplotlib.ticker import NullFormatter

STATUS_COLOURS = {"met": "#2e7d32", "partial": "#f9a825", "missing": "#c62828",
                  "not_applicable": "#d9d9d9"}
# Readable tick positions for deadlines given in hours.
HOUR_TICKS = [(1, "1 h"), (24, "24 h"), (72, "72 h"), (168, "7 days"), (360, "15 days"),
              (720, "30 days"), (2160, "90 days"), (8760, "1 year")]
OFFER_COLOURS = {"yes": "#2e7d32", "conditional": "#f9a825", "no": "#e0e0e0"}


def wrap_label(label: str, width: int = 16) -> str:
    """Break a long id at dots, underscores, hyphens or spaces so tick labels stay readable.

    >>> wrap_label("notice.legitimate_interests", 12)
    'notice.\\nlegitimate_\\ninterests'
    """
    parts = [p for p in re.split(r"(?<=[._\- ])", str(label)) if p]
    lines, line = [], ""
    for part in parts:
        if line and len(line) + len(part) > width:
            lines.append(line)
            line = ""
        line += part
    lines.append(line)
    return "\n".join(line.strip() for line in lines)


def _strip_prefix(requirement: str, jurisdiction: str) -> str:
    prefix = f"{jurisdiction}."
    return requirement[len(prefix):] if requirement.startswith(prefix) else requirement


def _category_grid(ax, table: pd.DataFrame, colours: dict, legend_title: str, title: str):
    """Draw a table of category names as coloured cells, titled, with a legend."""
    categories = list(colours)
    codes = table.apply(lambda col: col.map(lambda v: categories.index(v)
                                            if v in categories else np.nan))
    cmap = ListedColormap([colours[c] for c in categories])
    ax.imshow(codes.to_numpy(dtype=float), cmap=cmap, vmin=-0.5, vmax=len(categories) - 0.5,
              aspect="auto", interpolation="nearest")
    ax.set_xticks(range(table.shape[1]))
    ax.set_yticks(range(table.shape[0]))
    ax.set_xticks(np.arange(-0.5, table.shape[1]), minor=True)
    ax.set_yticks(np.arange(-0.5, table.shape[0]), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    handles = [Patch(facecolor=colours[c], edgecolor="grey", label=c.replace("_", " "))
               for c in categories]
    # above the grid's left edge: a wide grid scrolls sideways in the report, and a
    # legend at its right end was out of sight until the reader scrolled there; one row
    # where the grid is wide enough to hold it, else two
    rows = 1 if table.shape[1] >= 10 else 2
    ax.legend(handles=handles, title=f"{legend_title}:", loc="lower left", bbox_to_anchor=(0, 1.01),
              ncol=-(-len(handles) // rows), frameon=False, alignment="left", borderaxespad=0,
              handlelength=1.2, columnspacing=1.2)
    ax.set_title(title, loc="left", pad=26 + 14 * rows)  # clear of the legend


def coverage_heatmap(comparison, jurisdiction: str):
    """Organisations x requirements of one law, coloured by coverage status.

    ``comparison`` is a :class:`privcompare.compare.Comparison`; columns follow
    catalog order, labels drop the ``jurisdiction.`` prefix and are wrapped.
    """
    matrix = comparison.matrix(jurisdiction)
    if matrix.empty:
        raise ValueError(f"no coverage rows for jurisdiction {jurisdiction!r}")
    requirements = [r for _, r in matrix.columns]
    organisations = [org for _, org in matrix.index]
    fig, ax = plt.subplots(figsize=(max(6.0, 0.55 * len(requirements) + 3),
                                    max(2.5, 0.5 * len(organisations) + 2.2)))
    _category_grid(ax, matrix, STATUS_COLOURS, "status", f"Coverage of {jurisdiction} requirements")
    ax.set_xticklabels([wrap_label(_strip_prefix(r, jurisdiction), 14) for r in requirements],
                       rotation=90, fontsize=8)
    ax.set_yticklabels([wrap_label(o, 28) for o in organisations], fontsize=9)
    ax.set_xlabel(f"requirement ({jurisdiction})")
    ax.set_ylabel("organisation")
    fig.tight_layout()
    return fig


def rights_matrix(org_comparison_or_policies):
    """Organisations x rights: offered (yes), only on a condition, or not stated / refused.

    Takes an :class:`~privcompare.compare.OrganisationComparison`, its ``rights``
    table, or policies (passed to :func:`~privcompare.compare.compare_organisations`).
    """
    from .compare import OrganisationComparison, compare_organisations

    source = org_comparison_or_policies
    if isinstance(source, pd.DataFrame):
        rights = source
    elif isinstance(source, OrganisationComparison):
        rights = source.rights
    else:
        rights = compare_organisations(source).rights
    fig, ax = plt.subplots(figsize=(max(6.0, 0.6 * rights.shape[1] + 3),
                                    max(2.5, 0.5 * rights.shape[0] + 2.2)))
    _category_grid(ax, rights, OFFER_COLOURS, "offered", "Rights stated in each policy")
    ax.set_xticklabels([wrap_label(c.removeprefix("right.").replace("_", " "), 12)
                        for c in rights.columns], rotation=90, fontsize=8)
    ax.set_yticklabels([wrap_label(o, 28) for o in rights.index], fontsize=9)
    ax.set_xlabel("right")
    ax.set_ylabel("organisation")
    fig.tight_layout()
    return fig


def deadlines_across_laws(ids=None, requirements: pd.DataFrame | None = None):
    """Dot chart of statutory deadlines (``deadline_hours``) per concept, one colour per law.

    Rows are the requirement concepts (topic when none) that have a deadline in at
    least one law; the x axis is hours on a log scale. ``ids`` selects laws from the
    catalogs; ``requirements`` plots an already loaded requirements table instead.
    """
    if requirements is None:
        from .jurisdictions import catalog_api as catalogs

        requirements = catalogs.requirements(ids)
    reqs = requirements[pd.to_numeric(requirements["deadline_hours"], errors="coerce") > 0].copy()
    if reqs.empty:
        raise ValueError("no requirement with a deadline_hours value to plot")
    reqs["hours"] = pd.to_numeric(reqs["deadline_hours"])
    reqs["row"] = [_row_label(r) for _, r in reqs.iterrows()]
    rows = list(dict.fromkeys(reqs.sort_values("topic", kind="stable")["row"]))
    laws = list(dict.fromkeys(reqs["jurisdiction"]))
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.45 * len(rows) + 1.8)))
    colours = plt.get_cmap("tab10")
    for i, law in enumerate(laws):
        mine = reqs[reqs["jurisdiction"] == law]
        offset = (i - (len(laws) - 1) / 2) * 0.12  # dodge so laws on one row do not overlap
        ax.scatter(mine["hours"], [rows.index(r) + offset for r in mine["row"]],
                   color=colours(i % 10), label=law, s=40, zorder=3)
    ax.set_xscale("log")
    low, high = reqs["hours"].min() / 2, reqs["hours"].max() * 2
    ticks = [(h, name) for h, name in HOUR_TICKS if low <= h <= high]
    ax.set_xlim(low, high)
    ax.set_xticks([h for h, _ in ticks], [name for _, name in ticks])
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([wrap_label(r, 30) for r in rows], fontsize=8)
    ax.set_ylim(len(rows) - 0.5, -0.5)  # first row on top
    ax.set_xlabel("deadline (hours, log scale)")
    ax.set_ylabel("requirement")
    ax.grid(axis="x", which="major", color="#dddddd", zorder=0)
    ax.legend(title="law", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.set_title("Statutory deadlines across laws")
    fig.tight_layout()
    return fig


def _row_label(req: pd.Series) -> str:
    from .compare._facts import as_list

    concepts = as_list(req.get("concept"))
    return f"{req['topic']}: {', '.join(map(str, concepts))}" if concepts else str(req["topic"])
