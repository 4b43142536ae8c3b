"""privcompare.batch: streamed inputs, chunks, the bounded process pool, writers, --max-size."""
from __future__ import annotations

import io
import os
import threading

import pandas as pd
import pytest

from privcompare import read_policy
from privcompare.batch import (FileError, InputFile, Task, TableWriter, iter_chunks, iter_inputs,
                               label, process_chunk, run_chunks)
from privcompare.cli import main
from privcompare.inputs import collect_inputs

POLICY = """Privacy Policy
1. Retention
We keep your account data for {days} days after you close your account.
2. Your Rights
You may ask for a copy of your data or ask us to delete it. Contact privacy@{org}.example.
3. Sharing
We do not sell your personal data. We share data with PayPal to process payments.
"""


def write_policies(folder, n, start=0):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (folder / f"p{i:03d}.txt").write_text(POLICY.format(days=i + 1, org=f"org{i}"), encoding="utf-8")
    return folder


# ------------------------------------------------------------------ inputs

def test_iter_inputs_matches_collect_inputs(tmp_path):
    write_policies(tmp_path / "a", 3)
    (tmp_path / "a" / "manifest.csv").write_text("file,organisation\np001.txt,Org One\n", encoding="utf-8")
    (tmp_path / "a" / "README.md").write_text("not a policy", encoding="utf-8")
    (tmp_path / "a" / "LICENSE.txt").write_text("not a policy either", encoding="utf-8")
    (tmp_path / "a" / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "a" / "notes.csv").write_text("x", encoding="utf-8")
    single = write_policies(tmp_path / "b", 1) / "p000.txt"
    (tmp_path / "empty").mkdir()
    paths = [tmp_path / "a", single, tmp_path / "missing.txt", tmp_path / "empty"]
    expected_files, expected_errors = collect_inputs(paths)
    streamed = list(iter_inputs(paths))
    assert [x for x in streamed if isinstance(x, InputFile)] == expected_files
    assert [x for x in streamed if isinstance(x, FileError)] == expected_errors
    assert dict(expected_files[1].metadata) == {"organisation": "Org One"}


def test_iter_inputs_is_lazy_across_paths(tmp_path):
    write_policies(tmp_path / "a", 2)
    stream = iter_inputs([tmp_path / "a", tmp_path / "created-later"])
    assert isinstance(next(stream), InputFile)
    write_policies(tmp_path / "created-later", 1)  # not looked at before the stream gets there
    rest = list(stream)
    assert [os.path.basename(x.path) for x in rest] == ["p001.txt", "p000.txt"]


def test_a_broken_manifest_costs_only_its_metadata(tmp_path):
    write_policies(tmp_path / "bad", 2)
    (tmp_path / "bad" / "manifest.csv").write_text("name,organisation\nx,y\n", encoding="utf-8")
    paths = [tmp_path / "bad", tmp_path / "bad" / "p001.txt"]
    out = list(iter_inputs(paths))
    assert [type(x) for x in out] == [FileError, InputFile, InputFile, InputFile]  # reported once
    assert "manifest" in out[0].problem and "without its metadata" in out[0].problem
    files, errors = collect_inputs(paths)
    assert out[1:] == files and out[:1] == errors


def test_chunk_sizes_ramp_up_and_cover_everything():
    chunks = list(iter_chunks(range(300)))
    assert [len(c) for c in chunks] == [4, 8, 16, 32, 64, 64, 64, 48]
    assert [x for c in chunks for x in c] == list(range(300))
    assert list(iter_chunks([])) == []


# ------------------------------------------------------------------ one chunk

def test_chunk_facts_equal_per_policy_facts(tmp_path):
    """One nlp.pipe stream over a chunk must give each policy exactly its own facts."""
    folder = write_policies(tmp_path, 5)
    (folder / "p002.txt").write_bytes(b"\x00\x01\x02binary")  # a failure in the middle of the chunk
    items = [x for x in iter_inputs([folder])]
    results = process_chunk(items, Task("facts"))
    assert isinstance(results[2], FileError) and results[2].path.endswith("p002.txt")
    for item, result in zip(items, results):
        if item.path.endswith("p002.txt"):
            continue
        expected = label(read_policy(item.path).facts, item)
        pd.testing.assert_frame_equal(result.reset_index(drop=True), expected.reset_index(drop=True))
    assert {"retention.period", "sharing.sale"} <= set(results[0]["concept"])


def test_laws_are_refused_by_extract_but_read_by_clauses(tmp_path):
    law = tmp_path / "law.xml"
    law.write_text("<not-formex/>", encoding="utf-8")
    [result] = process_chunk([InputFile(str(law))], Task("facts"))
    assert isinstance(result, FileError) and "privcompare clauses" in result.problem


def test_max_bytes_rejects_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("We keep data for 30 days.\n" * 50_000, encoding="utf-8")  # ~1.3 MB
    small = write_policies(tmp_path, 1) / "p000.txt"
    results = process_chunk([InputFile(str(big)), InputFile(str(small))], Task("clauses", max_bytes=1024 * 1024))
    assert isinstance(results[0], FileError)
    assert "1.2 MB" in results[0].problem and "--max-size" in results[0].problem
    assert isinstance(results[1], pd.DataFrame) and len(results[1])


# ------------------------------------------------------------------ the process pool

def test_jobs_output_is_byte_identical_including_failures(tmp_path):
    folder = write_policies(tmp_path / "in", 40)
    (folder / "p007.txt").write_bytes(b"")
    (folder / "p031.txt").write_bytes(b"\xff\xfe\x00\x00\x00\x01" * 10)
    outs = {}
    for jobs in (1, 2):
        out = tmp_path / f"facts{jobs}.csv"
        assert main(["extract", str(folder), "--out", str(out), "--quiet", "--jobs", str(jobs)]) == 1
        outs[jobs] = out.read_bytes()
    assert outs[1] == outs[2]
    table = pd.read_csv(io.BytesIO(outs[1]))
    assert table["document"].nunique() == 38
    assert list(dict.fromkeys(table["document"])) == sorted(set(table["document"]))  # input order


def _crash_on_marked_files(chunk, task, delay=0.0):
    """A stand-in for process_chunk: a file whose name contains 'crash' kills its worker
    (``delay`` seconds in)."""
    import time

    for item in chunk:
        if "crash" in item.path:
            time.sleep(delay)
            os._exit(3)
    return [item.path for item in chunk]


def test_a_worker_that_dies_costs_only_its_file():
    items = [InputFile(f"f{i}.txt") for i in range(20)]
    items[9] = InputFile("crash-9.txt")
    chunks = list(iter_chunks(items, max_size=4))
    results = [r for chunk in run_chunks(chunks, Task("clauses"), jobs=2, func=_crash_on_marked_files)
               for r in chunk]
    assert len(results) == 20
    assert results[:9] == [f"f{i}.txt" for i in range(9)] and results[10:] == [f"f{i}.txt" for i in range(10, 20)]
    assert isinstance(results[9], FileError) and "worker process died" in results[9].problem


def test_a_worker_dying_while_the_consumer_is_busy_costs_only_its_file():
    # The pool breaks after the first chunk's result was handed out and before the next
    # chunk is submitted (the consumer is slow): submitting must not raise.
    import functools
    import time

    items = [InputFile(f"f{i}.txt") for i in range(12)]
    items[5] = InputFile("crash-5.txt")
    chunks = list(iter_chunks(items, max_size=4))
    results = []
    slow_crash = functools.partial(_crash_on_marked_files, delay=0.5)
    for chunk in run_chunks(chunks, Task("clauses"), jobs=2, in_flight=2, func=slow_crash):
        results.extend(chunk)
        if len(results) == 4:
            time.sleep(2)  # the crash happens now
    assert [r if isinstance(r, str) else "error" for r in results] == [
        f"f{i}.txt" if i != 5 else "error" for i in range(12)]


def test_restarting_a_broken_pool_kills_the_workers_it_leaves():
    # CPython 3.11 can leave a worker that submit started while the pool was breaking;
    # the pool's manager thread then waits for it forever and the interpreter hangs at
    # exit. Stand-in for that worker: a process that would live 60 s, registered with
    # the pool like one of its own.
    import time

    from privcompare.batch import _Pool

    pool = _Pool(1, Task("clauses"), func=_paths)
    assert pool.submit([InputFile("a.txt")]).result() == ["a.txt"]
    old = pool.executor
    leftover = old._mp_context.Process(target=time.sleep, args=(60,))
    leftover.start()
    old._processes[leftover.pid] = leftover
    try:
        pool.restart()
        leftover.join(timeout=10)
        assert not leftover.is_alive()
        assert pool.submit([InputFile("b.txt")]).result() == ["b.txt"]  # the new pool works
    finally:
        if leftover.is_alive():
            leftover.kill()
        pool.close()


def _paths(chunk, task):
    return [item.path for item in chunk]


def test_the_pool_keeps_a_bounded_number_of_chunks_in_flight():
    pulled = []
    lock = threading.Lock()

    def chunks():
        for i in range(30):
            with lock:
                pulled.append(i)
            yield [InputFile(f"f{i}.txt")]

    ahead = []
    seen = []
    for i, result in enumerate(run_chunks(chunks(), Task("clauses"), jobs=2, in_flight=3, func=_paths)):
        with lock:
            ahead.append(len(pulled) - i)
        seen.extend(result)
    assert seen == [f"f{i}.txt" for i in range(30)]
    assert max(ahead) <= 3


# ------------------------------------------------------------------ writers

def test_parquet_file_and_partitions_hold_the_same_table(tmp_path):
    folder = write_policies(tmp_path / "in", 20)
    single, parts, csv = tmp_path / "facts.parquet", tmp_path / "parts", tmp_path / "facts.csv"
    assert main(["extract", str(folder), "--quiet", "--out", str(csv)]) == 0
    assert main(["extract", str(folder), "--quiet", "--format", "parquet", "--out", str(single)]) == 0
    assert main(["extract", str(folder), "--quiet", "--format", "parquet", "--out", f"{parts}/"]) == 0
    names = sorted(p.name for p in parts.iterdir())
    assert names == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]  # chunks of 4, 8, 8
    a, b = pd.read_parquet(single), pd.read_parquet(parts)
    pd.testing.assert_frame_equal(a, b)
    c = pd.read_csv(csv, keep_default_na=False, dtype={"value": str, "qualifier": str})
    assert a["evidence"].tolist() == c["evidence"].tolist() and len(a) == len(c) > 0


def test_partition_folder_with_old_parts_is_refused(tmp_path, capsys):
    folder = write_policies(tmp_path / "in", 1)
    parts = tmp_path / "parts"
    parts.mkdir()
    (parts / "part-00000.parquet").write_bytes(b"old")
    assert main(["clauses", str(folder), "--format", "parquet", "--out", f"{parts}/"]) == 2
    assert "part-*.parquet" in capsys.readouterr().err


def test_an_all_empty_first_chunk_does_not_fix_the_parquet_types(tmp_path):
    out = tmp_path / "t.parquet"
    empty = pd.DataFrame({"value": pd.Series([], dtype=object), "number": pd.Series([], dtype=float)})
    with TableWriter("parquet", str(out)) as writer:
        writer.write(empty)
        writer.write(pd.DataFrame({"value": ["PayPal"], "number": [1.0]}))
    assert pd.read_parquet(out)["value"].tolist() == ["PayPal"]


def test_max_size_option_and_its_usage_error(tmp_path, capsys):
    folder = write_policies(tmp_path, 2)
    (folder / "big.txt").write_text("We keep data for 30 days.\n" * 30_000, encoding="utf-8")  # 0.8 MB
    assert main(["clauses", str(folder), "--quiet", "--max-size", "0.5", "--out", str(tmp_path / "c.csv")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "big.txt" in err[0] and "0.5 MB limit" in err[0]
    with pytest.raises(SystemExit) as exc:
        main(["clauses", str(folder), "--max-size", "-3"])
    assert exc.value.code == 2
