"""Typed, validated configuration: parameters and sources (the codebook: pipeline.codebook).

Every model forbids unknown keys, so a misspelled parameter is an error, not a silent default
(papermill only warns on misspelled parameters; we do better). Loading raises
:class:`ConfigError` naming the file and the problem.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from pipeline import paths


class ConfigError(Exception):
    """A configuration or input file is missing, unreadable or of the wrong shape."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# Numbers and switches must be written as such: a string "3" for a number or "no" for a
# boolean is an error naming the key, never silently converted (pydantic strict mode for these
# types; an integer is still a valid real number).
Int = Annotated[int, Field(strict=True)]
Float = Annotated[float, Field(strict=True)]
Bool = Annotated[bool, Field(strict=True)]


# --------------------------------------------------------------------------- parameters
class Scope(Strict):
    survey_finished_only: Bool = True
    # The project's scope is children and young people under 25 (../shared/data/SOURCES.md).
    survey_age_bands: tuple[str, ...] = ("15-18", "19-24")


class NotesParams(Strict):
    survey_free_text: tuple[str, ...]
    survey_other_specify: tuple[str, ...] = ()
    # Multi-select questions whose ticked options are kept (fixed answers only) as structured
    # evidence for the codebook's notes dimensions (table survey_choices).
    survey_multi_select: tuple[str, ...] = ()
    non_answers: tuple[str, ...] = ()
    untranslated_is_non_answer: Bool = True


class UmapParams(Strict):
    n_neighbors: Int = Field(30, ge=2)
    # ... from topics.UMAP_EXACT_BELOW distinct texts on (approximate neighbours), where each
    # neighbour costs time (see config/params.yaml)
    n_neighbors_large: Int = Field(15, ge=2)
    n_components: Int = Field(5, ge=2)
    min_dist: Float = Field(0.0, ge=0.0)
    metric: str = "cosine"
    n_epochs: Int | None = Field(None, ge=1)  # None: UMAP's (500 below 10,000 points, else 200)


class TopicParams(Strict):
    min_docs: Int = Field(20, ge=5, description="below this a corpus is too small to model")
    min_cluster_size: Int = Field(5, ge=2, description="HDBSCAN minimum topic size, at least")
    min_cluster_sqrt: Float = Field(0.5, gt=0, description="... or this times sqrt(texts)")
    max_outlier_share: Float = Field(0.1, ge=0, le=1, description="outliers reduced to this")
    max_topic_share: Float = Field(0.5, gt=0, le=1, description="above: leaf cluster selection")
    stability_refits: Int = Field(5, ge=0, description="refits with other seeds")
    consensus_fits: Int = Field(5, ge=0, description="fits with other seeds voted into the topics")
    # Each refit sees at most this many distinct texts (a subsample drawn with its seed), so
    # the cost of stability stays bounded on large corpora; on the online path, the texts
    # whose embeddings are kept for its k-means refits.
    refit_sample: Int = Field(5_000, ge=100, description="texts per stability refit, at most")
    min_stability: Float = Field(0.5, ge=0, le=1, description="a topic below is unstable")
    min_samples: Int = Field(2, ge=1)
    top_n_terms: Int = Field(8, ge=3)
    representative_docs: Int = Field(3, ge=1)
    mmr_diversity: Float = Field(0.3, ge=0, le=1)
    stop_word_languages: tuple[str, ...] = ("en",)
    keep_words: tuple[str, ...] = ()
    extra_stop_words: tuple[str, ...] = ()
    mask_before_embedding: Bool = False
    # Notes are embedded in their English translation where they have one (topics.corpora).
    embed_translations: Bool = True
    # Questions whose answers are lists of words, not sentences: left out of note topics.
    word_list_questions: tuple[str, ...] = ()
    max_chars: Int = Field(2000, ge=100, description="texts are cut to this before modelling")
    umap: UmapParams = UmapParams()
    # Who draws the borders between HDBSCAN's topics: k-means in UMAP space (topics.kmeans_borders)
    # or HDBSCAN itself.
    borders: Literal["kmeans", "hdbscan"] = "kmeans"
    # Consultation scale (issue 14, pipeline/topics_online.py): above this many distinct texts
    # a corpus takes the online path (batches embedded on Dask, IncrementalPCA + MiniBatchKMeans).
    online_threshold: Int = Field(50_000, ge=1, description="distinct texts above: online path")
    online_batch_size: Int = Field(10_000, ge=10, description="texts per online batch")
    online_n_topics: Int = Field(40, ge=2, description="MiniBatchKMeans clusters, online path")
    dask_scheduler: str = ""  # '' a LocalCluster; 'synchronous' in-process; or 'tcp://host:port'
    dask_workers: Int = Field(0, ge=0, description="LocalCluster worker processes; 0: every core")


class DisclosureParams(Strict):
    # ONS (Census 2021) and UK LLC suppress counts of people under 10 (../shared/TYPOLOGY.md).
    min_cell_count: Int = Field(10, ge=1)
    quotes_per_topic: Int = Field(2, ge=0)
    # Codebook code slug -> reader-facing reason: a quoted note coded with one of these codes
    # (coded_note_segments) is shown behind a content note (pipeline.findings.quotes).
    content_note_codes: dict[str, str] = {}


class PrivacyParams(Strict):
    # Fake values planted in data to prove the privacy gate works; they must never be published.
    canaries: tuple[str, ...] = ()
    # Regions (ISO 3166-1 alpha-2) whose phone-number formats are searched for in notes: the
    # survey's and the demo's countries and those of the languages the recognisers cover.
    phone_regions: tuple[str, ...] = ("GB", "IE", "US", "ES", "MX", "AR", "FR", "BE", "PT", "BR",
                                      "DE", "AT", "IT", "RO", "MD", "GR", "CY", "HR", "SI", "RU",
                                      "UA", "KZ", "MA", "EG", "JO", "LB", "KE", "PH", "IN")


class LinkageWeights(Strict):
    name: Float = Field(0.6, ge=0)
    phone: Float = Field(0.2, ge=0)
    web: Float = Field(0.1, ge=0)
    email: Float = Field(0.1, ge=0)


class LinkageParams(Strict):
    # Sorted-neighbourhood window on the normalised name, within a country.
    window: Int = Field(9, ge=3)
    # A pair matches when both hold: names at least this similar (Jaro-Winkler) ...
    name_min: Float = Field(0.85, ge=0, le=1)
    # ... and a weighted score (name similarity + shared phone, web domain, e-mail) this high.
    threshold: Float = Field(0.7, ge=0, le=1)
    weights: LinkageWeights = LinkageWeights()


class ProposalParams(Strict):
    """Classifier proposals (pipeline/proposals.py)."""
    min_examples: Int = Field(20, ge=2, description="human-coded positives and negatives per code")
    min_probability: Float = Field(0.5, gt=0, le=1, description="proposals below are dropped")
    max_chars: Int = Field(2000, ge=100, description="service texts are cut to this before embedding")


class CodingParams(Strict):
    proposals: ProposalParams = ProposalParams()


class FigureParams(Strict):
    top_topics: Int = Field(8, ge=1)
    dpi: Int = Field(150, ge=50)


class ReviewParams(Strict):
    # The reviewer pseudonym (a returned sheet's file name, e.g. A1 for A1.xlsx) whose decision
    # wins when reviewers disagree; '' for none (then the majority, else the machine code).
    lead_reviewer: str = Field("", pattern=r"^(?:[A-Za-z0-9][A-Za-z0-9_-]{0,31})?$")


class ConfidenceParams(Strict):
    """Thresholds of the GRADE-CERQual-style confidence grade (pipeline.findings.confidence)."""
    adequacy_min_n: Int = Field(30, ge=1, description="fewer evidence units: adequacy concern")
    adequacy_min_sources: Int = Field(2, ge=1, description="fewer sources: adequacy concern")
    coherence_min_group_n: Int = Field(10, ge=1, description="groups smaller are not compared")
    coherence_max_spread: Float = Field(0.35, ge=0, le=1,
                                        description="max - min share across groups above: concern")
    min_reviewed_share: Float = Field(0.1, ge=0, le=1,
                                      description="less human-reviewed evidence: concern")
    relevance_min_share: Float = Field(0.5, ge=0, le=1,
                                       description="less evidence about children and young people")


class FindingsParams(Strict):
    """Thresholds of the findings rules (pipeline.findings.rules; wording in config/findings.yaml)."""
    ingredient_dimensions: tuple[str, ...] = ("channel", "delivery", "function", "help_for_whom")
    ingredient_min_share: Float = Field(0.25, ge=0, le=1, description="of services")
    ingredient_min_regions: Int = Field(3, ge=1)
    ingredient_min_service_types: Int = Field(2, ge=1)
    challenge_min_share: Float = Field(0.1, ge=0, le=1, description="of respondents or services")
    gap_max_services: Int = Field(3, ge=0, description="a service type with at most this: a gap")
    stale_after_years: Int = Field(2, ge=1, description="records not checked since: stale")
    evidence_max_items: Int = Field(200, ge=1, description="evidence items listed per finding")
    quotes_per_finding: Int = Field(2, ge=0)
    topic_min_share: Float = Field(0.3, ge=0, le=1,
                                   description="a topic is evidence when this share of it has the code")
    confidence: ConfidenceParams = ConfidenceParams()


class LimitParams(Strict):
    """Input sizes ingest refuses before they exhaust memory (issue 14): a raw file is read
    whole (pandas, openpyxl, json), and spaCy refuses texts over 1,000,000 characters."""

    max_file_mb: Int = Field(1024, ge=1, description="a larger raw file stops ingest, named")
    max_text_chars: Int = Field(1_000_000, ge=1000,
                                description="a longer text cell (note, description) stops ingest")
    one_stage_from: Int = Field(50_000, ge=0,
                                description="records (services + notes) from which stages run one at a time")


class VariantParams(Strict):
    """Report variants (pipeline.variants, `make report-variants`)."""
    levels: tuple[Literal["region", "service_type"], ...] = ("region", "service_type")
    min_services: Int = Field(5, ge=1, description="a region or service type with fewer: no variant")


class Params(Strict):
    seed: Int = 42
    scope: Scope = Scope()
    limits: LimitParams = LimitParams()
    notes: NotesParams
    topics: TopicParams = TopicParams()
    disclosure: DisclosureParams = DisclosureParams()
    privacy: PrivacyParams = PrivacyParams()
    linkage: LinkageParams = LinkageParams()
    figures: FigureParams = FigureParams()
    coding: CodingParams = CodingParams()
    review: ReviewParams = ReviewParams()
    findings: FindingsParams = FindingsParams()
    variants: VariantParams = VariantParams()


# --------------------------------------------------------------------------- sources
class Origin(Strict):
    """Where a raw file comes from (OWID-style origin record)."""

    title: str
    submitter: str
    producer: str = ""
    received: date | None = None
    licence: str
    url: str = ""
    description: str = ""
    illustrative: Bool = False
    # How the source made the English translations it supplies (``text_en``): 'machine',
    # 'human', or '' when it does not say. Shown beside translated quotes and in the report's
    # limitations.
    translation: Literal["", "machine", "human"] = ""


Adapter = Literal["chi_directory_json", "survey_wide_csv", "services_table", "notes_table",
                  "hsds_datapackage", "submitter_template"]
ADAPTER_KIND = {
    "chi_directory_json": "services",
    "services_table": "services",
    "hsds_datapackage": "services",
    "submitter_template": "services",
    "survey_wide_csv": "notes",
    "notes_table": "notes",
}


# What one raw row of each adapter is: counts of different units are never added together.
ROW_UNIT = {
    "chi_directory_json": "service record",
    "services_table": "service record",
    "hsds_datapackage": "service record",
    "submitter_template": "template row (service or contact)",
    "survey_wide_csv": "respondent",
    "notes_table": "note",
}


class Source(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    adapter: Adapter
    path: str
    origin: Origin | None = None
    # Adapter-specific options (column mappings, code lists); each adapter validates its own.
    options: dict = Field(default_factory=dict)
    _sources_file: Path | None = PrivateAttr(default=None)   # the file it was read from

    @property
    def kind(self) -> str:
        return ADAPTER_KIND[self.adapter]

    @property
    def row_unit(self) -> str:
        return ROW_UNIT[self.adapter]

    @property
    def file(self) -> Path:
        return paths.resolve_input(self.path)

    def parse_options(self, model: type[BaseModel]):
        """This source's ``options`` validated by the adapter's model (which sees the source's
        kind as validation context); raises ConfigError naming the sources file and source."""
        return _validate(model, dict(self.options),
                         f"{self._sources_file or paths.sources_file()}: source '{self.id}' options",
                         {"kind": self.kind})

    def resolved_origin(self) -> Origin:
        """The origin declared here, else the ``<file>.origin.yaml`` sidecar; raises if neither."""
        if self.origin is not None:
            return self.origin
        sidecar = self.file.with_name(self.file.name + ".origin.yaml")
        if not sidecar.exists():
            raise ConfigError(
                f"source '{self.id}': no origin record; declare `origin:` in the sources file "
                f"or write {sidecar}"
            )
        return _validate(Origin, _read_yaml(sidecar), sidecar)


class SourcesConfig(Strict):
    label: str = Field(description="shown on the report's first screen")
    illustrative: Bool = False
    sources: tuple[Source, ...]

    @model_validator(mode="after")
    def _unique_ids(self):
        ids = [s.id for s in self.sources]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate source ids: {dupes}")
        if not any(s.kind == "services" for s in self.sources):
            raise ValueError("at least one source of services is needed")
        return self


# --------------------------------------------------------------------------- loading
def _read_yaml(path: Path) -> dict:
    try:
        # libyaml's loader when built (10x faster on the codebook: `pipeline validate`
        # answers in well under 2 s); the same safe constructors either way.
        data = yaml.load(Path(path).read_text(encoding="utf-8"),
                         Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except yaml.MarkedYAMLError as e:
        # One line naming the file's own line and column, not PyYAML's "<unicode string>".
        mark = e.problem_mark
        raise ConfigError(f"{path}:{mark.line + 1}:{mark.column + 1}: cannot be read as YAML: "
                          f"{e.problem}" + (f" ({e.context})" if e.context else "")) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise ConfigError(f"{path}: cannot be read as YAML: {e}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data


def _validate(model: type[BaseModel], data: dict, path, context: dict | None = None):
    try:
        return model.model_validate(data, context=context)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(x) for x in err['loc']) or '(top)'}: {err['msg']}" for err in e.errors()
        )
        raise ConfigError(f"{path}: {problems}") from None


@cache
def _load(model: type[BaseModel], path: Path):
    return _validate(model, _read_yaml(path), path)


class _SectionGuard:
    """Params as one stage may see them: reading a section the stage does not declare in
    :mod:`pipeline.stages` raises, so its content stamp (which covers only declared sections)
    cannot miss a parameter it depends on."""

    def __init__(self, params: Params, stage: str, sections: tuple[str, ...]):
        self._params, self._stage, self._sections = params, stage, sections

    def __getattr__(self, name: str):
        if name in Params.model_fields and name not in self._sections:
            raise ConfigError(f"stage '{self._stage}' reads params.{name} but pipeline/stages.py "
                              f"does not declare it (declared: {', '.join(self._sections) or 'none'})")
        return getattr(self._params, name)


_GUARD: list[tuple[str, tuple[str, ...]]] = []  # the running stage and its declared sections


@contextmanager
def params_sections(stage: str, sections: tuple[str, ...]):
    """Within this block :func:`load_params` returns only the declared ``sections``."""
    _GUARD.append((stage, tuple(sections)))
    try:
        yield
    finally:
        _GUARD.pop()


def load_params(path: Path | None = None) -> Params:
    """The run's parameters (``PIPELINE_PARAMS``), validated; raises ConfigError. Inside
    :func:`params_sections` (every stage run by the CLI) a guarded view."""
    params = _load(Params, Path(path or paths.params_file()).resolve())
    if _GUARD:
        return _SectionGuard(params, *_GUARD[-1])  # type: ignore[return-value]
    return params


def load_sources(path: Path | None = None) -> SourcesConfig:
    file = Path(path or paths.sources_file()).resolve()
    cfg = _load(SourcesConfig, file)
    for source in cfg.sources:
        source._sources_file = file   # (errors in its options name this file, not the default)
    return cfg


class InputError(ConfigError):
    """A raw source file is missing, unreadable or of the wrong shape; names the file."""

    def __init__(self, path: Path | str, problem: str):
        self.path, self.problem = str(path), problem
        super().__init__(f"{path}: {problem}")
