"""The ``privcompare`` command line.

Commands::

    privcompare clauses PATH... [--format csv|json|parquet] [--out FILE|DIR/]
    privcompare extract PATH... [--format csv|json|parquet] [--out FILE|DIR/]
    privcompare report [PATH...] [--jurisdiction ID ...] [--as-of DATE] [--out DIR] [--detail N]

Batch options (every command): ``--jobs N`` worker processes, ``--engine dask
[--scheduler ADDRESS]`` to run on dask.distributed, ``--max-size MB`` to skip
larger files (see :mod:`privcompare.batch` and ``docs/scaling.md``).

Errors are one line on stderr and a non-zero exit status, never a traceback.
Exit status: 0 all inputs processed, 1 some inputs could not be read (the others
were processed in full), 2 usage error or nothing could be processed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .errors import PrivcompareError

EXIT_OK, EXIT_SOME_FAILED, EXIT_FAILED = 0, 1, 2
LAW_SUFFIXES = {".xml"}


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be a positive whole number: {value!r}")
    return n


def _positive_float(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        x = 0.0
    if not x > 0 or x == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number: {value!r}")
    return x


def _add_batch_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--recursive", "-r", action="store_true",
                   help="also read the policies in folders' subfolders (sorted; hidden folders and "
                        "links to folders skipped); without it only the files directly in a folder")
    p.add_argument("--jobs", type=_positive_int, default=1, metavar="N",
                   help="worker processes (default: 1); with --engine dask and no --scheduler, "
                        "the workers of the local cluster")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="execution engine: local processes or dask.distributed (default: local)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster "
                        "of --jobs workers); implies --engine dask")
    p.add_argument("--ship-files", action="store_true",
                   help="dask: read files here and send their bytes to the workers (for workers "
                        "that do not share this file system)")
    p.add_argument("--max-size", type=_positive_float, metavar="MB", default=None,
                   help="skip input files larger than this many megabytes (default: 100)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def _add_table_output(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="policy files or folders (laws: .xml or --law)")
    p.add_argument("--format", choices=["csv", "json", "parquet"], default="csv",
                   help="output format (default: csv; json is JSON Lines, one record a line)")
    p.add_argument("--out", metavar="FILE",
                   help="output file (default: standard output; required for parquet); for parquet, "
                        "a folder ending in / gets one part-NNNNN.parquet per chunk of files")
    _add_batch_options(p)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="privcompare",
        description="Privacy policies and data-protection laws as clause tables, facts and gap reports.",
        epilog="Exit status: 0 success; 1 some inputs failed (listed on stderr, the rest processed); 2 error.",
    )
    parser.add_argument("--version", action="version", version=f"privcompare {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("clauses", help="write the clause table of policies or laws",
                       description="Write one row per heading, paragraph or list item (policies) or per "
                                   "article, paragraph and point (laws: .xml Formex files, or --law).")
    _add_table_output(p)
    p.add_argument("--law", action="store_true", help="read plain-text inputs as laws, not policies")
    p.set_defaults(func=_cmd_clauses)

    p = sub.add_parser("extract", help="write the facts each policy states, with evidence",
                       description="Annotate every clause and write one row per fact with its concept, "
                                   "polarity, qualifier, normalised value, evidence and offsets.")
    _add_table_output(p)
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("report", help="write the gap report (HTML, CSV, Excel, Markdown)",
                       description="Compare policies with the requirements of one or more laws and write "
                                   "index.html, coverage.csv, gaps.csv, coverage.xlsx, report.md and errors.csv.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="policy files or folders (default: the bundled data/policies/)")
    p.add_argument("--jurisdiction", "-j", action="append", metavar="ID",
                   help="a catalog id (gdpr, vn-decree-13, vn-pdpl-2025, id-pdp) or the path of your own "
                        "catalog; repeat for several (default: every law in force on --as-of)")
    p.add_argument("--as-of", type=_date, default=None, metavar="DATE", help="date of the analysis (default: today)")
    p.add_argument("--out", default="report", metavar="DIR", help="output folder (default: ./report)")
    p.add_argument("--detail", type=_positive_int, default=None, metavar="N",
                   help="policies shown in detail in index.html and report.md, the first by organisation "
                        "(default: 50); every policy is in coverage.csv, gaps.csv and coverage.xlsx")
    _add_batch_options(p)
    p.set_defaults(func=_cmd_report)
    return parser


def default_policy_dir() -> Path:
    """The bundled ``data/policies/`` folder (from a source checkout), else the current folder."""
    here = Path(__file__).resolve().parent.parent / "data" / "policies"
    return here if here.is_dir() else Path("data/policies")


def _cmd_clauses(args: argparse.Namespace) -> int:
    from .batch import run_table_command

    return run_table_command("clauses", args)


def _cmd_extract(args: argparse.Namespace) -> int:
    from .batch import run_table_command

    return run_table_command("extract", args)


def _cmd_report(args: argparse.Namespace) -> int:
    from .batch import run_report_command

    if not args.paths:
        args.paths = [os.fspath(default_policy_dir())]
    return run_report_command(args)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "scheduler", None):
        args.engine = "dask"
    try:
        return int(args.func(args))
    except PrivcompareError as exc:
        print(f"privcompare: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("privcompare: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # e.g. `privcompare extract ... | head`: not an error worth a traceback
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:
        print(f"privcompare: error: {exc.filename or ''}: {exc.strerror or exc}".replace(": : ", ": "),
              file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
