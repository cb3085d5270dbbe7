"""The inputs stamp: which sources, raw files and parameters a run uses.

Make cannot see inside the sources file, so every stage depends on
``data/interim/inputs.stamp``, a small JSON file listing the sources file, the parameters file
and each raw file with its sha256. It is rewritten only when that content changes, so an
unchanged ``make report`` does nothing, and switching ``SOURCES=`` or editing a raw file
rebuilds everything downstream. Raises InputError for a raw file that does not exist.
"""
from __future__ import annotations

import json

from pipeline import io as pio
from pipeline import paths
from pipeline.config import InputError, load_params, load_sources
from pipeline.paths import Outputs


def content() -> dict:
    cfg = load_sources()
    load_params()  # validate early: a bad parameter fails before any work
    files = {}
    for s in cfg.sources:
        if not s.file.exists():
            raise InputError(s.file, f"file not found (source '{s.id}' in {paths.sources_file()})")
        if not s.file.is_file():
            raise InputError(s.file, "cannot be read: not a regular file (a folder?)")
        files[s.id] = {"path": str(s.file), "sha256": pio.sha256_file(s.file)}
        sidecar = s.file.with_name(s.file.name + ".origin.yaml")
        if sidecar.exists():
            files[s.id]["origin_sha256"] = pio.sha256_file(sidecar)
    return {
        "sources_file": str(paths.sources_file()),
        "sources_sha256": pio.sha256_file(paths.sources_file()),
        "params_file": str(paths.params_file()),
        "params_sha256": pio.sha256_file(paths.params_file()),
        "raw": files,
    }


def run(out: Outputs) -> bool:
    """Rewrite the stamp if the inputs changed; returns True when it did."""
    text = json.dumps(content(), indent=2, sort_keys=True) + "\n"
    if out.inputs_stamp.exists() and out.inputs_stamp.read_text(encoding="utf-8") == text:
        return False
    pio.write_text(out.inputs_stamp, text)
    print(f"[stamp] inputs changed: {out.inputs_stamp} updated")
    return True
