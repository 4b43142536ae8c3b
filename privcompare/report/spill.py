"""An external sort for report rows: sorted output in bounded memory, however many rows.

A streamed report receives coverage rows chunk by chunk, in input order, but
``coverage.csv`` is sorted (organisation, policy, jurisdiction, requirement, then
the other columns). :class:`SortedSpill` keeps at most ``run_rows`` rows in
memory; when the buffer is full it is sorted and written to a temporary *run*
file (pickled blocks of ``block_rows`` rows). :meth:`SortedSpill.merged` then
yields every row in order with :func:`heapq.merge`, reading one block per run at
a time; when there are more than ``fan_in`` runs they are first merged in
groups, so open files and memory stay bounded too.

Rows are tuples compared as tuples (of strings, for the report): the same
order as ``pandas.DataFrame.sort_values`` over those columns.

>>> import tempfile
>>> spill = SortedSpill(tempfile.mkdtemp(), run_rows=2, block_rows=1, fan_in=2)
>>> for rows in ([("b", "1"), ("a", "2")], [("c", "0")], [("a", "1"), ("b", "0")]):
...     spill.add(rows)
>>> list(spill.merged())
[('a', '1'), ('a', '2'), ('b', '0'), ('b', '1'), ('c', '0')]
>>> spill.close()
"""
from __future__ import annotations

import heapq
import os
import pickle
import tempfile
from typing import Iterable, Iterator

#: Rows held before a run is written: about 20-40 MB of report rows.
RUN_ROWS = 20_000
#: Rows per pickled block; a merge holds one block of each run it reads.
BLOCK_ROWS = 256
#: Runs merged at once (open files during the merge).
FAN_IN = 64


class SortedSpill:
    """Collect tuples in any order; read them back sorted (see the module docstring).

    ``folder`` holds the run files (it must exist); :meth:`close` deletes them.
    """

    def __init__(self, folder: str | os.PathLike, run_rows: int = RUN_ROWS,
                 block_rows: int = BLOCK_ROWS, fan_in: int = FAN_IN):
        self.folder = os.fspath(folder)
        self.run_rows, self.block_rows, self.fan_in = run_rows, block_rows, max(2, fan_in)
        self.buffer: list[tuple] = []
        self.runs: list[str] = []
        self.count = 0

    def add(self, rows: Iterable[tuple]) -> None:
        """Add rows; a full buffer is sorted and written out as a run."""
        for row in rows:
            self.buffer.append(row)
            self.count += 1
            if len(self.buffer) >= self.run_rows:
                self._spill()

    def _spill(self) -> None:
        self.buffer.sort()
        self.runs.append(self._write_run(self.buffer))
        self.buffer = []

    def _write_run(self, rows: Iterable[tuple]) -> str:
        fd, path = tempfile.mkstemp(prefix="run-", suffix=".pickle", dir=self.folder)
        with os.fdopen(fd, "wb") as fh:
            block: list[tuple] = []
            for row in rows:
                block.append(row)
                if len(block) >= self.block_rows:
                    pickle.dump(block, fh, protocol=pickle.HIGHEST_PROTOCOL)
                    block = []
            if block:
                pickle.dump(block, fh, protocol=pickle.HIGHEST_PROTOCOL)
        return path

    def merged(self) -> Iterator[tuple]:
        """Every row added so far, in sorted order (read once: the runs are consumed)."""
        self.buffer.sort()
        if not self.runs:
            rows, self.buffer = self.buffer, []
            yield from rows
            return
        if self.buffer:
            self._spill()
        while len(self.runs) > self.fan_in:  # merge in groups until one pass can take them all
            groups = [self.runs[i:i + self.fan_in] for i in range(0, len(self.runs), self.fan_in)]
            self.runs = [self._merge_group(group) for group in groups]
        runs, self.runs = self.runs, []
        try:
            yield from heapq.merge(*(_read_run(path) for path in runs))
        finally:
            for path in runs:
                _remove(path)

    def _merge_group(self, group: list[str]) -> str:
        if len(group) == 1:
            return group[0]
        try:
            return self._write_run(heapq.merge(*(_read_run(path) for path in group)))
        finally:
            for path in group:
                _remove(path)

    def close(self) -> None:
        """Delete any run files left (e.g. when the report stopped half-way)."""
        for path in self.runs:
            _remove(path)
        self.runs, self.buffer = [], []


def _read_run(path: str) -> Iterator[tuple]:
    with open(path, "rb") as fh:
        while True:
            try:
                block = pickle.load(fh)
            except EOFError:
                return
            yield from block


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
