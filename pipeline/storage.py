"""Atomic output writing, checksums and the ``.meta.json`` sidecar every table carries.

A stage writes each output to a temporary file in the same folder and renames it into place,
so a failed run never leaves a half-written file. Each table gets ``<name>.meta.json`` with the
checksums of its inputs, the parameters hash, package versions and the code version
(:mod:`pipeline.provenance`, DESIGN.md practice 4).
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import interrupt, provenance

if TYPE_CHECKING:  # pandas is imported where tables are handled: `make`'s stamp stays fast
    import pandas as pd


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@contextmanager
def atomic_path(target: Path, mode: int | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target`` (``.name.*.tmp.ext``); rename it onto
    ``target`` only on success, and never once the process has been interrupted
    (:mod:`pipeline.interrupt`)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".tmp{target.suffix}",
                               dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        # mkstemp creates 0600 files; published outputs get the usual permissions.
        os.chmod(tmp_path, mode if mode is not None else 0o666 & ~_umask())
        interrupt.check()
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def remove_temporaries(target: Path) -> list[Path]:
    """Remove what :func:`atomic_path` left beside ``target`` (and its ``.meta.json``) when its
    process was killed mid-write (SIGKILL, the interrupt's hard stop); returns them. Run by a
    stage before it writes ``target`` again: one run writes into an output folder at a time
    (:mod:`pipeline.lock`)."""
    target = Path(target)
    if not target.parent.is_dir():
        return []
    found = sorted({p for name in (target.name, meta_path(target).name)
                    for p in target.parent.glob(f".{glob.escape(name)}.*.tmp*") if p.is_file()})
    for p in found:
        p.unlink(missing_ok=True)
    return found


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_text(target: Path, text: str, mode: int | None = None) -> None:
    with atomic_path(target, mode) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_private(target: Path, text: str) -> None:
    """Write a file only its owner can read (0600) in a folder only its owner can open (0700)."""
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).parent.chmod(0o700)
    write_text(target, text, mode=0o600)


def write_json(target: Path, obj) -> None:
    write_text(target, json.dumps(obj, indent=2, ensure_ascii=False, sort_keys=False, default=str) + "\n")


def write_csv(target: Path, df: pd.DataFrame) -> None:
    """Write a machine export as CSV (UTF-8, values exact, no index), atomically.

    Machine exports (HSDS package, figure data, coded segments) keep every value as
    normalised: a number such as '+37480061111' is never prefixed against spreadsheet formulas
    (that corrupted 49 of 172 numbers for every program reading the package). People open
    :func:`write_xlsx` copies, whose cells are typed as text so no formula runs.
    """
    with atomic_path(target) as tmp:
        df.to_csv(tmp, index=False)


def read_csv_text(path: Path) -> pd.DataFrame:
    """Read a CSV written by :func:`write_csv` back with every cell as text, exactly."""
    import pandas as pd

    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # None or NaN


def write_xlsx(target: Path, sheets: dict[str, pd.DataFrame]) -> None:
    """Write a workbook for people (one sheet per frame), atomically. Text cells are stored
    as text (inline strings, never formulas: OWASP CSV/formula injection), so submitted text
    beginning with = + - @ shows as written and runs nothing; numbers stay numbers; the header
    row is frozen and filterable."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for name, df in sheets.items():
        ws = wb.create_sheet(name[:31])  # Excel's limit on sheet names
        ws.append([str(c) for c in df.columns])
        for row in df.itertuples(index=False):
            ws.append([None if _missing(v) else v for v in row])
        for cells in ws.iter_rows(min_row=2):
            for c in cells:
                if isinstance(c.value, str):
                    c.data_type = "s"  # openpyxl reads a leading '=' as a formula otherwise
        for c in ws[1]:
            c.font = Font(bold=True)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    with atomic_path(target) as tmp:
        wb.save(tmp)


def read_json(path: Path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write_table(target: Path, df: pd.DataFrame, inputs: list[Path] = (), stage: str = "") -> None:
    """Write ``df`` as Parquet atomically, with a ``.meta.json`` sidecar.

    The table is the one :mod:`pipeline.schema` declares under the file's name
    (``services.parquet`` -> ``services``); ``df`` is validated against that declaration
    first and refused (:class:`~pipeline.schema.TableError`) when it does not match. An empty
    frame gets the declared column types."""
    from pipeline import schema

    table = schema.table_name(target)
    df = _validated(table, df, str(target))
    with atomic_path(target) as tmp:
        df.to_parquet(tmp, index=False)
    write_json(meta_path(target), table_meta(df, inputs, stage, schema.dtypes(table)))


def arrow_batch(table: str, df: pd.DataFrame, where: str = ""):
    """``df`` validated against the declaration of ``table`` (:func:`pipeline.schema.validate`,
    :class:`~pipeline.schema.TableError` when it does not match) and converted to an Arrow table
    of its declared types (:func:`pipeline.schema.arrow_schema`), ready for
    :meth:`TableWriter.write`. Worker processes call it so that validation runs in parallel."""
    import pyarrow as pa

    from pipeline import schema

    df = _validated(table, df, where)
    return pa.Table.from_pandas(df, schema=schema.arrow_schema(table), preserve_index=False)


def _validated(table: str, df: pd.DataFrame, where: str) -> pd.DataFrame:
    """``df`` (declared column types when empty) checked against ``table``'s declaration."""
    from pipeline import schema

    df = schema.typed_empty(table, df)
    schema.validate(table, df, where)
    return df


class TableWriter:
    """Appends batches of one table to a Parquet file (made by :func:`table_writer`)."""

    def __init__(self, table: str, path: Path, where: str):
        self.table, self.path, self.where = table, path, where
        self.rows = 0
        self._writer = None

    def write(self, batch) -> None:
        """Append ``batch``: a DataFrame of the table's columns (validated here, as by
        :func:`write_table`) or an Arrow table made by :func:`arrow_batch` (validated there)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        from pipeline import schema

        if not isinstance(batch, pa.Table):
            batch = arrow_batch(self.table, batch, self.where)
        elif not batch.schema.equals(schema.arrow_schema(self.table)):
            raise schema.TableError(f"table {self.table} ({self.where}): a batch's Arrow types "
                                    f"differ from the declared ones: {batch.schema}")
        if self._writer is None:  # the first batch's pandas metadata (e.g. Int64) is the file's
            self._writer = pq.ParquetWriter(self.path, batch.schema)
        if batch.num_rows:
            self._writer.write_table(batch)
            self.rows += batch.num_rows

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()


@contextmanager
def table_writer(target: Path, inputs: list[Path] = (), stage: str = "") -> Iterator[TableWriter]:
    """Write a table in batches: ``with table_writer(path, inputs, stage) as w: w.write(df)``.

    What :func:`write_table` does for one frame, for a table too large to hold: each batch is
    validated against the declaration of the table named by the file, every batch gets the
    declared Arrow types (:func:`pipeline.schema.arrow_schema`: types do not depend on which
    batch came first), the file appears at ``target`` only when the block ends without an
    exception (nothing there otherwise, the temporary file removed) and then gets its
    ``.meta.json``. No batch at all writes an empty table."""
    import pandas as pd

    from pipeline import schema

    table = schema.table_name(target)
    with atomic_path(target) as tmp:
        writer = TableWriter(table, tmp, str(target))
        try:
            yield writer
            if writer._writer is None:
                writer.write(pd.DataFrame(columns=schema.columns(table)))
        finally:
            writer.close()
    write_json(meta_path(target), table_meta(writer.rows, inputs, stage, schema.dtypes(table)))


def read_batches(path: Path, batch_size: int, columns: list[str] | None = None,
                 arrow: bool = False) -> Iterator[pd.DataFrame]:
    """A Parquet table as DataFrames of at most ``batch_size`` rows, in order, with the types
    :func:`read_table` gives (``columns``: only those; ``arrow``: as Arrow tables instead)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(_built(path)).iter_batches(batch_size=batch_size, columns=columns):
        table = pa.Table.from_batches([batch])
        yield table if arrow else table.to_pandas()


def count_rows(path: Path) -> int:
    """The number of rows of a Parquet table, from its footer (nothing else is read)."""
    import pyarrow.parquet as pq

    return pq.ParquetFile(_built(path)).metadata.num_rows


def _built(path: Path) -> Path:
    """``path``, or FileNotFoundError saying which stages to run first."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: not built yet; run the earlier stages (make help)")
    return path


def read_table(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """A Parquet table (``columns``: only those, read alone from the file)."""
    import pandas as pd

    return pd.read_parquet(_built(path), columns=columns)


def meta_path(target: Path) -> Path:
    return Path(target).with_name(Path(target).name + ".meta.json")


def table_meta(df: pd.DataFrame | int, inputs, stage: str,
               declared: dict[str, str] | None = None) -> dict:
    """Provenance of a table (``df``: the table, or its number of rows when ``declared`` is
    given); ``columns`` are the declared types (pipeline.schema)."""
    return {
        "stage": stage,
        "rows": df if isinstance(df, int) else int(len(df)),
        "columns": declared or {c: str(t) for c, t in df.dtypes.items()},
        "inputs": {str(p): sha256_file(p) for p in inputs if Path(p).exists()},
        **provenance.record(),
    }
