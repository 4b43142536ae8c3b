"""The command line: help, table outputs, one-line errors and exit statuses."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from privcompare.cli import main

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ROOT / "data" / "policies"


def run_cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "privcompare.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=600)


@pytest.mark.parametrize("command", [[], ["clauses"], ["extract"], ["report"]])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([*command, "--help"])
    assert exc.value.code == 0
    assert "usage: privcompare" in capsys.readouterr().out


def test_clauses_csv_to_stdout(tmp_path, capsys):
    f = tmp_path / "acme.txt"
    f.write_text("Privacy Policy\n1. Your Rights\nYou may ask for a copy of your data.\n", encoding="utf-8")
    assert main(["clauses", str(f)]) == 0
    out = capsys.readouterr().out
    table = pd.read_csv(__import__("io").StringIO(out))
    assert list(table.columns[:3]) == ["file", "document", "clause_id"]
    assert (table["document"] == "acme").all()
    assert "You may ask for a copy of your data." in set(table["text"])


def test_clauses_json_lines_and_parquet(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Heading\nSome text here.\n", encoding="utf-8")
    out = tmp_path / "c.jsonl"
    assert main(["clauses", str(f), "--format", "json", "--out", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(r["document"] == "a" for r in records)
    pq = tmp_path / "c.parquet"
    assert main(["clauses", str(f), "--format", "parquet", "--out", str(pq)]) == 0
    assert len(pd.read_parquet(pq)) == len(records)


def test_parquet_to_stdout_is_a_one_line_error(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text("text", encoding="utf-8")
    assert main(["clauses", str(f), "--format", "parquet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "parquet" in err[0]


def test_missing_input_is_one_line_and_nonzero():
    proc = run_cli("clauses", "does-not-exist.txt")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == ["privcompare: does-not-exist.txt: no such file or folder"]
    assert "Traceback" not in proc.stderr


def test_bad_file_does_not_cost_the_good_ones(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Privacy Policy\nWe keep data for 30 days.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = tmp_path / "c.csv"
    proc = run_cli("clauses", str(tmp_path), "--out", str(out), "--quiet")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and "bad.txt" in lines[0]
    table = pd.read_csv(out)
    assert set(table["document"]) == {"good"}


@pytest.mark.parametrize("command", ["clauses", "extract", "report"])
def test_recursive_reads_a_sharded_folder(tmp_path, command):
    for shard in ("a", "b"):
        (tmp_path / "in" / shard).mkdir(parents=True)
        (tmp_path / "in" / shard / f"{shard}.txt").write_text("Privacy Policy\nWe keep data for 30 days.\n",
                                                               encoding="utf-8")
    out = ["--out", str(tmp_path / ("rep" if command == "report" else "t.csv"))]
    assert main([command, str(tmp_path / "in"), *out, "--quiet"]) == 2  # the folder itself holds none
    assert main([command, str(tmp_path / "in"), *out, "--quiet", "--recursive"]) == 0
    table = pd.read_csv(tmp_path / "rep" / "coverage.csv" if command == "report" else tmp_path / "t.csv")
    assert set(table["policy" if command == "report" else "document"]) == {"a", "b"}


def test_jobs_gives_the_same_table(tmp_path):
    for i in range(4):
        (tmp_path / f"p{i}.txt").write_text(f"Policy {i}\nWe keep data for {i + 1} days.\n", encoding="utf-8")
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert main(["clauses", str(tmp_path), "--out", str(one), "--quiet"]) == 0
    assert main(["clauses", str(tmp_path), "--out", str(two), "--quiet", "--jobs", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()


def test_bad_option_values_are_usage_errors(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["clauses", "x", "--jobs", "zero"])
    assert exc.value.code == 2
    assert "positive whole number" in capsys.readouterr().err
