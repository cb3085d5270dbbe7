"""The plain BERTopic script the pipeline is compared with: per corpus, embed the texts with
the pipeline's model (no cache) and fit BERTopic with its defaults and a seeded UMAP, nothing
else (no pseudonymisation, masking, refits or baselines). What an analyst would write.

    python plain_bertopic.py TEXTS.json      # {corpus: [texts]}; prints topics per corpus
"""
from __future__ import annotations

import sys

from embed_once import encoder, load_texts


def main(path: str) -> None:
    from bertopic import BERTopic
    from umap import UMAP

    use = encoder()
    for corpus, texts in load_texts(path).items():
        if len(texts) < 20:
            continue
        model = BERTopic(umap_model=UMAP(n_neighbors=15, n_components=5, min_dist=0.0,
                                         metric="cosine", random_state=42))
        topics, _ = model.fit_transform(texts, embeddings=use.encode(texts))
        print(f"{corpus}: {len(texts)} texts, {len(set(topics)) - (-1 in topics)} topics")


if __name__ == "__main__":
    main(sys.argv[1])
