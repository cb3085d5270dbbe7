"""Per-stage content stamps: a stage reruns only when what it depends on changed in content.

Make decides by modification times, which a touched-but-unchanged file, or an edit to one
parameter that a stage never reads, would fool. So every ``make`` first runs this (cheap)
step, which writes one small JSON file per stage, ``data/interim/stamps/<stage>.json``, holding
the sha256 of the stage's own code (``pipeline.stages.stage_code``), of the project files it
reads, the values of the parameter sections it declares and, for ingest, of the sources file
and every raw file (and sidecar, and file an adapter's options name), and for a stage
reading a raw folder (returned review sheets) of every file in it. A stamp is rewritten
only when its content changes; the Make rule of each stage depends on its stamp and on the
tables of earlier stages (``stages.mk``), never on code or configuration files directly.

Raises InputError for a raw file that does not exist.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from pipeline import paths, storage
from pipeline.config import InputError, load_params, load_sources
from pipeline.paths import Outputs
from pipeline.stages import FILES, RAW_FOLDERS, STAGES, Stage, stage_code


def _rel(path: Path) -> str:
    path = Path(path).resolve()
    return str(path.relative_to(paths.ROOT)) if path.is_relative_to(paths.ROOT) else str(path)


def _source_files(source) -> list[Path]:
    """Every file a source's adapter reads: the raw file, its origin sidecar, files named in its
    options (an answer dictionary), and an HSDS data package's resources."""
    files = [source.file]
    sidecar = source.file.with_name(source.file.name + ".origin.yaml")
    files += [sidecar] if sidecar.exists() else []
    for value in source.options.values():
        if isinstance(value, str) and ("/" in value or "." in value):
            candidate = paths.resolve_input(value)
            files += [candidate] if candidate.is_file() else []
    if source.adapter == "hsds_datapackage":
        try:
            package = json.loads(source.file.read_text(encoding="utf-8"))
            files += [source.file.parent / r["path"] for r in package.get("resources", [])
                      if isinstance(r, dict) and isinstance(r.get("path"), str)]
        except (OSError, ValueError):
            pass  # the adapter reports a malformed package with its own clear error
    return files


def raw_inputs() -> dict:
    """The sources file and every raw file it lists, with their sha256."""
    cfg = load_sources()
    raw = {}
    for s in cfg.sources:
        if not s.file.exists():
            raise InputError(s.file, f"file not found (source '{s.id}' in {paths.sources_file()})")
        if not s.file.is_file():
            raise InputError(s.file, "cannot be read: not a regular file (a folder?)")
        raw[s.id] = {_rel(f): storage.sha256_file(f) for f in _source_files(s) if f.is_file()}
    return {"sources_file": _rel(paths.sources_file()),
            "sources_sha256": storage.sha256_file(paths.sources_file()), "raw": raw}


def stage_content(s: Stage, params: dict, raw: dict | None) -> dict:
    """What stage ``s`` depends on, by content (JSON-serialisable)."""
    content = {
        "stage": dataclasses.asdict(s),
        "code": {f: storage.sha256_file(paths.ROOT / f) for f in stage_code(s)},
        "files": {_rel(FILES[f]()): storage.sha256_file(FILES[f]()) for f in s.files},
        "params": {k: params[k] for k in s.params},
    }
    if s.raw_sources:
        content["inputs"] = raw
    for name in s.raw_folders:
        content.setdefault("raw_folders", {})[name] = folder_inputs(RAW_FOLDERS[name]())
    return content


def folder_inputs(folder: Path) -> dict:
    """Every file in ``folder`` (absent: none) with its sha256, by name."""
    if not folder.is_dir():
        return {}
    return {f.name: storage.sha256_file(f) for f in sorted(folder.iterdir()) if f.is_file()}


def run(out: Outputs) -> list[str]:
    """Rewrite the stamps whose content changed; returns the names of those stages."""
    params = load_params().model_dump(mode="json")  # validates: a bad parameter fails now
    raw = raw_inputs()
    changed = []
    for s in STAGES:
        text = json.dumps(stage_content(s, params, raw), indent=1, sort_keys=True) + "\n"
        target = out.root / s.stamp
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        storage.write_text(target, text)
        changed.append(s.name)
    if changed:
        print(f"[stamp] changed inputs for: {', '.join(changed)}")
    return changed
