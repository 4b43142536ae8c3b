"""Throughput benchmark: `privcompare extract` over a synthetic sector of policies.

Run from the repository root (it is heavy: run it niced, on an otherwise idle machine)::

    nice python benchmarks/throughput.py [--n 2000] [--memory-sizes 1000,10000]
                                         [--report-sizes 1000,10000] [--report-only] [--no-write]

The corpus is synthetic, built only from text the project ships: the bundled
policies (``data/policies/*.txt``) and the test fixtures (``tests/fixtures/**``).
Their lines are shuffled (seeded) into GoPPC-sized policies of ~4,000 words:
numbered section headings, each followed by paragraphs, written to a temporary
folder. Measured, each as a separate ``python -m privcompare.cli extract`` run
writing CSV:

* policies/s and words/s for ``--jobs 1``, ``--jobs 2`` and ``--engine dask --jobs 2``
  (a LocalCluster of 2 single-threaded workers), with peak RSS of the command
  and all its child processes (sampled every 0.1 s with psutil);
* the same texts tokenised by ``spacy.blank("en")`` on one core (the floor any
  spaCy pipeline pays), and the one-core extract speed as a share of it;
* peak RSS of ``--jobs 1`` on ``--memory-sizes`` policies (default 1,000 and
  10,000), to show that memory does not grow with the number of files;
* peak RSS of ``privcompare report --jobs 1`` on ``--report-sizes`` policies
  (default 1,000 and 10,000): the streamed report must stay as flat as extract
  (``--report-only`` runs just this and prints it, leaving docs/benchmarks.md alone).

Results go to ``docs/benchmarks.md`` under "## Throughput"; other sections of
that file are kept. ``--profile`` adds the top cProfile entries of one-core
extraction (to tell batch overhead from annotation cost).
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import os
import platform
import pstats
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from _common import cpu_model, write_section  # noqa: E402  (benchmarks/ is the script folder)

HEADING = "## Throughput"
TARGETS = {"one_core_policies_per_s": 30.0, "blank_ratio": 0.4, "speedup_2": 1.7, "memory_ratio": 1.2,
           "report_memory_ratio": 1.2}
WORDS_PER_POLICY = 4000


# ------------------------------------------------------------------ corpus

def source_lines() -> tuple[list[str], list[str]]:
    """(paragraphs, heading-like lines) from the bundled policies and test fixtures."""
    from privcompare.errors import PrivcompareError
    from privcompare.ingest import read_document

    files = sorted((REPO / "data" / "policies").glob("*.txt"))
    files += sorted(p for p in (REPO / "tests" / "fixtures").rglob("*")
                    if p.is_file() and p.suffix.lower() in {".txt", ".md", ".html", ".htm"})
    paragraphs, headings = [], []
    for path in files:
        try:
            text = read_document(path).text
        except PrivcompareError:
            continue  # fixtures include deliberately broken files
        for line in text.splitlines():
            line = re.sub(r"^\s*(?:[-*•]|\(?\w{1,3}[.)])\s+", "", line).strip()
            words = len(line.split())
            if words >= 8:
                paragraphs.append(line)
            elif 1 <= words <= 6 and line[:1].isupper() and not line.endswith((".", ",", ";", ":")):
                headings.append(line)
    if not paragraphs:
        raise SystemExit("no source text found in data/policies/ or tests/fixtures/")
    return paragraphs, headings or ["General"]


def make_policy(rng: random.Random, paragraphs: list[str], headings: list[str]) -> tuple[str, int]:
    """One synthetic policy of ~4,000 words: title, numbered sections of 3-8 paragraphs."""
    out = ["Privacy Policy", ""]
    words, section = 0, 0
    while words < WORDS_PER_POLICY:
        section += 1
        out.append(f"{section}. {rng.choice(headings)}")
        for _ in range(rng.randint(3, 8)):
            para = rng.choice(paragraphs)
            out.append(para)
            words += len(para.split())
        out.append("")
    return "\n".join(out) + "\n", words


def build_corpus(folder: Path, n: int, seed: int = 13) -> int:
    """Write ``n`` policies to ``folder``; return their total number of words."""
    paragraphs, headings = source_lines()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        text, words = make_policy(rng, paragraphs, headings)
        path = folder / f"policy-{i:06d}.txt"
        # a corpus kept with --keep is not rewritten (same seed, same text): writing
        # 10,000 files again would leave the disk busy during the first timed run
        if not (path.exists() and path.stat().st_size == len(text.encode("utf-8"))):
            path.write_text(text, encoding="utf-8")
        total += words
    return total


def subset(source: Path, folder: Path, n: int) -> Path:
    """A folder with the first ``n`` policies of ``source`` (hard links: no extra disk)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.iterdir())[:n]:
        target = folder / path.name
        if target.exists():  # a corpus kept from an earlier run (--keep)
            continue
        try:
            os.link(path, target)
        except OSError:
            shutil.copyfile(path, target)
    return folder


def count_words(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in folder.iterdir())


# ------------------------------------------------------------------ measuring

class PeakRSS(threading.Thread):
    """Sample the RSS (peak of the sum) and CPU time (last sample of each process) of a
    process and all its descendants every ``interval`` seconds."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.cpu: dict = {}  # (pid, start time) -> CPU seconds at the last sample
        self._stop_event = threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop_event.is_set():
            total = 0
            try:
                procs = [root] + root.children(recursive=True)
            except psutil.NoSuchProcess:
                break
            for proc in procs:
                try:
                    total += proc.memory_info().rss
                    times = proc.cpu_times()
                    self.cpu[(proc.pid, proc.create_time())] = times.user + times.system
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    pass
            self.peak = max(self.peak, total)
            self._stop_event.wait(self.interval)

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak


def _timed(cmd: list[str]) -> dict:
    """Run one privcompare command; return its seconds, peak RSS and CPU seconds."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO)
    sampler = PeakRSS(proc.pid)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    peak = sampler.stop()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    # CPU seconds of the command and all its workers (sampled: up to 0.1 s short per process);
    # on a busy machine wall-clock speed-ups understate what the run would get alone.
    return {"seconds": seconds, "peak_rss": peak, "cpu": sum(sampler.cpu.values())}


def run_extract(folder: Path, out: Path, *extra: str) -> dict:
    """Time one ``privcompare extract`` run; return seconds, peak RSS, CPU seconds, rows written."""
    run = _timed([sys.executable, "-m", "privcompare.cli", "extract", str(folder), "--out", str(out),
                  "--quiet", *extra])
    with open(out, encoding="utf-8") as fh:
        run["rows"] = sum(1 for _ in fh) - 1
    return run


def run_report(folder: Path, out: Path, *extra: str) -> dict:
    """Time one ``privcompare report`` run (the streamed report); return seconds, peak RSS,
    CPU seconds and the coverage rows written."""
    shutil.rmtree(out, ignore_errors=True)
    run = _timed([sys.executable, "-m", "privcompare.cli", "report", str(folder), "--out", str(out),
                  "--quiet", "--as-of", "2026-11-23", *extra])
    with open(out / "coverage.csv", encoding="utf-8") as fh:
        run["rows"] = sum(1 for _ in fh) - 1  # rows are one line each unless a cell holds a newline
    run["html_bytes"] = (out / "index.html").stat().st_size
    return run


def blank_tokenisation(folder: Path, by_line: bool = False) -> float:
    """Seconds for spacy.blank("en") to tokenise every text of ``folder`` (texts already in
    memory; best of two passes). ``by_line`` tokenises each line as its own Doc, the way
    the annotator sees a policy (one Doc per clause); spaCy is much faster on short Docs."""
    import spacy

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]
    if by_line:
        texts = [line for text in texts for line in text.splitlines() if line.strip()]
    nlp = spacy.blank("en")
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        for text in texts:
            nlp.make_doc(text)
        best = min(best, time.perf_counter() - start)
    return best


def profile_extract(folder: Path, n: int = 40, top: int = 15) -> str:
    """cProfile of one-core extraction (process_chunk) over ``n`` policies, top entries by tottime."""
    from privcompare.annotate import get_pipeline
    from privcompare.batch import InputFile, Task, iter_chunks, process_chunk

    get_pipeline()
    items = [InputFile(str(p)) for p in sorted(folder.iterdir())[:n]]
    prof = cProfile.Profile()
    prof.enable()
    for chunk in iter_chunks(items):
        process_chunk(chunk, Task("facts"))
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats("tottime").print_stats(top)
    lines = [l for l in buf.getvalue().splitlines() if l.strip()]
    start = next(i for i, l in enumerate(lines) if l.lstrip().startswith("ncalls"))
    total = stats.total_tt
    return "\n".join([f"total {total:.1f} s for {n} policies"] + lines[start:])


# ------------------------------------------------------------------ report

def machine() -> str:
    cpu = cpu_model()
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return f"{platform.machine()}, {cpu or 'unknown CPU'}, {usable} usable cores (os.cpu_count() {os.cpu_count()})"


def mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def render(res: dict) -> str:
    one = res["runs"]["--jobs 1"]
    blank_rate = res["n"] / res["blank_seconds"]
    one_rate = res["n"] / one["seconds"]
    lines = [HEADING, "",
             f"`python benchmarks/throughput.py --n {res['n']}` on {res['date']}: {res['machine']}; "
             f"Python {platform.python_version()}, privcompare {res['version']}. "
             f"Corpus: {res['n']:,} synthetic policies of ~{WORDS_PER_POLICY:,} words "
             f"({res['words']:,} words in all), shuffled lines of the bundled policies and test fixtures. "
             "Each run is one `privcompare extract DIR --out facts.csv` process; peak RSS includes "
             f"its worker processes. The three runs were made in turn {res.get('repeats', 1)} time(s); "
             "each row is the fastest of its run.", "",
             "| run | seconds | policies/s | words/s | peak RSS | speed-up vs --jobs 1 | CPU seconds |",
             "|---|---|---|---|---|---|---|"]
    for name, run in res["runs"].items():
        rate = res["n"] / run["seconds"]
        cpu = f"{run['cpu']:.0f}" if run.get("cpu") else ""
        lines.append(f"| `extract {name}` | {run['seconds']:.1f} | {rate:.1f} | "
                     f"{res['words'] / run['seconds']:,.0f} | {mb(run['peak_rss'])} | {rate / one_rate:.2f}x | {cpu} |")
    lines.append(f"| `spacy.blank(\"en\")` tokenisation, whole policies, 1 core | {res['blank_seconds']:.1f} | "
                 f"{blank_rate:.1f} | {res['words'] / res['blank_seconds']:,.0f} | | | |")
    if res.get("blank_line_seconds"):
        sec = res["blank_line_seconds"]
        lines.append(f"| `spacy.blank(\"en\")` tokenisation, line by line, 1 core | {sec:.1f} | "
                     f"{res['n'] / sec:.1f} | {res['words'] / sec:,.0f} | | | |")
    lines += ["", "spaCy tokenises a whole 4,000-word policy far more slowly per word than its lines "
              "one by one: the tokenizer splits on spaces only, so a line break between two words "
              "('data.\\nWe') leaves one long chunk for its prefix, suffix and infix rules (the same "
              "texts with spaces around each line break tokenise about 20x faster). The annotator "
              "tokenises clause by clause, so both baselines are shown.",
              "", "CPU seconds are user + system time of the command and all its worker processes: "
              "when a parallel run needs about the CPU time of `--jobs 1`, its wall-clock speed-up is "
              "limited only by the free cores.",
              "", "| target | value | |", "|---|---|---|",
              f"| one core >= {TARGETS['one_core_policies_per_s']:.0f} policies/s | {one_rate:.1f} | "
              f"{verdict(one_rate >= TARGETS['one_core_policies_per_s'])} |",
              f"| one core >= {TARGETS['blank_ratio']} of blank tokenisation | {one_rate / blank_rate:.2f} | "
              f"{verdict(one_rate / blank_rate >= TARGETS['blank_ratio'])} |"]
    if res.get("blank_line_seconds"):
        line_ratio = one_rate / (res["n"] / res["blank_line_seconds"])
        lines.append(f"| (same, against line-by-line tokenisation) | {line_ratio:.2f} | "
                     f"{verdict(line_ratio >= TARGETS['blank_ratio'])} |")
    for name, run in res["runs"].items():
        if name != "--jobs 1":
            speedup = one["seconds"] / run["seconds"]
            lines.append(f"| `{name}` >= {TARGETS['speedup_2']}x one core | {speedup:.2f}x | "
                         f"{verdict(speedup >= TARGETS['speedup_2'])} |")
    if res.get("memory"):
        sizes = sorted(res["memory"])
        small, large = res["memory"][sizes[0]], res["memory"][sizes[-1]]
        ratio = large["peak_rss"] / small["peak_rss"]
        lines.append(f"| peak RSS, {sizes[-1]:,} vs {sizes[0]:,} policies (`--jobs 1`) within "
                     f"{TARGETS['memory_ratio']}x | {ratio:.2f}x | {verdict(ratio <= TARGETS['memory_ratio'])} |")
        lines += ["", "Flat memory (`extract --jobs 1`):", "",
                  "| policies | seconds | policies/s | peak RSS | facts written |", "|---|---|---|---|---|"]
        for size in sizes:
            run = res["memory"][size]
            lines.append(f"| {size:,} | {run['seconds']:.0f} | {size / run['seconds']:.1f} | "
                         f"{mb(run['peak_rss'])} | {run['rows']:,} |")
    lines += render_report_memory(res)
    if res.get("profile"):
        lines += ["", "Where one core's time goes (cProfile of `process_chunk`, top entries by own time):",
                  "", "```", res["profile"], "```"]
    lines += ["", f"Load average (1 min) at start and end: {res['load'][0]:.2f} / {res['load'][1]:.2f} "
              "(other work on the machine slows every run, and multi-process runs most)."]
    if res.get("note"):
        lines += ["", res["note"]]
    return "\n".join(lines) + "\n"


def render_report_memory(res: dict) -> list[str]:
    """Lines for the flat-memory check of ``privcompare report`` (empty when it did not run)."""
    runs = res.get("report_memory") or {}
    if not runs:
        return []
    sizes = sorted(runs)
    ratio = runs[sizes[-1]]["peak_rss"] / runs[sizes[0]]["peak_rss"]
    detail = f" --detail {res['report_detail']}" if res.get("report_detail") else ""
    lines = ["", f"Flat memory (`report --jobs 1{detail}`, the streamed report; peak RSS {sizes[-1]:,} vs {sizes[0]:,} "
             f"policies {ratio:.2f}x, target within {TARGETS['report_memory_ratio']}x: "
             f"{verdict(ratio <= TARGETS['report_memory_ratio'])}):", "",
             "| policies | seconds | policies/s | peak RSS | coverage rows written | index.html |",
             "|---|---|---|---|---|---|"]
    for size in sizes:
        run = runs[size]
        lines.append(f"| {size:,} | {run['seconds']:.0f} | {size / run['seconds']:.1f} | {mb(run['peak_rss'])} | "
                     f"{run['rows']:,} | {mb(run['html_bytes'])} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="policies in the throughput corpus (default: 2000)")
    ap.add_argument("--memory-sizes", default="1000,10000",
                    help="corpus sizes for the flat-memory check, comma-separated ('' to skip)")
    ap.add_argument("--report-sizes", default="1000,10000",
                    help="corpus sizes for the flat-memory check of `privcompare report`, comma-separated "
                         "('' to skip)")
    ap.add_argument("--report-detail", type=int, default=None,
                    help="--detail for the report runs (default: the command's own, 50); its heatmaps "
                         "set the report's peak, so a small value shows the streaming itself")
    ap.add_argument("--report-only", action="store_true",
                    help="run only the report memory check and print it (docs/benchmarks.md is not written)")
    ap.add_argument("--no-dask", action="store_true", help="skip the dask run")
    ap.add_argument("--repeats", type=int, default=2,
                    help="run each speed configuration this many times and keep the fastest (default: 2)")
    ap.add_argument("--profile", action="store_true", help="add the top cProfile entries of one-core extraction")
    ap.add_argument("--no-write", action="store_true", help="print only, leave docs/benchmarks.md alone")
    ap.add_argument("--keep", type=Path, help="build the corpus here and keep it (default: a temp folder)")
    ap.add_argument("--note", help="a sentence to add under the results (e.g. what else ran on the machine)")
    args = ap.parse_args(argv)

    import privcompare

    sizes = sorted({int(s) for s in args.memory_sizes.split(",") if s.strip()})
    report_sizes = sorted({int(s) for s in args.report_sizes.split(",") if s.strip()})
    root = args.keep or Path(tempfile.mkdtemp(prefix="privcompare-throughput-"))
    if args.report_only:
        try:
            return report_only(root, report_sizes, args.report_detail)
        finally:
            if args.keep is None:
                shutil.rmtree(root, ignore_errors=True)
    try:
        total = max([args.n] + sizes + report_sizes)
        print(f"building {total:,} policies in {root} ...", file=sys.stderr)
        build_corpus(root / "all", total)
        corpus = subset(root / "all", root / f"n{args.n}", args.n)
        res = {"n": args.n, "words": count_words(corpus), "machine": machine(),
               "date": dt.date.today().isoformat(), "version": privcompare.__version__, "runs": {},
               "memory": {}, "note": args.note}
        load_start = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        res["blank_seconds"] = blank_tokenisation(corpus)
        res["blank_line_seconds"] = blank_tokenisation(corpus, by_line=True)
        print(f"blank tokenisation: {args.n / res['blank_seconds']:.1f} policies/s whole, "
              f"{args.n / res['blank_line_seconds']:.1f} line by line", file=sys.stderr)
        runs = {"--jobs 1": [], "--jobs 2": ["--jobs", "2"]}
        if not args.no_dask:
            runs["--engine dask --jobs 2"] = ["--engine", "dask", "--jobs", "2"]
        # Each run is repeated (all runs in turn, --repeats times) and the fastest kept:
        # other tenants of a shared machine slow single runs by tens of per cent.
        for _ in range(max(1, args.repeats)):
            for name, extra in runs.items():
                run = run_extract(corpus, root / "facts.csv", *extra)
                print(f"extract {name}: {args.n / run['seconds']:.1f} policies/s, "
                      f"peak {mb(run['peak_rss'])}", file=sys.stderr)
                if name not in res["runs"] or run["seconds"] < res["runs"][name]["seconds"]:
                    res["runs"][name] = run
        res["repeats"] = max(1, args.repeats)
        for size in sizes:
            folder = corpus if size == args.n else subset(root / "all", root / f"n{size}", size)
            res["memory"][size] = (res["runs"]["--jobs 1"] if size == args.n
                                   else run_extract(folder, root / "facts.csv"))
            print(f"memory {size:,}: peak {mb(res['memory'][size]['peak_rss'])}", file=sys.stderr)
        res["report_memory"] = report_memory(root, report_sizes, args.report_detail)
        res["report_detail"] = args.report_detail
        if args.profile:
            res["profile"] = profile_extract(corpus)
        res["load"] = (load_start, os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan"))
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    section = render(res)
    print(section)
    if not args.no_write:
        write_section(REPO / "docs" / "benchmarks.md", HEADING, section)
    return 0


def report_memory(root: Path, sizes: list[int], detail: int | None = None) -> dict:
    """Peak RSS of ``privcompare report --jobs 1`` on the first ``size`` policies of the corpus."""
    runs = {}
    extra = ["--detail", str(detail)] if detail else []
    for size in sizes:
        folder = subset(root / "all", root / f"n{size}", size)
        runs[size] = run_report(folder, root / "report", *extra)
        print(f"report {size:,}: peak {mb(runs[size]['peak_rss'])}, {runs[size]['seconds']:.0f} s",
              file=sys.stderr)
    return runs


def report_only(root: Path, sizes: list[int], detail: int | None = None) -> int:
    """``--report-only``: build the corpus, run the report memory check, print its lines."""
    if not sizes:
        raise SystemExit("--report-only needs --report-sizes")
    if not (root / "all").is_dir() or len(list((root / "all").iterdir())) < max(sizes):
        print(f"building {max(sizes):,} policies in {root} ...", file=sys.stderr)
        build_corpus(root / "all", max(sizes))
    res = {"report_memory": report_memory(root, sizes, detail), "report_detail": detail}
    flags = f" --report-detail {detail}" if detail else ""
    print(f"`python benchmarks/throughput.py --report-only --report-sizes {','.join(map(str, sizes))}{flags}` "
          f"on {dt.date.today().isoformat()}: {machine()}")
    print("\n".join(render_report_memory(res)[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
