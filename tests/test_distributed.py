"""privcompare.distributed: the dask engine gives the local engine's facts and clauses."""
from __future__ import annotations

import logging

import pandas as pd
import pytest

distributed = pytest.importorskip(
    "distributed", reason="dask.distributed is not installed (pip install 'privcompare[dask]')")

from privcompare.batch import FileError, InputFile, Task, iter_chunks, iter_inputs, run_chunks  # noqa: E402
from privcompare.cli import main  # noqa: E402
from privcompare.distributed import run_chunks_dask  # noqa: E402

from test_batch import write_policies  # noqa: E402


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def corpus(tmp_path):
    folder = write_policies(tmp_path / "in", 30)
    (folder / "p004.txt").write_bytes(b"")                    # empty
    (folder / "p017.txt").write_bytes(b"\x00\x01\x02" * 100)  # binary
    return folder


def flatten(chunks):
    return [r for chunk in chunks for r in chunk]


def assert_same(local, remote):
    assert len(local) == len(remote)
    for a, b in zip(local, remote):
        if isinstance(a, FileError):
            assert a == b
        else:
            pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


@pytest.mark.parametrize("kind", ["facts", "clauses"])
def test_dask_gives_the_local_results(scheduler, corpus, kind):
    task = Task(kind)
    local = flatten(run_chunks(iter_chunks(iter_inputs([corpus])), task))
    remote = flatten(run_chunks_dask(iter_chunks(iter_inputs([corpus])), task, scheduler=scheduler))
    assert_same(local, remote)
    assert sum(isinstance(r, FileError) for r in remote) == 2


def test_shipped_bytes_give_the_same_results_and_name_the_original_file(scheduler, corpus):
    task = Task("facts")
    local = flatten(run_chunks(iter_chunks(iter_inputs([corpus])), task))
    shipped = flatten(run_chunks_dask(iter_chunks(iter_inputs([corpus])), task, scheduler=scheduler,
                                      ship_bytes=True))
    assert_same(local, shipped)
    assert [e.path for e in shipped if isinstance(e, FileError)] == [str(corpus / "p004.txt"),
                                                                      str(corpus / "p017.txt")]


def test_results_come_back_in_order_with_a_bounded_window(scheduler):
    pulled = []

    def chunks():
        for i in range(24):
            pulled.append(i)
            yield [FileError(f"f{i}.txt", "stand-in")]

    ahead, seen = [], []
    for i, chunk in enumerate(run_chunks_dask(chunks(), Task("clauses"), scheduler=scheduler, in_flight=3)):
        ahead.append(len(pulled) - i)
        seen += [e.path for e in chunk]
    assert seen == [f"f{i}.txt" for i in range(24)]
    assert max(ahead) <= 3


def test_cli_dask_engine_writes_the_local_bytes_and_parquet_parts(tmp_path, corpus, scheduler, capsys):
    local, local_parts = tmp_path / "local.csv", tmp_path / "local-parts"
    assert main(["extract", str(corpus), "--quiet", "--out", str(local)]) == 1
    assert main(["extract", str(corpus), "--quiet", "--format", "parquet", "--out", f"{local_parts}/"]) == 1
    # its own LocalCluster of 2 workers (no --scheduler)
    remote = tmp_path / "dask.csv"
    assert main(["extract", str(corpus), "--quiet", "--engine", "dask", "--jobs", "2", "--out", str(remote)]) == 1
    assert remote.read_bytes() == local.read_bytes()
    # a running scheduler, Parquet partitions
    parts = tmp_path / "dask-parts"
    assert main(["extract", str(corpus), "--quiet", "--scheduler", scheduler, "--format", "parquet",
                 "--out", f"{parts}/"]) == 1
    assert sorted(p.name for p in parts.iterdir()) == sorted(p.name for p in local_parts.iterdir())
    pd.testing.assert_frame_equal(pd.read_parquet(parts), pd.read_parquet(local_parts))
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 4 * 2 and all(line.startswith("privcompare: ") for line in err)
    assert "Traceback" not in "\n".join(err)


def test_an_empty_run_starts_no_cluster():
    assert list(run_chunks_dask(iter([]), Task("facts"), scheduler="tcp://127.0.0.1:9")) == []


def test_unknown_item_type_in_chunk_is_an_error_not_a_crash(scheduler, tmp_path):
    f = tmp_path / "x.docx"
    f.write_bytes(b"PK\x03\x04 not really a docx")
    [result] = flatten(run_chunks_dask([[InputFile(str(f))]], Task("clauses"), scheduler=scheduler))
    assert isinstance(result, FileError) and result.path == str(f)


def test_a_worker_with_another_privcompare_is_refused_in_one_line(scheduler, monkeypatch, tmp_path, capsys):
    import privcompare

    monkeypatch.setattr(privcompare, "__version__", "0.0.0-client")
    f = write_policies(tmp_path, 1) / "p000.txt"
    assert main(["clauses", str(f), "--scheduler", scheduler, "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "runs privcompare" in err[0] and "0.0.0-client" in err[0]


def test_report_on_dask_writes_the_local_report_files(tmp_path, corpus, scheduler):
    from privcompare.report import REPORT_FILES

    files = {}
    for name, engine in {"local": [], "dask": ["--scheduler", scheduler]}.items():
        out = tmp_path / name
        assert main(["report", str(corpus), "--out", str(out), "--as-of", "2026-11-23", "-j", "gdpr",
                     "--detail", "6", "--quiet", *engine]) == 1
        files[name] = {f: (out / f).read_bytes() for f in REPORT_FILES}
    assert files["dask"] == files["local"]
    assert b"This report covers 28 policies" in files["dask"]["index.html"]  # 30 files, 2 unreadable
    assert files["dask"]["errors.csv"].count(b"\n") == 3
