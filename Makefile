# Two commands do everything: `make run` serves, `make test` lints and tests.
# Both create .venv from the pinned lock files when it is missing or stale.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench mutate venv clean

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m compileall -q mockserver
	touch $(STAMP)

venv: $(STAMP)

# Byte-compile first: with PYTHONDONTWRITEBYTECODE set, a start would otherwise compile the package
# from source every time (about 50 ms of the start-up; compileall skips files that are up to date).
run: $(STAMP)
	$(BIN)/python -m compileall -q mockserver
	$(BIN)/mockserver serve $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/hadolint Dockerfile

test: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python -m compileall -q mockserver
	$(BIN)/python bench/run.py $(ARGS)

# Mutation testing (mutmut), one module at a time against its own tests; not part of `make test`.
# The modules are the table in tools/mutate.py; `make mutate ARGS=core/clock` runs one of them.
mutate: $(STAMP)
	$(BIN)/python tools/mutate.py $(ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .mutate
