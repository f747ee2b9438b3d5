# salesplan — the two commands are `make demo` and `make test`.
VENV    ?= .venv
PY      := $(VENV)/bin/python
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test lint lab app bench chromium postgresql clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q -e '.[test,postgres]'
	touch $(STAMP)

## The monthly pack for the demo department, on the embedded database.
demo: $(STAMP)
	$(BIN)/salesplan demo

## Every test: lint, unit, notebook and browser tests, on SQLite and on a throwaway PostgreSQL.
test: $(STAMP) chromium postgresql
	$(BIN)/ruff check salesplan tests benchmarks
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check salesplan tests benchmarks

## Debian's Chromium for the browser tests and PDF printing (browser downloads are not used).
chromium:
	@test -x /usr/bin/chromium || ( $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core )

## Debian's PostgreSQL server binaries: the tests start a throwaway server of their own
## (tests/postgres.py; the system's own cluster is not used).
postgresql:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || ( $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql )

## JupyterLab on the notebooks.
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

## The interactive apps (plan model, call review form) as web pages with no code.
app: $(STAMP)
	$(BIN)/voila notebooks/ --no-browser --Voila.ip=127.0.0.1 --port=8866

## Speed figures: every script in benchmarks/.
bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf reports .pytest_cache data/demo.db* data/demo_exports
