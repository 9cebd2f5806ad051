# Two commands do everything: `make run` and `make test`.
# The venv is (re)built only when it is missing or the lock file changed, so
# both are quick when nothing has changed. Every package comes from
# requirements-lock.txt, pinned with hashes; `make lock` refreshes it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements-lock.txt
# pip-compile runs in a venv of its own, so it never mixes into the test venv.
LOCKER := .venv-lock
# mypy --strict over twitchtui/ (settings in pyproject.toml), run by `test`
# and `lint`. Off (TYPECHECK=) until the whole package is typed; switch it
# on with TYPECHECK=yes, here or on the command line.
TYPECHECK ?=
MYPY := $(if $(TYPECHECK),$(BIN)/mypy,@true skipped: mypy)

.PHONY: run test lint bench smoke screenshots lock clean

$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "twitchtui needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

lock:
	@test -x $(LOCKER)/bin/python || $(PYTHON) -m venv $(LOCKER)
	$(LOCKER)/bin/python -m pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCKER)/bin/pip-compile --quiet --upgrade \
		--generate-hashes --extra test --all-build-deps --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links -o $(LOCK) pyproject.toml

run: $(STAMP)
	$(BIN)/twitchtui

test: $(STAMP)
	$(BIN)/ruff check twitchtui tests benchmarks tools
	$(MYPY)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check twitchtui tests benchmarks tools
	$(MYPY)

bench: $(STAMP)
	$(BIN)/python benchmarks/store.py
	$(BIN)/python benchmarks/cli_startup.py
	$(BIN)/python benchmarks/tui.py
	$(BIN)/python benchmarks/charts.py

screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py

clean:
	rm -rf $(VENV) $(LOCKER)
