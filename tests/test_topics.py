"""Topic modelling: small-corpus guard, determinism, cross-language grouping, masking of names,
word-list questions, distinct representatives, stability (project-written corpus)."""
import json

import numpy as np
import pandas as pd
import pytest

from pipeline.config import load_params
from pipeline.topics import (
    TOO_FEW,
    UNSAMPLED,
    Masker,
    consensus_vote,
    corpora,
    distance_matrix,
    fit_and_refit,
    model_corpus,
    npmi_coherence,
    outside_embedder,
    quality,
    refit_labels,
    short_label,
    stability,
    topic_diversity,
)

# A made-up service and place, mentioned in the chat texts: they must never become terms.
BRAND, PLACE = "Brightwater Helpline", "Valdoria"

# Three paraphrases per language and subject, written for this test.
SUBJECTS = {
    "chat": {
        "en": ["I prefer to chat online with the helpline rather than call them",
               "Typing in a chat is easier for me than speaking on the phone",
               "Calling scares me, so I message the counsellor in the web chat"],
        "es": ["Prefiero chatear con la línea de ayuda que llamar por teléfono",
               "Escribir en un chat me resulta más fácil que hablar por teléfono",
               "Llamar me da miedo, así que escribo al consejero por el chat"],
        "fr": ["Je préfère discuter par chat avec la ligne d'écoute plutôt que d'appeler",
               "Écrire dans un chat est plus facile pour moi que parler au téléphone",
               "Appeler me fait peur, alors j'écris au conseiller sur le chat"],
        "de": ["Ich schreibe lieber im Chat mit der Beratung als anzurufen",
               "Im Chat zu tippen fällt mir leichter als am Telefon zu sprechen",
               "Anrufen macht mir Angst, deshalb schreibe ich dem Berater im Chat"],
        "pt": ["Prefiro conversar pelo chat com a linha de apoio do que telefonar",
               "Escrever no chat é mais fácil para mim do que falar ao telefone",
               "Ligar dá-me medo, por isso escrevo ao conselheiro no chat"],
    },
    "takedown": {
        "en": ["The platform never removed the video I reported",
               "I reported the fake account three times and nothing happened",
               "Reporting harmful posts is useless because they stay online"],
        "es": ["La plataforma nunca eliminó el vídeo que denuncié",
               "Denuncié la cuenta falsa tres veces y no pasó nada",
               "Denunciar publicaciones dañinas no sirve porque siguen en línea"],
        "fr": ["La plateforme n'a jamais supprimé la vidéo que j'ai signalée",
               "J'ai signalé le faux compte trois fois et rien ne s'est passé",
               "Signaler des publications nuisibles ne sert à rien, elles restent en ligne"],
        "de": ["Die Plattform hat das gemeldete Video nie gelöscht",
               "Ich habe das Fake-Konto dreimal gemeldet und nichts ist passiert",
               "Schädliche Beiträge zu melden bringt nichts, sie bleiben online"],
        "pt": ["A plataforma nunca removeu o vídeo que eu denunciei",
               "Denunciei a conta falsa três vezes e nada aconteceu",
               "Denunciar publicações nocivas não serve de nada, continuam online"],
    },
}


def _corpus():
    rows = [{"doc_id": f"{subject}-{lang}-{i}", "text": t, "text_terms": t, "subject": subject,
             "lang": lang}
            for subject, by_lang in SUBJECTS.items() for lang, texts in by_lang.items()
            for i, t in enumerate(texts)]
    docs = pd.DataFrame(rows)
    chat = docs["subject"] == "chat"
    docs.loc[chat, "text_terms"] = (docs.loc[chat, "text_terms"] + f" ({BRAND}, {PLACE}, "
                                    "https://brightwater.example.org, 0800 123 456)")
    docs["text"] = docs["text_terms"]
    return docs


def _masker(docs):
    return Masker([BRAND, "Brightwater Trust"], docs["text_terms"], proper_nouns=True)


@pytest.fixture(scope="module")
def module_embeddings(tmp_path_factory):
    """This module's own embedding cache (see :func:`fitted`)."""
    return tmp_path_factory.mktemp("topics-embeddings")


@pytest.fixture(scope="module")
def fitted(module_embeddings):
    """Two fits of the same corpus in one process. The embedding cache is this module's own:
    in the session's shared cache another test process may embed the same texts in another
    batch (vectors ~1e-7 apart) between the two fits, and on 30 texts that moved the
    stability refits (0.47 then 0.87 on CI), which says nothing about the model."""
    params = load_params()
    docs = _corpus()
    model_docs = docs.drop(columns=["subject", "lang"])
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PIPELINE_EMBEDDINGS", str(module_embeddings))
        first = model_corpus("notes", model_docs, params.topics, params.seed, _masker(docs))
        second = model_corpus("notes", model_docs, params.topics, params.seed, _masker(docs))
    return docs, first, second


def test_same_input_same_topics(fitted):
    _, (t1, a1), (t2, a2) = fitted
    pd.testing.assert_frame_equal(a1, a2)
    pd.testing.assert_frame_equal(t1, t2)


def test_texts_group_by_subject_across_languages(fitted):
    docs, _, (_, assign) = fitted
    merged = docs.merge(assign, on="doc_id")
    merged = merged[merged["topic_id"] != -1]
    assert merged["topic_id"].nunique() >= 2
    # each topic is (almost) one subject, and mixes languages (the USE embeddings are multilingual)
    purity = merged.groupby("topic_id")["subject"].agg(lambda s: s.value_counts().iloc[0] / len(s))
    assert purity.min() >= 0.8, purity
    assert merged.groupby("topic_id")["lang"].nunique().min() >= 3


def test_terms_keep_accents_and_representatives_are_ids(fitted):
    docs, (topics, _), _ = fitted
    terms = {w for ts in topics["terms"] for w in ts}
    assert any(not w.isascii() for w in terms)  # BERTopic's English preprocessing would strip them
    assert not any("telfono" in w or "vdeo" in w for w in terms)
    for ids in topics.loc[~topics["is_outlier"], "representative_ids"]:
        assert set(ids) <= set(docs["doc_id"])


@pytest.mark.parametrize("n", [0, 1, 5])
def test_too_small_corpus_is_a_stated_result(n):
    params = load_params()
    docs = _corpus().head(n).drop(columns=["subject", "lang"])
    topics, assign = model_corpus("notes", docs, params.topics, params.seed)
    assert list(topics["topic_id"]) == [-1] and topics.loc[0, "label"].startswith(TOO_FEW)
    assert (assign["topic_id"] == -1).all() and len(assign) == n
    assert topics.loc[0, "size"] == n and topics["stability"].isna().all()


def test_names_places_urls_numbers_never_become_terms(fitted):
    _, (topics, _), _ = fitted
    words = {w for col in ("terms", "keywords") for ts in topics[col] for t in ts for w in t.split()}
    assert words, topics
    assert not words & {"brightwater", "helpline", "valdoria", "https", "example", "org", "www"}
    assert not any(ch.isdigit() for w in words for ch in w)
    assert {"chat"} & words  # content words stay


def test_masker_keeps_common_words_of_names():
    corpus = ["The child helpline answers calls", "Kinderlijn Zorro answers every child in Peru",
              "Write to Zorro at help@zorro.example.org or www.zorro.example.org", "[PERSON_3] said"]
    m = Masker(["Kinderlijn Zorro", "Child Helpline Zorro"], corpus, keep={"call"})
    masked = " ".join(m(t) for t in corpus).lower()
    assert "zorro" not in masked and "kinderlijn" not in masked and "peru" not in masked
    assert "person" not in masked and "@" not in masked and "www" not in masked
    assert "child" in masked and "helpline" in masked  # used in lower case: a common word


def test_word_list_questions_are_left_out_of_note_topics():
    services = pd.DataFrame({"service_id": ["s1"], "description": ["A helpline"]})
    notes = pd.DataFrame({"note_id": ["n1", "n2", "n3"],
                          "question_id": ["reasons", "associated_words", "reasons"],
                          "text": ["they feel insecure", "word1 word2 word3", "no"],
                          "text_en": ["they feel insecure", "word1 word2 word3", "no"],
                          "is_non_answer": [False, False, True]})
    notes_corpus = corpora(services, notes, word_list_questions=("associated_words",))["notes"]
    assert notes_corpus["doc_id"].tolist() == ["n1"]


def test_representatives_are_distinct_members(fitted):
    docs, (topics, assign), _ = fitted
    text = docs.set_index("doc_id")["text"]
    for t in topics[~topics["is_outlier"]].itertuples():
        ids = list(t.representative_ids)
        assert ids and len(set(ids)) == len(ids)
        assert len({text[i].casefold() for i in ids}) == len(ids)
        members = set(assign.loc[assign["topic_id"] == t.topic_id, "doc_id"])
        assert set(ids) <= members


def test_stability_scores():
    labels = np.array([0, 0, 0, 1, 1, 1, -1])
    assert stability(labels, [labels.copy(), labels.copy()]) == {0: 1.0, 1: 1.0}
    merged = np.array([0, 0, 0, 0, 0, 0, -1])  # one refit merged the two topics
    assert stability(labels, [merged]) == {0: 0.5, 1: 0.5}
    assert stability(labels, [np.full(7, -1)]) == {0: 0.0, 1: 0.0}


def test_stability_is_taken_over_the_texts_a_subsample_refit_saw():
    labels = np.array([0, 0, 0, 1, 1, 1, 2, 2])
    s = UNSAMPLED
    # the first refit saw all of topic 0, one text of topic 1 (found with a text of topic 2)
    # and one of topic 2; the second saw two texts of topic 0, none of topic 1, all of topic 2
    first = np.array([5, 5, 5, 7, s, s, 7, s])
    second = np.array([3, 3, s, s, s, s, 4, 4])
    got = stability(labels, [first, second])
    assert got[0] == 1.0                        # 3/3, then 2/2: unsampled texts do not count
    assert got[1] == pytest.approx(1 / 2)       # {3} vs {3, 6}; the second refit saw none of it
    assert got[2] == pytest.approx((1 / 2 + 1) / 2)
    assert np.isnan(stability(np.array([0, 0, 1]), [np.array([s, s, 0])])[0])


def blobs(n_per: int = 120, k: int = 4, d: int = 16, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = np.eye(k, d) * 5
    return np.vstack([c + rng.normal(size=(n_per, d)) for c in centres]).astype(np.float32)


def test_refits_above_the_refit_sample_see_a_subsample_of_it():
    tp = load_params().topics.model_copy(update={"refit_sample": 200})
    emb = blobs()                                   # 480 texts in 4 well-separated topics
    refit = refit_labels(emb, tp, 42, 1)
    assert (refit != UNSAMPLED).sum() == 200 and len(refit) == len(emb)
    assert not np.array_equal(refit != UNSAMPLED, refit_labels(emb, tp, 42, 2) != UNSAMPLED)
    truth = np.repeat(np.arange(4), 120)
    assert all(v > 0.9 for v in stability(truth, [refit]).values())
    whole = refit_labels(emb, tp.model_copy(update={"refit_sample": 1000}), 42, 1)
    assert (whole != UNSAMPLED).all()


def test_a_refit_on_the_shared_distance_matrix_is_the_refit_on_its_own():
    """The main fit's matrix serves every refit; a subsample takes its rows and columns."""
    tp = load_params().topics.model_copy(update={"refit_sample": 100})
    emb = blobs(n_per=40)                           # 160 texts: the refit sees 100 of them
    shared = distance_matrix(emb, tp.umap.metric)
    for sample in (100, 1000):
        t = tp.model_copy(update={"refit_sample": sample})
        assert np.array_equal(refit_labels(emb, t, 42, 1, distances=shared),
                              refit_labels(emb, t, 42, 1))


def test_forked_refits_are_the_sequential_refits(monkeypatch):
    import os

    from pipeline import interrupt

    forked = []
    fork_map = interrupt.fork_map
    monkeypatch.setattr(interrupt, "fork_map", lambda *a: forked.append(a[2]) or fork_map(*a))
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    tp = load_params().topics.model_copy(update={"stability_refits": 3, "consensus_fits": 2})
    emb = blobs(n_per=40)
    labels, refits = fit_and_refit(emb, tp, 42)
    assert forked == [2]                 # two consensus fits and three refits: one batch, two workers
    seq_labels, seq_refits = fit_and_refit(emb, tp, 42, fork_below=0)
    assert forked == [2] and np.array_equal(labels, seq_labels) and len(refits) == 3
    assert all(np.array_equal(a, b) for a, b in zip(refits, seq_refits))
    assert not all(np.array_equal(refits[0], r) for r in refits[1:])  # each its own seed


def test_refits_fork_only_below_4096_texts_with_two_cpus_and_two_refits(monkeypatch):
    import os

    import pipeline.topics as topics
    from pipeline import interrupt

    forked = []
    monkeypatch.setattr(interrupt, "fork_map", lambda fn, items, w: forked.append(w) or
                        [fn(i) for i in items])
    monkeypatch.setattr(topics, "cluster", lambda emb, tp, seed, *a, **k: np.arange(len(emb)) % 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    tp = load_params().topics.model_copy(update={"consensus_fits": 0})
    emb = np.random.default_rng(0).normal(size=(4096, 2)).astype(np.float32)
    for n, cpus, k, forks in ((4096, 2, 5, False), (4095, 2, 5, True), (100, 2, 5, True),
                              (100, 1, 5, False), (100, 2, 1, False), (100, 2, 0, False)):
        monkeypatch.setattr(os, "cpu_count", lambda cpus=cpus: cpus)
        forked.clear()
        _, refits = fit_and_refit(emb[:n], tp.model_copy(update={"stability_refits": k}), 42)
        assert len(refits) == k and forked == ([min(k, cpus)] if forks else []), (n, cpus, k)


def test_a_cached_umap_layout_is_the_fitted_one_and_skips_umap(tmp_path, monkeypatch):
    """A rerun that changes only HDBSCAN's minimum topic size reads every layout back: the same
    topics as without the cache, and UMAP (and the distance matrix) never called."""
    import pipeline.topics as topics

    tp = load_params().topics.model_copy(update={"stability_refits": 2, "consensus_fits": 1})
    emb = blobs(n_per=40)
    cold = fit_and_refit(emb, tp, 42, layout_cache=tmp_path)
    assert len(list(tmp_path.glob("*.npz"))) == 4      # main fit, one consensus fit, two refits

    def never(*_a, **_k):
        raise AssertionError("UMAP was fitted again")

    monkeypatch.setattr(topics, "_umap_class", lambda: never)
    monkeypatch.setattr(topics, "distance_matrix", never)
    warm = fit_and_refit(emb, tp, 42, layout_cache=tmp_path)
    monkeypatch.undo()
    bigger = tp.model_copy(update={"min_cluster_size": 30})
    plain = fit_and_refit(emb, bigger, 42)                 # no cache: UMAP fitted
    monkeypatch.setattr(topics, "_umap_class", lambda: never)
    tuned = fit_and_refit(emb, bigger, 42, layout_cache=tmp_path)
    for a, b in ((cold, warm), (plain, tuned)):
        assert len(a[1]) == len(b[1]) == 2
        assert all(np.array_equal(x, y) for x, y in zip([a[0], *a[1]], [b[0], *b[1]]))


def test_a_layout_is_cached_per_seed_setting_and_data_and_a_corrupt_one_is_refitted(tmp_path, capsys):
    from pipeline import layouts
    from pipeline.topics import umap_layout

    tp = load_params().topics
    emb = blobs(n_per=30)
    first = umap_layout(emb, tp, 42, layout_cache=tmp_path)
    umap_layout(emb, tp, 43, layout_cache=tmp_path)
    umap_layout(emb, tp.model_copy(update={"umap": tp.umap.model_copy(update={"n_components": 3})}),
                42, layout_cache=tmp_path)
    umap_layout(emb[1:], tp, 42, layout_cache=tmp_path)
    files = sorted(tmp_path.glob("*.npz"))
    assert len(files) == 4
    assert np.array_equal(umap_layout(emb, tp, 42, layout_cache=tmp_path), first)
    assert len(list(tmp_path.glob("*.npz"))) == 4
    key = layouts.layout_key(emb, {"n_neighbors": min(tp.umap.n_neighbors, len(emb) - 1),
                                   "n_components": tp.umap.n_components, "min_dist": tp.umap.min_dist,
                                   "metric": "precomputed", "random_state": 42,
                                   "n_epochs": tp.umap.n_epochs, "distances_under": tp.umap.metric})
    path = tmp_path / f"{key}.npz"
    assert path.exists()
    np.savez(path, layout=first + 1, sha256=np.array("0" * 64))       # altered on disk
    again = umap_layout(emb, tp, 42, layout_cache=tmp_path)
    assert np.array_equal(again, first) and "corrupt UMAP layout cache" in capsys.readouterr().err
    assert np.array_equal(layouts.read(key, tmp_path), first)          # written again, whole
    (tmp_path / f".{key}.npz.x1.tmp.npz").write_bytes(b"half")        # a killed write
    assert [p.name for p in layouts.remove_temporaries(tmp_path)] == [f".{key}.npz.x1.tmp.npz"]


def test_distance_matrix_is_umaps_own_bit_for_bit():
    from sklearn.metrics import pairwise_distances
    from umap.distances import cosine

    emb = blobs(n_per=30)
    ours = distance_matrix(emb, "cosine")
    umaps = pairwise_distances(emb, metric=cosine)  # what UMAP computes below 4,096 points
    assert ours.dtype == umaps.dtype and np.array_equal(ours, umaps)


def test_published_stability_in_range(fitted):
    _, (topics, _), _ = fitted
    s = topics.loc[~topics["is_outlier"], "stability"]
    assert len(s) and s.between(0, 1).all()
    min_stability = load_params().topics.min_stability
    real = topics[~topics["is_outlier"]]
    assert (real["is_stable"] == (real["stability"] >= min_stability)).all()
    assert not topics.loc[topics["is_outlier"], "is_stable"].any()


def test_short_label_does_not_repeat_words():
    assert short_label(["online chat", "chat", "phone", "phone calls", "text"]) == \
        "online chat / phone / text"


def test_unknown_stop_word_language_is_a_clear_error():
    from pipeline.topics import stop_words

    with pytest.raises(ValueError, match="'xq'"):
        stop_words(("en", "xq"))


def test_stop_words_are_read_without_building_the_language():
    """The stop-word lists are read from their files: importing ``spacy.lang.fr`` compiled its
    tokenizer exceptions, 3.5 s of every topics run (a fresh process, so no other test has
    imported the language already)."""
    import subprocess
    import sys

    code = ("import sys; from pipeline.topics import stop_words; w = stop_words(('fr', 'en'));"
            "print('le' in w and 'the' in w, 'spacy.lang.fr' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]


def test_same_topics_in_a_new_process(fitted, module_embeddings, tmp_path):
    """Determinism across processes (another hash seed): assignments, terms and labels."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    docs, (topics, assign), _ = fitted
    docs.to_parquet(tmp_path / "docs.parquet")
    code = (
        "import json, sys, pandas as pd\n"
        "sys.path.insert(0, 'tests')\n"
        "from test_topics import _masker\n"
        "from pipeline.config import load_params\n"
        "from pipeline.topics import model_corpus\n"
        f"docs = pd.read_parquet({str(tmp_path / 'docs.parquet')!r})\n"
        "p = load_params()\n"
        "t, a = model_corpus('notes', docs.drop(columns=['subject', 'lang']), p.topics, p.seed,"
        " _masker(docs))\n"
        "print(json.dumps({'assign': a['topic_id'].tolist(), 'terms': t['terms'].map(list).tolist(),"
        " 'labels': t['label'].tolist()}))\n")
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                         env={**os.environ, "PYTHONHASHSEED": "123",
                              "PIPELINE_EMBEDDINGS": str(module_embeddings)}, check=True)
    other = json.loads(out.stdout.strip().splitlines()[-1])
    assert other["assign"] == assign["topic_id"].tolist()
    assert other["terms"] == topics["terms"].map(list).tolist()
    assert other["labels"] == topics["label"].tolist()


def test_bigrams_never_span_a_masked_name_or_a_stop_word():
    from pipeline.topics import Analyzer

    masked = Masker(["Hillside Academy"])("the girls at Hillside Academy school posted 2 photos")
    terms = Analyzer(frozenset({"the", "at"}))(masked)
    assert "girls school" not in terms and "girls" in terms and "school posted" in terms
    assert not any("hillside" in t or "academy" in t or t.isdigit() for t in terms)


def test_notes_are_embedded_in_their_english_translation_where_they_have_one():
    # Illustrative notes. The embedder does not cover Romanian: originals grouped by language.
    services = pd.DataFrame({"service_id": ["s1"], "description": ["A helpline"]})
    notes = pd.DataFrame({"note_id": ["n1", "n2"], "question_id": ["reasons", "reasons"],
                          "text": ["ma simt singura", "me siento sola"],
                          "text_en": ["I feel lonely", ""], "is_non_answer": [False, False]})
    embedded = corpora(services, notes)["notes"]
    assert embedded["text"].tolist() == ["I feel lonely", "me siento sola"]
    assert embedded["text_terms"].tolist() == ["I feel lonely", "me siento sola"]
    originals = corpora(services, notes, embed_translations=False)["notes"]
    assert originals["text"].tolist() == ["ma simt singura", "me siento sola"]



def test_npmi_coherence_and_diversity_by_hand():
    import scipy.sparse as sp
    # 4 texts x 3 terms: terms 0 and 1 always together (NPMI 1), term 2 never with 0 (-1).
    counts = sp.csr_matrix(np.array([[1, 2, 0], [1, 1, 0], [0, 0, 3], [0, 0, 1]]))
    assert npmi_coherence([np.array([0, 1])], counts) == pytest.approx(1.0)
    assert npmi_coherence([np.array([0, 2])], counts) == pytest.approx(-1.0)
    assert npmi_coherence([np.array([0, 1]), np.array([0, 2])], counts) == pytest.approx(0.0)
    # 0 and 1 in 2 of 4 texts each, together in 1: p = 1/4 vs 1/2 * 1/2, independent: 0
    counts = sp.csr_matrix(np.array([[1, 1], [1, 0], [0, 1], [0, 0]]))
    assert npmi_coherence([np.array([0, 1])], counts) == pytest.approx(0.0)
    assert np.isnan(npmi_coherence([np.array([0])], counts))
    assert topic_diversity([np.array([0, 1]), np.array([1, 2])]) == pytest.approx(0.75)


def test_quality_scores_bertopic_beside_both_baselines(fitted):
    docs, (topics, assign), _ = fitted
    params = load_params()
    table = quality("notes", docs.drop(columns=["subject", "lang"]), assign, params.topics,
                    params.seed, _masker(docs))
    assert table["method"].tolist() == ["bertopic", "kmeans_embeddings", "nmf_tfidf"]
    real = int((~topics["is_outlier"]).sum())
    assert (table["topics"] <= real).all() and table.loc[0, "topics"] == real
    assert table["is_best"].sum() == 1
    assert table["coherence_npmi"].between(-1, 1).all() and table["diversity"].between(0, 1).all()
    twice = docs.drop(columns=["subject", "lang"]).assign(doc_id="same")  # IDs need not be unique
    again = quality("notes", twice, assign, params.topics, params.seed, _masker(docs))
    pd.testing.assert_frame_equal(again, table)
    none = assign.assign(topic_id=-1)  # nothing modelled: no rows, not an error
    assert quality("notes", docs.drop(columns=["subject", "lang"]), none, params.topics,
                   params.seed).empty


def test_baselines_above_the_refit_sample_are_fitted_on_a_sample_and_applied_to_all():
    from sklearn.metrics import normalized_mutual_info_score as nmi

    from pipeline.topics import baselines

    tp = load_params().topics.model_copy(update={"refit_sample": 100})
    emb, truth = blobs(), np.repeat(np.arange(4), 120)
    words = ["bullying at school", "online grooming chat", "privacy settings account",
             "helpline phone call"]
    texts = [f"{words[t]} {words[t].split()[0]}" for t in truth]
    got = baselines(texts, emb, 4, tp, 42)
    assert {len(v) for v in got.values()} == {len(emb)}
    assert nmi(truth, got["kmeans_embeddings"]) > 0.95 and nmi(truth, got["nmf_tfidf"]) > 0.95
    whole = baselines(texts, emb, 4, tp.model_copy(update={"refit_sample": 1000}), 42)
    assert nmi(got["kmeans_embeddings"], whole["kmeans_embeddings"]) > 0.95


def test_one_giant_topic_falls_back_to_leaf_selection(monkeypatch):
    import pipeline.topics as topics

    calls = []

    def fake_hdbscan(reduced, min_size, tp, selection):
        calls.append(selection)
        n = len(reduced)
        # "eom" keeps one parent cluster of (almost) everything; "leaf" its three children
        return np.zeros(n, dtype=int) if selection == "eom" else np.arange(n) % 3

    monkeypatch.setattr(topics, "_hdbscan", fake_hdbscan)
    rng = np.random.default_rng(0)
    embeddings = rng.normal(size=(40, 8)).astype(np.float32)
    tp = load_params().topics
    labels = topics.cluster(embeddings, tp, seed=1)
    assert calls == ["eom", "leaf"] and sorted(set(labels)) == [0, 1, 2]
    calls.clear()
    topics.cluster(embeddings, tp.model_copy(update={"max_topic_share": 1.0}), seed=1)
    assert calls == ["eom"]  # a giant topic allowed: no second selection


def test_model_saved_with_safetensors_and_loads_back(tmp_path):
    from bertopic import BERTopic

    import pipeline.topics as topics

    params = load_params()
    docs = _corpus()
    folder = tmp_path / "topic_models" / "notes"
    folder.mkdir(parents=True)
    (folder / "stale.json").write_text("{}")  # a model of earlier inputs is replaced whole
    t, assign = model_corpus("notes", docs.drop(columns=["subject", "lang"]), params.topics,
                             params.seed, _masker(docs), save_to=folder)
    files = {p.name for p in folder.iterdir()}
    assert {"topic_embeddings.safetensors", "ctfidf.safetensors", "config.json", "topics.json",
            "metadata.json"} <= files and "stale.json" not in files
    assert not [p for p in folder.rglob("*") if p.suffix in (".pkl", ".pickle", ".bin", ".pt")]
    assert not list(folder.parent.glob(".*.tmp"))  # no temporary folder left behind
    meta = json.loads((folder / "metadata.json").read_text())
    assert meta["corpus"] == "notes" and meta["seed"] == params.seed
    assert meta["embedding_model"].startswith("use-multilingual-v3@")
    model = BERTopic.load(str(folder), embedding_model=topics._embedder())
    sizes = assign[assign["topic_id"] >= 0]["topic_id"].value_counts().to_dict()
    assert {k: v for k, v in model.topic_sizes_.items() if k >= 0} == sizes
    assert model.get_topic(0)[0][0] == t.loc[t["topic_id"] == 0, "terms"].iloc[0][0]
    too_few = docs.drop(columns=["subject", "lang"]).head(3)  # not modelled: no model kept
    model_corpus("notes", too_few, params.topics, params.seed, save_to=folder)
    assert not folder.exists()



def test_answers_outside_the_embedders_languages_without_translation_are_counted():
    notes = pd.DataFrame({  # Romanian and Greek are not among USE v3's languages; Spanish is
        "language": ["ron", "ron", "ell", "spa", "ron", "ron"],
        "text": ["ma simt singura", "ma simt singura", "νιώθω μόνη", "me siento sola", "", "nu"],
        "text_en": ["I feel lonely", "", "", "", "", ""],
        "is_non_answer": [False, False, False, False, False, True]})
    assert outside_embedder(notes) == 2  # the untranslated Romanian and Greek answers


def test_kmeans_redraws_hdbscans_borders_and_keeps_its_outliers():
    from pipeline.topics import kmeans_borders

    rng = np.random.default_rng(0)
    a = rng.normal(0, 0.3, size=(20, 5))
    b = rng.normal(0, 0.3, size=(20, 5)) + 10
    reduced = np.vstack([a, b]).astype(np.float32)  # UMAP's output dtype
    truth = np.repeat([0, 1], 20)
    hdbscan = truth.copy()
    hdbscan[20:24] = 0  # a border drawn through the second group
    hdbscan[[5, 30]] = -1  # and two outliers
    labels = kmeans_borders(reduced, hdbscan, seed=1)
    assert (labels[[5, 30]] == -1).all()
    kept = labels != -1
    assert len(set(labels[kept])) == 2
    for group in (truth == 0, truth == 1):  # each group whole in one topic, apart
        assert len(set(labels[kept & group])) == 1
    assert set(labels[kept & (truth == 0)]) != set(labels[kept & (truth == 1)])
    assert (kmeans_borders(reduced, hdbscan, seed=1) == labels).all()  # seeded
    one = np.where(hdbscan == -1, -1, 0)
    assert (kmeans_borders(reduced, one, seed=1) == one).all()  # one topic: nothing to redraw
    # outliers of their own, far away: k-means is fitted on the topics' members, so no centre
    # goes to them and both topics stay
    far = rng.normal(0, 0.3, size=(30, 5)) + 100
    with_far = np.vstack([reduced, far]).astype(np.float32)
    labels = kmeans_borders(with_far, np.concatenate([truth, np.full(30, -1)]), seed=1)
    assert sorted(set(labels[:40])) == [0, 1] and (labels[40:] == -1).all()


def test_borders_param_chooses_who_draws_topic_borders(monkeypatch):
    import pipeline.topics as topics

    monkeypatch.setattr(topics, "_hdbscan", lambda reduced, *a: np.arange(len(reduced)) % 3)
    embeddings = np.random.default_rng(0).normal(size=(60, 8)).astype(np.float32)
    tp = load_params().topics
    tp = tp.model_copy(update={"max_outlier_share": 1.0})
    assert tp.borders == "kmeans"  # the default (config/params.yaml)
    hdbscan = topics.cluster(embeddings, tp.model_copy(update={"borders": "hdbscan"}), seed=1)
    assert (hdbscan == np.arange(60) % 3).all()
    kmeans = topics.cluster(embeddings, tp, seed=1)
    assert sorted(set(kmeans)) == [0, 1, 2] and (kmeans != hdbscan).any()


def test_umaps_numba_functions_are_cached_on_disk():
    """umap-learn compiles most of its numba functions in every new process (about 10 s of a
    topics stage on the shared data); pipeline.topics switches their on-disk cache on."""
    from numba.core.caching import FunctionCache

    from pipeline.topics import _umap_class

    _umap_class()
    import umap.umap_
    import umap.utils

    for fn in (umap.umap_.smooth_knn_dist, umap.umap_.compute_membership_strengths,
               umap.utils.fast_knn_indices):
        assert isinstance(fn._cache, FunctionCache), fn


def test_umap_neighbours_follow_corpus_size_and_epochs_are_the_params(monkeypatch):
    """30 neighbours below UMAP's exact path (4,096 texts), 15 from there on; 200 layout
    epochs at both sizes (config/params.yaml says why)."""
    import pipeline.topics as topics

    seen, epochs = [], []

    class FakeUMAP:
        def __init__(self, n_neighbors, n_epochs=None, **kwargs):
            seen.append(n_neighbors)
            epochs.append(n_epochs)

        def fit_transform(self, data):
            return np.zeros((len(data), 5), dtype=np.float32)

    monkeypatch.setattr(topics, "_umap_class", lambda: FakeUMAP)
    monkeypatch.setattr(topics, "_hdbscan", lambda reduced, *a: np.zeros(len(reduced), dtype=int))
    monkeypatch.setattr(topics, "UMAP_EXACT_BELOW", 50)
    tp = load_params().topics
    embeddings = np.random.default_rng(0).normal(size=(60, 8)).astype(np.float32)
    topics.cluster(embeddings[:40], tp, seed=1)
    topics.cluster(embeddings, tp, seed=1)
    assert seen == [tp.umap.n_neighbors, tp.umap.n_neighbors_large] == [30, 15]
    assert epochs == [tp.umap.n_epochs] * 2 == [200, 200]   # at every size, not UMAP's 500 below 10,000


def test_consensus_vote_matches_topics_across_fits_then_takes_the_majority():
    """Other fits name their topics as they like: matched one to one to the fit's by shared
    texts, then each text goes where most fits put it; the fit's own topic wins a tie, and a
    text that is an outlier in most fits is one."""
    fit = np.array([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, -1, -1])
    renamed = {0: 7, 1: 3, 2: 5, -1: -1}                  # the same topics, other ids
    same = np.array([renamed[t] for t in fit])
    assert np.array_equal(consensus_vote(fit, [same, same]), fit)
    moved = same.copy()
    moved[3] = 3                                           # text 3 in the fit's topic 1 ...
    assert consensus_vote(fit, [moved, moved])[3] == 1         # ... for two of three fits
    assert consensus_vote(fit, [moved, moved, same])[3] == 0   # two against two: the fit's own
    out = same.copy()
    out[4] = -1
    assert consensus_vote(fit, [out, out, out])[4] == -1      # an outlier in 3 of 4 fits
    assert consensus_vote(fit, [out, out, same])[4] == 1      # in 2 of 4: not most
    back = same.copy()
    back[10] = 3
    assert consensus_vote(fit, [back, back, back])[10] == 1   # found by most: no outlier
    assert np.array_equal(consensus_vote(fit, []), fit)


def test_topics_below_4096_texts_are_the_vote_of_the_consensus_fits(monkeypatch):
    import os

    import pipeline.topics as topics

    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    fits = {42: np.array([0, 0, 1, 1, 1, 2, 2, 2]), 1043: np.array([5, 5, 5, 6, 6, 7, 7, 7]),
            1044: np.array([5, 5, 5, 6, 6, 7, 7, 7])}
    monkeypatch.setattr(topics, "cluster", lambda emb, tp, seed, *a, **k: fits.get(seed, fits[42]))
    tp = load_params().topics.model_copy(update={"consensus_fits": 2, "stability_refits": 0})
    emb = np.random.default_rng(0).normal(size=(8, 4)).astype(np.float32)
    labels, _ = fit_and_refit(emb, tp, 42)
    assert labels.tolist() == [0, 0, 0, 1, 1, 2, 2, 2]     # text 2 moved by both other fits
    alone, _ = fit_and_refit(emb, tp.model_copy(update={"consensus_fits": 0}), 42)
    assert alone.tolist() == fits[42].tolist()
