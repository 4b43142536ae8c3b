"""The dask.distributed engine: the batch chunks of :mod:`privcompare.batch` on a cluster.

``privcompare extract PATH... --engine dask [--scheduler ADDRESS] [--jobs N]``
sends each chunk of files to a dask worker (:func:`privcompare.batch.process_chunk`,
the very function the local engine runs, so the facts and clauses are the same)
and writes the results on the client in input order. Without ``--scheduler`` a
``LocalCluster`` of ``N`` single-threaded worker processes is started and
stopped around the run.

Memory stays flat: at most ``in_flight`` chunks (default ``2 x workers``) are
submitted and not yet written, counting the finished ones that wait for an
earlier chunk. Each worker builds the spaCy pipeline once and keeps it.

Workers read the files themselves, so they need the same paths (a shared file
system); with ``ship_bytes=True`` (``--ship-files``) the client reads every file
and sends its bytes instead. See ``docs/scaling.md``.
"""
from __future__ import annotations

import logging
import sys
from typing import Iterable, Iterator

from .batch import FileError, InputFile, Task, _check_size, file_error, process_chunk
from .errors import MissingDependencyError, PrivcompareError


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise MissingDependencyError("--engine dask", "dask[distributed]", "dask") from None
    return distributed


def _warm(kind: str) -> str:
    """Run on every worker before the work: build the spaCy pipeline once per process.

    Returns the worker's privcompare version, so the client can refuse a mixed cluster.
    """
    from . import __version__
    from .batch import quiet_library_logs

    quiet_library_logs()
    if kind != "clauses":
        from .annotate import get_pipeline

        get_pipeline()
    return __version__


def check_workers(client, kind: str) -> None:
    """Build the pipeline on every worker; fail in one line if a worker lacks this privcompare."""
    from . import __version__

    try:
        versions = client.run(_warm, kind)
    except Exception as exc:  # noqa: BLE001 - e.g. ModuleNotFoundError raised on the worker
        raise PrivcompareError("the dask workers cannot run privcompare (install the same privcompare "
                               f"on every worker): {type(exc).__name__}: {exc}") from None
    if not versions:
        raise PrivcompareError("the dask cluster has no workers")
    wrong = {w: v for w, v in versions.items() if v != __version__}
    if wrong:
        worker, version = sorted(wrong.items())[0]
        raise PrivcompareError(f"dask worker {worker} runs privcompare {version}, this client "
                               f"{__version__}: install the same version everywhere")


def ship(chunk: list, max_bytes: int | None) -> list:
    """Replace each :class:`InputFile` of a chunk by ``(InputFile, bytes)`` read here.

    Used when workers do not see the client's files. Files over ``max_bytes`` or
    unreadable here become a :class:`FileError` without being read or sent.

    >>> ship([FileError("x", "bad")], None)
    [FileError(path='x', problem='bad')]
    """
    out = []
    for entry in chunk:
        if not isinstance(entry, InputFile):
            out.append(entry)
            continue
        try:
            _check_size(entry, max_bytes)
            with open(entry.path, "rb") as fh:
                out.append((entry, fh.read()))
        except Exception as exc:  # noqa: BLE001 - one bad file must not cost the others
            out.append(file_error(entry, exc))
    return out


def _path(entry) -> str:
    return (entry[0] if isinstance(entry, tuple) else entry).path


def run_chunks_dask(chunks: Iterable[list], task: Task, workers: int = 1, scheduler: str | None = None,
                    in_flight: int | None = None, ship_bytes: bool = False,
                    func=process_chunk) -> Iterator[list]:
    """Yield :func:`~privcompare.batch.process_chunk` results per chunk, in order, from dask.

    ``scheduler``: address of a running scheduler (``tcp://host:8786``); without
    it a ``LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)``
    runs for the duration. ``in_flight`` bounds the chunks submitted and not
    yet yielded (default ``2 x`` the number of worker threads). ``func`` replaces
    ``process_chunk`` (same signature, picklable; the streamed report's
    :class:`~privcompare.report.stream.ChunkScorer` also scores each policy).

    >>> from privcompare.batch import Task
    >>> list(run_chunks_dask([], Task("clauses")))  # nothing to do: no cluster is started
    []
    """
    chunks = iter(chunks)
    first = next(chunks, None)
    if first is None:
        return
    distributed = _import_distributed()
    cluster = None
    if scheduler is None:
        cluster = _local_cluster(distributed, workers, task.kind)
    try:
        client = distributed.Client(scheduler or cluster, set_as_default=False)
    except OSError as exc:  # unreachable scheduler: one line, not a traceback
        if cluster is not None:
            cluster.close()
        raise PrivcompareError(f"cannot reach the dask scheduler {scheduler or ''}: {exc}".replace("  ", " "))\
            from None
    try:
        check_workers(client, task.kind)
        slots = sum(client.nthreads().values()) or workers
        yield from _ordered(client, distributed, _prepend(first, chunks), task,
                            in_flight or 2 * slots, ship_bytes, func)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# Settings for a LocalCluster started for one CLI run, whose workers already fill the
# machine's cores. Off: the workers' 10 ms stack-sampling profiler (for a dashboard
# nobody watches), work stealing (the chunks are alike), and the scheduler's task
# queuing, with which a worker got its next chunk only after reporting the last one
# to the scheduler, whose event loop shares the client process with the writer: an
# idle gap per chunk (privcompare's own window of 2 x workers chunks in flight already
# bounds what is handed out). Slower: the 20 ms event-loop tick and the 100 ms memory
# polls in every process. Together they brought dask from ~10% slower than --jobs to
# about the same speed.
_LOCAL_RUN_CONFIG = {"distributed.worker.profile.enabled": False,
                     "distributed.scheduler.work-stealing": False,
                     "distributed.scheduler.worker-saturation": "inf",
                     "distributed.admin.tick.interval": "500ms",
                     "distributed.worker.memory.monitor-interval": "1s",
                     "distributed.admin.system-monitor.interval": "2s"}


def _local_cluster(distributed, workers: int, kind: str):
    """A ``LocalCluster`` of ``workers`` single-threaded worker processes.

    dask starts worker processes with ``spawn`` by default: each one imports
    pandas, spaCy and privcompare from scratch, about 5 CPU seconds per worker,
    which on a run of a few thousand policies was most of the gap to the local
    engine. Like the local engine, the workers here are forked from a fork server
    that has imported those modules once (a clean process: no copied threads).
    """
    import dask

    config = dict(_LOCAL_RUN_CONFIG)
    if sys.platform != "win32":  # (Windows has no fork server: dask's default, spawn)
        from distributed.utils import get_mp_context

        config["distributed.worker.multiprocessing-method"] = "forkserver"
    with dask.config.set(config):
        if sys.platform != "win32":
            # takes effect if the fork server is not running yet (else it already preloads
            # privcompare: the local engine's pool starts it with these modules)
            get_mp_context().set_forkserver_preload(
                ["distributed", "privcompare.batch"] + (["privcompare.annotate"] if kind != "clauses" else []))
        return distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=":0", silence_logs=logging.ERROR)


def _prepend(first, rest):
    yield first
    yield from rest


def _ordered(client, distributed, chunks: Iterator[list], task: Task, window: int,
             ship_bytes: bool, func=process_chunk) -> Iterator[list]:
    """Submit chunks ``window`` at a time; yield results in chunk order as they complete."""
    futures: dict = {}          # future -> (index, chunk)
    done: dict[int, list] = {}  # finished results waiting for an earlier chunk
    submitted = yielded = 0
    completed = distributed.as_completed(loop=client.loop)

    def submit_more() -> None:
        nonlocal submitted
        batch = []
        while submitted + len(batch) - yielded < window:
            chunk = next(chunks, None)
            if chunk is None:
                break
            batch.append(ship(chunk, task.max_bytes) if ship_bytes else chunk)
        if not batch:
            return
        # pure=False: two equal chunks (e.g. the same file listed twice) are still two tasks
        new = client.map(func, batch, task=task, pure=False)
        for offset, (future, chunk) in enumerate(zip(new, batch)):
            futures[future] = (submitted + offset, chunk)
            completed.add(future)
        submitted += len(batch)

    submit_more()
    while futures:
        future = next(completed)
        index, chunk = futures.pop(future)
        try:
            done[index] = future.result()
        except Exception:  # noqa: BLE001 - e.g. KilledWorker: a file that kills every worker
            done[index] = _isolate(client, chunk, task, func)
        future.release()
        while yielded in done:
            yield done.pop(yielded)
            yielded += 1
        submit_more()


def _isolate(client, chunk: list, task: Task, func=process_chunk) -> list:
    """Redo a failed chunk one file at a time, so only the culprit is lost."""
    out = []
    for entry in chunk:
        try:
            out.extend(client.submit(func, [entry], task, pure=False).result())
        except Exception as exc:  # noqa: BLE001
            out.append(FileError(_path(entry), "could not be processed (the dask worker failed: "
                                               f"{type(exc).__name__})"))
    return out


__all__ = ["run_chunks_dask", "ship"]
