# Generated from pipeline/stages.py by `make makefile`: do not edit by hand.
# Each stage depends on its content stamp and on earlier stages' tables, never on
# files directly: see pipeline/stamp.py.

STAMPS := $(OUT)/data/interim/stamps/ingest.json $(OUT)/data/interim/stamps/standardise.json $(OUT)/data/interim/stamps/dedupe.json $(OUT)/data/interim/stamps/privacy.json $(OUT)/data/interim/stamps/code.json $(OUT)/data/interim/stamps/exports.json $(OUT)/data/interim/stamps/review-pack.json $(OUT)/data/interim/stamps/review.json $(OUT)/data/interim/stamps/topics.json $(OUT)/data/interim/stamps/findings.json $(OUT)/data/interim/stamps/figures.json $(OUT)/data/interim/stamps/hsds.json $(OUT)/data/interim/stamps/render.json $(OUT)/data/interim/stamps/gate.json
.PRECIOUS: $(STAMPS)
$(STAMPS) &: FORCE $(ENV)
	@$(RUN) stamp

$(OUT)/data/interim/services_raw.parquet $(OUT)/data/interim/notes_raw.parquet $(OUT)/data/interim/survey_choices.parquet $(OUT)/data/interim/ingest_rejects.parquet $(OUT)/data/interim/ingest_accounting.json &: $(OUT)/data/interim/stamps/ingest.json
	$(RUN) ingest

$(OUT)/data/interim/services_clean.parquet $(OUT)/data/processed/service_rejects.parquet &: $(OUT)/data/interim/stamps/standardise.json $(OUT)/data/interim/services_raw.parquet
	$(RUN) standardise

$(OUT)/data/processed/services.parquet $(OUT)/data/processed/linkage_audit.parquet &: $(OUT)/data/interim/stamps/dedupe.json $(OUT)/data/interim/services_clean.parquet
	$(RUN) dedupe

$(OUT)/data/processed/notes.parquet : $(OUT)/data/interim/stamps/privacy.json $(OUT)/data/interim/notes_raw.parquet $(OUT)/data/processed/services.parquet
	$(RUN) privacy

$(OUT)/data/processed/coded_segments.parquet $(OUT)/data/processed/coded_note_segments.parquet &: $(OUT)/data/interim/stamps/code.json $(OUT)/data/processed/services.parquet $(OUT)/data/processed/notes.parquet $(OUT)/data/interim/survey_choices.parquet
	$(RUN) code

$(OUT)/report/codebook.qdc $(OUT)/report/coded_segments.csv $(OUT)/report/coding.qdpx &: $(OUT)/data/interim/stamps/exports.json $(OUT)/data/processed/coded_segments.parquet $(OUT)/data/processed/services.parquet
	$(RUN) exports

$(OUT)/report/review/coding_sheet.xlsx $(OUT)/report/review/index.html $(OUT)/report/review/findings_sheet.xlsx $(OUT)/report/review/findings.html &: $(OUT)/data/interim/stamps/review-pack.json $(OUT)/data/processed/coded_segments.parquet $(OUT)/data/processed/services.parquet $(OUT)/report/findings.json
	$(RUN) review-pack

$(OUT)/data/processed/final_codes.parquet $(OUT)/data/processed/review_audit.parquet $(OUT)/data/processed/review_rejects.parquet $(OUT)/report/review_summary.json $(OUT)/report/review_agreement.csv $(OUT)/report/review_disagreements.csv $(OUT)/data/processed/code_proposals.parquet &: $(OUT)/data/interim/stamps/review.json $(OUT)/data/processed/coded_segments.parquet $(OUT)/data/processed/services.parquet
	$(RUN) review

$(OUT)/data/processed/topics.parquet $(OUT)/data/processed/topic_assignments.parquet $(OUT)/data/processed/topic_quality.parquet &: $(OUT)/data/interim/stamps/topics.json $(OUT)/data/processed/services.parquet $(OUT)/data/processed/notes.parquet
	$(RUN) topics

$(OUT)/report/findings.json $(OUT)/data/processed/survey_answers.parquet $(OUT)/data/processed/findings_reviews.parquet $(OUT)/data/processed/findings_review_rejects.parquet &: $(OUT)/data/interim/stamps/findings.json $(OUT)/data/interim/ingest_accounting.json $(OUT)/data/interim/ingest_rejects.parquet $(OUT)/data/processed/service_rejects.parquet $(OUT)/data/processed/final_codes.parquet $(OUT)/data/processed/code_proposals.parquet $(OUT)/data/processed/topics.parquet $(OUT)/data/processed/topic_assignments.parquet $(OUT)/data/processed/topic_quality.parquet $(OUT)/data/processed/notes.parquet $(OUT)/data/processed/services.parquet $(OUT)/data/processed/linkage_audit.parquet $(OUT)/data/processed/coded_note_segments.parquet $(OUT)/data/interim/survey_choices.parquet
	$(RUN) findings

$(OUT)/figures/figures.json $(OUT)/report/figures.zip &: $(OUT)/data/interim/stamps/figures.json $(OUT)/report/findings.json
	$(RUN) figures

$(OUT)/report/hsds/datapackage.json $(OUT)/report/directory.xlsx &: $(OUT)/data/interim/stamps/hsds.json $(OUT)/data/processed/services.parquet $(OUT)/data/processed/final_codes.parquet
	$(RUN) hsds

$(OUT)/report/index.html $(OUT)/report/report.pdf &: $(OUT)/data/interim/stamps/render.json $(OUT)/figures/figures.json $(OUT)/report/findings.json $(OUT)/data/processed/services.parquet $(OUT)/data/processed/final_codes.parquet $(OUT)/report/hsds/datapackage.json $(OUT)/report/review_summary.json $(OUT)/report/review_agreement.csv
	$(RUN) render

$(OUT)/report/privacy_gate.json : $(OUT)/data/interim/stamps/gate.json $(OUT)/report/index.html $(OUT)/report/report.pdf $(OUT)/figures/figures.json $(OUT)/report/findings.json $(OUT)/report/hsds/datapackage.json $(OUT)/report/codebook.qdc $(OUT)/report/coding.qdpx $(OUT)/report/directory.xlsx $(OUT)/report/figures.zip $(PUBLISHED)
	$(RUN) gate

ingest: $(OUT)/data/interim/services_raw.parquet ## Stage 1: Read every raw submission into tidy interim tables
standardise: $(OUT)/data/interim/services_clean.parquet ## Stage 2: Validate and normalise services; reject with reasons
dedupe: $(OUT)/data/processed/services.parquet ## Stage 2: Link and merge the same service submitted twice
privacy: $(OUT)/data/processed/notes.parquet ## Stage 2: Pseudonymise consultation notes before any analysis
code: $(OUT)/data/processed/coded_segments.parquet ## Stage 3: Apply the codebook to every service and pseudonymised note, with evidence
exports: $(OUT)/report/codebook.qdc ## Stage 3: Export the codebook (REFI-QDA) and coded segments
review-pack: $(OUT)/report/review/coding_sheet.xlsx ## Stage 3: Write the advisor review pack (report/review/: XLSX coding and findings sheets, HTML views), then run the privacy gate
review: $(OUT)/data/processed/final_codes.parquet ## Stage 3: Import returned review sheets: final codes, audit trail, agreement
topics: $(OUT)/data/processed/topics.parquet ## Stage 4: BERTopic over descriptions and notes
findings: $(OUT)/report/findings.json ## Stage 5: Compute the findings (ingredients, challenges, lessons, gaps) into report/findings.json
figures: $(OUT)/figures/figures.json ## Stage 5: Draw figures with the data behind them
hsds: $(OUT)/report/hsds/datapackage.json ## Stage 5: Export the directory as an HSDS 3.0 data package
render: $(OUT)/report/index.html ## Stage 5: Render the report notebook to HTML and PDF
gate: $(OUT)/report/privacy_gate.json ## Stage 5: Privacy gate: fail if personal data reached a published file

.PHONY: ingest standardise dedupe privacy code exports review-pack review topics findings figures hsds render gate
