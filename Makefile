# The two commands: `make docs` and `make test`. Each sets up what it needs itself.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SPHINXOPTS ?=
# The tests run in parallel (pytest-xdist; a module stays on one worker so its fixtures are built
# once) and list the 15 slowest, the longest modules first (tests/conftest.py LONGEST_FIRST, kept in
# that order by --no-loadscope-reorder). One worker more than the cores: the tests often wait on a
# browser, a language server or LaTeX, and a third worker on 2 cores kept both busy (3:26 against
# 3:46 with two). PYTEST_ARGS= runs them in one process.
PYTEST_WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
PYTEST_ARGS ?= -n $(PYTEST_WORKERS) --dist loadscope --no-loadscope-reorder --durations=15
# Strict build: every fact-check finding and Sphinx warning fails it.
STRICT := -E -W --keep-going -n
# Reproducible PDF and site: dates come from the last commit unless SOURCE_DATE_EPOCH is given.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif
PDF := build/latex/congress-explainer.pdf
export LATEXMKOPTS ?= -silent
export LATEXOPTS ?= -interaction=nonstopmode -halt-on-error -file-line-error

.PHONY: docs html test check clean setup pdf release system-packages serve lint

setup: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "make: $(PYTHON) not found; install Python 3.11 or newer"; exit 2; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "make: Python 3.11 or newer is needed"; exit 2; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { echo "make: cannot create $(VENV); on Debian run: apt-get install python3-venv"; exit 2; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

check: $(STAMP)
	$(BIN)/factcheck check --strict

html: $(STAMP)
	$(BIN)/sphinx-build $(STRICT) -c . -b html docs build/html $(SPHINXOPTS)

# The facts check and the HTML first; when the PDF cannot be built, say how far it got.
docs: check html
	@$(MAKE) --no-print-directory pdf || { \
	  echo "make docs: done: the facts check and the HTML (build/html/index.html); not done: the PDF (see above)"; \
	  exit 2; }

# Everything beyond Python (LuaLaTeX and fonts, Poppler, Chromium): installed when root, else one
# line saying what is missing and how to install it.
system-packages:
	@tools/ensure-system-packages

pdf: $(STAMP)
	@tools/ensure-system-packages pdf
	@mkdir -p build
	@$(BIN)/sphinx-build -M latexpdf docs build -c . $(STRICT) $(SPHINXOPTS) >build/latex-build.log 2>&1 \
	  || { tail -n 30 build/latex-build.log; echo "make: the PDF build failed; see build/latex-build.log and build/latex/congress-explainer.log"; exit 1; }
	@echo "PDF: $(PDF)"

# dist/: site archive, PDF, facts.json, fact changelog, SHA256SUMS. Refuses up front on uncommitted
# changes or a tag that differs from pyproject.toml's version, then installs the system packages
# (when root), and refuses when the checks or tests fail.
release: $(STAMP)
	$(BIN)/python tools/release.py --pytest-args="$(PYTEST_ARGS)"

# Every test this machine can run: as root the system packages are installed first; without root
# the PDF and browser tests are skipped with the install command (under CI=true they fail instead).
# Static checks of the package and its tests: ruff (a broad rule set) and mypy (strict for checks/).
lint: $(STAMP)
	$(BIN)/ruff check checks tests
	$(BIN)/mypy

test: $(STAMP) lint
	@tools/ensure-system-packages --or-skip
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf build dist

# Live preview for contributors: rebuilds on any change under docs/ or facts/; editing a fact
# re-reads only the pages that use it. Installs the `serve` extra on first use. The server replaces
# the recipe's shell (exec), so stopping make (Ctrl+C, or kill) stops the server too.
SERVE_PORT ?= 8000
serve: $(STAMP)
	@$(BIN)/python -c 'import sphinx_autobuild' 2>/dev/null || $(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,serve]'
	exec $(BIN)/python tools/serve.py -c . docs build/serve --watch facts --port $(SERVE_PORT) $(SPHINXOPTS)
