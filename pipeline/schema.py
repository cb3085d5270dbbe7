"""Every table the pipeline writes, declared once: column names and order, types,
nullability and the values allowed where they are controlled.

The ingest adapters (``ingest.common.SERVICE_COLUMNS`` ...), the cleaning stage's column list,
the ``.meta.json`` sidecars, the README's field lists and the tests all derive from here, and
:func:`pipeline.storage.write_table` validates each table against its declaration (pandera, pandas
backend) before writing it. A table that does not match is refused with one line naming the
table, the column and the offending values (:class:`TableError`).

Types (``Field.dtype``), as recorded in the sidecars:

``string``          text, never null ('' when absent)
``int64``           integer, never null
``Int64``           integer or null (<NA>: not stated)
``float64``         real number, never null
``Float64``         real number or null (<NA>: not measured)
``bool``            True/False, never null
``boolean``         True, False or null (<NA>: unknown)
``list[string]``    a list of texts (empty when absent)
``list[schedule]``  a list of HSDS schedule rows ``{byday, opens_at, closes_at}`` (texts)

This module needs neither pandas nor pandera until a table is validated, so adapters and the
codebook loader can ask for column lists cheaply (:func:`columns`, :func:`dtypes`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

DTYPES = ("string", "int64", "Int64", "float64", "Float64", "bool", "boolean", "list[string]",
          "list[schedule]")
PANDAS_DTYPE = {"string": "object", "int64": "int64", "Int64": "Int64", "float64": "float64",
                "Float64": "Float64", "bool": "bool", "boolean": "boolean", "list[string]": "object",
                "list[schedule]": "object"}

# Controlled vocabularies and formats.
SOURCE_ID = r"^[a-z][a-z0-9_]*$"          # config.Source.id
SLUG = r"^[a-z][a-z0-9_]*$"               # reasons, flags, codebook slugs
ISO3_OR_EMPTY = r"^(?:[A-Z]{3})?$"        # ISO 3166-1 alpha-3 (XKX for Kosovo), '' unknown
ISO639_3 = r"^[a-z]{3}$"
ISO639_3_OR_EMPTY = r"^(?:[a-z]{3})?$"
UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
ISO_DATE_OR_EMPTY = r"^(?:\d{4}-\d{2}-\d{2})?$"
PSEUDONYM = r"^R-\d{4,}$"
CODE_ID = r"^[A-Z]{2,3}\d{2}$"             # config.Code.id
SOURCE_REF = r"^[a-z][a-z0-9_]*:"         # 'source_id:source_key'
REVIEWER = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$"  # a reviewer pseudonym (config.ReviewParams)
RECORD_KINDS = ("service", "note")
REVIEW_DECISIONS = ("accept", "change", "comment")
# Which rule settled a record's dimension (pipeline.review.resolve).
REVIEW_RULES = ("single_reviewer", "unanimous", "lead_reviewer", "majority", "conflict",
                "comment_only")
# An advisor's verdict on a finding (pipeline.findings.feedback); '' for a comment alone.
FINDING_VERDICTS = ("agree", "disagree", "unsure")
REGIONS = ("", "Africa", "Americas", "Asia", "Europe", "Oceania")
SCHEDULE_KEYS = ("byday", "opens_at", "closes_at")


@dataclass(frozen=True)
class Field:
    name: str
    dtype: str
    doc: str = ""
    pattern: str | None = None  # every text (or every item of a list) matches it
    isin: tuple | None = None   # allowed values
    ge: float | None = None     # numeric bounds
    le: float | None = None
    mappable: bool = False      # a submitter's table may map this field (ingest.tabular)

    def __post_init__(self):
        if self.dtype not in DTYPES:
            raise ValueError(f"{self.name}: unknown dtype {self.dtype!r}")


F = Field
_LISTS = "a list of texts"


def _rejects(stage: str) -> tuple[Field, ...]:
    return (
        F("source_id", "string", "source of the rejected row", pattern=SOURCE_ID),
        F("source_row", "int64", "its line (header = 1) or 1-based position in the file", ge=0),
        F("source_key", "string", "its key in the source ('' when it had none)"),
        F("stage", "string", "the stage that rejected it", isin=(stage,)),
        F("reason", "string", "reason code, e.g. missing_service_name, ragged_row", pattern=SLUG),
        F("detail", "string", "more about the problem ('' when nothing to add)"),
    )


def _sheet_rejects(*ids: Field) -> tuple[Field, ...]:
    """Rows (or files) of returned review sheets not imported (pipeline.review_sheets), with
    the ``ids`` the row named."""
    return (
        F("source_file", "string", "the returned sheet's file name"),
        F("sheet", "string", "sheet of the workbook ('' for the file as a whole)"),
        F("cell", "string", "cell or range at fault ('' for the file or the whole row)"),
        F("source_row", "int64", "row on the sheet (0 for the file as a whole)", ge=0),
        *ids,
        F("reason", "string", "reason code, e.g. unknown_code, unknown_finding", pattern=SLUG),
        F("message", "string", "what is wrong and what to do"),
    )


_SERVICE_RAW = (
    F("source_id", "string", "source of the record (sources file id)", pattern=SOURCE_ID),
    F("source_row", "int64", "line (header = 1) or 1-based position in the source file", ge=0),
    F("source_key", "string", "the submitter's own ID of the record", mappable=True),
    F("organization_name", "string", "organisation running the service", mappable=True),
    F("service_name", "string", "service name", mappable=True),
    F("description", "string", "free-text description", mappable=True),
    F("country_raw", "string", "country as submitted", mappable=True),
    F("service_kind_raw", "string", "kind of service as submitted", mappable=True),
    F("hours_raw", "string", "opening hours as submitted", mappable=True),
    F("min_age_raw", "string", "minimum age as submitted", mappable=True),
    F("max_age_raw", "string", "maximum age as submitted", mappable=True),
    F("source_url", "string", "page the record was taken from", mappable=True),
    F("last_checked_raw", "string", "date the record was last checked, as submitted",
      mappable=True),
    F("date_order", "string", "the submitter's numeric date order ('' unknown)",
      isin=("", "dmy", "mdy")),
    F("channel_labels", "list[string]", "contact channels as submitted", mappable=True),
    F("evidence_lines", "list[string]", "lines of the source page kept as coding evidence"),
    F("languages_raw", "list[string]", "languages as submitted", mappable=True),
    F("phones", "list[string]", "voice numbers as submitted", mappable=True),
    F("sms", "list[string]", "SMS numbers as submitted", mappable=True),
    F("whatsapp", "list[string]", "WhatsApp numbers as submitted", mappable=True),
    F("emails", "list[string]", "e-mail addresses as submitted", mappable=True),
    F("websites", "list[string]", "websites as submitted", mappable=True),
    F("chat_urls", "list[string]", "web chat links as submitted", mappable=True),
    F("social_urls", "list[string]", "social media links as submitted", mappable=True),
    F("source_attributes", "list[string]", "what the source states about the record, not "
      "read from its text (e.g. chi_member)", pattern=SLUG),
)

_SERVICE_CLEAN = (
    F("service_id", "string", "UUID5 of (source_id, source_key): stable across reruns",
      pattern=UUID),
    F("source_id", "string", "source of the record", pattern=SOURCE_ID),
    F("source_key", "string", "the submitter's own ID of the record"),
    F("source_row", "int64", "line or position in the source file", ge=0),
    F("name", "string", "HSDS service.name"),
    F("organization_name", "string", "HSDS organization.name ('' when not given)"),
    F("description", "string", "HSDS service.description (HTML tags removed)"),
    F("country_raw", "string", "country as submitted"),
    F("country_iso3", "string", "ISO 3166-1 alpha-3 ('' when unknown or ambiguous; Kosovo XKX)",
      pattern=ISO3_OR_EMPTY),
    F("country_name", "string", "short English name"),
    F("region_m49", "string", "UN M49 region", isin=REGIONS),
    F("subregion_m49", "string", "UN M49 sub-region"),
    F("languages", "list[string]", "ISO 639-3 codes", pattern=ISO639_3),
    F("phones", "list[string]", "E.164 for full numbers; short codes as dialled (digits); "
      "unparsed numbers as submitted (flagged)"),
    F("schedule", "list[schedule]", "HSDS schedule rows {byday, opens_at, closes_at}"),
    F("is_24_7", "bool", "open 00:00-23:59 every day"),
    F("min_age", "Int64", "minimum age (HSDS eligibility), <NA> when not stated", ge=0),
    F("max_age", "Int64", "maximum age, <NA> when not stated", ge=0),
    F("assured_date", "string", "ISO date the record was last checked ('' unknown)",
      pattern=ISO_DATE_OR_EMPTY),
    F("emails", "list[string]", "lower-case e-mail addresses"),
    F("websites", "list[string]", "URLs with scheme"),
    F("chat_urls", "list[string]", "web chat URLs"),
    F("social_urls", "list[string]", "social media URLs (also those found among websites)"),
    F("channel_labels", "list[string]", "contact channels as submitted (coding evidence)"),
    F("evidence_lines", "list[string]", "source page lines (coding evidence)"),
    F("service_kind_raw", "string", "kind of service as submitted (coding evidence)"),
    F("whatsapp", "list[string]", "WhatsApp numbers as submitted"),
    F("sms", "list[string]", "SMS numbers as submitted"),
    F("hours_raw", "string", "opening hours verbatim"),
    F("source_url", "string", "page the record was taken from"),
    F("source_attributes", "list[string]", "what the source states about the record "
      "(coding evidence)", pattern=SLUG),
    F("flags", "list[string]", "data-quality flags, e.g. country_unknown, country_ambiguous, "
      "phone_ambiguous, hours_unparsed", pattern=SLUG),
)

_NOTE_RAW = (
    F("note_id", "string", "the project's note ID, scoped by source"),
    F("source_id", "string", "source of the note", pattern=SOURCE_ID),
    F("source_row", "int64", "line or position in the source file", ge=0),
    F("respondent", "string", "pseudonym R-0001 (the raw ID stays in private/)",
      pattern=PSEUDONYM, mappable=True),
    F("question_id", "string", "question answered", mappable=True),
    F("language_raw", "string", "language as submitted", mappable=True),
    F("text_original", "string", "the answer in its original language", mappable=True),
    F("text_en", "string", "English translation ('' when none)", mappable=True),
    F("country_raw", "string", "country as submitted", mappable=True),
    F("age_band", "string", "age band as submitted", mappable=True),
    F("gender", "string", "gender as submitted (free text 'Other: ...' kept as 'Other')",
      mappable=True),
)

_SURVEY_CHOICES = (
    F("source_id", "string", "source of the answer", pattern=SOURCE_ID),
    F("respondent", "string", "pseudonym R-0001", pattern=PSEUDONYM),
    F("question_id", "string", "the multi-select question (params.notes.survey_multi_select)"),
    F("language", "string", "ISO 639-3 of the respondent's survey language",
      pattern=ISO639_3_OR_EMPTY),
    F("age_band", "string", "the respondent's age band as submitted (findings break answers "
      "down by it)"),
    F("gender", "string", "the respondent's gender category as submitted ('Other: ...' text "
      "kept as 'Other')"),
    F("choice", "string", "one option ticked, in the source's English label: a fixed answer "
      "only ('Other: ...' text is a note, never a choice)"),
)

_CODED_NOTE_SEGMENTS = (
    F("record_kind", "string", "what was coded: a note (free text) or a survey answer "
      "(the options a respondent ticked in a multi-select question)", isin=("note", "answer")),
    F("note_id", "string", "the coded note ('' for an answer)"),
    F("source_id", "string", "source of the note or answer", pattern=SOURCE_ID),
    F("respondent", "string", "pseudonym R-0001", pattern=PSEUDONYM),
    F("question_id", "string", "question answered"),
    F("language", "string", "ISO 639-3 of the original ('' when not recognised)",
      pattern=ISO639_3_OR_EMPTY),
    F("dimension", "string", "codebook dimension id (applies_to: notes)",
      pattern=r"^[a-z][a-z_]*$"),
    F("code_id", "string", "stable code ID (HA01)", pattern=CODE_ID),
    F("code", "string", "code slug (body_shaming)", pattern=SLUG),
    F("field", "string", "where the evidence is: 'text' (the pseudonymised original), "
      "'text_en' (its pseudonymised English translation) or 'choice' (a ticked option)",
      isin=("text", "text_en", "choice")),
    F("item", "int64", "0 for text; for a choice, its position among the respondent's "
      "choices in that question", ge=0),
    F("start", "int64", "offset where the evidence starts", ge=0),
    F("end", "int64", "offset where it ends", ge=0),
    F("evidence", "string", "the evidence text (from the pseudonymised note, or the option)"),
    F("rule", "string", "the pattern that matched, or 'answer:<question>'"),
    F("method", "string", "how the code was found",
      isin=("source_field", "text_rule", "model", "human")),
    F("coder", "string", "'rules', or a human coder's name"),
    F("codebook_version", "string", "version of the codebook"),
)

TABLES: dict[str, tuple[Field, ...]] = {
    "services_raw": _SERVICE_RAW,
    "notes_raw": _NOTE_RAW,
    "survey_choices": _SURVEY_CHOICES,
    "ingest_rejects": _rejects("ingest"),
    "services_clean": _SERVICE_CLEAN,
    "service_rejects": _rejects("standardise"),
    "services": _SERVICE_CLEAN + (
        F("source_ids", "list[string]", "source_id:source_key of every record merged into "
          "the row", pattern=SOURCE_REF),),
    "linkage_audit": (
        F("service_id", "string", "the row that was kept", pattern=UUID),
        F("merged_id", "string", "the record merged into it", pattern=UUID),
        F("kept", "string", "source_id:source_key of the kept row", pattern=SOURCE_REF),
        F("merged", "string", "source_id:source_key of the merged record", pattern=SOURCE_REF),
        F("kept_name", "string", "name of the kept row"),
        F("merged_name", "string", "name of the merged record"),
        F("score", "float64", "weighted score (weights in params.linkage)", ge=0),
        F("name_similarity", "float64", "Jaro-Winkler similarity of the normalised names",
          ge=0, le=1),
        F("phone", "int64", "1 when the two share a phone number", isin=(0, 1)),
        F("web", "int64", "1 when the two share a web domain", isin=(0, 1)),
        F("email", "int64", "1 when the two share an e-mail address", isin=(0, 1)),
    ),
    "notes": (
        F("note_id", "string", "the project's note ID"),
        F("source_id", "string", "source of the note", pattern=SOURCE_ID),
        F("respondent", "string", "pseudonym R-0001", pattern=PSEUDONYM),
        F("question_id", "string", "question answered"),
        F("language", "string", "ISO 639-3 ('' when not recognised)", pattern=ISO639_3_OR_EMPTY),
        F("country_iso3", "string", "ISO 3166-1 alpha-3 ('' when unknown or ambiguous)",
          pattern=ISO3_OR_EMPTY),
        F("age_band", "string", "age band as submitted"),
        F("gender", "string", "gender as submitted"),
        F("text", "string", "pseudonymised original"),
        F("text_en", "string", "pseudonymised English translation"),
        F("is_non_answer", "bool", "an answer that says nothing (left out of topics)"),
        F("n_replaced", "int64", "personal-data spans replaced", ge=0),
    ),
    "coded_segments": (
        F("service_id", "string", "the coded service", pattern=UUID),
        F("dimension", "string", "codebook dimension id", pattern=r"^[a-z][a-z_]*$"),
        F("code_id", "string", "stable code ID (CH01)", pattern=CODE_ID),
        F("code", "string", "code slug (phone)", pattern=SLUG),
        F("field", "string", "services column holding the evidence ('' for a fallback)"),
        F("item", "int64", "item of that field", ge=0),
        F("start", "int64", "offset where the evidence starts", ge=0),
        F("end", "int64", "offset where it ends", ge=0),
        F("evidence", "string", "the evidence text"),
        F("rule", "string", "what matched: 'cue:<lang>:<cue>', a regex pattern, 'field:<name>', "
          "'attribute:<name>' or 'fallback'"),
        F("method", "string", "how the code was found",
          isin=("source_field", "text_rule", "fallback", "model", "human")),
        F("coder", "string", "'rules', or a human coder's name"),
        F("codebook_version", "string", "version of the codebook"),
    ),
    "review_audit": (
        F("reviewer", "string", "reviewer pseudonym (the returned sheet's file name)",
          pattern=REVIEWER),
        F("reviewed_on", "string", "ISO date the sheet was last saved ('' unknown)",
          pattern=ISO_DATE_OR_EMPTY),
        F("source_file", "string", "the returned sheet's file name"),
        F("source_row", "int64", "its row on the coding sheet (header = 1)", ge=2),
        F("record_kind", "string", "what was coded", isin=RECORD_KINDS),
        F("record_id", "string", "service_id (or note_id) of the record"),
        F("dimension", "string", "codebook dimension id", pattern=r"^[a-z][a-z_]*$"),
        F("decision", "string", "the reviewer's decision", isin=REVIEW_DECISIONS),
        F("before", "string", "machine code IDs of the record's dimension, ';'-separated"),
        F("proposed", "string", "code IDs this reviewer decided ('' for a comment)"),
        F("after", "string", "final code IDs after every reviewer's decision"),
        F("rule", "string", "the disagreement rule applied (pipeline.review)",
          isin=REVIEW_RULES),
        F("applied", "bool", "this reviewer's codes are the final ones"),
        F("comment", "string", "the reviewer's comment (never published)"),
    ),
    "review_rejects": _sheet_rejects(
        F("record_id", "string", "record ID as written in the row ('' when none)"),
        F("dimension", "string", "dimension as written in the row ('' when none)")),
    # Advisors' verdicts on findings (pipeline.findings.feedback): never published (comments
    # are free text; the report shows counts and pseudonymised comments).
    "findings_reviews": (
        F("reviewer", "string", "reviewer pseudonym (the returned sheet's file name)",
          pattern=REVIEWER),
        F("reviewed_on", "string", "ISO date the sheet was last saved ('' unknown)",
          pattern=ISO_DATE_OR_EMPTY),
        F("source_file", "string", "the returned sheet's file name"),
        F("source_row", "int64", "its row on the findings sheet (header = 1)", ge=2),
        F("finding_id", "string", "the finding reviewed (findings.json)"),
        F("verdict", "string", "the reviewer's verdict ('' for a comment alone)",
          isin=FINDING_VERDICTS + ("",)),
        F("comment", "string", "the reviewer's comment, as written (never published)"),
        F("evidence_hash", "string", "the finding's evidence hash the reviewer saw (a verdict "
          "counts only while it is the finding's current one)", pattern=r"^[0-9a-z]*$"),
    ),
    "findings_review_rejects": _sheet_rejects(
        F("finding_id", "string", "finding ID as written in the row ('' when none)")),
    "coded_note_segments": _CODED_NOTE_SEGMENTS,
    # pipeline.findings.survey: exact counts (published only through findings.json, suppressed)
    "survey_answers": (
        F("question_id", "string", "the multi-select question (params.notes.survey_multi_select)"),
        F("choice", "string", "the option, in the source's English label"),
        F("group", "string", "breakdown", isin=("all", "age_band", "gender")),
        F("group_value", "string", "the age band or gender ('' for all)"),
        F("respondents", "int64", "respondents who ticked the option", ge=1),
        F("answered", "int64", "respondents (in the group) who answered the question", ge=1),
        F("share", "float64", "respondents / answered", ge=0, le=1),
        F("ci_low", "float64", "95 % Wilson interval, lower bound", ge=0, le=1),
        F("ci_high", "float64", "95 % Wilson interval, upper bound", ge=0, le=1),
    ),
    "topics": (
        F("corpus", "string", "which corpus", isin=("descriptions", "notes")),
        F("topic_id", "int64", "topic number; -1 is the outlier topic", ge=-1),
        F("size", "int64", "documents in the topic", ge=0),
        F("terms", "list[string]", "top c-TF-IDF terms (names, places, numbers masked)"),
        F("keywords", "list[string]", "KeyBERT-inspired then MMR terms"),
        F("label", "string", "three distinct keywords, 'outliers', or why not modelled"),
        F("representative_ids", "list[string]", "IDs of the members nearest the centroid"),
        F("stability", "Float64", "mean best-match Jaccard of members over refits (<NA>: n/a)",
          ge=0, le=1),
        F("is_stable", "bool", "stability at least params.topics.min_stability (or not measured); "
          "unstable topics are not quoted"),
        F("is_outlier", "bool", "topic -1"),
    ),
    "topic_assignments": (
        F("corpus", "string", "which corpus", isin=("descriptions", "notes")),
        F("doc_id", "string", "service_id or note_id"),
        F("topic_id", "int64", "the document's topic (-1: outlier)", ge=-1),
    ),
    # pipeline.topics.quality: BERTopic beside its baselines with as many topics (issue 10).
    "topic_quality": (
        F("corpus", "string", "which corpus", isin=("descriptions", "notes")),
        F("method", "string", "topic model", isin=("bertopic", "kmeans_embeddings", "nmf_tfidf")),
        F("topics", "int64", "topics found (outlier topic not counted)", ge=0),
        F("outlier_share", "float64", "share of distinct texts in the outlier topic", ge=0, le=1),
        F("coherence_npmi", "Float64", "mean NPMI of each topic's top 10 c-TF-IDF terms "
          "(document co-occurrence in the corpus; <NA>: no pair)", ge=-1, le=1),
        F("diversity", "Float64", "distinct share of all topics' top 10 terms", ge=0, le=1),
        F("is_best", "bool", "highest coherence of the corpus's methods"),
    ),
}


# Classifier proposals (pipeline.proposals): coded-segment columns without an evidence span,
# method always 'model_proposal' (never a decision), plus the classifier's probability.
TABLES["code_proposals"] = tuple(
    replace(f, isin=("model_proposal",), doc="always 'model_proposal': never a decision")
    if f.name == "method" else f for f in TABLES["coded_segments"]
) + (F("probability", "float64", "the classifier's probability of the code", ge=0, le=1),)

# Coded segments after advisor review: the same columns, human decisions with method 'human'
# and the reviewer pseudonym(s) as coder (pipeline.review).
TABLES["final_codes"] = TABLES["coded_segments"]


class TableError(ValueError):
    """A table does not match its declaration; the message names table, column and values."""


def fields(table: str) -> tuple[Field, ...]:
    try:
        return TABLES[table]
    except KeyError:
        raise KeyError(f"no schema declared for table {table!r}; declared: {sorted(TABLES)}") \
            from None


def columns(table: str) -> list[str]:
    """The column names of ``table`` in order, e.g. ``columns("services")``."""
    return [f.name for f in fields(table)]


def dtypes(table: str) -> dict[str, str]:
    """Column -> declared type ('string', 'list[string]', 'int64', ...)."""
    return {f.name: f.dtype for f in fields(table)}


@cache
def arrow_schema(table: str):
    """The Arrow schema of ``table`` from its declared types, so that every batch of a table
    written in parts (:func:`pipeline.storage.table_writer`) has the same Parquet types: text
    ``string``, integers ``int64`` (nullable for ``Int64``), reals ``double``, booleans
    ``bool``, ``list[string]`` ``list<string>`` (also when every list of a batch is empty,
    which pandas alone would type ``list<null>``), ``list[schedule]``
    ``list<struct<byday, opens_at, closes_at: string>>``."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "Int64": pa.int64(),
             "float64": pa.float64(), "Float64": pa.float64(), "bool": pa.bool_(),
             "boolean": pa.bool_(), "list[string]": pa.list_(pa.string()),
             "list[schedule]": pa.list_(pa.struct([(k, pa.string()) for k in SCHEDULE_KEYS]))}
    return pa.schema([pa.field(f.name, types[f.dtype]) for f in fields(table)])


def mappable(table: str) -> dict[str, str]:
    """Fields of ``table`` a submitter's table may map (``options.columns``), with types."""
    return {f.name: f.dtype for f in fields(table) if f.mappable}


EMPTY = {"string": "", "int64": 0, "Int64": None, "float64": 0.0, "Float64": None, "bool": False,
         "boolean": None}


def empty_value(dtype: str):
    """The value of an absent field: '' for text, 0 for integers, [] for lists, None (<NA>)
    for nullable types."""
    return [] if dtype.startswith("list") else EMPTY[dtype]


def blank_record(table: str) -> dict:
    """One row of ``table`` with every field absent."""
    return {f.name: empty_value(f.dtype) for f in fields(table)}


def table_name(path: Path | str) -> str:
    """The table a Parquet file holds: its file name without the extension."""
    return Path(path).name.removesuffix(".parquet")


# ------------------------------------------------------------------------------ validation
def _list_check(f: Field):
    """Every cell a list (a NumPy array once read back from Parquet) of the right items."""
    import numpy as np
    import pandera.pandas as pa

    lists = (list, tuple, np.ndarray)
    item = re.compile(f.pattern) if f.pattern else None
    if f.dtype == "list[schedule]":
        def ok(v):
            return isinstance(v, lists) and all(
                isinstance(x, dict) and set(x) == set(SCHEDULE_KEYS)
                and all(isinstance(x[k], str) for k in SCHEDULE_KEYS) for x in v)
        what = "a list of {byday, opens_at, closes_at}"
    else:
        def ok(v):
            return isinstance(v, lists) and all(
                isinstance(x, str) and (item is None or item.search(x)) for x in v)
        what = f"a list of texts{' matching ' + f.pattern if f.pattern else ''}"
    return pa.Check(ok, element_wise=True, error=what)


def _checks(f: Field) -> list:
    import pandera.pandas as pa

    checks = []
    if f.dtype.startswith("list"):
        return [_list_check(f)]
    if f.pattern:
        checks.append(pa.Check.str_matches(f.pattern))
    if f.isin is not None:
        checks.append(pa.Check.isin(list(f.isin)))
    if f.ge is not None:
        checks.append(pa.Check.ge(f.ge))
    if f.le is not None:
        checks.append(pa.Check.le(f.le))
    return checks


@cache
def pandera_schema(table: str):
    """The pandera DataFrameSchema of ``table`` (built on first use)."""
    import pandera.pandas as pa

    cols = {}
    for f in fields(table):
        dtype = str if f.dtype == "string" else PANDAS_DTYPE[f.dtype]
        cols[f.name] = pa.Column(dtype, checks=_checks(f),
                                 nullable=f.dtype in ("Int64", "Float64", "boolean"), coerce=False)
    return pa.DataFrameSchema(cols, name=table, strict=True, ordered=True, coerce=False)


def typed_empty(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """An empty frame with the declared column types (an empty list of rows has none)."""
    if len(df) or list(df.columns) != columns(table):
        return df
    return df.astype({f.name: PANDAS_DTYPE[f.dtype] for f in fields(table)})


def _show(values, limit: int = 5) -> str:
    seen = list(dict.fromkeys(repr(v) for v in values))
    more = f" and {len(seen) - limit} more" if len(seen) > limit else ""
    return ", ".join(seen[:limit]) + more


def validate(table: str, df: pd.DataFrame, where: str = "") -> None:
    """Raise :class:`TableError` unless ``df`` matches the declaration of ``table``.

    The message is one line: the table (and ``where``, e.g. its path), then per failing
    column the rule broken and up to five offending values."""
    import warnings

    import pandera.pandas as pa

    try:
        with warnings.catch_warnings():  # pandas deprecation notes from pandera's reporting
            warnings.simplefilter("ignore", FutureWarning)
            pandera_schema(table).validate(df, lazy=True)
    except pa.errors.SchemaErrors as e:
        raise TableError(f"table {table}{' (' + where + ')' if where else ''} does not match "
                         f"its schema in pipeline/schema.py: {_describe(table, e.failure_cases)}"
                         ) from None


def _describe(table: str, cases: pd.DataFrame) -> str:
    declared = {f.name: f for f in fields(table)}
    typed_wrong = set(cases.loc[cases["check"].astype(str).str.startswith("dtype("), "column"])
    problems = []
    for (column, check), rows in cases.groupby(["column", "check"], sort=False, dropna=False):
        check, values = str(check), _show(rows["failure_case"])
        f = declared.get(column)
        if check == "column_in_schema":
            problems.append(f"unexpected column(s) {values}")
        elif check == "column_in_dataframe":
            problems.append(f"missing column(s) {values}")
        elif check == "column_ordered":
            problems.append(f"column(s) {values} out of order (declared order: "
                            f"{', '.join(declared)})")
        elif check.startswith("dtype("):
            problems.append(f"column '{column}': expected {f.dtype if f else check}, got {values}")
        elif column in typed_wrong:
            continue  # value checks on a column of the wrong type say nothing more
        elif check == "not_nullable":
            problems.append(f"column '{column}': {len(rows)} null value(s)")
        else:
            rule = {"str_matches": f"not matching {f.pattern}" if f else "",
                    "isin": f"not among {list(f.isin or ())}" if f else "",
                    "greater_than_or_equal_to": f"below {f.ge}" if f else "",
                    "less_than_or_equal_to": f"above {f.le}" if f else ""}.get(
                        check.split("(")[0]) or f"not {check}"
            problems.append(f"column '{column}': values {rule}: {values}")
    return "; ".join(problems)


# ------------------------------------------------------------------- what submitters send
# The submitter kit's template (pipeline.submitter), the validator (pipeline.validate) and the
# ingestion of returned templates (ingest.template) all read these declarations: a column is
# defined once, here. Headers are the names below (English, stable, whatever the language of
# the dictionary).
@dataclass(frozen=True)
class SubmissionField:
    """One column of a submission sheet.

    ``maps_to``: the ``services_raw`` field it fills ('' for the contacts sheet's link and
    channel columns). ``vocabulary``: where the allowed values come from: 'country' (ISO
    3166-1 alpha-3), 'language' (ISO 639-3; common languages offered, any code accepted),
    'yes_no', 'contact_channel' (:data:`CONTACT_CHANNELS`) or 'codebook:<dimension>' (the
    codebook's code labels). ``kind``: text, integer, date (YYYY-MM-DD), url, contact (its
    format set by the row's channel) or schedule (opening hours, :mod:`pipeline.hours`).
    ``multiple``: several values separated by ';'."""

    name: str
    doc: str
    doc_fr: str
    maps_to: str = ""
    required: bool = False
    vocabulary: str = ""
    kind: str = "text"
    multiple: bool = False
    example: str = ""


S = SubmissionField
YES_NO = ("yes", "no")
# Contact channel (the contacts sheet's drop-down) -> (services_raw field, channel label kept
# as coding evidence in channel_labels).
CONTACT_CHANNELS = {
    "phone": ("phones", "Phone"), "sms": ("sms", "SMS"), "whatsapp": ("whatsapp", "WhatsApp"),
    "email": ("emails", "Email"), "website": ("websites", "Website"),
    "web chat": ("chat_urls", "Web chat"), "social media": ("social_urls", "Social media"),
}
SUBMISSION: dict[str, tuple[SubmissionField, ...]] = {
    "services": (
        S("service_id", "Your own identifier for the service, unique in the file; the contacts "
          "sheet refers to it.", "Votre identifiant du service, unique dans le fichier ; la "
          "feuille des contacts y renvoie.", "source_key", True, example="FR-001"),
        S("service_name", "Public name of the service.", "Nom public du service.",
          "service_name", True, example="Ligne d'écoute enfants"),
        S("organization_name", "Organisation that runs the service.",
          "Organisation qui gère le service.", "organization_name",
          example="Association Enfance Écoute"),
        S("country", "Country the service serves.", "Pays desservi par le service.",
          "country_raw", True, "country", example="FRA"),
        S("service_type", "Kind of service (codebook list).",
          "Type de service (liste du livre de codes).", "service_kind_raw", True,
          "codebook:service_type", multiple=True, example="Child helpline"),
        S("function", "What the service does for a child: prevent, protect, respond.",
          "Ce que fait le service : prévenir, protéger, répondre.", "service_kind_raw",
          vocabulary="codebook:function", multiple=True, example="Respond / support"),
        S("target_group", "Who the service is for.", "À qui s'adresse le service.",
          "service_kind_raw", vocabulary="codebook:target_group", multiple=True,
          example="Children (under 18)"),
        S("languages", "Languages the service answers in.", "Langues dans lesquelles le "
          "service répond.", "languages_raw", vocabulary="language", multiple=True,
          example="fra; eng"),
        S("description", "What the service offers, in a few sentences. Never a person's name, "
          "e-mail, phone number or handle.", "Ce que propose le service, en quelques phrases. "
          "Jamais le nom, l'adresse e-mail, le numéro ou le pseudonyme d'une personne.",
          "description", example="Free, anonymous listening for children, every day."),
        S("hours", "Opening hours: days and times, or 24/7.", "Horaires d'ouverture : jours "
          "et heures, ou 24/7.", "hours_raw", kind="schedule", example="Mon-Fri 09:00-21:00"),
        S("min_age", "Youngest age served, in years.", "Âge minimum, en années.",
          "min_age_raw", kind="integer", example="6"),
        S("max_age", "Oldest age served, in years.", "Âge maximum, en années.", "max_age_raw",
          kind="integer", example="24"),
        S("free_of_charge", "The service costs its user nothing.", "Le service est gratuit "
          "pour la personne qui l'utilise.", "source_attributes", vocabulary="yes_no",
          example="yes"),
        S("confidential", "What a child says stays confidential.", "Ce que dit l'enfant reste "
          "confidentiel.", "source_attributes", vocabulary="yes_no", example="yes"),
        S("anonymous", "A child can use the service without giving a name.", "L'enfant peut "
          "utiliser le service sans donner son nom.", "source_attributes",
          vocabulary="yes_no", example="yes"),
        S("last_checked", "Date these details were last checked.", "Date de la dernière "
          "vérification de ces informations.", "last_checked_raw", kind="date",
          example="2026-11-30"),
        S("source_url", "Public page describing the service.", "Page publique décrivant le "
          "service.", "source_url", kind="url", example="https://ecoute.example.org"),
    ),
    "contacts": (
        S("service_id", "The service_id of the service on the services sheet.",
          "Le service_id du service sur la feuille des services.", "", True, example="FR-001"),
        S("channel", "How a child reaches the service.", "Comment un enfant joint le service.",
          "", True, "contact_channel", example="phone"),
        S("value", "The service's public number, address or link for that channel: a phone "
          "number in E.164 (+, country code, number) or a short code as dialled (119), an e-mail, a "
          "URL. Never a staff member's or a user's.", "Le numéro, l'adresse ou le lien public "
          "du service pour ce canal : un numéro au format E.164 (+, indicatif du pays, numéro) ou un "
          "numéro court tel qu'il se compose (119), un e-mail, une URL. Jamais celui d'un "
          "membre du personnel ou d'un utilisateur.", "", True, kind="contact", example="119"),
    ),
}


def submission_fields(sheet: str) -> tuple[SubmissionField, ...]:
    """The columns of a submission sheet ('services' or 'contacts'), in template order."""
    return SUBMISSION[sheet]
