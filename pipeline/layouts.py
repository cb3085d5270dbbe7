"""On-disk cache of UMAP layouts (the topics stage's reduced embeddings).

A layout depends only on the texts' embeddings, UMAP's settings, the seed and the versions of
the packages that compute it, never on HDBSCAN's settings, k-means borders or the outlier
rule. An analyst tuning those (``topics.min_cluster_size``, the most tuned) reran every UMAP
fit: 26 fits, 11.4 of the 15.9 s of the topics stage on the shared data, embeddings cached
(2026-12-06). BERTopic's documentation gives the same advice for tuning its clustering: keep
the reduced embeddings and skip the reduction. A layout read back is the array UMAP returned,
bit for bit, so the topics are the same with or without the cache.

Layout: ``<folder>/<key>.npz``; the topics stage's folder is ``data/interim/umap_layouts``
under the output root (:class:`pipeline.paths.Outputs`), so two output roots never share
layouts (the determinism test compares two cold runs). ``key``: :func:`layout_key`. Each file holds
``layout`` (float32, (n, c)) and ``sha256`` (of the layout's bytes); a file that fails its
checks is reported, deleted and laid out again, never used. Files are written atomically, so
forked refits and test workers writing the same key at once leave one whole file. Deleting the
folder only costs the fits again.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import io
import sys
from functools import cache
from pathlib import Path

import numpy as np

from pipeline import storage

# Packages whose versions change a layout: UMAP's code, its neighbour search and the numerics.
LAYOUT_PACKAGES = ("umap-learn", "pynndescent", "numba", "numpy", "scikit-learn")


@cache
def _versions() -> str:
    return ";".join(f"{p}=={importlib.metadata.version(p)}" for p in LAYOUT_PACKAGES)


def layout_key(data: np.ndarray, settings: dict) -> str:
    """sha256 (hex) of what determines a UMAP layout: ``data`` (the array UMAP is given, its
    dtype, shape and bytes), ``settings`` (every UMAP argument, the seed included) and the
    versions of :data:`LAYOUT_PACKAGES`."""
    h = hashlib.sha256()
    data = np.ascontiguousarray(data)
    h.update(f"{data.dtype.str}{data.shape}|{sorted(settings.items())}|{_versions()}|".encode())
    h.update(memoryview(data).cast("B"))
    return h.hexdigest()


def read(key: str, folder: Path) -> np.ndarray | None:
    """The cached (n, c) layout of ``key``, or None (absent, or failing its checks: then
    reported on stderr and deleted)."""
    path = folder / f"{key}.npz"
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as z:
            layout, digest = z["layout"], str(z["sha256"])
        if layout.ndim != 2 or hashlib.sha256(layout.tobytes()).hexdigest() != digest:
            raise ValueError("checksum or shape does not match")
    except (OSError, ValueError, KeyError) as e:
        print(f"[topics] corrupt UMAP layout cache file {path}: {e}; deleted, laid out again",
              file=sys.stderr)
        path.unlink(missing_ok=True)
        return None
    return layout


def write(key: str, layout: np.ndarray, folder: Path) -> None:
    """Store ``layout`` under ``key`` (atomically: a reader sees the whole file or none)."""
    buf = io.BytesIO()
    np.savez(buf, layout=layout, sha256=np.array(hashlib.sha256(layout.tobytes()).hexdigest()))
    storage.write_bytes(folder / f"{key}.npz", buf.getvalue())


def remove_temporaries(folder: Path) -> list[Path]:
    """Remove what a write killed midway (SIGKILL) left in ``folder``; returns it. Run by the
    topics stage before its fits: one run writes into an output folder at a time."""
    found = sorted(p for p in folder.glob(".*.tmp*") if p.is_file()) if folder.is_dir() else []
    for p in found:
        p.unlink(missing_ok=True)
    return found
