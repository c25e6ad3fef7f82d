# Tocsin. `make run` and `make test` set up .venv themselves; only Python and build tools needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup native run test test-unit lint audit bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "setting up $(VENV) (log: $(VENV)/install.log)"
	@$(BIN)/python -m pip install --upgrade pip > $(VENV)/install.log 2>&1 || (cat $(VENV)/install.log; exit 1)
	@$(BIN)/python -m pip install -e '.[dev]' >> $(VENV)/install.log 2>&1 || (cat $(VENV)/install.log; exit 1)
	@touch $(STAMP)

setup: $(STAMP) native  ## create .venv and install Tocsin with its dev tools

# The classifier compiled with mypyc into .native/<key>/, used only while it matches the sources
# (services/_native). A no-op when built; without a C compiler, or if the build fails, the pure
# Python modules run and this only warns.
native: $(STAMP)  ## compile the classifier's hot modules (mypyc); TOCSIN_NATIVE=0 ignores them
	@$(BIN)/python -m services._native.build || echo "native: WARNING: build failed; the pure-Python classifier runs"

run: $(STAMP) native  ## run everything on the bundled sample articles and show the alerts
	$(BIN)/tocsin run $(ARGS)

test: $(STAMP) native  ## the whole suite: unit, integration, end-to-end (starts its own redis-server)
	$(BIN)/python -m pytest -q tests

test-unit: $(STAMP) native
	$(BIN)/python -m pytest -q tests/unit

lint: $(STAMP)  ## ruff (format + lint) and mypy strict
	$(BIN)/ruff format --check services shared tests bench
	$(BIN)/ruff check services shared tests bench
	$(BIN)/mypy
	$(BIN)/bandit -q -c pyproject.toml -r services shared

audit: $(STAMP)  ## known vulnerabilities in the installed dependencies (needs the PyPI/OSV APIs)
	$(BIN)/pip-audit --progress-spinner off

bench: $(STAMP) native  ## pipeline vs raw Celery, results to stdout (record them in docs/benchmarks.md)
	$(BIN)/python -m bench.pipeline_bench

clean:
	rm -rf $(VENV) .native .pytest_cache .mypy_cache .ruff_cache *.egg-info
