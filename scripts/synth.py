"""Write a synthetic benchmark data set: N services and M consultation notes, with the sources
file the pipeline ingests them through (project-written, illustrative).

    python scripts/synth.py OUT_DIR N_SERVICES [N_NOTES]     # N_NOTES defaults to N_SERVICES

Writes OUT_DIR/submitter_{a,b,c}.csv (scripts/synth_services.py), OUT_DIR/notes.csv
(scripts/synth_notes.py) and OUT_DIR/sources.yaml; run the pipeline on it with
``make report SOURCES=OUT_DIR/sources.yaml OUT=...``. Seeded: the same sizes give the same
files, byte for byte.
"""
from __future__ import annotations

import sys
from pathlib import Path

import synth_notes
import synth_services
import yaml


def write_sources(out: Path, n_services: int, n_notes: int) -> Path:
    """Write the data set into ``out`` and return the path of its sources file. ``n_notes`` 0
    writes services only."""
    sources = synth_services.write(out, n_services)
    if n_notes:
        sources.append(synth_notes.write(out, n_notes))
    path = out / "sources.yaml"
    label = f"{n_services} synthetic services" + (f" and {n_notes} synthetic notes" if n_notes else "")
    path.write_text(yaml.safe_dump({"label": f"{label} (benchmark)", "illustrative": True,
                                    "sources": sources}, allow_unicode=True, sort_keys=False))
    return path


if __name__ == "__main__":
    n = int(sys.argv[2])
    print(write_sources(Path(sys.argv[1]), n, int(sys.argv[3]) if len(sys.argv) > 3 else n))
