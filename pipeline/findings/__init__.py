"""Stage 5a, findings: the machine-readable summary of a run, ``report/findings.json``.

Keys:
- ``label``, ``illustrative``: what data the run used (shown on the report's first screen);
- ``inputs``: per source: source_id, kind, path, sha256, origin title, licence, submitter,
  producer, received (ISO date or '') and translation (how the source made its English
  translations: 'machine', 'human' or '' unknown), questions (question_id -> the question's
  English wording where the source gives it, else {}),
  rows_read, rows_kept, rows_merged (linked into another source's record by dedupe),
  rows_rejected (ingest and clean rejects together) and rejected_by_reason; for every source
  rows_read == rows_kept + rows_merged + rows_rejected;
- ``services``: count, countries (count of distinct ISO3), by_region, by_channel,
  by_service_type (counts of services; services are public organisations, never suppressed),
  flags (data-quality flag -> number of services);
- ``notes``: count, non_answers, by_language, by_question: counts of notes, which are about
  people, so cells under ``disclosure.min_cell_count`` are published as null (small-cell
  suppression, ONS/UK LLC practice in TYPOLOGY.md) and listed under ``suppressed``;
- ``topics``: ``descriptions`` and ``notes``, each a list of {id, size, terms, keywords, label,
  stability, is_stable, representative_ids, is_outlier}; a notes topic smaller than the
  threshold has size null; ``quality``: per corpus, BERTopic beside its two baselines
  (topic_quality rows); ``by_group``: each topic's services by service type, channel and region,
  and respondents by age band, gender, country and question, suppressed
  (:mod:`pipeline.findings.topic_groups`);
- ``quotes``: for stable note topics backed by at least the threshold of distinct respondents,
  distinct pseudonymised notes, each {quote_id, question_id, source_id, text, translated,
  language, content_note} (:class:`~pipeline.findings.quotes.QuoteBook`): no respondent
  pseudonym, no pseudonym token (names shown as '[a name]'), no note that carried a contact;
- rows of notes sources (people) are suppressed the same way in ``inputs``;
- ``coding.proposals``: classifier proposals (counts of services by code, the threshold, one
  sentence for readers, saying why there are none when there are none);
- ``methods``: confidence_rule, rules_version, age_scope (``params.scope.survey_age_bands``:
  the respondents' age bands in scope);
- ``codebook``: version; ``provenance``: code version, parameters hash, packages, created.
"""
from __future__ import annotations

from collections import Counter
from datetime import date

import pandas as pd

from pipeline import proposals, provenance, storage
from pipeline.codebook import load_codebook
from pipeline.config import ConfigError, DisclosureParams, FindingsParams, ProposalParams, load_params
from pipeline.disclosure import published_inputs, small_count, suppress
from pipeline.findings import confidence, feedback, recommendations, rules, survey, topic_groups
from pipeline.findings.quotes import QuoteBook
from pipeline.findings.schema import validate as validate_schema
from pipeline.paths import Outputs
from pipeline.pii import PublicFacts
from pipeline.topics import outside_embedder

# Public origin metadata (pipeline.config.Origin) published per input besides title and
# licence: organisations and a date, never a person's contact.
ORIGIN_PUBLISHED = ("submitter", "producer", "received", "translation")
# The tables (and the ingest accounting, a dict) the findings are computed from.
ACCOUNTING = ("ingest_accounting", "ingest_rejects", "service_rejects", "linkage_audit")
# final_codes: the coded segments with advisors' decisions applied (pipeline.review).
INPUTS = ACCOUNTING + ("services", "notes", "final_codes", "code_proposals", "topics",
                       "topic_assignments", "topic_quality", "coded_note_segments",
                       "survey_choices")


def load(out: Outputs, names: tuple[str, ...] = INPUTS) -> dict:
    """The inputs of :func:`build` (or of :func:`accounting`: ``ACCOUNTING``), read from ``out``."""
    return {name: storage.read_json(getattr(out, name)) if name == "ingest_accounting"
            else storage.read_table(getattr(out, name)) for name in names}


def accounting(tables: dict) -> list[dict]:
    """Per source: rows read, kept, merged, rejected (by reason): exact, for checking; what is
    published goes through :func:`published_inputs`."""
    sources = tables["ingest_accounting"]["sources"]
    rejects = pd.concat([tables["ingest_rejects"], tables["service_rejects"]])
    merged = tables["linkage_audit"]["merged"].str.split(":", n=1).str[0]
    result = []
    for a in sources:
        r = rejects[rejects["source_id"] == a["source_id"]]
        rejected, n_merged = len(r), int((merged == a["source_id"]).sum())
        result.append({
            "source_id": a["source_id"], "kind": a["kind"], "row_unit": a["row_unit"],
            "path": a["path"],
            "sha256": a["sha256"], "title": a["origin"]["title"], "licence": a["origin"]["licence"],
            **{k: a["origin"].get(k) or "" for k in ORIGIN_PUBLISHED},
            "rows_read": a["rows_read"], "rows_kept": a["rows_read"] - rejected - n_merged,
            "rows_merged": n_merged, "rows_rejected": rejected,
            "rejected_by_reason": dict(sorted(Counter(r["reason"]).items())),
            "questions": a.get("questions", {}),
        })
    return result


def _quotes(assign: pd.DataFrame, topics: list[dict], notes: pd.DataFrame, threshold: int,
            per_topic: int, book: QuoteBook) -> list[dict]:
    """Quotes for stable note topics backed by at least ``threshold`` distinct respondents:
    each topic's representative notes, then its other notes, in order, until ``per_topic``
    distinct quotes (:class:`~pipeline.findings.quotes.QuoteBook`)."""
    assign = assign[assign["corpus"] == "notes"].merge(notes[["note_id", "respondent"]],
                                                        left_on="doc_id", right_on="note_id")
    backing = assign.groupby("topic_id")["respondent"].nunique()
    members = assign.groupby("topic_id")["note_id"].apply(list)
    quotes = []
    for t in topics:
        if t["is_outlier"] or not t["is_stable"] or backing.get(t["id"], 0) < threshold:
            continue
        chosen = book.pick(list(t["representative_ids"]) + members.get(t["id"], []), per_topic)
        if chosen:
            quotes.append({"topic": t["id"], "label": t["label"], "quotes": chosen})
    return quotes


def _topics(topics: pd.DataFrame, corpus: str, min_size: int = 0) -> list[dict]:
    """Topics of one corpus, largest first; sizes under ``min_size`` are published as null."""
    t = topics[topics["corpus"] == corpus].sort_values(["is_outlier", "size"], ascending=[True, False])
    return [{"id": int(r.topic_id), "size": int(r.size) if r.size >= min_size else None,
             "terms": list(r.terms), "keywords": list(r.keywords), "label": r.label,
             "stability": None if pd.isna(r.stability) else round(float(r.stability), 2),
             "is_stable": bool(r.is_stable),
             "representative_ids": list(r.representative_ids), "is_outlier": bool(r.is_outlier)}
            for r in t.itertuples()]


def _quality(quality: pd.DataFrame) -> dict[str, list[dict]]:
    """Per corpus, BERTopic and its baselines' scores (``topic_quality`` rows, rounded)."""
    out = {"descriptions": [], "notes": []}
    for r in quality.itertuples():
        out[r.corpus].append({
            "method": r.method, "topics": int(r.topics),
            "outlier_share": round(float(r.outlier_share), 3),
            "coherence_npmi": None if pd.isna(r.coherence_npmi) else round(float(r.coherence_npmi), 3),
            "diversity": None if pd.isna(r.diversity) else round(float(r.diversity), 3),
            "is_best": bool(r.is_best)})
    return out


def build(tables: dict, disclosure: DisclosureParams, codebook,
          proposal_params: ProposalParams | None = None,
          findings_params: FindingsParams | None = None,
          age_bands: tuple[str, ...] = ("15-18", "19-24"), rulebook=None,
          recommendations_file=None) -> tuple[dict, str]:
    """The stage's work on its inputs (:data:`INPUTS`, as :func:`load` reads them): the
    findings (published) and the quote key as CSV text (private: quote ID -> note ID).
    ``recommendations_file``: (path, own) to override the run's (tests)."""
    run_info, services, notes = tables["ingest_accounting"], tables["services"], tables["notes"]
    segments, topics = tables["final_codes"], tables["topics"]
    k = disclosure.min_cell_count

    def per_code(dim: str) -> dict[str, int]:
        s = segments[segments["dimension"] == dim].drop_duplicates(["service_id", "code"])
        order = [c.slug for c in codebook.dimension(dim).codes]
        counts = s["code"].value_counts()
        return {c: int(counts[c]) for c in order if c in counts}

    def small(n: int) -> int | None:
        return small_count(n, k)

    notes_topics = _topics(topics, "notes", k)
    by_language, sup_lang = suppress(notes["language"].value_counts().sort_index().to_dict(), k)
    by_question, sup_q = suppress(notes["question_id"].value_counts().sort_index().to_dict(), k)
    book = QuoteBook(notes, tables["coded_note_segments"],
                     _content_note_codes(disclosure.content_note_codes, codebook))
    quotes = _quotes(tables["topic_assignments"], notes_topics, notes, k,
                     disclosure.quotes_per_topic, book)
    fp = findings_params or FindingsParams()
    rulebook = rulebook or rules.load_rules(codebook=codebook)  # read once
    found = rules.compute(tables, codebook, fp, k, age_bands, book, rulebook,
                          today=_reference_date(run_info))
    recs = recommendations.build(found, *(recommendations_file or (None, True)))
    findings = {
        "label": run_info["label"],
        "illustrative": run_info["illustrative"],
        "inputs": published_inputs(accounting(tables), k),
        "services": {
            "count": int(len(services)),
            "countries": int(services.loc[services["country_iso3"] != "", "country_iso3"].nunique()),
            "by_region": {r or "unknown": int(n) for r, n in
                          services["region_m49"].value_counts().sort_index().items()},
            "by_channel": per_code("channel"),
            "by_service_type": per_code("service_type"),
            "flags": dict(sorted(Counter(f for fl in services["flags"] for f in fl).items())),
            "merged_records": int(len(tables["linkage_audit"])),
        },
        "notes": {
            "count": small(len(notes)),
            "respondents": small(int(notes["respondent"].nunique())),
            "non_answers": small(int(notes["is_non_answer"].sum())),
            "by_language": by_language,
            "by_question": by_question,
            "outside_embedder": small(outside_embedder(notes)),
            "suppressed": {"threshold": k, "by_language": sup_lang, "by_question": sup_q},
        },
        "topics": {"descriptions": _topics(topics, "descriptions"), "notes": notes_topics,
                   "quality": _quality(tables["topic_quality"]),
                   "by_group": topic_groups.prevalence(tables["topic_assignments"], services,
                                                       segments, notes, k)},
        "quotes": quotes,
        "findings": found,
        "recommendations": recs,
        "survey": {"threshold": k, "questions": survey.published(
            survey.answers(tables["survey_choices"]), k)},
        "methods": {"confidence_rule": confidence.RULE, "age_scope": list(age_bands),
                    "rules_version": rulebook.version},
        "codebook": {"version": codebook.version},
        "coding": {"proposals": proposals.published_summary(
            tables["code_proposals"], segments,
            (proposal_params or ProposalParams()).min_examples)},
        "provenance": provenance.record(),
    }
    return findings, book.key_csv()


def _content_note_codes(codes: dict[str, str], codebook) -> dict[str, str]:
    """``params.disclosure.content_note_codes``, checked: ConfigError naming a slug that is
    not a code of a notes dimension of the codebook."""
    known = {c.slug for d in codebook.applying_to("notes") for c in d.codes}
    if unknown := sorted(set(codes) - known):
        raise ConfigError("params.disclosure.content_note_codes: not a notes code of the "
                          f"codebook: {', '.join(unknown)}")
    return codes


def _reference_date(run_info: dict) -> date:
    """The date staleness is judged at: the latest date a services source was received (so the
    same inputs give the same findings on any day); today when no source gives one."""
    received = [a["origin"].get("received") for a in run_info["sources"]
                if a["kind"] == "services" and a.get("origin", {}).get("received")]
    return max(date.fromisoformat(str(r)) for r in received) if received else date.today()


def run(out: Outputs, own_recommendations: bool = True) -> dict:
    """The findings stage. ``own_recommendations`` False (a report variant, which covers part
    of the services): a recommendation citing a finding the run did not produce is a listed
    warning, not an error."""
    tables = load(out)
    params = load_params()
    rec_path, own = recommendations.source_file()
    rec_file = (rec_path, own and own_recommendations)
    findings, quote_key = build(tables, params.disclosure, load_codebook(), params.coding.proposals,
                                params.findings, params.scope.survey_age_bands,
                                recommendations_file=rec_file)
    regions = params.privacy.phone_regions  # advisors' verdicts (pipeline.findings.feedback)
    findings["findings"] = feedback.import_reviews(
        out, findings["findings"], params.review.lead_reviewer, regions,
        PublicFacts.from_services(tables["services"], regions))
    # recommendations' support shows the verdicts
    findings["recommendations"] = recommendations.build(findings["findings"], *rec_file)
    validate_schema(findings, out.findings)  # what is written, before it is (FindingsSchemaError)
    storage.write_table(out.survey_answers, survey.answers(tables["survey_choices"]))
    storage.write_private(out.quote_key, quote_key)
    storage.write_json(out.findings, findings)
    for i in accounting(tables):  # exact, on the console only
        print(f"[findings] {i['source_id']}: rows read {i['rows_read']} = kept {i['rows_kept']} "
              f"+ merged {i['rows_merged']} + rejected {i['rows_rejected']}")
    print(f"[findings] {findings['services']['count']} services in "
          f"{findings['services']['countries']} countries; {findings['notes']['count']} notes")
    return findings
