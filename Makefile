# salesplan — the two commands are `make demo` and `make test`.
VENV    ?= .venv
PY      := $(VENV)/bin/python
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test test-dates nbval lint lab app team-proxy team-server bench chromium libreoffice postgresql faketime clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q -e '.[test,postgres,team]'
	touch $(STAMP)

## The monthly pack for the demo department, on the embedded database.
demo: $(STAMP) chromium
	$(BIN)/salesplan demo

## Every test: lint, unit, notebook and browser tests, on SQLite and on a throwaway PostgreSQL.
test: $(STAMP) chromium libreoffice postgresql team-proxy
	$(BIN)/ruff check salesplan tests benchmarks
	$(BIN)/pytest
	$(MAKE) --no-print-directory nbval

## Every notebook run by nbval (copies, so that what they write stays out of the project).
NBVAL_DIR := $(VENV)/nbval
nbval: $(STAMP)
	rm -rf $(NBVAL_DIR) && mkdir -p $(NBVAL_DIR) && cp notebooks/*.ipynb $(NBVAL_DIR)/
	PYTHONPATH=tests $(BIN)/pytest -p nbval_setup --nbval-lax -p no:cacheprovider $(NBVAL_DIR)

## The suite again at other dates and times (a month end late at night, another month and year):
## nothing may depend on the real clock. Debian's faketime moves the clock of every process.
FAKE_DATES ?= 2027-01-31T23:40:00 2027-04-15T10:00:00
test-dates: $(STAMP) chromium libreoffice postgresql faketime team-proxy
	@for moment in $(FAKE_DATES); do echo "== pytest at $$moment"; \
	  faketime "$$(echo $$moment | tr T ' ')" $(BIN)/pytest -q -p no:cacheprovider || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check salesplan tests benchmarks

## Debian's Chromium for the browser tests and PDF printing (browser downloads are not used).
chromium:
	@test -x /usr/bin/chromium || ( $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core )

## Debian's PostgreSQL server binaries: the tests start a throwaway server of their own
## (tests/postgres.py; the system's own cluster is not used).
## Debian's LibreOffice (Impress and Calc, no desktop) and poppler: the tests print the deck and
## every workbook to PDF as a user's office program would, and read the pages back. Carlito has
## Calibri's metrics (the deck's theme font).
libreoffice:
	@command -v soffice >/dev/null && command -v pdftotext >/dev/null || ( $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
	  libreoffice-impress-nogui libreoffice-calc-nogui poppler-utils fonts-crosextra-carlito fonts-dejavu-core )

postgresql:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || ( $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql )

faketime:
	@command -v faketime >/dev/null || ( $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq faketime )

## JupyterLab on the notebooks.
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

## The interactive apps (plan model, call review form, payment plan, meeting protocol) as web pages
## with no code; each app keeps a preheated kernel ready (salesplan/apps/voila.py).
app: $(STAMP)
	$(BIN)/voila notebooks/ --no-browser --Voila.ip=127.0.0.1 --port=8866 \
	  --Voila.config_file_paths="['salesplan/apps']"

## The team server's proxy, configurable-http-proxy from npm, installed under the environment
## (node and npm must be on the machine); salesplan serve finds it there.
PROXY := $(VENV)/hub-proxy/node_modules/.bin/configurable-http-proxy
team-proxy: $(PROXY)
$(PROXY):
	npm install --prefix $(VENV)/hub-proxy --no-audit --no-fund --loglevel=error configurable-http-proxy@5

## The team server: logins and roles (params/team.yaml) on JupyterHub; DB=postgresql://… for PostgreSQL.
## Set each login's password first: .venv/bin/salesplan team password LOGIN
team-server: $(STAMP) team-proxy
	$(BIN)/salesplan serve $(if $(DB),--db $(DB))

## Speed figures: every script in benchmarks/.
bench: $(STAMP) chromium team-proxy
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf reports .pytest_cache data/demo.db* data/demo_exports
