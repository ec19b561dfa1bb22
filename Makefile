# The two commands: `make docs` and `make test`. Each sets up what it needs itself.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SPHINXOPTS ?=
# Strict build: every fact-check finding and Sphinx warning fails it.
STRICT := -E -W --keep-going -n

.PHONY: docs html test check clean setup

setup: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "make: $(PYTHON) not found; install Python 3.11 or newer"; exit 2; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "make: Python 3.11 or newer is needed"; exit 2; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { echo "make: cannot create $(VENV); on Debian run: apt-get install python3-venv"; exit 2; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

check: $(STAMP)
	$(BIN)/factcheck check

html: $(STAMP)
	$(BIN)/sphinx-build $(STRICT) -c . -b html docs build/html $(SPHINXOPTS)

docs: check html

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf build dist
