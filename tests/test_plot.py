"""Plots: figures come back, carry the expected labels and ticks, and save as PNG."""
import datetime as dt

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import privcompare as pc  # noqa: E402
from privcompare import plot  # noqa: E402
from privcompare.compare import Comparison, compare_organisations  # noqa: E402


@pytest.fixture
def comparison():
    rows = []
    statuses = ["met", "partial", "missing", "not_applicable"]
    for i, (policy, org) in enumerate([("a", "Alpha Ltd"), ("b", "Beta Organisation With A "
                                                                 "Long Registered Name")]):
        for j, req in enumerate(["gdpr.notice.legitimate_interests", "gdpr.notice.complaint",
                                 "gdpr.notice.retention_period"]):
            rows.append(dict(policy=policy, organisation=org, jurisdiction="gdpr",
                             requirement=req, status=statuses[(i + j) % 4]))
        rows.append(dict(policy=policy, organisation=org, jurisdiction="id-pdp",
                         requirement="id-pdp.notice.rights", status="met"))
    return Comparison(pd.DataFrame(rows), pd.DataFrame(), dt.date(2026, 11, 23))


def _saves_png(fig, tmp_path):
    out = tmp_path / "figure.png"
    fig.savefig(out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_coverage_heatmap(comparison, tmp_path):
    fig = plot.coverage_heatmap(comparison, "gdpr")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_ylabel() == "organisation" and "gdpr" in ax.get_xlabel()
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert len(labels) == 3  # only this law's requirements
    assert labels[0] == "notice.\nlegitimate_\ninterests"  # prefix dropped, wrapped
    assert len(ax.get_yticklabels()) == 2
    assert "\n" in ax.get_yticklabels()[1].get_text()  # long organisation name wrapped
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["met", "partial", "missing", "not applicable"]
    assert ax.get_title(loc="left") == "Coverage of gdpr requirements"
    _saves_png(fig, tmp_path)
    with pytest.raises(ValueError, match="ccpa"):
        plot.coverage_heatmap(comparison, "ccpa")


def _wide_comparison(n_requirements):
    rows = [dict(policy="a", organisation="Alpha Ltd", jurisdiction="gdpr",
                 requirement=f"gdpr.notice.r{j}", status="met") for j in range(n_requirements)]
    return Comparison(pd.DataFrame(rows), pd.DataFrame(), dt.date(2026, 11, 23))


@pytest.mark.parametrize("wide", [False, True])
def test_legend_sits_above_the_grid_at_its_left_edge(comparison, wide):
    # the report shows a wide heatmap in a sideways-scrolling box: a legend beside the
    # grid's right end was out of sight where the reader starts
    fig = plot.coverage_heatmap(_wide_comparison(35) if wide else comparison, "gdpr")
    fig.canvas.draw()
    ax = fig.axes[0]
    grid, legend = ax.get_window_extent(), ax.get_legend().get_window_extent()
    assert legend.y0 >= grid.y1  # above the cells
    assert abs(legend.x0 - grid.x0) < 5  # starts at the grid's left edge
    assert legend.x1 <= fig.bbox.x1  # and is not cut off on a narrow grid
    title = next(t for t in ax.get_children() if isinstance(t, Text)
                 and t.get_text() == "Coverage of gdpr requirements").get_window_extent()
    assert title.y0 >= legend.y1 - 1  # the title clears the legend


def _policy(name, concepts):
    p = pc.Policy.from_text("irrelevant", name=name)
    p.__dict__["facts"] = pd.DataFrame({"clause_id": "c1", "concept": concepts,
                                        "polarity": "positive", "evidence": "x"})
    return p


def test_rights_matrix_from_policies_or_tables(tmp_path):
    policies = [_policy("one", ["right.access", "right.erasure"]), _policy("two", ["right.access"])]
    fig = plot.rights_matrix(policies)
    ax = fig.axes[0]
    n_rights = compare_organisations(policies).rights.shape[1]
    assert len(ax.get_xticklabels()) == n_rights and len(ax.get_yticklabels()) == 2
    assert ax.get_xticklabels()[1].get_text() == "access"
    assert ax.get_xlabel() == "right" and ax.get_ylabel() == "organisation"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["yes", "conditional", "no"]
    again = plot.rights_matrix(compare_organisations(policies))
    assert len(again.axes[0].get_xticklabels()) == n_rights
    _saves_png(fig, tmp_path)


def test_deadlines_across_laws(tmp_path):
    reqs = pd.DataFrame([
        dict(jurisdiction="gdpr", topic="breach", concept="breach.notification", deadline_hours=72),
        dict(jurisdiction="id-pdp", topic="breach", concept="breach.notification",
             deadline_hours=72),
        dict(jurisdiction="gdpr", topic="rights", concept="right.access", deadline_hours=720),
        dict(jurisdiction="id-pdp", topic="rights", concept="right.access", deadline_hours=72),
        dict(jurisdiction="id-pdp", topic="rights", concept="right.erasure",
             deadline_hours=None),
    ])
    fig = plot.deadlines_across_laws(requirements=reqs)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["breach: breach.notification",
                                                            "rights: right.access"]
    assert ax.get_xscale() == "log" and "hours" in ax.get_xlabel()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["gdpr", "id-pdp"]
    assert sum(len(c.get_offsets()) for c in ax.collections) == 4  # one dot per deadline
    _saves_png(fig, tmp_path)
    with pytest.raises(ValueError):
        plot.deadlines_across_laws(requirements=reqs[reqs["deadline_hours"].isna()])
