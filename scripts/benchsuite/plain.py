"""The pipeline against a plain BERTopic script on the same texts (issue 14): the cold
``make report`` (every stage, stability refits and baselines included) ÷ the plain script
(:mod:`plain_bertopic`, same texts, same embedding model, no cache), both in this run; then a
warm run (embeddings cached, ``topics.min_cluster_size`` changed) ÷ the same plain script.
Targets: cold <= 2.5, warm <= 1."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import yaml

from benchsuite import common, texts

TARGET_COLD, TARGET_WARM = 2.5, 1.0


def plain_script_seconds(texts_json: Path) -> float:
    """Wall seconds of the plain script as an analyst runs it (a fresh process, imports
    included)."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(texts.HERE / "plain_bertopic.py"), str(texts_json)],
                   check=True, capture_output=True, text=True)
    return time.perf_counter() - t0


def changed_params(target: Path) -> Path:
    """A copy of config/params.yaml with ``topics.min_cluster_size`` one larger (a topics
    parameter an analyst tunes), written to ``target``."""
    params = yaml.safe_load((common.ROOT / "config" / "params.yaml").read_text())
    params["topics"]["min_cluster_size"] += 1
    target.write_text(yaml.safe_dump(params, allow_unicode=True, sort_keys=False))
    return target


def compare(sources: str, out: Path, cold_wall: float, workdir: Path) -> dict:
    """After a cold run into ``out``: time the plain script on its texts and a warm run with a
    topics parameter changed; print and return the ratios."""
    n = texts.write_texts(out, workdir / "texts.json")
    plain = plain_script_seconds(workdir / "texts.json")
    warm, _ = common.make_report(sources, out, params=changed_params(workdir / "params.yaml"))
    cold_ratio, warm_ratio = round(cold_wall / plain, 2), round(warm / plain, 2)
    print(f"\nAgainst a plain BERTopic script on the same {n} texts (scripts/benchsuite/"
          f"plain_bertopic.py, same model, no cache): {plain:.1f} s")
    print(f"  cold make report {cold_wall:.1f} s: ratio {cold_ratio:.2f} (target <= {TARGET_COLD:g}) "
          f"{common.verdict(cold_ratio, TARGET_COLD)}")
    print(f"  warm make report (embeddings cached, topics.min_cluster_size changed) {warm:.1f} s: "
          f"ratio {warm_ratio:.2f} (target <= {TARGET_WARM:g}) {common.verdict(warm_ratio, TARGET_WARM)}")
    return {"plain_script_ratio": cold_ratio, "warm_ratio": warm_ratio,
            "shared": {"texts": n, "cold_s": round(cold_wall, 1), "plain_script_s": round(plain, 1),
                       "warm_s": round(warm, 1)}}
