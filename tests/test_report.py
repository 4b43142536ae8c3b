"""The batch gap report: files written, HTML safety, determinism, path safety, inputs."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import openpyxl  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import privcompare.report.figures as figures  # noqa: E402
from privcompare.errors import InputError  # noqa: E402
from privcompare.report import REPORT_FILES, build_and_write, write_report  # noqa: E402
from privcompare.report.model import COVERAGE_COLUMNS  # noqa: E402
from privcompare.report.safety import excel_sheet_names, safe_path, slugify  # noqa: E402
from privcompare.report.tables import md_escape  # noqa: E402

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
AS_OF = dt.date(2026, 11, 23)


@dataclass
class FakeComparison:
    """Stands in for privcompare.compare.Comparison: the attributes the report reads."""

    coverage: pd.DataFrame
    as_of: dt.date = AS_OF
    law_references: pd.DataFrame = field(default_factory=pd.DataFrame)


def coverage_rows(org: str = "Acme Ltd", policy: str = "acme", evidence: str = "We keep data for 30 days.",
                  jurisdictions=("gdpr", "vn-pdpl-2025")) -> pd.DataFrame:
    rows = []
    statuses = ["met", "partial", "missing", "not_applicable"]
    for j in jurisdictions:
        for i, status in enumerate(statuses):
            rows.append({
                "policy": policy, "organisation": org, "jurisdiction": j,
                "requirement": f"{j}.req{i}", "concept": "retention.period", "topic": "retention",
                "citation": f"Art. {i + 1}", "status": status,
                "evidence": evidence if status != "missing" else "",
                "clause_ids": "5-1,5-2" if status != "missing" else "", "note": f"note {i}",
                "severity": "high" if i % 2 else "medium", "confidence": "verified-official-text",
                "summary": f"Requirement {i} of {j}.", "deadline_text": "72 hours" if i == 2 else "",
            })
    return pd.DataFrame(rows)


def two_org_comparison(**kw) -> FakeComparison:
    cov = pd.concat([coverage_rows(), coverage_rows(org="Beta Co", policy="beta")], ignore_index=True)
    return FakeComparison(cov, **kw)


def fake_heatmap(comparison, jurisdiction):
    """A small real matplotlib figure labelled with input text, like the real heatmap."""
    cov = comparison.coverage[comparison.coverage["jurisdiction"] == jurisdiction]
    orgs = sorted(set(cov["organisation"]))
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.imshow([[i + j for j in range(4)] for i in range(len(orgs))])
    ax.set_yticks(range(len(orgs)), orgs)
    ax.set_title(jurisdiction)
    return fig


@pytest.fixture
def with_heatmaps(monkeypatch):
    monkeypatch.setattr(figures, "heatmap_figure", fake_heatmap)


def soup_of(out: Path) -> BeautifulSoup:
    return BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "lxml")


# ----------------------------------------------------------------------------- files


def test_writes_every_report_file_and_nothing_else(tmp_path, with_heatmaps):
    result = write_report(two_org_comparison(), tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(REPORT_FILES)
    assert {p.name for p in result.paths} == set(REPORT_FILES)
    assert result.n_policies == 2 and result.n_errors == 0
    assert (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8") == "file,problem\n"


def test_coverage_and_gaps_csv_have_stable_columns_and_order(tmp_path):
    comparison = two_org_comparison()
    write_report(comparison, tmp_path / "a")
    shuffled = FakeComparison(comparison.coverage.sample(frac=1, random_state=3)[
        list(reversed(comparison.coverage.columns))])
    write_report(shuffled, tmp_path / "b")
    for name in ("coverage.csv", "gaps.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    cov = pd.read_csv(tmp_path / "a" / "coverage.csv", keep_default_na=False, dtype=str)
    assert list(cov.columns) == COVERAGE_COLUMNS
    assert cov[["organisation", "policy", "jurisdiction", "requirement"]].values.tolist() == sorted(
        cov[["organisation", "policy", "jurisdiction", "requirement"]].values.tolist())
    gaps = pd.read_csv(tmp_path / "a" / "gaps.csv", keep_default_na=False, dtype=str)
    assert list(gaps.columns) == COVERAGE_COLUMNS
    assert set(gaps["status"]) == {"missing", "partial"}
    assert len(gaps) == (comparison.coverage["status"].isin(["missing", "partial"])).sum()


def test_same_input_gives_byte_identical_files(tmp_path, with_heatmaps):
    for run in ("one", "two"):
        write_report(two_org_comparison(), tmp_path / run, errors=[("bad.pdf", "not a PDF")],
                     org_comparison={"rights": pd.DataFrame({"right.access": ["yes", "no"]},
                                                            index=pd.Index(["Acme Ltd", "Beta Co"],
                                                                           name="organisation"))})
    assert 'src="data:image/png;base64,' in (tmp_path / "one" / "index.html").read_text(encoding="utf-8")
    for name in REPORT_FILES:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


# ------------------------------------------------------------------------ HTML safety


def hostile_comparison() -> FakeComparison:
    cov = coverage_rows(org=f"Evil {SCRIPT} Corp", policy=f"evil{IMG}",
                        evidence=f'We keep data {SCRIPT} and {IMG} "quoted" & more')
    cov.loc[0, "note"] = f"note with {IMG}"
    cov.loc[1, "citation"] = f"Art. {SCRIPT}"
    refs = pd.DataFrame({"policy": [f"evil{IMG}"], "organisation": [f"Evil {SCRIPT} Corp"],
                         "law": ["vn-decree-13"], "cited_as": [f"Decree 13/2023/ND-CP {IMG}"],
                         "in_force": [False], "in_force_from": [dt.date(2023, 7, 1)],
                         "in_force_until": [dt.date(2025, 12, 31)], "note": [""]})
    return FakeComparison(cov, law_references=refs)


def test_policy_text_cannot_inject_markup(tmp_path, with_heatmaps):
    out = tmp_path / "out"
    org_tables = {"contact": pd.DataFrame({"emails": [f"x@y.z {IMG}"]},
                                          index=pd.Index([f"Evil {SCRIPT} Corp"], name="organisation"))}
    law_table = pd.DataFrame({"gdpr": [f"Summary {SCRIPT}"]},
                             index=pd.MultiIndex.from_tuples([("rights", "right.access")],
                                                             names=["topic", "concept"]))
    write_report(hostile_comparison(), out, org_comparison=org_tables, law_table=law_table,
                 errors=[InputError(f"bad {IMG}", path=f"{SCRIPT}.pdf")], title=f"Title {SCRIPT}")
    soup = soup_of(out)
    assert soup.find_all("script") == []  # the page needs no JavaScript at all
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag.name
    srcs = [img["src"] for img in soup.find_all("img")]
    assert len(srcs) >= 2 and all(s.startswith("data:image/png;base64,") for s in srcs)
    text = soup.get_text()
    assert SCRIPT in text and IMG in text  # shown as text, not dropped
    for where in ("#gaps", "#laws-cited", "#organisations", "#laws", "#errors"):
        assert SCRIPT in soup.select_one(where).get_text() or IMG in soup.select_one(where).get_text(), where
    raw = (out / "index.html").read_text(encoding="utf-8")
    assert "<script" not in raw.lower() and "<img src=x" not in raw


def test_page_is_self_contained(tmp_path, with_heatmaps):
    write_report(two_org_comparison(), tmp_path)
    soup = soup_of(tmp_path)
    assert soup.find_all("link") == [] and soup.find_all("iframe") == []
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    for tag in soup.find_all(src=True):
        assert tag["src"].startswith("data:")
    assert not re.search(r"url\(\s*['\"]?(https?:|//)", str(soup.style))
    assert len(soup.select("#heatmaps figure img")) == 2


def test_gap_rows_show_summary_citation_status_note_evidence_and_clauses(tmp_path):
    write_report(two_org_comparison(), tmp_path)
    soup = soup_of(tmp_path)
    orgs = soup.select("#gaps article.org")
    assert [o.h3.get_text(" ", strip=True).split(" ")[0] for o in orgs] == ["Acme", "Beta"]
    gdpr = orgs[0].select("section.law")[0]
    rows = gdpr.select("table.gaps tbody tr")
    # missing before partial; met and not_applicable are not gaps
    assert [r.select_one(".badge").get_text(" ", strip=True) for r in rows] == ["✗ missing", "◐ partial"]
    partial = rows[1].get_text(" ", strip=True)
    for expected in ("Requirement 1 of gdpr.", "Art. 2", "note 1", "We keep data for 30 days.", "5-1", "5-2"):
        assert expected in partial
    summary = soup.select("#summary table.summary tbody tr")
    assert len(summary) == 4
    assert "50%" in summary[0].get_text()  # (1 met + ½ partial) / 3 applicable


def test_law_cited_but_not_in_force_is_flagged(tmp_path):
    refs = pd.DataFrame({"policy": ["acme", "acme"], "organisation": ["Acme Ltd"] * 2,
                         "law": ["vn-decree-13", "gdpr"], "cited_as": ["Decree 13/2023/ND-CP", "GDPR"],
                         "in_force": pd.array([False, True], dtype="boolean"),
                         "in_force_from": [dt.date(2023, 7, 1), dt.date(2018, 5, 25)],
                         "in_force_until": [dt.date(2025, 12, 31), None], "note": ["", ""]})
    write_report(FakeComparison(coverage_rows(), law_references=refs), tmp_path)
    flagged = soup_of(tmp_path).select("#laws-cited tr.flagged")
    assert len(flagged) == 1
    assert "cites Decree 13/2023/ND-CP, no longer in force on 2026-11-23" in flagged[0].get_text()
    assert "no longer in force on 2026-11-23" in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_errors_listed_everywhere(tmp_path):
    errors = [InputError("not a readable PDF (file is truncated)", path="in/b.pdf"), ("in/a.txt", "empty file")]
    result = write_report(two_org_comparison(), tmp_path, errors=errors)
    assert result.n_errors == 2
    assert (tmp_path / "errors.csv").read_text(encoding="utf-8").splitlines() == [
        "file,problem", "in/a.txt,empty file", "in/b.pdf,not a readable PDF (file is truncated)"]
    cells = [td.get_text() for td in soup_of(tmp_path).select("#errors td")]
    assert cells == ["in/a.txt", "empty file", "in/b.pdf", "not a readable PDF (file is truncated)"]


# ----------------------------------------------------------------- Excel and Markdown


def test_xlsx_sheets_formatting_and_no_formulas(tmp_path):
    cov = coverage_rows(jurisdictions=("gdpr", "a/very:long*jurisdiction?name[that]never-ends"),
                        evidence='=HYPERLINK("http://x","y")')
    write_report(FakeComparison(cov), tmp_path)
    book = openpyxl.load_workbook(tmp_path / "coverage.xlsx")
    assert book.sheetnames[0] == "Summary" and len(book.sheetnames) == 3
    long_name = book.sheetnames[2]
    assert len(long_name) <= 31 and not re.search(r"[\[\]:*?/\\]", long_name)
    assert book.properties.created == dt.datetime(2026, 11, 23)
    sheet = book["gdpr"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    status_col = header.index("status") + 1
    fills = {sheet.cell(r, status_col).value: sheet.cell(r, status_col).fill.fgColor.rgb
             for r in range(2, sheet.max_row + 1)}
    assert fills["missing"] != fills["met"] and len(set(fills.values())) == 4
    evidence = sheet.cell(2, header.index("evidence") + 1)
    assert evidence.data_type == "s" and evidence.value.startswith("=HYPERLINK")
    summary = book["Summary"]
    assert [c.value for c in summary[1]][:3] == ["organisation", "policy", "jurisdiction"]
    assert summary.cell(2, 8).value == pytest.approx(0.5)


def test_markdown_escapes_cells_and_lists_gaps(tmp_path):
    cov = coverage_rows(evidence="kept | for [30](javascript:x) days <b>")
    write_report(FakeComparison(cov), tmp_path, errors=[("x|y.txt", "empty")])
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "kept \\| for \\[30\\](javascript:x) days \\<b\\>" in md
    assert "### Acme Ltd (acme)" in md and "#### gdpr" in md
    for line in md.splitlines():
        if line.startswith("|"):  # every table row has the same number of unescaped pipes
            assert len(re.findall(r"(?<!\\)\|", line)) in {3, 7, 9}, line


@given(st.text(max_size=80))
@settings(max_examples=200, deadline=None)
def test_md_escape_keeps_one_cell_on_one_line(text):
    cell = md_escape(text)
    assert "\n" not in cell and not re.search(r"(?<!\\)\|", cell.replace("\\\\", ""))


# ------------------------------------------------------------------- output paths


HOSTILE_NAMES = ["../../etc/passwd", "a/b\\c", "x; rm -rf ~", "\"quoted\" 'name'", "Công ty Cổ phần",
                 "日本語の会社", "..", "", "CON", ".hidden"]


def test_hostile_names_never_leave_the_output_folder(tmp_path):
    cov = pd.concat([coverage_rows(org=n, policy=n, jurisdictions=(n or "j",)) for n in HOSTILE_NAMES],
                    ignore_index=True)
    out = tmp_path / "deep" / "out"
    write_report(FakeComparison(cov), out, errors=[(n, "bad") for n in HOSTILE_NAMES])
    assert sorted(p.name for p in out.iterdir()) == sorted(REPORT_FILES)
    everything = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert everything == ["deep", "deep/out"] + [f"deep/out/{n}" for n in sorted(REPORT_FILES)]
    ids = [t["id"] for t in soup_of(out).find_all(id=True)]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)
    assert len(openpyxl.load_workbook(out / "coverage.xlsx").sheetnames) == len(HOSTILE_NAMES) + 1


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_slugs_are_plain_file_names(name):
    slug = slugify(name)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert safe_path("/tmp/reports", name, ".md").parent.as_posix() == "/tmp/reports"


@given(st.lists(st.text(), max_size=8))
@settings(max_examples=200, deadline=None)
def test_sheet_names_follow_excel_rules(names):
    sheets = list(excel_sheet_names(names).values())
    assert len({s.casefold() for s in sheets} | {"summary"}) == len(sheets) + 1
    for s in sheets:
        assert 1 <= len(s) <= 31 and not re.search(r"[\[\]:*?/\\]", s)
        assert not s.startswith("'") and not s.endswith("'")


# -------------------------------------------------------------------------- progress


def test_progress_bar_only_when_asked(tmp_path, capsys, with_heatmaps):
    write_report(two_org_comparison(), tmp_path / "quiet")
    assert capsys.readouterr().err == ""
    write_report(two_org_comparison(), tmp_path / "loud", progress=True)
    assert "report" in capsys.readouterr().err


# ------------------------------------------------------------------ build_and_write


def requirements_table() -> pd.DataFrame:
    return pd.DataFrame({
        "requirement": ["t.retention", "t.complaint"], "jurisdiction": ["testlaw", "testlaw"],
        "topic": ["retention", "complaint"], "concept": ["retention.period", "right.complaint"],
        "condition": [None, None], "citation": ["Art. 1", "Art. 2"],
        "summary": ["Say how long data are kept.", "Say people may complain."],
        "deadline_hours": [None, None], "deadline_text": ["", ""], "severity": ["high", "medium"],
        "confidence": ["single-source", "single-source"], "source": ["test", "test"]})


def test_build_and_write_reports_bad_files_and_keeps_the_rest(tmp_path):
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "alpha.txt").write_text("Privacy Policy\nWe keep your data for 30 days.\n", encoding="utf-8")
    (folder / "beta.md").write_text("# Privacy\nYou may complain to the authority.\n", encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 \xff\xfe not really a pdf")
    (folder / "README.md").write_text("What this folder is.", encoding="utf-8")
    (folder / "notes.csv").write_text("not a policy", encoding="utf-8")
    (folder / "manifest.csv").write_text(
        f"file,organisation,country,language,date\nalpha.txt,Alpha {SCRIPT} GmbH,DE,en,2025-01-01\n",
        encoding="utf-8")
    out = tmp_path / "report"
    result = build_and_write([folder, tmp_path / "missing.txt"], out, jurisdictions=requirements_table(),
                             as_of="2026-11-23")
    assert (result.n_policies, result.n_errors) == (2, 2)
    cov = pd.read_csv(out / "coverage.csv", keep_default_na=False, dtype=str)
    assert sorted(set(cov["policy"])) == ["alpha", "beta"]
    assert f"Alpha {SCRIPT} GmbH" in set(cov["organisation"])
    errors = pd.read_csv(out / "errors.csv", keep_default_na=False, dtype=str)
    assert sorted(Path(f).name for f in errors["file"]) == ["broken.pdf", "missing.txt"]
    assert list(errors["file"]) == sorted(errors["file"])
    assert all(p and "\n" not in p for p in errors["problem"])
    assert soup_of(out).find_all("script") == []


def test_build_and_write_gives_same_named_files_distinct_policies(tmp_path):
    (tmp_path / "a.txt").write_text("Privacy Policy\nWe keep data for 30 days.\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("# Privacy\nWe keep data for 60 days.\n", encoding="utf-8")
    result = build_and_write([tmp_path / "a.txt", tmp_path / "a.md"], tmp_path / "out",
                             jurisdictions=requirements_table(), as_of="2026-11-23")
    assert result.n_policies == 2
    cov = pd.read_csv(tmp_path / "out" / "coverage.csv", keep_default_na=False, dtype=str)
    assert cov["policy"].nunique() == 2


def test_build_and_write_with_nothing_readable_still_writes_the_report(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = build_and_write([tmp_path / "empty.txt", tmp_path / "nope.md"], tmp_path / "out",
                             jurisdictions=requirements_table(), as_of="2026-11-23")
    assert (result.n_policies, result.n_errors) == (0, 2)
    assert sorted(Path(f).name for f, _ in result.errors) == ["empty.txt", "nope.md"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(REPORT_FILES)
    assert len(soup_of(tmp_path / "out").select("#errors tbody tr")) == 2


def test_bad_as_of_is_a_one_line_input_error(tmp_path):
    with pytest.raises(InputError, match="not a date"):
        build_and_write([tmp_path], tmp_path / "out", as_of="23/11/2026")
