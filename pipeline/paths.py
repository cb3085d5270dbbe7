"""Every path the pipeline reads or writes, in one place.

Inputs (configuration, demo data, notebooks) live under the project root. Generated outputs
live under an *output root*, which defaults to the project root and can be moved with the
``PIPELINE_OUT`` environment variable (the Makefile's ``OUT=``); tests use this to run the
whole pipeline in a temporary folder without touching an analyst's outputs.

Which sources, parameters and codebook a run uses come from ``PIPELINE_SOURCES``,
``PIPELINE_PARAMS`` and ``PIPELINE_CODEBOOK`` (the Makefile's ``SOURCES=``, ``PARAMS=`` and
``CODEBOOK=``), relative to the project root unless absolute; the folder of returned review
sheets from ``PIPELINE_REVIEWS`` (``REVIEWS=``, default ``data/raw/reviews``; returned findings
feedback sheets in its ``findings`` sub-folder).
``PIPELINE_EMBEDDINGS`` moves the embedding cache (tests share one across output roots).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "config"
NOTEBOOKS = ROOT / "notebooks"
REPORT_NOTEBOOK = NOTEBOOKS / "report.py"
# JSON Schema (draft 2020-12) of report/findings.json; every build validates against it.
FINDINGS_SCHEMA = ROOT / "pipeline" / "findings" / "findings.schema.json"
DEMO_RAW = ROOT / "data" / "raw" / "demo"
SHARED_DATA = ROOT.parent / "shared" / "data"
HSDS_SCHEMA = SHARED_DATA / "openreferral-specification" / "schema.csv"
# Natural Earth 1:110m country shapes (public domain; source in data/reference/README.md).
COUNTRY_SHAPES = ROOT / "data" / "reference" / "ne_110m_countries.json"
DEFAULT_SOURCES = "config/sources.yaml"
# The findings feedback pack's files, in the review pack folder (pipeline.findings.feedback).
FINDINGS_SHEET, FINDINGS_PAGE = "findings_sheet.xlsx", "findings.html"


def _from_root(value: str | os.PathLike) -> Path:
    p = Path(value)
    return p if p.is_absolute() else (ROOT / p)


def sources_file() -> Path:
    """The sources configuration of this run (``PIPELINE_SOURCES``, default config/sources.yaml)."""
    return _from_root(os.environ.get("PIPELINE_SOURCES", DEFAULT_SOURCES))


def params_file() -> Path:
    """The parameters of this run (``PIPELINE_PARAMS``, default config/params.yaml)."""
    return _from_root(os.environ.get("PIPELINE_PARAMS", "config/params.yaml"))


def codebook_file() -> Path:
    """The codebook of this run (``PIPELINE_CODEBOOK``, default config/codebook.yaml)."""
    return _from_root(os.environ.get("PIPELINE_CODEBOOK", "config/codebook.yaml"))


def findings_rules_file() -> Path:
    """The findings rules' wording and pairings (reviewed; pipeline.findings.rules)."""
    return CONFIG / "findings.yaml"


def recommendations_file() -> Path:
    """The reviewed recommendations of this run's sources file: ``recommendations/<sources
    file name without extension>.md`` beside it (``config/recommendations/sources.md`` for the
    demo; may be absent, see :data:`DEFAULT_RECOMMENDATIONS`)."""
    sources = sources_file()
    return sources.parent / "recommendations" / f"{sources.stem}.md"


# Recommendations for a sources file without its own (pipeline.findings.recommendations).
DEFAULT_RECOMMENDATIONS = CONFIG / "recommendations" / "default.md"


def reviews_dir() -> Path:
    """Returned advisor review sheets, one ``<pseudonym>.xlsx`` per reviewer (raw input, never
    modified; ``PIPELINE_REVIEWS``, default data/raw/reviews)."""
    return _from_root(os.environ.get("PIPELINE_REVIEWS", "data/raw/reviews"))


def findings_reviews_dir() -> Path:
    """Returned findings feedback sheets, one ``<pseudonym>.xlsx`` per reviewer: the
    ``findings`` sub-folder of :func:`reviews_dir` (the coding review reads files only, never
    this folder)."""
    return reviews_dir() / "findings"


def resolve_input(value: str | os.PathLike) -> Path:
    """A raw input path from a sources file: relative paths are relative to the project root."""
    return _from_root(value)


def out_root() -> Path:
    """Where generated files go: ``PIPELINE_OUT``; unset, the project root for the default
    sources file and ``out/<sources file name without extension>`` for any other, so a run
    on other data never overwrites the demo report (the Makefile's ``OUT`` default agrees)."""
    if "PIPELINE_OUT" in os.environ:
        return _from_root(os.environ["PIPELINE_OUT"])
    sources = os.environ.get("PIPELINE_SOURCES", DEFAULT_SOURCES)
    if _from_root(sources).resolve() == _from_root(DEFAULT_SOURCES).resolve():
        return ROOT
    return ROOT / "out" / Path(sources).stem


def embeddings_dir() -> Path:
    """The on-disk embedding cache (:mod:`pipeline.embeddings`): ``PIPELINE_EMBEDDINGS``, default
    ``data/interim/embeddings`` under the output root. Deleting it only costs re-embedding."""
    if os.environ.get("PIPELINE_EMBEDDINGS"):
        return _from_root(os.environ["PIPELINE_EMBEDDINGS"])
    return Outputs().embeddings


def derived_dir() -> Path:
    """Word lists and the town gazetteer derived from installed packages
    (:func:`pipeline.pii.lexicon.derived_lines`): ``PIPELINE_DERIVED``, default
    ``share/pipeline-derived`` in the Python environment (the project's ``.venv``), which holds
    the packages they come from. Deleting it costs one rebuild (about 10 s)."""
    if os.environ.get("PIPELINE_DERIVED"):
        return _from_root(os.environ["PIPELINE_DERIVED"])
    return Path(sys.prefix) / "share" / "pipeline-derived"


class Outputs:
    """Generated files under one output root. Data flows interim -> processed -> figures/report."""

    def __init__(self, root: Path | None = None):
        self.root = (root or out_root()).resolve()
        self.interim = self.root / "data" / "interim"
        self.processed = self.root / "data" / "processed"
        self.figures = self.root / "figures"
        self.report = self.root / "report"
        # Pseudonymisation keys: git-ignored, mode 0600, never published.
        self.private = self.root / "private"
        self.lock = self.root / ".pipeline.lock"  # one run at a time (pipeline.lock)
        self.stage_lock = self.root / ".stage.lock"  # one stage at a time in a large run

        self.stamps = self.interim / "stamps"  # per-stage content stamps (pipeline.stamp)
        self.timings = self.interim / "timings"  # per-stage wall time and memory (make bench)
        self.embeddings = self.interim / "embeddings"  # embedding cache (pipeline.embeddings)
        self.topic_models = self.interim / "topic_models"  # BERTopic, safetensors (pipeline.topics)
        self.umap_layouts = self.interim / "umap_layouts"  # the topics' UMAP layouts (pipeline.layouts)
        # The gate's second detector: Presidio's candidates per published line, by digest
        self.gate_cache = self.interim / "gate_cache"  # (pipeline.pii.second_detector.LineStore)
        self.services_raw = self.interim / "services_raw.parquet"
        self.notes_raw = self.interim / "notes_raw.parquet"
        # Options ticked in a survey's multi-select questions (pseudonymised respondent, no
        # free text): structured evidence for the notes dimensions.
        self.survey_choices = self.interim / "survey_choices.parquet"
        self.ingest_rejects = self.interim / "ingest_rejects.parquet"
        self.ingest_accounting = self.interim / "ingest_accounting.json"

        self.services_clean = self.interim / "services_clean.parquet"
        self.services = self.processed / "services.parquet"
        self.linkage_audit = self.processed / "linkage_audit.parquet"
        self.service_rejects = self.processed / "service_rejects.parquet"
        self.notes = self.processed / "notes.parquet"
        self.respondent_key = self.private / "respondent_key.csv"
        self.pseudonym_key = self.private / "pseudonym_key.csv"
        self.quote_key = self.private / "quote_key.csv"  # published quote ID -> note ID
        self.coded_segments = self.processed / "coded_segments.parquet"
        self.code_proposals = self.processed / "code_proposals.parquet"  # classifier proposals
        # Advisor review (pipeline.review): machine codes with human decisions applied.
        self.final_codes = self.processed / "final_codes.parquet"
        self.review_audit = self.processed / "review_audit.parquet"
        self.review_rejects = self.processed / "review_rejects.parquet"
        # Advisors' verdicts on findings and the rows not imported (pipeline.findings.feedback).
        self.findings_reviews = self.processed / "findings_reviews.parquet"
        self.findings_review_rejects = self.processed / "findings_review_rejects.parquet"
        self.coded_note_segments = self.processed / "coded_note_segments.parquet"
        # The survey's multi-select answers, counted per question, option and group (findings).
        self.survey_answers = self.processed / "survey_answers.parquet"
        self.topics = self.processed / "topics.parquet"
        self.topic_assignments = self.processed / "topic_assignments.parquet"
        self.topic_quality = self.processed / "topic_quality.parquet"

        self.findings = self.report / "findings.json"
        self.codebook_qdc = self.report / "codebook.qdc"  # REFI-QDA codebook
        self.coded_segments_csv = self.report / "coded_segments.csv"
        self.coding_qdpx = self.report / "coding.qdpx"  # REFI-QDA project
        # The review pack sent to advisors (pipeline.review_pack) ...
        self.review_pack_dir = self.report / "review"
        self.review_pack = self.review_pack_dir / "coding_sheet.xlsx"
        self.review_pack_html = self.review_pack_dir / "index.html"
        self.findings_sheet = self.review_pack_dir / FINDINGS_SHEET  # findings feedback
        self.findings_sheet_html = self.review_pack_dir / FINDINGS_PAGE
        # ... and what their returned sheets give (pipeline.review): public-safe, no pseudonyms.
        self.review_summary = self.report / "review_summary.json"
        self.review_agreement = self.report / "review_agreement.csv"
        self.review_disagreements = self.report / "review_disagreements.csv"
        self.hsds = self.report / "hsds"
        self.hsds_package = self.hsds / "datapackage.json"
        self.directory_xlsx = self.report / "directory.xlsx"  # the people's copy
        self.submitter_kit = self.report / "submitter-kit"  # template, dictionary (make submitter-kit)
        self.gate_result = self.report / "privacy_gate.json"
        self.figures_index = self.figures / "figures.json"
        self.figures_zip = self.report / "figures.zip"  # every figure file, for reuse
        self.executed_notebook = self.interim / "report.ipynb"
        self.html = self.report / "index.html"
        self.pdf = self.report / "report.pdf"


def outputs() -> Outputs:
    return Outputs()
