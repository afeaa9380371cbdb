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
# --all: every page is read and executed again, since any page's output depends on ftlib (an
# incremental build kept pages whose notebook had not changed, with outputs of an older ftlib).
BOOK := $(BIN)/jupyter-book build . --all -W -n --keep-going
SITE := _build/html/index.html
# Everything the site is built from: `make book` then `make test` builds once.
BOOK_SOURCES := _config.yml _toc.yml intro.md $(STAMP) \
	$(shell find chapters labs ftlib _static _ext _templates -type f -not -path '*/__pycache__/*' -not -path '*/.ipynb_checkpoints/*' 2>/dev/null)

.DELETE_ON_ERROR:

.PHONY: help install wheel book test lint unit nbval build site browser jupyterlab lab bench strip clean tinylm-grid refresh future

help:
	@echo "make book    install everything into $(VENV), build the HTML site (warnings are errors)"
	@echo "make test    install, then lint, unit tests, nbval on every notebook, strict build, site checks"
	@echo "make lint    ruff format check, ruff check and mypy (configured in pyproject.toml)"
	@echo "make lab     JupyterLab on the course (installs only the labs' packages)"
	@echo "make bench   benchmarks (speed targets)"
	@echo "make tinylm-grid  rebuild the tiny-LM lab's grid of runs for the static site"
	@echo "make hub     a JupyterHub for a workshop room on this machine (make hub-stop stops it)"
	@echo "make hub-load N=30   load test: N learners on a hub of its own, on loopback"
	@echo "make strip   remove outputs and widget state from every notebook"

# Two dependency sets, one lock (requirements/lock.py, `make lock`): binder/requirements.txt is the
# learner set (the labs' needs; Binder and `make lab` install it), requirements/dev.lock the full
# set (plus the book builder and test tools; `make install`), at identical versions.
LEARNER_STAMP := $(VENV)/.learner
LAB_PORT ?= 8888
# A .venv made by another Python (say, a first try with PYTHON=python3.10) is rebuilt, not reused.
PYID := import sys, platform; print(platform.python_version(), sys.base_prefix)
VENV_PYTHON := $(shell [ -x $(BIN)/python ] && $(BIN)/python -c '$(PYID)' 2>/dev/null)
WANT_PYTHON := $(shell $(PYTHON) -c '$(PYID)' 2>/dev/null)
ifneq ($(VENV_PYTHON),$(WANT_PYTHON))
ifneq ($(VENV_PYTHON),)
STALE_VENV := stale-venv
endif
endif
NEW_VENV = $(if $(STALE_VENV),rm -rf $(VENV) && )$(PYTHON) -m venv $(VENV)

.PHONY: python-version stale-venv lock

# Checked before anything is installed, in one line.
python-version:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "The course needs Python 3.11+; '$(PYTHON)' is $$($(PYTHON) --version 2>&1 || echo missing). Try: make $(or $(MAKECMDGOALS),install) PYTHON=python3.11"; exit 1; }

stale-venv:
	@echo "$(VENV) was made by another Python ($(VENV_PYTHON)); rebuilding it with $(PYTHON)."

$(STAMP): requirements/dev.lock pyproject.toml $(STALE_VENV) | python-version
	$(NEW_VENV)
	$(PIP) install -r requirements/dev.lock
	$(PIP) install --no-deps -e .
	touch $(LEARNER_STAMP) $@

install: $(STAMP)

# The learner set only, with pip's progress shown: what `make lab` needs.
$(LEARNER_STAMP): binder/requirements.txt pyproject.toml $(STALE_VENV) | python-version
	@echo "Installing the labs' packages into $(VENV) (about a minute the first time)..."
	$(NEW_VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar on -r binder/requirements.txt
	$(PIP) install --no-deps -e .
	touch $@

# Resolve requirements/*.in again into requirements/dev.lock and binder/requirements.txt.
lock: | python-version
	$(if $(wildcard $(BIN)/python),,$(PYTHON) -m venv $(VENV))
	$(BIN)/python -m pip install --disable-pip-version-check -q packaging
	$(BIN)/python requirements/lock.py

# The ftlib wheel the site publishes under _static/: a launched notebook's setup cell (Colab, a
# fresh kernel) installs it from there (tests/notebooks.py setup_cell). Built here, never
# committed; the setup cell pins it by ftlib's version.
FTLIB_VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
WHEEL := _static/ftlib-$(FTLIB_VERSION)-py3-none-any.whl

$(WHEEL): pyproject.toml $(shell find ftlib -type f -not -path '*/__pycache__/*' 2>/dev/null) | $(STAMP)
	rm -f _static/ftlib-*.whl
	$(PIP) wheel --no-deps --wheel-dir _static .

wheel: $(WHEEL)

$(SITE): $(WHEEL)
$(SITE): $(BOOK_SOURCES)
	$(BOOK)
	@$(MAKE_PDF)
	@touch $@

book: $(SITE)
	@echo "Built: $(CURDIR)/$(SITE)"

test: install lint unit nbval build pdf site browser jupyterlab hub-test future

# Formatter check, linter and type checker, all configured in pyproject.toml and pinned in
# requirements/dev.in, so a fresh clone lints with the same versions as CI.
lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

# The whole book as one PDF (_build/html/when-to-fine-tune.pdf, linked from every page's
# sidebar), printed from the built pages by Debian's chromium: nothing re-runs, nothing is
# downloaded; about 10 s. `make book` prints it too, so the sidebar's link never 404s; without
# Chromium it says so in one line and the site is built without the PDF.
MAKE_PDF = if command -v $${CHROMIUM:-chromium} >/dev/null; then $(BIN)/python _ext/book_pdf.py _build/html; \
	else echo "No PDF: Chromium is missing (apt-get install chromium); the sidebar's PDF link will 404."; fi
.PHONY: pdf
pdf: $(SITE)
	$(BIN)/python _ext/book_pdf.py _build/html


unit: install
	$(BIN)/pytest -n $(JOBS) -p no:cacheprovider --durations=15 tests --ignore=tests/site --ignore=tests/browser

nbval: install
	$(BIN)/pytest -n $(JOBS) --dist loadscope -p no:cacheprovider --nbval-lax --nbval-current-env $(wildcard $(NOTEBOOK_DIRS))

build: $(SITE)

site: install
	FTLIB_PDF_REQUIRED=$${FTLIB_PDF_REQUIRED:-$${CI:+1}} $(BIN)/pytest -p no:cacheprovider tests/site

# Headless Chromium over the built site (tests/browser); needs Debian's chromium
# (.ci/run installs it). Required in CI; elsewhere skipped, with the reason, if absent.
browser: install $(SITE)
	FTLIB_BROWSER_REQUIRED=$${FTLIB_BROWSER_REQUIRED:-$${CI:+1}} $(BIN)/pytest -p no:cacheprovider tests/browser

# JupyterLab at the course root, so that the labs' ../chapters/... links work; opens the first
# lab (and prints its URL, for a browser on another machine or none at all).
FIRST_LAB := labs/00_getting_started.ipynb
# End to end in real JupyterLab (tests/jupyterlab): every lab opened in headless Chromium, all
# cells run, one control changed. Needs Debian's chromium (.ci/run installs it); required in CI.
jupyterlab: install
	FTLIB_JUPYTERLAB=1 FTLIB_BROWSER_REQUIRED=$${FTLIB_BROWSER_REQUIRED:-$${CI:+1}} \
	  $(BIN)/pytest -n $(JOBS) -p no:cacheprovider tests/jupyterlab

lab: $(LEARNER_STAMP)
	@token=$$($(BIN)/python -c 'import secrets; print(secrets.token_hex(16))'); \
	echo ""; \
	echo "The first lab: http://127.0.0.1:$(LAB_PORT)/lab/tree/$(FIRST_LAB)?token=$$token"; \
	echo "(Ctrl-C twice stops JupyterLab.)"; echo ""; \
	exec $(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) \
	  --ServerApp.root_dir="$(CURDIR)" --ip=127.0.0.1 --port=$(LAB_PORT) \
	  --ServerApp.port_retries=0 --IdentityProvider.token=$$token $(FIRST_LAB)

# A workshop hub on this machine (binder/hub/, chapters/instructor_guide.md "Room setup"):
# JupyterHub and its culler from requirements/hub.txt (the learner set plus the hub), the proxy
# from npm into .hub-proxy/, state (secrets, homes, log) in .hub/. Settings: HUB_PORT, HUB_IP
# (127.0.0.1 unless you say so), HUB_REPO (a path, URL or "origin"; default this clone),
# HUB_BRANCH, HUB_CODE (the workshop code; default generated), HUB_MEM and HUB_CPU (per
# learner), HUB_SPAWN_LIMIT, HUB_CULL (seconds idle). HUB_PYTHON (a Python 3.11.5+ that every
# user can run) builds the hub its own .hub-venv: needed for separate learner user ids when the
# course's Python sits in a private home.
.PHONY: hub hub-stop hub-load hub-test
HUB_PORT ?= 8000
HUB_IP ?= 127.0.0.1
HUB_REPO ?=
HUB_BRANCH ?=
HUB_CODE ?=
HUB_MEM ?= 1G
HUB_CPU ?= 1
HUB_SPAWN_LIMIT ?= 4
HUB_CULL ?= 3600
HUB_PYTHON ?=
N ?= 30
HUB_VENV := $(if $(HUB_PYTHON),.hub-venv,$(VENV))
HUB_STAMP := $(HUB_VENV)/.hub
HUB_PROXY := .hub-proxy/node_modules/.bin/configurable-http-proxy
HUB_PROXY_VERSION := 5.3.0
HUBCTL = $(HUB_VENV)/bin/python binder/hub/hubctl.py

$(HUB_STAMP): requirements/hub.txt pyproject.toml | python-version
	$(if $(HUB_PYTHON),$(HUB_PYTHON) -m venv $(HUB_VENV),$(NEW_VENV))
	$(HUB_VENV)/bin/python -m pip install --disable-pip-version-check --quiet -r requirements/hub.txt
	$(HUB_VENV)/bin/python -m pip install --disable-pip-version-check --quiet --no-deps -e .
	touch $@

$(HUB_PROXY):
	npm install --prefix .hub-proxy --no-save --no-audit --no-fund --loglevel=error \
	  configurable-http-proxy@$(HUB_PROXY_VERSION)

hub: $(HUB_STAMP) $(HUB_PROXY)
	$(HUBCTL) start --port $(HUB_PORT) --ip $(HUB_IP) $(if $(HUB_REPO),--repo $(HUB_REPO)) \
	  $(if $(HUB_BRANCH),--branch $(HUB_BRANCH)) $(if $(HUB_CODE),--code $(HUB_CODE)) \
	  --mem $(HUB_MEM) --cpu $(HUB_CPU) --spawn-limit $(HUB_SPAWN_LIMIT) --cull $(HUB_CULL)

hub-stop:
	@if [ -x $(HUB_VENV)/bin/python ]; then $(HUBCTL) stop; else echo "No hub was installed here."; fi

# N learners (at most 60) arrive within a minute on a hub of its own (port 8100, .hub-load/),
# log in, pull, open Lab 0 and the break-even lab and move controls; the table goes to
# benchmarks/results/hub_load.md. Bounded in count and time; loopback only.
hub-load: $(HUB_STAMP) $(HUB_PROXY)
	$(HUB_VENV)/bin/python binder/hub/load.py --learners $(N) \
	  --spawn-limit $(HUB_SPAWN_LIMIT) --mem $(HUB_MEM) --cpu $(HUB_CPU)

# The hub end to end (tests/hub): the printed link followed by a learner, a load test at N=5,
# and nothing left running after the stop. Required in CI; elsewhere skipped, with the reason,
# when npm (for the proxy) is missing.
hub-test: install
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory $(HUB_PROXY); fi
	FTLIB_HUB=1 FTLIB_HUB_REQUIRED=$${FTLIB_HUB_REQUIRED:-$${CI:+1}} \
	  $(BIN)/pytest -p no:cacheprovider tests/hub

bench: install
	$(BIN)/python benchmarks/run.py

# The fine-tune-a-language-model lab's static grid (17 tuning runs, several minutes on one
# core): rewrites ftlib/data/tinylm/grid.json and grid.sha256. Never part of make test.
tinylm-grid: install
	$(BIN)/python -m ftlib.tinylm.grid

# A new dated catalog vintage from ftlib/data/catalog/course_rows.json and the installed
# genai-prices (upgrade its pin in requirements/dev.in, `make lock install`, then this); prints
# what changed and which pages name the models that moved. Old vintages are never edited.
refresh: install
	$(BIN)/python -m ftlib catalog refresh --root .

# The clock moved forward: the unit tests with the system clock at each of FUTURE_DAYS days
# ahead under libfaketime (Debian's faketime; .ci/run installs it), then one strict book build
# at the farthest day into _build/future (the site in _build/html is left alone). Jupyter kernels
# and servers time out under libfaketime (their ZMQ polls), so the three repository tests that
# start them are left out of the faked runs (they check notebooks, not dates; `make unit` runs
# them), and the book build moves ftlib's clock with FTLIB_TODAY instead, which every page's
# kernel inherits. Cost: about one `make unit` per date (~50 s on a free 2-core runner) plus one
# book build (~5 min).
FUTURE_DAYS ?= 40 182 548
FUTURE_BOOK_DAYS ?= 548
FAKETIME = FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f
# Tests that start a subprocess with a timeout (Node, a CLI, pip, a build) get EINVAL from
# libfaketime's timers; they check processes, not dates, and run in `make unit` (FUTURE_SKIP).
# Suites that never read a date (the tiny LM's training, the benchmarks' smoke runs, the hub's
# files) run once in `make unit`, not again at each future day: they are most of its time.
FUTURE_UNDATED := --ignore=tests/tinylm --ignore=tests/test_benchmarks.py --ignore=tests/hub
FUTURE_SKIP := not opening_and_saving_a_notebook_in_jupyter and not nbval_fails_on_a_raising_cell \
	and not a_failed_install_shows_one_short_message and not ctrl_c_while_the_command_line \
	and not lab_js_parity and not lone_surrogate_key and not strict_book_build_fails \
	and not wheel_is_pure_python
future: install
	@command -v faketime >/dev/null || { echo "make future needs Debian's faketime package"; exit 1; }
	@set -e; for d in $(FUTURE_DAYS); do \
	  echo "unit tests with the system clock at +$$d days ($$(date -u -d "+$$d days" +%F))"; \
	  $(FAKETIME) "+$${d}d" $(BIN)/pytest -n $(JOBS) -q -p no:cacheprovider tests \
	    --ignore=tests/site --ignore=tests/browser --ignore=tests/jupyterlab $(FUTURE_UNDATED) \
	    -k "$(FUTURE_SKIP)"; \
	done
	@if [ -n "$(FUTURE_BOOK_DAYS)" ]; then \
	  day=$$(date -u -d "+$(FUTURE_BOOK_DAYS) days" +%F); \
	  echo "book build with ftlib's clock at $$day (+$(FUTURE_BOOK_DAYS) days)"; \
	  FTLIB_TODAY=$$day $(BIN)/jupyter-book build . --all -W -n --keep-going \
	    --path-output _build/future; \
	fi

strip: install
	$(BIN)/python tests/notebooks.py strip $(NOTEBOOK_DIRS)

clean:
	rm -rf _build
