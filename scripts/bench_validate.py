"""Benchmark of ``pipeline validate`` (issue 13: start to answer under 2 s on a 1,000-row
file, without the topic-modelling stack): writes the submitter kit into a temporary folder,
fills its template with 1,000 illustrative services (two contacts each), then times
``python -m pipeline validate`` as a submitter runs it (a fresh process: interpreter start,
imports, reading, checks, answer), three times: wall and CPU seconds, and whether spaCy,
BERTopic, torch or pandas were imported.

Run: ``.venv/bin/python scripts/bench_validate.py`` (not part of `make bench`: it needs no data).
"""
from __future__ import annotations

import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
N = 1000


def _fill(template: Path, target: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(template)
    services, contacts = wb["services"], wb["contacts"]
    services.delete_rows(2, services.max_row)
    contacts.delete_rows(2, contacts.max_row)
    for i in range(N):  # illustrative services, invented
        sid = f"S-{i:04d}"
        services.append([sid, f"Service {i}", "Organisation", ("FRA", "KEN", "GBR", "ESP")[i % 4],
                         "Child helpline", "Respond / support", "Children (under 18)", "fra; eng",
                         "Free and confidential listening for children, every day of the week.",
                         "Mon-Fri 09:00-17:00", "6", "18", "yes", "yes", "no", "2026-11-30",
                         f"https://s{i}.example.org"])
        contacts.append([sid, "phone", "116 111"])
        contacts.append([sid, "website", f"https://s{i}.example.org"])
    wb.save(target)


def main() -> None:
    from pipeline import submitter
    from pipeline.paths import Outputs

    with tempfile.TemporaryDirectory() as tmp:
        out = Outputs(Path(tmp))
        submitter.run(out)
        filled = Path(tmp) / "filled.xlsx"
        _fill(out.submitter_kit / "template.xlsx", filled)
        cmd = [sys.executable, "-X", "importtime", "-m", "pipeline", "validate", str(filled)]
        for run in range(3):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            heavy = sorted({m for m in ("spacy", "bertopic", "torch", "pandas", "umap")
                            if re.search(rf"\|\s+{m}$", proc.stderr, re.M)})
            print(f"validate {N} services + {2 * N} contacts, run {run + 1}: wall {wall:.2f} s, "
                  f"CPU {cpu:.2f} s, exit {proc.returncode}; heavy modules imported: "
                  f"{heavy or 'none'}; {proc.stdout.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
