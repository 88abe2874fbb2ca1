# Two entry points (see README): `make site` builds the site, `make test` runs every check.
# Both create the virtual environment on first use, so they work on a fresh machine.

VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: site serve test lint bench

$(BIN)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
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

# Independent clients for the tests (Mozilla's ical.js).  Without npm the tests that need
# them skip with the reason; under CI (XC_REQUIRE_BROWSER=1) they fail instead.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: tests that use ical.js will be skipped"; \
	fi

test: lint node_modules/.installed
	$(BIN)/python -m pytest

bench: $(BIN)/.installed
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_calendars.py
