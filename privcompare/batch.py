"""Batch runs over many input files: clause tables and facts, streamed.

Each input file is processed on its own (read -> clauses -> facts), results are
written as soon as they arrive, and a file that cannot be read becomes one line
on stderr (and a row in the error list) without costing the others.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, Iterator

import pandas as pd

from .errors import InputError, PrivcompareError
from .inputs import LAW_SUFFIXES, FileError, InputFile, collect_inputs  # noqa: F401


def _is_law(item: InputFile, as_law: bool) -> bool:
    return as_law or Path(item.path).suffix.lower() in LAW_SUFFIXES


def process_clauses(item: InputFile, as_law: bool = False) -> pd.DataFrame:
    """The clause table of one input, with the columns ``file`` and ``document`` first."""
    if _is_law(item, as_law):
        from .laws import read_law

        table = read_law(item.path).clauses
    else:
        from .policy import read_policy

        table = read_policy(item.path, **dict(item.metadata)).clauses
    return _label(table, item)


def process_facts(item: InputFile, as_law: bool = False) -> pd.DataFrame:
    """The facts of one policy, with the columns ``file`` and ``document`` first."""
    from .policy import read_policy

    if _is_law(item, False):
        raise InputError("is a law (Formex XML), not a policy: use `privcompare clauses`", item.path)
    return _label(read_policy(item.path, **dict(item.metadata)).facts, item)


def _label(table: pd.DataFrame, item: InputFile) -> pd.DataFrame:
    table = table.copy()
    table.insert(0, "document", item.name)
    table.insert(0, "file", item.path)
    return table


def _safe(func: Callable[[InputFile, bool], pd.DataFrame], item: InputFile, as_law: bool):
    """Run ``func`` on one input; turn expected failures into a FileError."""
    try:
        return func(item, as_law)
    except PrivcompareError as exc:
        problem = str(exc)
        prefix = f"{item.path}: "
        return FileError(item.path, problem[len(prefix):] if problem.startswith(prefix) else problem)
    except (OSError, ValueError, UnicodeError, RecursionError, MemoryError) as exc:
        return FileError(item.path, f"could not be processed ({type(exc).__name__}: {exc})".splitlines()[0])


def _star_safe(job):
    return _safe(*job)


def map_inputs(func, items: list[InputFile], *, as_law: bool = False, jobs: int = 1,
               progress: bool = False) -> Iterator[pd.DataFrame | FileError]:
    """Yield ``func(item)`` (or a :class:`FileError`) for each item, in input order.

    With ``jobs > 1`` the work runs in that many processes; results still
    stream back in order, so memory does not grow with the number of files.
    """
    bar = _progress(len(items), progress)
    work = [(func, item, as_law) for item in items]
    try:
        if jobs <= 1 or len(items) <= 1:
            for job in work:
                yield _star_safe(job)
                bar.update(1)
        else:
            import multiprocessing as mp

            ctx = mp.get_context("forkserver" if sys.platform != "win32" else "spawn")
            with ctx.Pool(jobs) as pool:
                for result in pool.imap(_star_safe, work, chunksize=4):
                    yield result
                    bar.update(1)
    finally:
        bar.close()


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, disable=not enabled, file=sys.stderr, unit="file", leave=False)


class TableWriter:
    """Append DataFrames to one CSV, JSON Lines or Parquet output as they arrive."""

    def __init__(self, fmt: str, out: str | None):
        if fmt == "parquet" and not out:
            raise InputError("parquet output needs --out FILE", path="-")
        self.fmt, self.out = fmt, out
        self.columns: list[str] | None = None
        self._parquet = None
        self._stream = None
        self._header_written = False
        self.rows = 0

    def __enter__(self):
        if self.fmt != "parquet":
            if self.out:
                Path(self.out).parent.mkdir(parents=True, exist_ok=True)
                self._stream = open(self.out, "w", encoding="utf-8", newline="")
            else:
                self._stream = sys.stdout
        return self

    def write(self, table: pd.DataFrame) -> None:
        if self.columns is None:
            self.columns = list(table.columns)
        elif list(table.columns) != self.columns:
            raise PrivcompareError("laws and policies have different columns: write them to separate outputs")
        if self.fmt == "csv":
            table.to_csv(self._stream, index=False, header=not self._header_written)
            self._header_written = True
        elif self.fmt == "json":
            if len(table):  # JSON Lines: pandas ends the last record with a newline
                table.to_json(self._stream, orient="records", lines=True, force_ascii=False)
        else:
            self._write_parquet(table)
        self.rows += len(table)

    def _write_parquet(self, table: pd.DataFrame) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            from .errors import MissingDependencyError

            raise MissingDependencyError("writing Parquet", "pyarrow", "parquet") from None
        arrow = pa.Table.from_pandas(table, preserve_index=False)
        if self._parquet is None:
            Path(self.out).parent.mkdir(parents=True, exist_ok=True)
            self._parquet = pq.ParquetWriter(self.out, arrow.schema)
        self._parquet.write_table(arrow.cast(self._parquet.schema))

    def __exit__(self, *exc):
        if self._parquet is not None:
            self._parquet.close()
        if self._stream is not None and self._stream is not sys.stdout:
            self._stream.close()
        elif self._stream is sys.stdout:
            sys.stdout.flush()
        return False


def report_errors(errors: list[FileError]) -> None:
    for err in errors:
        print(f"privcompare: {err.line()}", file=sys.stderr)


def run_table_command(kind: str, args: argparse.Namespace) -> int:
    """Body of ``privcompare clauses`` and ``privcompare extract``."""
    from .cli import EXIT_FAILED, EXIT_OK, EXIT_SOME_FAILED

    items, errors = collect_inputs(args.paths)
    report_errors(errors)
    func = process_clauses if kind == "clauses" else process_facts
    done = 0
    with TableWriter(args.format, args.out) as writer:
        for result in map_inputs(func, items, as_law=getattr(args, "law", False), jobs=args.jobs,
                                 progress=not args.quiet and args.out is not None):
            if isinstance(result, FileError):
                errors.append(result)
                report_errors([result])
            else:
                writer.write(result)
                done += 1
    if done == 0:
        return EXIT_FAILED
    return EXIT_SOME_FAILED if errors else EXIT_OK


def run_report_command(args: argparse.Namespace) -> int:
    """Body of ``privcompare report``."""
    from .cli import EXIT_FAILED, EXIT_OK, EXIT_SOME_FAILED
    from .report import build_and_write

    result = build_and_write(args.paths, args.out, jurisdictions=args.jurisdiction, as_of=args.as_of,
                             progress=not args.quiet)
    print(f"privcompare: wrote {args.out}/index.html ({result.n_policies} policies, "
          f"{result.n_errors} unreadable)", file=sys.stderr)
    if result.n_policies == 0:
        return EXIT_FAILED
    return EXIT_SOME_FAILED if result.n_errors else EXIT_OK
