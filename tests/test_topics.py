"""Topic modelling: small-corpus guard, determinism, cross-language grouping (project-written corpus)."""
import pandas as pd
import pytest

from pipeline.config import load_params
from pipeline.topics import model_corpus

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
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def fitted():
    params = load_params()
    docs = _corpus()
    first = model_corpus("notes", docs.drop(columns=["subject", "lang"]), params.topics, params.seed)
    second = model_corpus("notes", docs.drop(columns=["subject", "lang"]), params.topics, params.seed)
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


def test_too_small_corpus_is_not_modelled():
    params = load_params()
    docs = _corpus().head(6).drop(columns=["subject", "lang"])
    topics, assign = model_corpus("notes", docs, params.topics, params.seed)
    assert list(topics["topic_id"]) == [-1] and topics.loc[0, "label"].startswith("not modelled")
    assert (assign["topic_id"] == -1).all() and len(assign) == 6
