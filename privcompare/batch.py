"""Batch runs over any number of input files: clause tables and facts, streamed.

The work is cut into *chunks* of files (4, 8, 16, 32, then 64 files each). A
chunk is read and structured file by file, then annotated in one
``nlp.pipe`` stream (:func:`privcompare.annotate.annotate_many`), and its
results are written before the next chunks are taken, so memory stays flat
however many files there are:

- ``--jobs 1``: chunks run in this process;
- ``--jobs N``: chunks run in N worker processes (each builds the spaCy
  pipeline once), at most ``2 * N`` chunks in flight, results written in
  input order, so the output is byte-identical to ``--jobs 1``;
- ``--engine dask``: the same chunks on dask.distributed
  (:mod:`privcompare.distributed`).

A file that cannot be processed becomes one :class:`FileError` (one line on
stderr) and costs nothing else: every stage runs inside a per-file guard, a
chunk whose shared annotation stream fails is redone file by file, and a
worker process that dies is replaced and its chunk retried one file at a time.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Privacy Policy\\nWe do not sell your data.", encoding="utf-8")
>>> chunks = iter_chunks(iter_inputs([d, d / "missing.txt"]))
>>> results = [r for chunk in run_chunks(chunks, Task("facts")) for r in chunk]
>>> [type(r).__name__ for r in results]
['DataFrame', 'FileError']
"""
from __future__ import annotations

import argparse
import itertools
import os
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from .errors import InputError, PrivcompareError
from .ingest import DEFAULT_MAX_BYTES
from .output import TableWriter, arrow_schema, is_partitioned  # noqa: F401  (public via batch)
from .inputs import (LAW_SUFFIXES, POLICY_SUFFIXES, FileError, InputFile,  # noqa: F401
                     collect_inputs, iter_inputs)

MB = 1024 * 1024
#: Default ``--max-size`` (ingest's limit, 100 MB): larger files are reported, not read.
DEFAULT_MAX_MB = DEFAULT_MAX_BYTES // MB
#: Chunk sizes ramp up to this: small runs still spread over all workers,
#: large runs get long ``nlp.pipe`` streams and few round trips.
MAX_CHUNK = 64
FIRST_CHUNK = 4


@dataclass(frozen=True)
class Task:
    """What to compute for each file: ``kind`` is ``"clauses"``, ``"facts"`` (labelled
    tables) or ``"policies"`` (:class:`~privcompare.Policy` objects with their
    clauses and facts computed; ``privcompare report`` scores them in the worker,
    :class:`privcompare.report.stream.ChunkScorer`).

    ``as_law`` reads plain-text inputs as laws (``clauses`` only; ``.xml`` files
    are always laws); ``max_bytes`` rejects larger files before reading them.

    >>> Task("facts").max_bytes == DEFAULT_MAX_MB * MB
    True
    """

    kind: str = "facts"
    as_law: bool = False
    max_bytes: int | None = DEFAULT_MAX_MB * MB

    def __post_init__(self):
        if self.kind not in ("clauses", "facts", "policies"):
            raise ValueError(f"unknown task kind {self.kind!r}")


def iter_chunks(items: Iterable[InputFile | FileError], max_size: int = MAX_CHUNK,
                first_size: int = FIRST_CHUNK) -> Iterator[list[InputFile | FileError]]:
    """Group a stream of inputs into lists of 4, 8, 16, 32, then ``max_size`` items.

    The sizes do not depend on ``--jobs`` or the engine, so every engine writes
    the same chunks (and Parquet partitions).

    >>> [len(c) for c in iter_chunks(range(100))]
    [4, 8, 16, 32, 40]
    """
    it = iter(items)
    size = min(first_size, max_size)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk
        size = min(size * 2, max_size)


# ---------------------------------------------------------------- work on one chunk

def _is_law(item: InputFile, as_law: bool) -> bool:
    return as_law or Path(item.path).suffix.lower() in LAW_SUFFIXES


def _check_size(item: InputFile, max_bytes: int | None, read_path: str | None = None) -> None:
    if max_bytes is None:
        return
    size = os.path.getsize(read_path or item.path)
    if size > max_bytes:
        raise InputError(f"file is {size / MB:.1f} MB, larger than the {max_bytes / MB:g} MB limit "
                         "(raise it with --max-size MB)", item.path)


def _read(item: InputFile, task: Task, read_path: str | None = None):
    """A Policy or Law for one input (read and structured), or raise."""
    path = read_path or item.path
    _check_size(item, task.max_bytes, path)
    if _is_law(item, task.as_law):
        if task.kind != "clauses":
            raise InputError("is a law (Formex XML), not a policy: use `privcompare clauses`", item.path)
        from .laws import read_law

        return read_law(path)
    from .ingest.language import not_english_problem
    from .policy import read_policy

    policy = read_policy(path, name=Path(item.path).stem, max_bytes=task.max_bytes, **dict(item.metadata))
    if task.kind != "clauses":  # a clause table is built in any language; facts need English
        problem = not_english_problem(policy.text)
        if problem:
            raise InputError(problem, item.path)
    return policy


def file_error(item: InputFile, exc: BaseException, read_path: str | None = None) -> FileError:
    """The one-line :class:`FileError` for an exception raised while processing ``item``.

    >>> file_error(InputFile("a.txt"), InputError("empty file", "a.txt")).line()
    'a.txt: empty file'
    >>> file_error(InputFile("b.txt"), RecursionError("too deep")).line()
    'b.txt: could not be processed (RecursionError: too deep)'
    """
    if isinstance(exc, PrivcompareError):
        problem = getattr(exc, "problem", None) or str(exc)
        for prefix in {f"{item.path}: ", f"{read_path}: "}:
            if problem.startswith(prefix):
                problem = problem[len(prefix):]
    else:
        problem = f"could not be processed ({type(exc).__name__}: {_first_sentence(str(exc))})"
    if read_path:
        problem = problem.replace(read_path, item.path)
    return FileError(item.path, " ".join(str(problem).split()) or type(exc).__name__)


def printable(text: str) -> str:
    """``text`` safe to print or write as UTF-8 on one line.

    File names may hold newlines, control characters or bytes that are not
    UTF-8 (kept by Python as lone surrogates, which no UTF-8 writer accepts);
    these are shown as backslash escapes.

    >>> printable("bad\\nname\\udce9.txt")
    'bad\\\\nname\\\\xe9.txt'
    >>> printable("Chính sách.txt")
    'Chính sách.txt'
    """
    if text.isprintable():
        return text
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _first_sentence(message: str, limit: int = 160) -> str:
    """A long library message cut to its first sentence (spaCy's E088 is a paragraph)."""
    message = " ".join(message.split())
    if len(message) <= limit:
        return message
    end = message.find(". ", 20)
    return message[: end + 1] if 0 < end < limit else message[: limit - 3] + "..."


def label(table: pd.DataFrame, item: InputFile) -> pd.DataFrame:
    """``table`` with the columns ``file`` and ``document`` (the file's stem) first."""
    table = table.copy()
    table.insert(0, "document", printable(item.name))
    table.insert(0, "file", printable(item.path))
    return table


def process_chunk(entries: list, task: Task) -> list:
    """Results for one chunk, in order: a labelled DataFrame or a :class:`FileError` each.

    ``entries`` are :class:`InputFile` / :class:`FileError` items, or
    ``(InputFile, bytes)`` pairs whose bytes were read elsewhere (the dask
    engine ships them to workers that do not share the file system).
    Facts of the whole chunk are annotated in one ``nlp.pipe`` stream.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "p.txt"
    >>> _ = f.write_text("Contact privacy@example.com", encoding="utf-8")
    >>> [r["value"].tolist() for r in process_chunk([InputFile(str(f))], Task("facts"))]
    [['privacy@example.com']]
    """
    import contextlib
    import tempfile

    results: list = [None] * len(entries)
    docs: list = []  # (index, item, document) for the files read and structured
    shipped = any(isinstance(e, tuple) for e in entries)
    with (tempfile.TemporaryDirectory(prefix="privcompare-") if shipped
          else contextlib.nullcontext()) as tmp:
        for i, entry in enumerate(entries):
            if isinstance(entry, FileError):
                results[i] = entry
                continue
            item, payload = entry if isinstance(entry, tuple) else (entry, None)
            read_path = None
            try:
                if payload is not None:
                    read_path = os.path.join(tmp, f"{i}{Path(item.path).suffix}")
                    with open(read_path, "wb") as fh:
                        fh.write(payload)
                doc = _read(item, task, read_path)
                doc.clauses  # noqa: B018 - structure now, inside the guard
            except Exception as exc:  # noqa: BLE001 - one bad file must not cost the others
                results[i] = file_error(item, exc, read_path)
                continue
            if task.kind == "clauses":
                results[i] = label(doc.clauses, item)
            else:
                docs.append((i, item, doc))
    if docs:
        for (i, item, doc), facts in zip(docs, _annotate_all([d.clauses for _, _, d in docs], docs)):
            if isinstance(facts, FileError):
                results[i] = facts
            elif task.kind == "policies":
                doc.facts = facts  # fills the cached property: the report will not annotate again
                results[i] = doc
            else:
                results[i] = label(facts, item)
    return results


def _annotate_all(tables: list[pd.DataFrame], docs: list) -> list:
    """Facts of many clause tables in one stream; on failure, file by file to isolate it."""
    from .annotate import annotate_many

    try:
        return list(annotate_many(tables))
    except Exception:  # noqa: BLE001 - find the one table that breaks the stream
        out = []
        for table, (_, item, _) in zip(tables, docs):
            try:
                out.append(next(annotate_many([table])))
            except Exception as exc:  # noqa: BLE001
                out.append(file_error(item, exc))
        return out


# ---------------------------------------------------------------- local engine

def quiet_library_logs() -> None:
    """Keep libraries' log warnings (e.g. pypdf's "EOF marker not found") off stderr.

    Without a handler, Python prints WARNING records of any library to stderr;
    a bad file must give exactly one line, which the batch prints itself.
    """
    import logging

    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())


def _init_worker(task: Task) -> None:
    """Process-pool initializer: build the spaCy pipeline once per worker; Ctrl-C is the parent's."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    quiet_library_logs()
    if task.kind == "facts":
        from .annotate import get_pipeline

        get_pipeline()


class _Pool:
    """A process pool that survives a worker dying (it is replaced, not hung on)."""

    def __init__(self, jobs: int, task: Task, func=process_chunk):
        self.jobs, self.task, self.func = jobs, task, func
        self.executor = self._new()

    def _new(self):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        # forkserver/spawn: workers start clean (no copied threads or locks of the parent).
        # The fork server imports privcompare and spaCy once (~2 s); each worker forked
        # from it then only builds the pipeline (~0.4 s) and shares the imported pages.
        ctx = mp.get_context("forkserver" if sys.platform != "win32" else "spawn")
        if sys.platform != "win32":
            preload = ["privcompare.batch"] + (["privcompare.annotate"] if self.task.kind != "clauses" else [])
            module = getattr(self.func, "__module__", None) or type(self.func).__module__
            ctx.set_forkserver_preload(preload + ([module] if module.startswith("privcompare.") else []))
        return ProcessPoolExecutor(self.jobs, mp_context=ctx, initializer=_init_worker,
                                   initargs=(self.task,))

    def submit(self, chunk: list):
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.executor.submit(self.func, chunk, self.task)
        except BrokenProcessPool as exc:
            # A worker died on another chunk since the last result came back (the caller
            # was busy in between): the pool refuses new work. Hand back a failed future,
            # so this chunk is redone like every other chunk the broken pool lost.
            lost: Future = Future()
            lost.set_exception(exc)
            return lost

    def restart(self) -> None:
        _retire(self.executor)
        self.executor = self._new()

    def isolate(self, chunk: list) -> list:
        """Redo a chunk one file at a time; a file that kills its worker becomes a FileError."""
        from concurrent.futures.process import BrokenProcessPool

        out = []
        for entry in chunk:
            try:
                out.extend(self.submit([entry]).result())
            except BrokenProcessPool:
                self.restart()
                item = entry[0] if isinstance(entry, tuple) else entry
                out.append(FileError(item.path, "could not be processed (the worker process died, "
                                                "e.g. out of memory)"))
        return out

    def close(self, cancel: bool = False) -> None:
        self.executor.shutdown(wait=not cancel, cancel_futures=cancel)


def _retire(executor) -> None:
    """Shut a broken pool down and kill what is left of its workers.

    CPython 3.11 can leave one worker alive in a broken pool: ``submit`` may start a
    new worker while the pool's manager thread is terminating the others, and the
    manager then waits for it forever, so the interpreter hangs at exit (seen once
    in the test suite). Killing the workers still alive ends that wait.
    """
    processes = dict(getattr(executor, "_processes", None) or {})  # shutdown() drops the attribute
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes.values():
        if process.is_alive():
            process.kill()


def run_chunks(chunks: Iterable[list], task: Task, jobs: int = 1, in_flight: int | None = None,
               func=process_chunk) -> Iterator[list]:
    """Yield :func:`process_chunk` results for each chunk, in input order (local engine).

    With ``jobs > 1`` chunks run in ``jobs`` processes with at most ``in_flight``
    (default ``2 * jobs``) chunks submitted and not yet yielded, so neither the
    queue of work nor the finished results can pile up in memory. ``func``
    (default :func:`process_chunk`) must be a picklable module-level function.

    >>> list(run_chunks([[FileError("x", "bad")]], Task("clauses")))
    [[FileError(path='x', problem='bad')]]
    """
    if jobs <= 1:
        for chunk in chunks:
            yield func(chunk, task)
        return
    from concurrent.futures.process import BrokenProcessPool

    window = in_flight or 2 * jobs
    chunks = iter(chunks)
    pool = _Pool(jobs, task, func)
    pending: deque = deque()
    finished = False
    try:
        for chunk in itertools.islice(chunks, window):
            pending.append((chunk, pool.submit(chunk)))
        while pending:
            chunk, future = pending.popleft()
            try:
                result = future.result()
            except BrokenProcessPool:
                # Some chunk killed a worker; every future of the pool is lost. Redo this
                # chunk file by file (finding the culprit if it is here), resubmit the rest.
                pool.restart()
                result = pool.isolate(chunk)
                pending = deque((c, pool.submit(c)) for c, _ in pending)
            yield result
            for nxt in itertools.islice(chunks, 1):
                pending.append((nxt, pool.submit(nxt)))
        finished = True
    finally:
        pool.close(cancel=not finished)


# ---------------------------------------------------------------- commands

def report_errors(errors: list[FileError]) -> None:
    """Print each error as one ``privcompare: FILE: PROBLEM`` line on stderr."""
    for err in errors:
        print(f"privcompare: {printable(err.line())}", file=sys.stderr)


def max_bytes_of(args: argparse.Namespace) -> int:
    """``--max-size`` in bytes (default :data:`DEFAULT_MAX_MB`)."""
    mb = getattr(args, "max_size", None) or DEFAULT_MAX_MB
    return int(mb * MB)


def run_engine(chunks: Iterable[list], task: Task, args: argparse.Namespace,
               func=process_chunk) -> Iterator[list]:
    """Chunk results from the engine ``args`` asks for (local processes or dask).

    ``func(chunk, task)`` is what runs on each chunk (default :func:`process_chunk`).
    """
    if getattr(args, "engine", "local") == "dask":
        from .distributed import run_chunks_dask

        return run_chunks_dask(chunks, task, workers=args.jobs, scheduler=args.scheduler,
                               ship_bytes=getattr(args, "ship_files", False), func=func)
    return run_chunks(chunks, task, jobs=args.jobs, func=func)


@dataclass
class BatchSummary:
    """Counts of a batch run: files written, files failed, rows written."""

    done: int = 0
    failed: int = 0
    rows: int = 0


def run_batch(kind: str, paths: Iterable[str | os.PathLike], writer: TableWriter, args: argparse.Namespace,
              on_error=None) -> BatchSummary:
    """Stream every input under ``paths`` through ``kind`` and into ``writer``.

    ``on_error(FileError)`` is called for each failed input (default: one line on stderr).
    """
    from tqdm import tqdm

    on_error = on_error or (lambda err: report_errors([err]))
    quiet_library_logs()
    task = Task(kind, as_law=bool(getattr(args, "law", False)), max_bytes=max_bytes_of(args))
    summary = BatchSummary()
    show = not getattr(args, "quiet", False) and getattr(writer, "out", None) is not None
    with tqdm(disable=not show, file=sys.stderr, unit="file", leave=False) as bar:
        inputs = iter_inputs(paths, recursive=bool(getattr(args, "recursive", False)))
        for results in run_engine(iter_chunks(inputs), task, args):
            tables = []
            for result in results:
                if isinstance(result, FileError):
                    summary.failed += 1
                    on_error(result)
                else:
                    tables.append(result)
            writer.write_chunk(tables)
            summary.done += len(tables)
            summary.rows += sum(len(t) for t in tables)
            bar.update(len(results))
    return summary


def run_table_command(kind: str, args: argparse.Namespace) -> int:
    """Body of ``privcompare clauses`` and ``privcompare extract``; returns the exit status."""
    from .cli import EXIT_FAILED, EXIT_OK, EXIT_SOME_FAILED

    with TableWriter(args.format, args.out) as writer:
        summary = run_batch("clauses" if kind == "clauses" else "facts", args.paths, writer, args)
    if summary.done == 0:
        return EXIT_FAILED
    return EXIT_SOME_FAILED if summary.failed else EXIT_OK


def unique_name(path: str, used: set[str]) -> str:
    """The policy name for ``path``: its stem, or a longer form if another policy has it.

    >>> used = set()
    >>> [unique_name(p, used) for p in ["eu/policy.txt", "asia/policy.txt", "asia/policy.md"]]
    ['policy', 'policy.txt', 'policy.md']
    """
    p = Path(path)
    for candidate in (p.stem, p.name, f"{p.parent.name}/{p.name}", os.fspath(p)):
        if candidate not in used:
            used.add(candidate)
            return candidate
    return os.fspath(p)


def run_report_command(args: argparse.Namespace) -> int:
    """Body of ``privcompare report``: the streamed report of :mod:`privcompare.report.stream`.

    Policies are read, structured, annotated *and scored* chunk by chunk by the
    batch engine (``--jobs``, ``--engine dask``, ``--max-size``); each unreadable
    file is one line on stderr and a row of ``errors.csv``. Memory does not grow
    with the number of policies: ``index.html`` and ``report.md`` show the first
    ``--detail`` policies in detail, the CSV and Excel files hold every row
    (see ``docs/scaling.md``).
    """
    from tqdm import tqdm

    from .cli import EXIT_FAILED, EXIT_OK, EXIT_SOME_FAILED
    from .report.stream import DETAIL_POLICIES, StreamingReport

    quiet_library_logs()
    task = Task("policies", max_bytes=max_bytes_of(args))
    items = iter_inputs(args.paths, suffixes=POLICY_SUFFIXES, recursive=bool(getattr(args, "recursive", False)))
    with StreamingReport(args.out, jurisdictions=args.jurisdiction, as_of=args.as_of,
                         detail=getattr(args, "detail", None) or DETAIL_POLICIES) as report:
        with tqdm(disable=args.quiet, file=sys.stderr, desc="reading", unit="file", leave=False) as bar:
            for results in run_engine(iter_chunks(items), task, args, func=report.scorer()):
                for result in results:
                    if isinstance(result, FileError):
                        report_errors([result])
                    report.add(result)
                bar.update(len(results))
        result = report.finish(progress=not args.quiet)
    print(f"privcompare: wrote {printable(os.fspath(Path(args.out) / 'index.html'))} "
          f"({result.n_policies} policies"
          + (f", {result.n_errors} left out: see errors.csv)" if result.n_errors else ")"), file=sys.stderr)
    if result.n_policies == 0:
        return EXIT_FAILED
    return EXIT_SOME_FAILED if result.n_errors else EXIT_OK
