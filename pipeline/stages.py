"""The stage registry: every stage of the pipeline declared once.

Each :class:`Stage` names its function (a module with ``run(out)``), the tables and files it
reads and writes, the parameter sections it may read and the project files besides code it
depends on. Everything else derives from this list:

- the Make rules (``stages.mk``, written by ``python -m pipeline makefile`` and checked by a
  test), hence ``make help``;
- ``python -m pipeline STAGE`` (:mod:`pipeline.cli`);
- the per-stage content stamps that decide what reruns (:mod:`pipeline.stamp`): a stage reruns
  only when the content of its inputs, its own code (the ``pipeline`` modules it imports,
  found by reading their imports) or its own parameter sections change;
- the parameter guard: a stage that reads a parameter section it does not declare fails
  (:func:`pipeline.config.load_params`), so the declarations cannot drift from the code;
- the README's stage table (checked by a test).

Verbs that are not stages (``report``, ``test``, ``bench``, ``lint``...) are declared in
:data:`VERBS` beside them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pipeline import paths

# Files stages read besides code and tables, by name (a function: the codebook can be moved).
FILES = {
    "codebook": paths.codebook_file,
    "lexicon": lambda: paths.ROOT / "pipeline" / "pii" / "lexicon.yaml",
    "notebook": lambda: paths.REPORT_NOTEBOOK,
    "country_shapes": lambda: paths.COUNTRY_SHAPES,
    "findings_rules": paths.findings_rules_file,
    "default_recommendations": lambda: paths.DEFAULT_RECOMMENDATIONS,
    "findings_schema": lambda: paths.FINDINGS_SCHEMA,
}

# Raw folders a stage reads every file of, by name: returned review sheets (their content is
# in the stage's stamp, so a new, edited or removed sheet reruns it). Files only: the
# findings feedback folder reviews/findings/ is not part of "reviews".
RAW_FOLDERS = {"reviews": paths.reviews_dir, "findings_reviews": paths.findings_reviews_dir,
               # reviewed recommendations beside the sources file (pipeline.findings)
               "recommendations": lambda: paths.recommendations_file().parent}


@dataclass(frozen=True)
class Stage:
    """One stage. ``reads``/``writes`` are attribute names of :class:`pipeline.paths.Outputs`;
    ``files`` are names in :data:`FILES` of files read besides code and tables;
    ``params`` are top-level sections of ``config/params.yaml`` (``seed`` included)."""

    name: str
    module: str
    step: str  # the mission's numbered step ('1', '2', ...), shown by `make help`
    help: str  # one line for `make help` and the CLI
    does: str  # what the README's stage table says
    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()
    params: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    raw_sources: bool = False  # reads the sources file and every raw file it lists
    raw_folders: tuple[str, ...] = ()  # names in RAW_FOLDERS
    published: bool = False  # reads every published file (the gate)
    extra_code: tuple[str, ...] = field(default=())  # code read other than by import

    @property
    def stamp(self) -> str:
        """The stage's content stamp, relative to the output root."""
        return f"{_out_relative('stamps')}/{self.name}.json"


STAGES: tuple[Stage, ...] = (
    Stage("ingest", "pipeline.ingest", "1", "Read every raw submission into tidy interim tables",
          "raw files (one adapter per format) → interim services, notes, survey choices (fixed "
          "options ticked in multi-select questions), rejects and row accounting; respondent IDs "
          "become pseudonyms `R-0001` (key in `private/`, mode 0600)",
          writes=("services_raw", "notes_raw", "survey_choices", "ingest_rejects",
                  "ingest_accounting"),
          params=("scope", "notes", "limits"), raw_sources=True),
    Stage("standardise", "pipeline.standardise", "2",
          "Validate and normalise services; reject with reasons",
          "countries to ISO 3166-1 alpha-3 and UN M49 region (names in English and 32 other "
          "languages from pycountry's catalogues, e.g. 'Україна', 'Magyarország', plus short forms "
          "such as 'KSA', 'RD Congo', 'Scotland'; unknown, ambiguous or several names flagged, "
          "never guessed; Kosovo as XKX), languages to ISO 639-3, short codes kept as dialled, "
          "full numbers to E.164, e-mails and URLs normalised and flagged, opening hours to an "
          "HSDS weekly schedule, ages, stable UUIDs; rejected records with their reason. "
          "It normalises; it never classifies (that is `code`). Records are streamed in batches "
          "of 10,000, cleaned on a worker per core",
          reads=("services_raw",), writes=("services_clean", "service_rejects")),
    Stage("dedupe", "pipeline.dedupe", "2", "Link and merge the same service submitted twice",
          "the same service submitted twice is linked (recordlinkage; thresholds in "
          "`params.linkage`; records without a country never; names differing by a number only "
          "where one name carries the service's own phone number: 'Allo Enfance en danger (119)', "
          "not 'Youth Line 1' and '2'; never names that differ by an unlike word each: 'Línea 102 "
          "Córdoba' and 'Línea 102 Salta') and merged keeping every source ID; each merge in "
          "the audit table. "
          "It links on the compared columns alone and reads in full only the records that "
          "merge",
          reads=("services_clean",), writes=("services", "linkage_audit"), params=("linkage",)),
    Stage("privacy", "pipeline.privacy", "2", "Pseudonymise consultation notes before any analysis",
          "e-mails, profile URLs, handles, phone numbers, person names, addresses, towns, schools "
          "and class references replaced by consistent tokens (`[PERSON_3]`) in 13 languages; "
          "public service names, numbers and websites stay; non-answers marked; key in "
          "`private/pseudonym_key.csv` (mode 0600); from 1,000 notes, respondents are read on "
          "one worker per core",
          reads=("notes_raw", "services"), writes=("notes",), params=("privacy", "notes"),
          files=("lexicon",)),
    Stage("code", "pipeline.coding", "3",
          "Apply the codebook to every service and pseudonymised note, with evidence",
          "every services dimension (channel, service type, delivery...) applied to every "
          "service, and every notes dimension (harm, help source, barrier, wanted action, "
          "reaction) to every pseudonymised note (original and English translation) and survey "
          "choice; each coded segment with its evidence span, rule and method; note codes' "
          "distribution printed with small-cell suppression; from 100 records, records are "
          "coded on one worker per core",
          reads=("services", "notes", "survey_choices"),
          writes=("coded_segments", "coded_note_segments"), params=("disclosure",),
          files=("codebook",)),
    Stage("exports", "pipeline.exports", "3", "Export the codebook (REFI-QDA) and coded segments",
          "the codebook as a REFI-QDA codebook (`.qdc`, for QualCoder, ATLAS.ti, MAXQDA, NVivo), "
          "the coding of services as a REFI-QDA project (`.qdpx`: one text source per service, "
          "coded selections) and every coded segment of a service as CSV (note segments stay in "
          "`data/processed/`: they carry note IDs and pseudonyms)",
          reads=("coded_segments", "services"),
          writes=("codebook_qdc", "coded_segments_csv", "coding_qdpx"),
          files=("codebook",)),
    Stage("review-pack", "pipeline.review_pack", "3",
          "Write the advisor review pack (report/review/: XLSX coding and findings sheets, HTML "
          "views), then run the privacy gate",
          "one row per service and dimension: proposed codes with their evidence, and columns "
          "for the advisor's decision (accept / change / comment), new code, comment; drop-down "
          "lists of each dimension's codes; an HTML view and an instructions sheet; and one row "
          "per finding (statement, numbers, confidence, evidence; verdict agree / disagree / "
          "unsure, comment) in a findings sheet with its HTML view. Run it by hand (`make "
          "review-pack`, which then runs the privacy gate over it and the report): `make report` "
          "does not",
          reads=("coded_segments", "services", "findings"),
          writes=("review_pack", "review_pack_html", "findings_sheet", "findings_sheet_html"),
          files=("codebook",)),
    Stage("review", "pipeline.review", "3",
          "Import returned review sheets: final codes, audit trail, agreement",
          "validates every returned sheet row by row (bad rows to `review_rejects` with file, "
          "sheet, cell and what to do); human decisions over machine codes into `final_codes` "
          "(lead reviewer, else majority, else the machine code stays and the conflict is "
          "listed), each decision in `review_audit`; Cohen's kappa and Krippendorff's alpha "
          "between reviewers and between machine and final codes, and a disagreement table; "
          "where people coded enough examples, classifier proposals with their probability",
          reads=("coded_segments", "services"),
          writes=("final_codes", "review_audit", "review_rejects", "review_summary",
                  "review_agreement", "review_disagreements", "code_proposals"),
          params=("review", "coding", "seed"), files=("codebook",), raw_folders=("reviews",)),
    Stage("topics", "pipeline.topics", "4", "BERTopic over descriptions and notes",
          "BERTopic (USE embeddings, seeded UMAP, HDBSCAN for the number of topics and the "
          "outliers, k-means for the borders, c-TF-IDF) over service descriptions "
          "and, separately, notes; topic −1 is the outlier topic; both baselines (KMeans on the "
          "same embeddings, NMF on TF-IDF) fitted beside it and all three scored (NPMI coherence, "
          "diversity); above `topics.online_threshold` distinct texts, the online path (batches "
          "on Dask)",
          reads=("services", "notes"), writes=("topics", "topic_assignments", "topic_quality"),
          params=("topics", "seed")),
    Stage("findings", "pipeline.findings", "5",
          "Compute the findings (ingredients, challenges, lessons, gaps) into report/findings.json",
          "common ingredients, challenges, lessons learned and gaps computed by the rules in "
          "`config/findings.yaml` over coded services, coded notes, survey answers and topics, "
          "each with numbers (95 % Wilson intervals), evidence, a GRADE-CERQual-style confidence "
          "grade and its advisors' verdict; recommendations from `config/recommendations/` with "
          "their support; the survey's multi-select answers by age band and gender; inputs with "
          "row accounting, topics, quotes, provenance; small counts suppressed; checked against its "
          "JSON Schema before anything is written",
          reads=("ingest_accounting", "ingest_rejects", "service_rejects", "final_codes",
                 "code_proposals", "topics", "topic_assignments", "topic_quality", "notes",
                 "services",
                 "linkage_audit", "coded_note_segments", "survey_choices"),
          writes=("findings", "survey_answers", "findings_reviews", "findings_review_rejects"),
          params=("disclosure", "coding", "findings", "scope", "review", "privacy"),
          files=("codebook", "findings_rules", "default_recommendations",
                 "findings_schema"),
          raw_folders=("recommendations", "findings_reviews")),
    Stage("figures", "pipeline.figures", "5", "Draw figures with the data behind them",
          "PNG and SVG figures (seaborn house style), the numbers drawn as CSV, a JSON "
          "description each (title, alt text, caption, source, licence, n), `figures.json` and "
          "`report/figures.zip`",
          reads=("findings",), writes=("figures_index", "figures_zip"),
          params=("figures", "disclosure"),
          files=("codebook",)),
    Stage("hsds", "pipeline.hsds", "5", "Export the directory as an HSDS 3.0 data package",
          "the directory as an HSDS 3.0 data package (organization, service, phone, schedule, "
          "language, service_area, taxonomy, taxonomy_term, attribute + `datapackage.json`) "
          "and `report/directory.xlsx` for people",
          reads=("services", "final_codes"), writes=("hsds_package", "directory_xlsx"),
          files=("codebook",)),
    Stage("render", "pipeline.render", "5", "Render the report notebook to HTML and PDF",
          "papermill runs the notebook, nbconvert writes the HTML (code hidden), WeasyPrint "
          "the PDF",
          reads=("figures_index", "findings", "services", "final_codes", "hsds_package",
                 "review_summary", "review_agreement"),
          writes=("html", "pdf"), files=("notebook", "country_shapes"),
          # the notebook imports these, not pipeline.render
          extra_code=("pipeline/report.py", "pipeline/report_map.py", "pipeline/hsds.py",
                      "pipeline/report_findings.py")),
    Stage("gate", "pipeline.gate", "5",
          "Privacy gate: fail if personal data reached a published file",
          "scans every published file (text, PDF, XLSX, ZIP, REFI-QDA) for what the privacy "
          "stage replaced, canaries and contacts; quarantines the outputs on a hit",
          reads=("html", "pdf", "figures_index", "findings", "hsds_package", "codebook_qdc",
                 "coding_qdpx", "directory_xlsx", "figures_zip"),
          writes=("gate_result",), params=("privacy",), published=True),
)

# Make verbs that are not stages: name -> help line (derived into `make help` by the Makefile's
# own `## ` comments; a test checks the two agree).
VERBS = {
    "help": "List the targets",
    "env": "Build the Python environment (.venv) from requirements.lock, dev tools included",
    "lock": "Regenerate requirements.lock from pyproject.toml with uv (needs network); then make env",
    "lint": "Check the code with ruff (rules in pyproject.toml [tool.ruff])",
    "report": "Run every stage, render report/index.html and report.pdf, run the privacy gate",
    "test": "Run the tests (unit, stage and end-to-end on demo and ../shared data)",
    "test-fast": "Run the unit and stage tests only (no end-to-end run; under 2 minutes)",
    "bench": "Measure the pipeline on 1,000-100,000 synthetic records and ../shared data (README)",
    "bench-scale": "Time 1,000,000 synthetic notes on the online topic path, Dask (SCALE_NOTES=N; "
                   "README)",
    "clean": "Remove generated outputs (never data/raw/ or .venv)",
    "makefile": "Regenerate stages.mk from pipeline/stages.py",
    "submitter-kit": "Write report/submitter-kit/: XLSX and CSV templates, Table Schemas, data "
                     "dictionary (en, fr)",
    "validate": "Check a submitter's file before it is sent: make validate FILE=returned.xlsx",
    "browser": "Install Debian's Chromium for the browser and accessibility test (root or sudo)",
    "report-variants": "After the report, render it per UN M49 region and service type into "
                       "report/variants/ (VARIANTS=ids), then rerun the gate",
}

# The module every stage runs through, besides its imports. (This registry is not: a stage's
# stamp holds its own declaration, so declaring another stage reruns nothing else.)
COMMON_CODE = ("pipeline/cli.py",)


def stage(name: str) -> Stage:
    for s in STAGES:
        if s.name == name:
            return s
    raise KeyError(f"no stage {name!r}; stages: {', '.join(s.name for s in STAGES)}")


def producers() -> dict[str, Stage]:
    """Output attribute -> the stage that writes it."""
    return {w: s for s in STAGES for w in s.writes}


# --------------------------------------------------------------------------- code deps
def _module_file(module: str) -> Path | None:
    base = paths.ROOT / Path(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


# `import pipeline.x` and `from pipeline.x import a, b` (parenthesised lists may span lines),
# at any indentation: a regular expression, because parsing every module on each `make` is
# what a no-op rebuild would spend its time on.
IMPORT = re.compile(r"^[ \t]*(?:import[ \t]+(pipeline[\w.]*)"
                    r"|from[ \t]+(pipeline[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+))", re.M)


@cache
def _imports(file: Path) -> frozenset[str]:
    """``pipeline`` modules imported by ``file`` (absolute imports, any depth in the file)."""
    found = set()
    for plain, module, names in IMPORT.findall(file.read_text(encoding="utf-8")):
        if plain:
            found.add(plain)
            continue
        found.add(module)
        for name in re.split(r"[\s,()]+", names):  # submodules imported by name
            if name and name != "as" and name.isidentifier():
                found.add(f"{module}.{name}")
    return frozenset(found)


@cache
def code_files(module: str) -> tuple[str, ...]:
    """Every project source file ``module`` runs: itself and the ``pipeline`` modules it imports,
    transitively (package ``__init__`` files included), relative to the project root, sorted."""
    seen: dict[str, Path] = {}
    todo = [module]
    while todo:
        name = todo.pop()
        parts = name.split(".")
        # a module's parent packages run their __init__ first
        for i in range(1, len(parts) + 1):
            sub = ".".join(parts[:i])
            if sub in seen:
                continue
            file = _module_file(sub)
            if file is None:
                continue
            seen[sub] = file
            todo.extend(_imports(file))
    return tuple(sorted(str(f.relative_to(paths.ROOT)) for f in seen.values()))


def stage_code(s: Stage) -> tuple[str, ...]:
    return tuple(sorted(set(code_files(s.module)) | set(COMMON_CODE) | set(s.extra_code)))


# --------------------------------------------------------------------------- derived text
def _shown(p: Path) -> Path:
    """A path as the README shows it: relative to the project when inside it."""
    return p.relative_to(paths.ROOT) if p.is_relative_to(paths.ROOT) else p


def _out_relative(attr: str) -> Path:
    """An Outputs attribute relative to the output root."""
    return getattr(paths.Outputs(Path("/_")), attr).relative_to("/_")


def _make_path(attr: str) -> str:
    """An Outputs attribute as a Make path under ``$(OUT)``."""
    return f"$(OUT)/{_out_relative(attr)}"


def render_makefile() -> str:
    """``stages.mk``: one rule per stage, its verb with its help line, from :data:`STAGES`."""
    lines = ["# Generated from pipeline/stages.py by `make makefile`: do not edit by hand.",
             "# Each stage depends on its content stamp and on earlier stages' tables, never on",
             "# files directly: see pipeline/stamp.py.", ""]
    stamps = " ".join(f"$(OUT)/{s.stamp}" for s in STAGES)
    # Stamps are precious: a failed stamp step (a bad parameter) must not make .DELETE_ON_ERROR
    # delete the stamps and so force a full rebuild on the next run.
    lines += [f"STAMPS := {stamps}", ".PRECIOUS: $(STAMPS)", "$(STAMPS) &: FORCE $(ENV)",
              "\t@$(RUN) stamp", ""]
    for s in STAGES:
        targets = " ".join(_make_path(w) for w in s.writes)
        prereqs = [f"$(OUT)/{s.stamp}"] + [_make_path(r) for r in s.reads]
        prereqs += ["$(PUBLISHED)"] if s.published else []
        sep = "&:" if len(s.writes) > 1 else ":"
        lines += [f"{targets} {sep} {' '.join(prereqs)}", f"\t$(RUN) {s.name}", ""]
    lines += [f"{s.name}: {_make_path(s.writes[0])} ## Stage {s.step}: {s.help}" for s in STAGES]
    lines += ["", ".PHONY: " + " ".join(s.name for s in STAGES), ""]
    return "\n".join(lines)


def render_stage_table() -> str:
    """The README's stage table (Markdown), from :data:`STAGES`."""
    def names(attrs):
        return ", ".join(f"`{_make_path(a).removeprefix('$(OUT)/')}`" for a in attrs)

    rows = ["| stage (`make …`) | step | module | reads → writes | what it does |",
            "|---|---|---|---|---|"]
    for s in STAGES:
        reads = names(s.reads) or ("the sources file and its raw files" if s.raw_sources else "")
        reads += (", " if reads and s.files else "") + ", ".join(
            f"`{FILES[f]().relative_to(paths.ROOT)}`" for f in s.files)
        reads += "".join(f", every file in `{_shown(RAW_FOLDERS[f]())}/`"
                         for f in s.raw_folders)
        reads += ", every published file" if s.published else ""
        params = f" Parameters: {', '.join(f'`{p}`' for p in s.params)}." if s.params else ""
        rows.append(f"| `{s.name}` | {s.step} | `{s.module}` | {reads} → {names(s.writes)} "
                    f"| {s.does}.{params} |")
    return "\n".join(rows) + "\n"
