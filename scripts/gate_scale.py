"""How the privacy gate's value search scales: time to build the needles and scan published
text for them, on a synthetic case written here (illustrative values, no real data).

    python scripts/gate_scale.py [VALUES] [ROWS] [CELLS]

VALUES replaced values in the private pseudonym key (default 200,000: given name + surname
pairs and e-mail addresses, each also searched by its parts, as the gate does), a published
CSV of ROWS rows (default 200,000) in which a few values are planted, and CELLS separate short
texts (default 20,000: what an XLSX workbook's cells are to the gate). Prints seconds for
each step and the hits found. The scan runs the needle rules only (no phone parser, no second
detector): those are linear already and measured by the run's own stage timings.
"""
from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import gate  # noqa: E402
from pipeline.paths import Outputs  # noqa: E402
from pipeline.pii import PublicFacts  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ra", "du", "ne", "sk", "vo", "ta", "ri", "an", "el", "zu", "po",
             "fe", "li", "mar", "ton", "bel", "ish", "ou", "ga", "yen", "dri"]


def _word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def key_rows(rng: random.Random, n: int) -> list[dict]:
    rows = []
    for i in range(n):
        if i % 4 == 3:
            value, kind = f"{_word(rng, 2).lower()}.{_word(rng, 2).lower()}{i}@mail.example", "EMAIL"
        else:
            value, kind = f"{_word(rng, 3)} {_word(rng, 4)}", "PERSON"
        rows.append({"token": f"[{kind}_{i}]", "kind": kind, "value": value})
    return rows


def published(rng: random.Random, rows: int, cells: int, planted: list[str]) -> tuple[str, list[str]]:
    """One CSV text of ``rows`` rows and ``cells`` short texts, each planted value once."""
    lines = ["service_id,topic,count,description"]
    plant = {rng.randrange(rows): v for v in planted}
    for i in range(rows):
        extra = f" said {plant[i]}" if i in plant else ""
        lines.append(f"s{i:07d},online safety {i % 37},{i % 97},chat and phone support for "
                     f"young people, open {i % 24}h{extra}")
    texts = [f"Service {i}: helpline for children and young people" for i in range(cells)]
    return "\n".join(lines) + "\n", texts


def main(argv: list[str]) -> None:
    values, rows, cells = (int(a) for a in (argv + ["200000", "200000", "20000"][len(argv):]))
    rng = random.Random(0)
    key = key_rows(rng, values)
    planted = [key[i]["value"] for i in range(0, values, max(1, values // 5))]
    text, small = published(rng, rows, cells, planted)
    with tempfile.TemporaryDirectory() as tmp:
        out = Outputs(Path(tmp))
        out.private.mkdir(parents=True)
        with open(out.pseudonym_key, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=["token", "kind", "value"])
            w.writeheader()
            w.writerows(key)
        t0 = time.perf_counter()
        needles = gate.NeedleIndex(gate.needles(out, "chat and phone support for young people"))
        t1 = time.perf_counter()
    public = PublicFacts()
    hits = gate.scan_text("figures/data.csv", text, needles, public, ())
    t2 = time.perf_counter()
    cell_hits = sum(len(gate.scan_text("report/directory.xlsx", t, needles, public, (),
                                       where=lambda _o: "cell")) for t in small)
    t3 = time.perf_counter()
    print(f"gate value search: {values:,} replaced values")
    print(f"  build needles and index:  {t1 - t0:8.2f} s")
    print(f"  scan one CSV, {rows:,} rows ({len(text) / 1e6:.1f} MB): {t2 - t1:8.2f} s, "
          f"{len(hits)} hits (planted {len(planted)})")
    print(f"  scan {cells:,} cells:         {t3 - t2:8.2f} s, {cell_hits} hits")
    print(f"  total:                    {t3 - t0:8.2f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
