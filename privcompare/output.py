"""Writing result tables as they arrive: CSV, JSON Lines, one Parquet file or Parquet partitions.

Used by :mod:`privcompare.batch`: each chunk of files is appended as soon as it
is processed, so nothing accumulates in memory.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd

from .errors import InputError, PrivcompareError


def arrow_schema(table: pd.DataFrame):
    """A fixed Arrow schema for a result table: text columns are always strings.

    Inferring it from the first chunk would type an all-empty column as
    ``null`` and break on the next chunk; a fixed schema also makes every
    Parquet partition agree.

    >>> str(arrow_schema(pd.DataFrame({"a": pd.Series([], dtype=object), "n": [1.5][:0]})))
    'a: string\\nn: double'
    """
    import pyarrow as pa

    fields = []
    for name, dtype in table.dtypes.items():
        if pd.api.types.is_bool_dtype(dtype):
            kind = pa.bool_()
        elif pd.api.types.is_integer_dtype(dtype):
            kind = pa.int64()
        elif pd.api.types.is_float_dtype(dtype):
            kind = pa.float64()
        else:
            kind = pa.string()
        fields.append(pa.field(str(name), kind))
    return pa.schema(fields)


def is_partitioned(out: str | None) -> bool:
    """Whether ``--out`` names a folder of Parquet partitions (ends with ``/`` or is a folder).

    >>> is_partitioned("facts/"), is_partitioned("facts.parquet"), is_partitioned(None)
    (True, False, False)
    """
    return bool(out) and (out.endswith(("/", os.sep)) or Path(out).is_dir())


class TableWriter:
    """Append result tables to one CSV, JSON Lines or Parquet output as they arrive.

    Parquet goes to one file, or — when ``out`` is a folder (ends with ``/``) —
    to one ``part-NNNNN.parquet`` per chunk (readable as one table with
    ``pandas.read_parquet(folder)``).

    >>> import io, contextlib
    >>> buf = io.StringIO()
    >>> with contextlib.redirect_stdout(buf), TableWriter("csv", None) as w:
    ...     w.write(pd.DataFrame({"a": [1]})); w.write(pd.DataFrame({"a": [2]}))
    >>> buf.getvalue().split()
    ['a', '1', '2']
    """

    def __init__(self, fmt: str, out: str | None):
        if fmt == "parquet" and not out:
            raise InputError("parquet output needs --out FILE or --out FOLDER/", path="-")
        if fmt != "parquet" and is_partitioned(out):
            raise InputError(f"{fmt} output needs a file name, not a folder", path=out)
        self.fmt, self.out = fmt, out
        self.partitioned = fmt == "parquet" and is_partitioned(out)
        self.columns: list[str] | None = None
        self._schema = None
        self._parquet = None
        self._stream = None
        self._header_written = False
        self.parts = 0
        self.rows = 0

    def __enter__(self):
        if self.fmt != "parquet":
            if self.out:
                Path(self.out).parent.mkdir(parents=True, exist_ok=True)
                self._stream = open(self.out, "w", encoding="utf-8", newline="")
            else:
                self._stream = sys.stdout
        elif self.partitioned:
            folder = Path(self.out)
            folder.mkdir(parents=True, exist_ok=True)
            if any(folder.glob("part-*.parquet")):
                # stale partitions of an earlier run would silently join this one's
                raise InputError("folder already holds part-*.parquet files: remove them or choose "
                                 "another --out", path=self.out)
        return self

    def _check_columns(self, table: pd.DataFrame) -> None:
        if self.columns is None:
            self.columns = list(table.columns)
        elif list(table.columns) != self.columns:
            raise PrivcompareError("laws and policies have different columns: write them to separate outputs")

    def write(self, table: pd.DataFrame) -> None:
        """Append one table."""
        self.write_chunk([table])

    def write_chunk(self, tables: list[pd.DataFrame]) -> None:
        """Append the tables of one chunk (one Parquet row group or partition)."""
        for table in tables:
            self._check_columns(table)
        if self.fmt == "parquet":
            self._write_parquet(tables)
        for table in tables:
            if self.fmt == "csv":
                table.to_csv(self._stream, index=False, header=not self._header_written)
                self._header_written = True
            elif self.fmt == "json" and len(table):  # JSON Lines: pandas ends each record with \n
                table.to_json(self._stream, orient="records", lines=True, force_ascii=False)
            self.rows += len(table)

    def _write_parquet(self, tables: list[pd.DataFrame]) -> None:
        if not tables:
            return
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            from .errors import MissingDependencyError

            raise MissingDependencyError("writing Parquet", "pyarrow", "parquet") from None
        if self._schema is None:
            self._schema = arrow_schema(tables[0])
        arrow = pa.concat_tables([pa.Table.from_pandas(t, schema=self._schema, preserve_index=False)
                                  for t in tables])
        if self.partitioned:
            if arrow.num_rows or not self.parts:  # keep one (empty) part so the schema is known
                pq.write_table(arrow, Path(self.out) / f"part-{self.parts:05d}.parquet")
                self.parts += 1
            return
        if self._parquet is None:
            Path(self.out).parent.mkdir(parents=True, exist_ok=True)
            self._parquet = pq.ParquetWriter(self.out, self._schema)
        self._parquet.write_table(arrow)

    def __exit__(self, *exc):
        if self._parquet is not None:
            self._parquet.close()
        if self._stream is not None and self._stream is not sys.stdout:
            self._stream.close()
        elif self._stream is sys.stdout:
            sys.stdout.flush()
        return False
