"""The texts the topics stage embeds in a finished run, and how long embedding them once takes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def topic_texts(out: Path) -> dict[str, list[str]]:
    """{corpus: distinct texts} that the topics stage of the run in ``out`` embedded (its own
    selection, :func:`pipeline.topics.corpora`, over the processed tables)."""
    import pandas as pd

    from pipeline import topics
    from pipeline.config import load_params
    from pipeline.paths import Outputs

    o, tp = Outputs(out), load_params().topics
    corpora = topics.run_corpora(pd.read_parquet(o.services), pd.read_parquet(o.notes), tp)
    return {name: list(dict.fromkeys(df["text"].astype(str))) for name, df in corpora.items()}


def write_texts(out: Path, target: Path) -> int:
    """Write :func:`topic_texts` of ``out`` to ``target`` (JSON, in the run's temporary folder:
    never in the project); return the number of texts."""
    texts = topic_texts(out)
    target.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return sum(map(len, texts.values()))


def embed_seconds(texts_json: Path) -> dict:
    """Embed every text of ``texts_json`` once in a fresh process (no cache):
    {"texts", "load_s", "embed_s"}."""
    proc = subprocess.run([sys.executable, str(HERE / "embed_once.py"), str(texts_json)],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])
