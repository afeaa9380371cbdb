# Two commands take a fresh machine from clone to a built book and to passing tests:
#   make book    make test
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet
# nbval runs every notebook under these folders; tests/test_repository.py fails
# on a notebook anywhere else.
NOTEBOOK_DIRS := chapters labs
JOBS ?= 2
# The toy models multiply tiny matrices: one BLAS thread per process is 3-10x
# faster than threads fighting over 2 cores with the pytest workers.
export OMP_NUM_THREADS ?= 1
export OPENBLAS_NUM_THREADS ?= 1
BOOK := $(BIN)/jupyter-book build . -W -n --keep-going
SITE := _build/html/index.html
# Everything the site is built from: `make book` then `make test` builds once.
BOOK_SOURCES := _config.yml _toc.yml intro.md $(STAMP) \
	$(shell find chapters labs ftlib _static -type f -not -path '*/__pycache__/*' -not -path '*/.ipynb_checkpoints/*' 2>/dev/null)

.DELETE_ON_ERROR:

.PHONY: help install book test unit nbval build site browser lab bench strip clean

help:
	@echo "make book    install everything into $(VENV), build the HTML site (warnings are errors)"
	@echo "make test    install, then unit tests, nbval on every notebook, strict build, site checks"
	@echo "make lab     JupyterLab on the course"
	@echo "make bench   benchmarks (speed targets)"
	@echo "make strip   remove outputs and widget state from every notebook"

$(STAMP): binder/requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -r binder/requirements.txt
	$(PIP) install --no-deps -e .
	touch $@

install: $(STAMP)

$(SITE): $(BOOK_SOURCES)
	$(BOOK)
	@touch $@

book: $(SITE)
	@echo "Built: $(CURDIR)/$(SITE)"

# The whole book as one PDF (_build/html/when-to-fine-tune.pdf, linked from every page's
# sidebar), printed from the built pages by Debian's chromium: nothing re-runs, nothing is
# downloaded; about 10 s on top of `make book`.
.PHONY: pdf
pdf: $(SITE)
	$(BIN)/python _ext/book_pdf.py _build/html

test: install unit nbval build site browser

unit: install
	$(BIN)/pytest -n $(JOBS) -p no:cacheprovider tests --ignore=tests/site --ignore=tests/browser

nbval: install
	$(BIN)/pytest -n $(JOBS) --dist loadscope -p no:cacheprovider --nbval-lax --nbval-current-env $(wildcard $(NOTEBOOK_DIRS))

build: $(SITE)

site: install
	$(BIN)/pytest -p no:cacheprovider tests/site

# Headless Chromium over the built site (tests/browser); needs Debian's chromium
# (.ci/run installs it). Required in CI; elsewhere skipped, with the reason, if absent.
browser: install $(SITE)
	FTLIB_BROWSER_REQUIRED=$${FTLIB_BROWSER_REQUIRED:-$${CI:+1}} $(BIN)/pytest -p no:cacheprovider tests/browser

lab: install
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) labs/00_getting_started.ipynb

bench: install
	$(BIN)/python benchmarks/run.py

strip: install
	$(BIN)/python tests/notebooks.py strip $(NOTEBOOK_DIRS)

clean:
	rm -rf _build
