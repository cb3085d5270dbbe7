"""The report's "Data, methods and limitations" section, computed from a run's outputs.

Every statement is computed from ``report/findings.json`` (inputs, services, notes, topics,
findings, methods, codebook, provenance), the processed services table and the codebook, so it
describes whichever data the run used; nothing in it is written about one dataset. All text
from submitters (titles, names) is HTML-escaped.
"""
from __future__ import annotations

import html
from collections import Counter

import pandas as pd

from pipeline import paths, storage
from pipeline.codebook import load_codebook
from pipeline.config import load_params
from pipeline.findings.rules import CONTACT_FLAGS
from pipeline.report_findings import language_name

LOW_GRADES = ("Low", "Very low")
# The reason pipeline.ingest.survey gives a respondent outside params.scope.survey_age_bands.
AGE_REJECT = "out_of_scope_age"
TRANSLATION = {"machine": "machine translations made by the source",
               "human": "translations made by the source's people",
               "": "translations the source supplied without saying how they were made"}


def _e(x) -> str:
    return html.escape(str(x))


def _share(n: int, of: int) -> str:
    return f"{n} of {of}" + (f" ({100 * n / of:.0f} %)" if of else "")


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def sources_html(f: dict, codebook) -> str:
    """Who submitted what, which service types are (not) covered, age scope, languages and
    translation. ``codebook``: :class:`pipeline.codebook.Codebook` (service-type labels)."""
    items = []
    for i in f["inputs"]:
        who = "; ".join(f"{k} {_e(i[k2])}" for k, k2 in (("submitted by", "submitter"),
                                                           ("produced by", "producer"),
                                                           ("received", "received"))
                        if i.get(k2))
        items.append(f"<b>{_e(i['title'])}</b> ({_e(i['kind'])}, {i['rows_read']} rows read, "
                     f"one row is a {_e(i['row_unit'])}){': ' + who if who else ''}. "
                     f"Licence: {_e(i['licence'])}.")
    parts = [f"<p>{len(f['inputs'])} input(s):</p>{_list(items)}"]

    st = codebook.dimension("service_type")
    covered = f["services"]["by_service_type"]
    types = [c for c in st.codes if c.id != st.fallback_code]
    missing = [c.label for c in types if not covered.get(c.slug)]
    parts.append(f"<p><b>Service types.</b> {len(types) - len(missing)} of the codebook's "
                 f"{len(types)} service types have at least one mapped service"
                 + (f"; no service of these types was mapped: {_e(', '.join(missing))}"
                    if missing else "")
                 + ". A type with no service means no source submitted one, not that none "
                 "exists.</p>")

    parts += [_age_scope(f), _languages(f)]
    return "".join(parts)


def _age_scope(f: dict) -> str:
    """Which respondents the age scope (``methods.age_scope``) kept, per survey export (inputs
    whose row is a respondent: only those are filtered by age), with the out-of-scope count."""
    bands = ", ".join(f["methods"].get("age_scope", ()))
    k = f["notes"]["suppressed"]["threshold"]
    surveys = [i for i in f["inputs"] if i["row_unit"] == "respondent"]
    if not surveys:
        return (f"<p><b>Age scope.</b> No survey export is part of this run; notes read from "
                f"tables of notes are not filtered by age (the age bands {_e(bands)} apply to "
                "survey exports).</p>")
    said = []
    for i in surveys:
        n = i["rejected_by_reason"].get(AGE_REJECT, 0)
        if n is None:  # suppressed: small, or hidden beside a small count (secondary)
            secondary = f"rejected_by_reason.{AGE_REJECT}" in i.get("secondary_suppressed", ())
            n = ("a number hidden beside a small count" if secondary
                 else f"fewer than {k}")
        said.append(f"{_e(i['title'])}: respondents outside them, rejected as out of scope: "
                    f"{_e(n)}")
    return (f"<p><b>Age scope.</b> Respondents in the age bands {_e(bands)} are analysed "
            f"({'; '.join(said)}).</p>")


def _languages(f: dict) -> str:
    """The notes' languages with counts (suppressed counts as '<k'), and how they were
    translated, per notes source."""
    n = f["notes"]
    if n["count"] == 0:
        return "<p><b>Languages.</b> No consultation notes were part of this run.</p>"
    k = n["suppressed"]["threshold"]
    langs = ", ".join(f"{_e(language_name(c) or 'not recognised')} "
                      f"({'&lt;' + str(k) if v is None else v})"
                      for c, v in sorted(n["by_language"].items(),
                                         key=lambda kv: -(kv[1] or 0)))
    translated = [f"{_e(i['title'])}: {TRANSLATION[i.get('translation', '')]}"
                  for i in f["inputs"] if i["kind"] == "notes"]
    return (f"<p><b>Languages.</b> The notes are in {len(n['by_language'])} language(s): "
            f"{langs}. Notes not in English are coded in their original and in the English "
            f"translation their source supplied; their topics are found in the translation where "
            f"there is one (the language model does not cover every language); quotes say which "
            f"they show.</p>"
            + _list(translated))


def limitations_html(f: dict, services: pd.DataFrame) -> str:
    """Stated limitations, each a computed count: corpora too small for topics, unstable
    topics, services with unknown ages, no date last checked or a flagged contact (``services``:
    the processed services table: min_age, max_age, assured_date, flags), stale records,
    single-source findings, findings graded Low or Very low, findings too few to report."""
    items = []
    for corpus, name in (("descriptions", "service descriptions"), ("notes", "notes")):
        topics = f["topics"][corpus]
        if topics and all(t["label"].startswith("not modelled") for t in topics):
            items.append(f"The {name} were too few to model topics in.")
            continue
        real = [t for t in topics if not t["is_outlier"]]
        unstable = sum(not t["is_stable"] for t in real)
        if real:
            items.append(f"{unstable} of {len(real)} topics in the {name} are unstable (their "
                         "members are found together again in too few refits): they are marked "
                         "'(unstable)'" + (" and never quoted." if corpus == "notes" else "."))
    outside = f["notes"].get("outside_embedder", 0)
    if outside != 0:
        k = f["notes"]["suppressed"]["threshold"]
        items.append(f"{'Fewer than ' + str(k) if outside is None else outside} answers are in a "
                     "language the topic model's language model does not cover and came without "
                     "an English translation: they may form topics of their own language.")
    n = len(services)
    no_age = int((services["min_age"].isna() & services["max_age"].isna()).sum())
    no_date = int((services["assured_date"] == "").sum())
    flagged = int(services["flags"].map(lambda fl: bool(CONTACT_FLAGS & set(fl))).sum())
    items += [f"{_share(no_age, n)} services state no age range.",
              f"{_share(no_date, n)} services carry no date last checked.",
              f"{_share(flagged, n)} services list a contact the pipeline flagged as wrong "
              "(shown as 'to verify', never as working)."]
    found = f["findings"]
    stale = next((x for x in found if x["rule"] == "gap.records.no_date_checked"), None)
    if stale:
        items.append(f"Stale records: {_e(stale['statement'])}")
    m = len(found)
    single = sum(x["numbers"].get("breadth", {}).get("sources") == 1 for x in found)
    grades = Counter(x["confidence"]["grade"] for x in found)
    low = sum(grades[g] for g in LOW_GRADES)
    items += [f"{single} of {m} findings rest on a single source.",
              f"{low} of {m} findings are graded Low or Very low confidence ("
              + ", ".join(f"{g} {grades[g]}" for g in LOW_GRADES) + ").",
              f"{sum(x['too_few'] for x in found)} of {m} findings are too few to report."]
    return _list(items)


def settings_html(f: dict) -> str:
    """Codebook and rules versions, and the topic-model settings: read from the parameters
    file when its hash is the run's (``provenance.params_sha256``), else where to find them."""
    p = f["provenance"]
    parts = [f"Codebook version {_e(f['codebook']['version'])} (<code>config/codebook.yaml</code>); "
             f"findings rules version {_e(f['methods']['rules_version'])}."]
    file = paths.params_file()
    if file.exists() and storage.sha256_file(file)[:16] == p["params_sha256"]:
        from pipeline.topics import UMAP_EXACT_BELOW

        t = load_params().topics
        parts.append(
            f"Topics: BERTopic over sentence embeddings; a corpus with fewer than {t.min_docs} "
            f"distinct texts is not modelled; minimum topic size max({t.min_cluster_size}, "
            f"{t.min_cluster_sqrt} × √texts); below {UMAP_EXACT_BELOW:,} texts, topics voted by "
            f"{t.consensus_fits + 1} fits with different seeds; stability over {t.stability_refits} "
            f"other refits, "
            f"unstable under {t.min_stability}; {t.top_n_terms} c-TF-IDF terms per topic; "
            f"seed {load_params().seed}.")
    parts.append(f"All settings: the <code>topics</code> section of <code>{_e(p['params_file'])}</code> "
                 f"(sha256 {_e(p['params_sha256'])}).")
    return "<p>" + " ".join(parts) + "</p>"


def limits_html(f: dict, services: pd.DataFrame, codebook=None) -> str:
    """The whole section: sources and scope, stated limitations, codebook and model settings.
    ``codebook`` defaults to the run's (``paths.codebook_file()``)."""
    codebook = codebook or load_codebook()
    return ("<h3>Sources and scope</h3>" + sources_html(f, codebook)
            + "<h3>Stated limitations</h3>" + limitations_html(f, services)
            + "<h3>Codebook and model settings</h3>" + settings_html(f))
