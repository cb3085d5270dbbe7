"""Atomic output writing, checksums and the ``.meta.json`` sidecar every table carries.

A stage writes each output to a temporary file in the same folder and renames it into place,
so a failed run never leaves a half-written file. Each table gets ``<name>.meta.json`` with the
checksums of its inputs, the parameters hash, package versions and the code version
(:mod:`pipeline.provenance`, DESIGN.md practice 4).
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import provenance

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
    """Yield a temporary path beside ``target``; rename it onto ``target`` only on success."""
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
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_text(target: Path, text: str, mode: int | None = None) -> None:
    with atomic_path(target, mode) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_private(target: Path, text: str) -> None:
    """Write a file only its owner can read (0600) in a folder only its owner can open (0700)."""
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).parent.chmod(0o700)
    write_text(target, text, mode=0o600)


def write_json(target: Path, obj) -> None:
    write_text(target, json.dumps(obj, indent=2, ensure_ascii=False, sort_keys=False, default=str) + "\n")


# OWASP CSV injection: a spreadsheet runs text cells starting with these as formulas.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with ``'`` (OWASP).

    Numeric columns are left alone, so -5 stays a number. :func:`read_csv_safe` undoes it.
    """
    import pandas as pd

    df = df.copy()
    for col in df.columns:
        if df[col].dtype == object or pd.api.types.is_string_dtype(df[col]):
            df[col] = [("'" + v) if isinstance(v, str) and v.startswith(FORMULA_START + ("'",))
                       else v for v in df[col]]
    return df


def write_csv(target: Path, df: pd.DataFrame) -> None:
    """Write a published CSV (UTF-8, formula-injection safe), atomically."""
    with atomic_path(target) as tmp:
        spreadsheet_safe(df).to_csv(tmp, index=False)


def unneutralise(value: str) -> str:
    """Undo :func:`spreadsheet_safe` for one cell."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START + ("'",)):
        return value[1:]
    return value


def read_csv_safe(path: Path) -> pd.DataFrame:
    """Read a CSV written by :func:`write_csv` back losslessly (text stays text)."""
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for col in df.columns:
        df[col] = [unneutralise(v) for v in df[col]]
    return df


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
    df = schema.typed_empty(table, df)
    schema.validate(table, df, str(target))
    with atomic_path(target) as tmp:
        df.to_parquet(tmp, index=False)
    write_json(meta_path(target), table_meta(df, inputs, stage, schema.dtypes(table)))


def read_table(path: Path) -> pd.DataFrame:
    import pandas as pd

    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: not built yet; run the earlier stages (make help)")
    return pd.read_parquet(path)


def read_records(path: Path, with_frame: bool = False):
    """A table as a list of plain dicts (lists stay Python lists): for row-wise stages, much
    faster than pandas' ``to_dict`` on list columns. ``with_frame``: (frame, records) from
    one read."""
    import pyarrow.parquet as pq

    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: not built yet; run the earlier stages (make help)")
    table = pq.read_table(path)
    return (table.to_pandas(), table.to_pylist()) if with_frame else table.to_pylist()


def meta_path(target: Path) -> Path:
    return Path(target).with_name(Path(target).name + ".meta.json")


def table_meta(df: pd.DataFrame, inputs, stage: str, declared: dict[str, str] | None = None) -> dict:
    """Provenance of a table; ``columns`` are the declared types (pipeline.schema)."""
    return {
        "stage": stage,
        "rows": int(len(df)),
        "columns": declared or {c: str(t) for c, t in df.dtypes.items()},
        "inputs": {str(p): sha256_file(p) for p in inputs if Path(p).exists()},
        **provenance.record(),
    }
