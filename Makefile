# Two commands do everything: `make run` and `make test`.
# The venv is (re)built only when it is missing or pyproject.toml changed,
# so both are quick when nothing has changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench screenshots clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "twitchtui needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/twitchtui

test: $(STAMP)
	$(BIN)/ruff check twitchtui tests benchmarks tools
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check twitchtui tests benchmarks tools

bench: $(STAMP)
	$(BIN)/python benchmarks/store.py
	$(BIN)/python benchmarks/cli_startup.py
	$(BIN)/python benchmarks/tui.py
	$(BIN)/python benchmarks/charts.py

screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py

clean:
	rm -rf $(VENV)
