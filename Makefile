# Analysis pipeline: `make report` builds the environment if needed and renders the report;
# `make test` builds it if needed and runs the tests. `make help` lists every target.
#
# Variables (override on the command line):
#   SOURCES  which raw submissions to ingest   (default config/sources.yaml, the demo data)
#   PARAMS   every tunable                      (default config/params.yaml)
#   CODEBOOK the typology services are coded in (default config/codebook.yaml)
#   OUT      where generated files go           (default: this folder)
SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
OUT ?= .
SOURCES ?= config/sources.yaml
PARAMS ?= config/params.yaml
CODEBOOK ?= config/codebook.yaml

export PIPELINE_OUT := $(OUT)
export PIPELINE_SOURCES := $(SOURCES)
export PIPELINE_PARAMS := $(PARAMS)
export PIPELINE_CODEBOOK := $(CODEBOOK)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export PYTHONHASHSEED := 0
# The notebook kernel and every tool come from the project's environment.
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

RUN := $(VENV)/bin/python -m pipeline
ENV := $(VENV)/.installed
R := $(OUT)/report
F := $(OUT)/figures

.PHONY: help env report test bench clean makefile FORCE

help: ## List the targets
	@echo "Usage: make TARGET [SOURCES=config/sources.shared.yaml] [PARAMS=config/params.yaml] [OUT=folder]"
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  %-12s %s\n", $$1, $$2}'

env: $(ENV) ## Build the Python environment (.venv) from requirements.lock

$(ENV): pyproject.toml requirements.lock
	@echo "Building $(VENV) from requirements.lock (once; about 2 minutes)..."
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --no-deps -r requirements.lock
	$(VENV)/bin/pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

# ------------------------------------------------------------------------------ stages
# The gate re-runs when any published file changes, whoever changed it.
PUBLISHED = $(filter-out $(R)/privacy_gate.json,$(wildcard $(F)/* $(R)/* $(R)/hsds/*))

# One rule per stage, generated from pipeline/stages.py (the stage registry).
include stages.mk

# ------------------------------------------------------------------------------ verbs
report: $(R)/privacy_gate.json ## Run every stage, render report/index.html and report.pdf, run the privacy gate
	@echo "Report: $(R)/index.html"

test: $(ENV) ## Run the tests (unit, stage and end-to-end on demo and ../shared data)
	$(VENV)/bin/python -m pytest

bench: $(ENV) ## Measure run time, peak memory and the no-op rebuild on ../shared data
	$(VENV)/bin/python scripts/bench.py

clean: ## Remove generated outputs (never data/raw/ or .venv)
	rm -rf $(OUT)/data/interim $(OUT)/data/processed $(F) $(R) $(OUT)/private

makefile: $(ENV) ## Regenerate stages.mk from pipeline/stages.py
	$(RUN) makefile

FORCE:
