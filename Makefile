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
# The suite runs on every core (pytest-xdist); PYTEST_WORKERS=0 runs it in one.
PYTEST_WORKERS ?= auto

.PHONY: run test test-versions lint bench smoke screenshots lock clean

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
	$(BIN)/ruff format --check twitchtui tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS)

# The suite on every CPython found on PATH, each in its own venv built from
# the lock (.venv-3.12 ...), so `requires-python` claims only what passed.
# A name that is missing or does not run (a pyenv shim with no such version
# installed) is skipped, and the summary says so.
VERSIONS ?= 3.11 3.12 3.13 3.14
test-versions:
	@passed=""; failed=""; skipped=""; \
	for v in $(VERSIONS); do \
	  py=$$(command -v python$$v 2>/dev/null); \
	  if [ -z "$$py" ] || ! "$$py" -c 'import sys' >/dev/null 2>&1; then \
	    echo "== python$$v: not found, skipped"; skipped="$$skipped $$v"; continue; \
	  fi; \
	  echo "== python$$v: $$py"; \
	  if $(MAKE) --no-print-directory PYTHON="$$py" VENV=.venv-$$v .venv-$$v/.installed \
	     && .venv-$$v/bin/python -m pytest -q -p no:cacheprovider $(PYTEST_ARGS); then \
	    passed="$$passed $$v"; else failed="$$failed $$v"; fi; \
	done; \
	echo "passed:$${passed:- none}  failed:$${failed:- none}  skipped:$${skipped:- none}"; \
	test -z "$$failed"

lint: $(STAMP)
	$(BIN)/ruff check twitchtui tests benchmarks tools
	$(BIN)/ruff format --check twitchtui tests benchmarks tools
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/store.py
	$(BIN)/python benchmarks/cli_startup.py
	$(BIN)/python benchmarks/tui.py
	$(BIN)/python benchmarks/charts.py

screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py

clean:
	rm -rf $(VENV) $(LOCKER) .venv-3.*
