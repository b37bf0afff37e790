# Two commands do everything: `make run` serves, `make test` lints and tests.
# Both create .venv from the pinned lock files when it is missing or stale.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Public client libraries run unmodified against the emulator, each in a virtualenv of its own built
# from tests/clients/NAME/requirements.lock (they may pin what our lock cannot, e.g. pydantic<2).
CLIENT_LOCKS := $(wildcard tests/clients/*/requirements.lock)
CLIENT_VENVS := $(patsubst tests/clients/%/requirements.lock,.venv-clients/%/.installed,$(CLIENT_LOCKS))

# The browser tests drive Debian's chromium (Playwright pointed at it; Playwright's own browser download is never
# used); installed here when missing, as root or through sudo.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint format bench mutate venv clients chromium clean

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m compileall -q mockserver
	touch $(STAMP)

venv: $(STAMP)

# Rebuilt from scratch when the lock file changes; --no-deps: the lock pins every package, pip check proves it.
.venv-clients/%/.installed: tests/clients/%/requirements.lock
	rm -rf .venv-clients/$*
	$(PYTHON) -m venv .venv-clients/$*
	.venv-clients/$*/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -r $<
	.venv-clients/$*/bin/python -m pip check
	touch $@

clients: $(CLIENT_VENVS)

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

chromium: $(CHROMIUM)

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

test: lint clients chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The load generator must not be the bottleneck: wrk (Debian's package, installed here when missing and root may) or
# oha when on PATH; without either bench/run.py falls back to its Python one and says so.
bench: $(STAMP) chromium
	@command -v wrk >/dev/null || command -v oha >/dev/null || \
		(apt-get install -y -qq wrk || (apt-get update -qq && apt-get install -y -qq wrk)) >/dev/null 2>&1 || \
		echo "bench: wrk could not be installed (apt-get install wrk as root); using the Python load generator"
	$(BIN)/python -m compileall -q mockserver
	$(BIN)/python bench/run.py $(ARGS)
	$(BIN)/python bench/dashboard.py

# Mutation testing (mutmut), one module at a time against its own tests; not part of `make test`.
# The modules are the table in tools/mutate.py; `make mutate ARGS=core/clock` runs one of them.
mutate: $(STAMP)
	$(BIN)/python tools/mutate.py $(ARGS)

clean:
	rm -rf $(VENV) .venv-clients build *.egg-info .mutate
