"""privcompare.report.stream: the streamed report equals the in-memory one, caps big reports
with notes, keeps every row in the CSV and Excel files, and is the same for every engine."""
from __future__ import annotations

import random
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import openpyxl  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from privcompare.batch import FileError  # noqa: E402
from privcompare.cli import main  # noqa: E402
from privcompare.report import REPORT_FILES, build_and_write  # noqa: E402
from privcompare.report.model import COVERAGE_COLUMNS  # noqa: E402
from privcompare.report.spill import SortedSpill  # noqa: E402
from privcompare.report.stream import StreamingReport  # noqa: E402
from privcompare.report.tables import XlsxReport  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ROOT / "data" / "policies"
AS_OF = "2026-11-23"


def workbook_cells(path: Path) -> dict[str, list[list]]:
    book = openpyxl.load_workbook(path, read_only=True)
    return {name: [list(row) for row in book[name].iter_rows(values_only=True)] for name in book.sheetnames}


def soup_of(out: Path) -> BeautifulSoup:
    return BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "lxml")


def paragraphs() -> list[str]:
    """Lines of the bundled policies long enough to be sentences (the synthetic corpus' material)."""
    lines = []
    for path in sorted(POLICIES.glob("*.txt")):
        lines += [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                  if len(line.split()) >= 8]
    return lines


def write_corpus(folder: Path, n: int, organisations: int, seed: int = 5) -> Path:
    """``n`` small policies (a title and 4-9 bundled paragraphs each, seeded), distinct file names,
    with a manifest in which several policies share an organisation."""
    rng = random.Random(seed)
    source = paragraphs()
    folder.mkdir(parents=True)
    manifest = ["file,organisation"]
    for i in range(n):
        name = f"policy-{i:04d}.txt"
        body = rng.sample(source, rng.randint(4, 9))
        (folder / name).write_text("Privacy Policy\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        manifest.append(f"{name},Organisation {rng.randrange(organisations):03d}")
    (folder / "manifest.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return folder


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, dtype=str)


# ------------------------------------------------------------------ small reports: as before


def test_streamed_report_equals_the_in_memory_report_on_the_bundled_policies(tmp_path):
    streamed, in_memory = tmp_path / "streamed", tmp_path / "in-memory"
    assert main(["report", str(POLICIES), "--out", str(streamed), "--as-of", AS_OF, "--quiet"]) == 0
    result = build_and_write([POLICIES], in_memory, as_of=AS_OF)
    assert result.n_policies == 5
    assert sorted(p.name for p in streamed.iterdir()) == sorted(REPORT_FILES)  # sort folder removed
    for name in ("coverage.csv", "gaps.csv", "errors.csv", "report.md", "index.html"):
        assert (streamed / name).read_bytes() == (in_memory / name).read_bytes(), name
    assert workbook_cells(streamed / "coverage.xlsx") == workbook_cells(in_memory / "coverage.xlsx")
    assert "This report covers" not in (streamed / "report.md").read_text(encoding="utf-8")  # nothing capped


# ------------------------------------------------------------------ many policies: caps and notes


@pytest.fixture(scope="module")
def big_report(tmp_path_factory):
    root = tmp_path_factory.mktemp("many")
    corpus = write_corpus(root / "policies", 300, organisations=200)
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.7 not really")
    out = root / "out"
    status = main(["report", str(corpus), "--out", str(out), "--as-of", AS_OF, "-j", "gdpr", "--quiet"])
    assert status == 1  # one unreadable file, the rest reported
    return corpus, out


def test_every_policy_is_in_coverage_csv_gaps_csv_and_the_workbook(big_report):
    corpus, out = big_report
    coverage = read_csv(out / "coverage.csv")
    requirements = coverage["requirement"].nunique()
    assert coverage["policy"].nunique() == 300 and len(coverage) == 300 * requirements
    assert set(coverage["policy"]) == {f"policy-{i:04d}" for i in range(300)}
    assert list(coverage.columns) == COVERAGE_COLUMNS
    keys = coverage[["organisation", "policy", "jurisdiction", "requirement"]].values.tolist()
    assert keys == sorted(keys)
    gaps = read_csv(out / "gaps.csv")
    expected = coverage[coverage["status"].isin(["missing", "partial"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(gaps, expected)

    cells = workbook_cells(out / "coverage.xlsx")
    assert list(cells) == ["Summary", "gdpr"]
    assert len(cells["gdpr"]) == 1 + len(coverage)
    summary = pd.DataFrame(cells["Summary"][1:], columns=cells["Summary"][0])
    assert len(summary) == 300
    counts = coverage.groupby("policy")["status"].value_counts().unstack(fill_value=0)
    for row in summary.sample(20, random_state=1).itertuples():
        assert (row.met, row.missing) == (counts.loc[row.policy, "met"], counts.loc[row.policy, "missing"])
    assert read_csv(out / "errors.csv")["file"].tolist() == [str(corpus / "broken.pdf")]


def test_the_page_and_markdown_show_the_first_policies_and_say_where_the_rest_are(big_report):
    _, out = big_report
    coverage = read_csv(out / "coverage.csv")
    first = coverage[["organisation", "policy"]].drop_duplicates().head(50)
    soup = soup_of(out)
    articles = soup.select("#gaps article.org")
    assert len(articles) == 50
    assert [a.h3.get_text(" ", strip=True) for a in articles] == [
        org if org == policy else f"{org} {policy}" for org, policy in first.itertuples(index=False)]
    header = soup.select_one("header").get_text(" ", strip=True)
    assert "This report covers 300 policies" in header and "the other 250 are in coverage.csv" in header
    assert f"{coverage['organisation'].nunique()} organisations" in header
    assert "250 are in gaps.csv" in soup.select_one("#gaps").get_text(" ", strip=True)
    assert len(soup.select("#summary table.summary:not(.overview) tbody tr")) == 50
    # the totals cover every policy: 300 scored, every coverage row counted once
    law = soup.select("#summary table.overview tbody tr")[0]
    numbers = [int(td.get_text()) for td in law.select("td.num")[:5]]
    assert numbers[0] == 300 and sum(numbers[1:]) == len(coverage)
    status = coverage["status"].value_counts()
    assert numbers[1:] == [status.get(s, 0) for s in ("met", "partial", "missing", "not_applicable")]
    requirements = soup.select("#all-requirements + p + div table tbody tr")
    assert len(requirements) == coverage["requirement"].nunique()
    rights = soup.select("#organisations table")
    assert rights and all(len(t.select("tbody tr")) == 50 for t in rights)
    assert "the first 50 of 300 policies" in soup.select_one("#heatmaps").get_text(" ", strip=True)

    md = (out / "report.md").read_text(encoding="utf-8")
    assert "This report covers 300 policies" in md and "The gaps of the other 250 are in gaps.csv" in md
    assert len(re.findall(r"^### Organisation \d+", md, flags=re.M)) <= 50


def test_too_many_unreadable_files_are_capped_on_the_page_but_all_in_errors_csv(tmp_path):
    with StreamingReport(tmp_path / "out", jurisdictions="gdpr", as_of=AS_OF, errors_shown=3) as report:
        for i in range(7):
            report.add(FileError(f"in/bad-{6 - i}.txt", "empty file"))
        result = report.finish()
    assert (result.n_policies, result.n_errors, len(result.errors)) == (0, 7, 3)
    assert read_csv(tmp_path / "out" / "errors.csv")["file"].tolist() == [f"in/bad-{i}.txt" for i in range(7)]
    soup = soup_of(tmp_path / "out")
    assert len(soup.select("#errors tbody tr")) == 3
    assert "The first 3 of 7; all are in errors.csv" in soup.select_one("#errors").get_text(" ", strip=True)
    assert soup.select_one("header a[href='#errors']").get_text() == "7"
    assert "The first 3 of 7; all are in errors.csv." in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


# ------------------------------------------------------------------ engines


def test_jobs_give_the_same_report_files_including_caps(tmp_path):
    corpus = write_corpus(tmp_path / "policies", 30, organisations=12, seed=9)
    (corpus / "empty.txt").write_bytes(b"")
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        assert main(["report", str(corpus), "--out", str(out), "--as-of", AS_OF, "-j", "gdpr",
                     "--detail", "7", "--jobs", jobs, "--quiet"]) == 1
        runs[jobs] = {name: (out / name).read_bytes() for name in REPORT_FILES}
    assert runs["1"] == runs["2"]
    assert b"This report covers 30 policies" in runs["1"]["index.html"]


# ------------------------------------------------------------------ building blocks


@given(st.lists(st.tuples(st.text(max_size=3), st.text(max_size=2)), max_size=60),
       st.integers(1, 7), st.integers(1, 4), st.integers(2, 3))
@settings(max_examples=150, deadline=None)
def test_sorted_spill_gives_sorted_rows_however_it_spills(rows, run_rows, block_rows, fan_in):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        spill = SortedSpill(folder, run_rows=run_rows, block_rows=block_rows, fan_in=fan_in)
        for start in range(0, len(rows), 5):
            spill.add(rows[start:start + 5])
        assert list(spill.merged()) == sorted(rows)
        spill.close()
        assert not list(Path(folder).iterdir())  # runs are deleted once merged


def test_a_full_excel_sheet_ends_with_a_note_instead_of_losing_rows_silently(tmp_path):
    import datetime as dt

    book = XlsxReport(tmp_path / "c.xlsx", "t", dt.datetime(2026, 11, 23), ["gdpr"], max_rows=5)
    for i in range(9):
        book.coverage_row("gdpr", {c: f"{c}{i}" for c in COVERAGE_COLUMNS})
    book.close()
    rows = workbook_cells(tmp_path / "c.xlsx")["gdpr"]
    assert len(rows) == 5 and rows[3][0] == "organisation2"
    assert rows[4][0] == "6 more rows left out: an Excel sheet holds 5 rows; every row is in coverage.csv"
