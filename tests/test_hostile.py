"""Hostile and broken inputs: each bad file is one line on stderr, every other file is processed.

Inputs are generated in ``tmp_path``. The contract checked everywhere:
- a bad file gives exactly one ``privcompare: FILE: PROBLEM`` line (and an
  ``errors.csv`` row for ``report``), never a traceback;
- every good file beside it is processed in full;
- the exit status is 0 (all processed), 1 (some failed) or 2 (nothing processed).
"""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from privcompare.cli import main

GOOD = """Privacy Policy
1. Retention
We keep your account data for 90 days after you close your account.
2. Your Rights
You may ask for a copy of your data. Contact privacy@example.com.
"""


RUSSIAN = "Политика конфиденциальности"


def good(folder: Path, name: str = "good.txt", text: str = GOOD) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys, *args):
    """Run the CLI in-process; return (status, stdout, stderr lines)."""
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, [line for line in captured.err.splitlines() if line.strip()]


def run_sub(*args, timeout=600):
    return subprocess.run([sys.executable, "-m", "privcompare.cli", *args], capture_output=True,
                          text=True, timeout=timeout)


def clauses_of(capsys, *paths, extra=()):
    status, out, err = run(capsys, "clauses", *map(str, paths), "--quiet", *extra)
    table = pd.read_csv(io.StringIO(out), keep_default_na=False) if out.strip() else pd.DataFrame()
    return status, table, err


def assert_one_line_each(err, bad_paths):
    assert len(err) == len(bad_paths), err
    for path in bad_paths:
        assert sum(str(path) in line for line in err) == 1, (path, err)
    assert all(line.startswith("privcompare: ") and "Traceback" not in line for line in err)


# ------------------------------------------------------------------ empty, binary, encodings

def test_empty_and_whitespace_only_files(tmp_path, capsys):
    g = good(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.md"
    blank.write_text(" \n\t\n\u00a0\n\r\n", encoding="utf-8")
    blank_html = tmp_path / "blank.html"
    blank_html.write_text("<html><body><div>  </div><script>var x = 1;</script></body></html>", encoding="utf-8")
    status, table, err = clauses_of(capsys, tmp_path)
    assert status == 1
    assert_one_line_each(err, [empty, blank, blank_html])
    assert set(table["file"]) == {str(g)}
    assert "We keep your account data for 90 days after you close your account." in set(table["text"])


def test_binary_files_with_text_extensions(tmp_path, capsys):
    g = good(tmp_path)
    png = tmp_path / "logo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    elf = tmp_path / "program.html"
    elf.write_bytes(b"\x7fELF\x02\x01\x01" + b"\x00" * 64 + os.urandom(4000))
    zipped = tmp_path / "archive.md"
    zipped.write_bytes(b"PK\x03\x04" + os.urandom(3000))
    status, table, err = clauses_of(capsys, tmp_path)
    assert status == 1
    assert_one_line_each(err, [png, elf, zipped])
    assert set(table["file"]) == {str(g)}


def test_invalid_utf8_and_legacy_encodings_are_read(tmp_path, capsys):
    stray = tmp_path / "stray-bytes.txt"  # UTF-8 with a few cp1252 bytes in it
    stray.write_bytes("Privacy Policy\nOur caf\u00e9 keeps data for 30 days.\n".encode("utf-8")
                      + b"We do not sell data \x96 ever.\n")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Politique\nNous conservons vos donn\u00e9es pendant 30 jours.\n".encode("cp1252"))
    russian = tmp_path / "russian.html"  # cp1252 would decode these bytes too, wrongly
    russian.write_bytes(b'<html><head><meta charset="koi8-r"></head><body><p>'
                        + RUSSIAN.encode("koi8-r") + b"</p></body></html>")
    status, table, err = clauses_of(capsys, tmp_path)
    assert status == 0 and err == []
    texts = set(table["text"])
    assert "Our caf\u00e9 keeps data for 30 days." in texts
    assert "Nous conservons vos donn\u00e9es pendant 30 jours." in texts
    assert RUSSIAN in texts
    assert not any("\ufffd" in t for t in texts)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_bom_files(tmp_path, capsys, encoding):
    f = tmp_path / "policy.txt"
    f.write_bytes(GOOD.replace("Contact", "Kontakt \u00fc\u00df Contact").encode(encoding))
    status, table, err = clauses_of(capsys, f)
    assert status == 0 and err == []
    assert "You may ask for a copy of your data. Kontakt \u00fc\u00df Contact privacy@example.com." in set(table["text"])


# ------------------------------------------------------------------ size

def _large_policy(path: Path, megabytes: int) -> Path:
    """A long but plausible policy: numbered sections of ordinary policy sentences."""
    sentences = ["We keep your account data for 90 days after you close your account.",
                 "You may ask for a copy of your data or ask us to delete it.",
                 "We share payment data with PayPal only to process your payments.",
                 "We do not sell your personal data to anyone.",
                 "Contact our data protection officer at dpo@example.com."]
    target = megabytes * 1024 * 1024
    with open(path, "w", encoding="utf-8") as fh:
        written, section = 0, 0
        while written < target:
            section += 1
            block = f"{section}. Section {section}\n" + "\n".join(
                sentences[(section + k) % len(sentences)] for k in range(8)) + "\n\n"
            written += fh.write(block)
    return path


def test_file_over_max_size_is_rejected_without_reading(tmp_path):
    big = _large_policy(tmp_path / "big.txt", 3)
    g = good(tmp_path)
    out = tmp_path / "c.csv"
    proc = run_sub("clauses", str(tmp_path), "--max-size", "2", "--out", str(out), "--quiet")
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == [f"privcompare: {big}: file is 3.0 MB, larger than the 2 MB limit "
                                        "(raise it with --max-size MB)"]
    assert set(pd.read_csv(out)["file"]) == {str(g)}


def test_a_50_mb_file_is_processed_with_the_default_limit(tmp_path):
    big = _large_policy(tmp_path / "big.txt", 50)
    out = tmp_path / "c.csv"
    proc = run_sub("clauses", str(big), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    rows = sum(1 for _ in open(out, encoding="utf-8")) - 1
    assert rows > 500_000  # ~70,000 sections of a heading and 8 paragraphs each


# ------------------------------------------------------------------ HTML

def test_deeply_nested_html(tmp_path, capsys):
    deep = tmp_path / "deep.html"
    depth = 5000
    deep.write_text("<html><body>" + "<div>" * depth + "<p>We keep logs for 14 days.</p>"
                    + "</div>" * depth + "</body></html>", encoding="utf-8")
    unclosed = tmp_path / "unclosed.html"
    unclosed.write_text("<html><body>" + "<div><span><b>" * 3000 + "We never sell personal data.",
                        encoding="utf-8")
    status, table, err = clauses_of(capsys, tmp_path)
    assert status == 0 and err == []
    assert set(table.loc[table["file"] == str(deep), "text"]) == {"We keep logs for 14 days."}
    assert "We never sell personal data." in set(table.loc[table["file"] == str(unclosed), "text"])


def test_html_full_of_scripts_styles_and_navigation(tmp_path, capsys):
    page = tmp_path / "page.html"
    chrome = "".join(f"<script>track('{i}'); var secret{i} = 'SCRIPT-TEXT';</script>"
                     f"<style>.c{i} {{ color: red }} /* STYLE-TEXT */</style>" for i in range(200))
    nav = "<nav>" + "".join(f"<a href='/p{i}'>NAV-LINK {i}</a>" for i in range(300)) + "</nav>"
    page.write_text(f"<html><head>{chrome}</head><body>{nav}{chrome}<main><h1>Privacy Policy</h1>"
                    f"<p>We keep invoices for 5 years.</p><script>document.write('SCRIPT-TEXT')</script>"
                    f"<ul><li>You may access your data.</li></ul></main>{nav}</body></html>", encoding="utf-8")
    status, table, err = clauses_of(capsys, page)
    assert status == 0 and err == []
    text = "\n".join(table["text"])
    assert "We keep invoices for 5 years." in text and "You may access your data." in text
    for chrome_text in ("SCRIPT-TEXT", "STYLE-TEXT", "NAV-LINK", "track(", "color: red"):
        assert chrome_text not in text


# ------------------------------------------------------------------ PDF

def _pdf_bytes(encrypt: str | None = None) -> bytes:
    pypdf = pytest.importorskip("pypdf", reason="reading PDF needs pypdf (privcompare[pdf])")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if encrypt:
        writer.encrypt(user_password=encrypt, owner_password=encrypt, algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_truncated_encrypted_and_fake_pdfs(tmp_path, capsys):
    g = good(tmp_path)
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(_pdf_bytes()[:180])
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(_pdf_bytes(encrypt="s3cret"))
    fake = tmp_path / "fake.pdf"
    fake.write_text("This is not a PDF at all.", encoding="utf-8")
    status, table, err = clauses_of(capsys, tmp_path)
    assert status == 1
    assert_one_line_each(err, [truncated, locked, fake])
    assert any("encrypted" in line for line in err if str(locked) in line)
    assert set(table["file"]) == {str(g)}


# ------------------------------------------------------------------ names and folders

AWKWARD_NAMES = ["my policy (final).txt", "it's \"quoted\".txt", "a;b;rm -rf x.txt", "Chính sách bảo mật.txt",
                 "日本語のポリシー.md", "-dash.txt", "$(echo hi).txt", "comma,and|pipe.txt"]


def test_awkward_file_names(tmp_path):
    goods = [good(tmp_path, name, GOOD.replace("90", str(10 + i))) for i, name in enumerate(AWKWARD_NAMES)]
    bads = [tmp_path / f"empty {name}" for name in AWKWARD_NAMES]
    for bad in bads:
        bad.write_bytes(b"")
    out = tmp_path / "out.csv"
    proc = run_sub("extract", str(tmp_path), "--out", str(out), "--quiet")
    assert proc.returncode == 1
    assert sorted(proc.stderr.splitlines()) == sorted(f"privcompare: {bad}: empty file" for bad in bads)
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["file"] for r in rows} == {str(g) for g in goods}
    assert {r["document"] for r in rows} == {Path(name).stem for name in AWKWARD_NAMES}
    retention = {r["file"]: r["value"] for r in rows if r["concept"] == "retention.period"}
    assert retention == {str(g): str(10 + i) for i, g in enumerate(goods)}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
def test_names_with_newlines_and_bytes_that_are_not_utf8(tmp_path):
    folder = os.fsencode(tmp_path)
    for raw in (b"new\nline.txt", b"caf\xe9.txt"):
        with open(os.path.join(folder, raw), "w", encoding="utf-8") as fh:
            fh.write(GOOD)
    with open(os.path.join(folder, b"empty\n\xff.txt"), "wb"):
        pass
    out = tmp_path / "facts.csv"
    proc = run_sub("extract", str(tmp_path), "--out", str(out), "--quiet")
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [f"privcompare: {tmp_path}/empty\\n\\xff.txt: empty file"]
    files = set(pd.read_csv(out)["file"])
    assert files == {f"{tmp_path}/new\\nline.txt", f"{tmp_path}/caf\\xe9.txt"}


def test_duplicate_organisations_are_both_kept_and_distinguishable(tmp_path):
    for region, days in (("eu", 30), ("asia", 60)):
        good(tmp_path / region, "policy.txt", GOOD.replace("90 days", f"{days} days"))
        (tmp_path / region / "manifest.csv").write_text("file,organisation\npolicy.txt,Acme Ltd\n",
                                                        encoding="utf-8")
    out = tmp_path / "facts.csv"
    proc = run_sub("extract", str(tmp_path / "eu"), str(tmp_path / "asia"), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    facts = pd.read_csv(out, keep_default_na=False, dtype=str)
    retention = facts[facts["concept"] == "retention.period"].set_index("file")["value"].to_dict()
    assert retention == {str(tmp_path / "eu" / "policy.txt"): "30", str(tmp_path / "asia" / "policy.txt"): "60"}


def test_a_folder_with_no_policies(tmp_path):
    empty = tmp_path / "nothing"
    empty.mkdir()
    (empty / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (empty / "README.md").write_text("read me", encoding="utf-8")
    proc = run_sub("extract", str(empty), "--quiet")
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1 and str(empty) in proc.stderr and "no policy files" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_pipes_and_folders_named_like_policies_never_block(tmp_path, capsys):
    g = good(tmp_path)
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    (tmp_path / "folder.txt").mkdir()
    status, table, err = clauses_of(capsys, tmp_path)
    assert status == 0 and err == [] and set(table["file"]) == {str(g)}
    status, _, err = clauses_of(capsys, tmp_path / "pipe.txt")
    assert status == 2 and len(err) == 1 and "not a regular file" in err[0]


def test_every_kind_of_bad_file_at_once_with_jobs(tmp_path):
    goods = [good(tmp_path, f"good-{i}.txt", GOOD.replace("90", str(10 + i))) for i in range(6)]
    bads = [tmp_path / "empty.txt", tmp_path / "binary.html", tmp_path / "fake.pdf", tmp_path / "fake.docx"]
    bads[0].write_bytes(b"")
    bads[1].write_bytes(b"\x00\x01\x02\x03" * 512)
    bads[2].write_bytes(b"%PDF-1.7\n%broken")
    bads[3].write_bytes(b"PK\x03\x04broken zip")
    out = tmp_path / "facts.csv"
    proc = run_sub("extract", str(tmp_path), "--out", str(out), "--quiet", "--jobs", "2")
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert len(lines) == len(bads) and "Traceback" not in proc.stderr
    assert {line.split(": ")[1] for line in lines} == {str(b) for b in bads}
    assert set(pd.read_csv(out)["file"]) == {str(g) for g in goods}


# ------------------------------------------------------------------ the report

def _tree(root: Path, skip: Path | None = None) -> set[str]:
    return {os.fspath(p.relative_to(root)) for p in root.rglob("*")
            if skip is None or not (p == skip or skip in p.parents)}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_report_on_a_hostile_folder(tmp_path, jobs):
    from bs4 import BeautifulSoup

    work = tmp_path / "work"
    inputs = work / "policies"
    cwd = work / "cwd"
    cwd.mkdir(parents=True)
    goods = [good(inputs, "acme.txt"),
             good(inputs, "script.txt", GOOD + "We keep logs for 30 days. <script>alert('x')</script>\n"
                  "<img src=x onerror=alert(1)> Contact <a href=\"javascript:alert(2)\">us</a>.\n"),
             good(inputs, "markup-org.md", GOOD.replace("90", "45"))]
    (inputs / "manifest.csv").write_text(
        'file,organisation,country\nacme.txt,../../evil,VN\n'
        'markup-org.md,"<b onmouseover=alert(1)>Acme</b>",ID\nscript.txt,/etc/passwd,EU\n', encoding="utf-8")
    bads = [inputs / "empty.txt", inputs / "binary.pdf", inputs / "broken.docx", inputs / "huge.txt"]
    bads[0].write_bytes(b"")
    bads[1].write_bytes(os.urandom(2048))
    bads[2].write_bytes(b"PK\x03\x04 broken")
    _large_policy(bads[3], 2)
    before = _tree(tmp_path)
    out = work / "out"
    proc = subprocess.run([sys.executable, "-m", "privcompare.cli", "report", str(inputs), "--out", str(out),
                           "--as-of", "2026-11-23", "--quiet", "--max-size", "1", "--jobs", jobs],
                          capture_output=True, text=True, cwd=cwd, timeout=600)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == len(bads) + 1 and lines[-1].startswith(f"privcompare: wrote {out}/index.html")
    for bad in bads:
        assert sum(str(bad) in line for line in lines) == 1

    # nothing written outside --out (not beside the inputs, not in the working folder, not above)
    assert _tree(tmp_path, skip=out) == before
    assert not list(cwd.iterdir())
    assert {p.name for p in out.iterdir()} == {"coverage.csv", "gaps.csv", "errors.csv", "coverage.xlsx",
                                               "report.md", "index.html"}

    coverage = pd.read_csv(out / "coverage.csv", keep_default_na=False)
    assert set(coverage["policy"]) == {g.stem for g in goods}
    assert set(coverage["organisation"]) == {"../../evil", "/etc/passwd", "<b onmouseover=alert(1)>Acme</b>"}
    errors = pd.read_csv(out / "errors.csv", keep_default_na=False)
    assert sorted(errors["file"]) == sorted(map(str, bads)) and errors["problem"].str.len().min() > 0

    html = (out / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
        assert not str(tag.get("href", "")).lower().startswith("javascript:"), tag
    assert "<b onmouseover=alert(1)>Acme</b>" in soup.get_text()  # shown as text, not markup


def test_report_keeps_duplicate_organisations_apart(tmp_path):
    for region, days in (("eu", 30), ("asia", 60)):
        good(tmp_path / region, "policy.txt", GOOD.replace("90 days", f"{days} days"))
        (tmp_path / region / "manifest.csv").write_text("file,organisation\npolicy.txt,Acme Ltd\n",
                                                        encoding="utf-8")
    out = tmp_path / "out"
    proc = run_sub("report", str(tmp_path / "eu"), str(tmp_path / "asia"), "--out", str(out), "--quiet",
                   "--as-of", "2026-11-23", "-j", "gdpr")
    assert proc.returncode == 0, proc.stderr
    coverage = pd.read_csv(out / "coverage.csv", keep_default_na=False)
    assert set(coverage["organisation"]) == {"Acme Ltd"}
    assert coverage["policy"].nunique() == 2
    per_policy = coverage.groupby("policy")["requirement"].apply(sorted)
    assert per_policy.iloc[0] == per_policy.iloc[1]  # each policy scored against every requirement
