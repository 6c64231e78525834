# Observatory: `make run` serves the site with demo content, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
UV_VERSION := 0.13.9
HOST ?= 127.0.0.1
PORT ?= 8000
export BASE_URL ?= http://$(HOST):$(PORT)
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
# Integration and browser tests: PostgreSQL and Redis (database 14; the cache takes 15).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/observatory
TEST_REDIS_URL ?= redis://127.0.0.1:6379/14

.PHONY: install messages extract setup run worker beat test test-unit test-integration lint format check-migrations bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(BIN)/uv: | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Installs exactly what uv.lock pins (dev group included: tests, lint, Playwright).
# Not compiled here: each module is compiled to bytecode the first time a process
# imports it, and every later process (a test worker, a Celery worker, a subprocess)
# reads that instead of compiling Django and Wagtail again (2 s of each start-up).
$(VENV)/.synced: pyproject.toml uv.lock | $(BIN)/uv
	$(BIN)/uv sync --frozen --quiet --python $(BIN)/python
	@touch $@

install: $(VENV)/.synced

# Compiles locale/*/LC_MESSAGES/django.po with Babel: no system gettext needed.
messages: install
	@for po in locale/*/LC_MESSAGES/django.po; do \
		out=$$($(BIN)/pybabel compile -i $$po -o $${po%.po}.mo 2>&1) || { echo "$$out"; exit 1; }; \
	done

# The one extraction command (the README and tests/test_catalogues.py use it): Python
# and templates in every extension they have (.html; .txt for the emails; .mjml for
# the newsletter; .svg for the badge). Needs GNU gettext (xgettext, msgmerge).
# EXTRACT_ARGS adds options, e.g. --keep-pot.
EXTRACT_ARGS ?=
extract:
	$(MANAGE) makemessages -l fr -l de -l es -l ar -e html,txt,mjml,svg,py \
		--ignore=.venv --ignore=var --ignore=tests --ignore=node_modules --no-obsolete $(EXTRACT_ARGS)

# migrate, createcachetable, load_demo_content and ensure_admin in one process.
setup: install messages
	$(MANAGE) setup_site

# Without REDIS_URL the schedule runs too: celery beat beside the web server, running
# each due task in its own process (tasks are in-process without a broker), stopped
# with it. With REDIS_URL, `make worker` and `make beat` run in their own terminals.
EMBEDDED_BEAT := $(BIN)/celery -A observatory beat --loglevel=INFO \
	--scheduler observatory.schedule:CatchUpScheduler --schedule var/celerybeat-schedule

# `make run` talks like a product: the setup's output goes to var/log/setup.log (its
# last lines are shown if it fails), then a short summary (address, accounts, where
# emails go), then the server (its request log in var/log/server.log) and, without a
# broker, the schedule (var/log/beat.log).
LOG_DIR := var/log
run: install messages
	@mkdir -p $(LOG_DIR)
	@echo "Preparing Observatory and its demo content (a minute or two; details in $(LOG_DIR)/setup.log)…"
	@$(MANAGE) setup_site --without-admin >$(LOG_DIR)/setup.log 2>&1 || \
		{ tail -n 25 $(LOG_DIR)/setup.log; echo "Setup failed: see $(LOG_DIR)/setup.log"; exit 1; }
	@$(MANAGE) ensure_admin
	@if [ -n "$$REDIS_URL" ]; then exec $(MANAGE) runserver $(HOST):$(PORT) >$(LOG_DIR)/server.log 2>&1; fi; \
	$(EMBEDDED_BEAT) >$(LOG_DIR)/beat.log 2>&1 & beat=$$!; \
	trap 'kill $$beat 2>/dev/null; wait $$beat 2>/dev/null' EXIT; \
	$(MANAGE) runserver $(HOST):$(PORT) >$(LOG_DIR)/server.log 2>&1 || \
		{ tail -n 15 $(LOG_DIR)/server.log; exit 1; }

worker: install
	$(BIN)/celery -A observatory worker --loglevel=INFO

beat: install
	$(BIN)/celery -A observatory beat --loglevel=INFO

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

check-migrations: install messages
	DJANGO_SETTINGS_MODULE=observatory.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=observatory.settings.test $(MANAGE) makemigrations --check --dry-run

# The HTML check's Nu Html Checker (vnu-jar, pinned in package-lock.json); no install
# scripts: vnu-jar's would download a Java of its own.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund; \
	else echo "npm is missing: the HTML check will be skipped (apt-get install npm)"; fi

# DATABASE_URL of the integration tests: TEST_DATABASE_URL when PostgreSQL answers there.
POSTGRES_OR_NOTHING = database_url=""; \
	if $(BIN)/python -c "import psycopg, sys; psycopg.connect(sys.argv[1].rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" "$(TEST_DATABASE_URL)" 2>/dev/null; \
	then database_url="$(TEST_DATABASE_URL)"; \
	else echo "PostgreSQL does not answer at $(TEST_DATABASE_URL)"; fi
UNIT_TESTS := -m "not integration and not browser"
INTEGRATION_TESTS := -m "integration or browser or postgres"
# Each half runs in pytest-xdist workers, a module per worker at a time (its worlds are
# built once per module): two for the unit tests, which keep a core busy each, and three
# for the integration half, which mostly waits on its browser, workers and services.
# TEST_WORKERS=0 runs each half in one process.
TEST_WORKERS ?= 2
INTEGRATION_WORKERS ?= $(if $(filter-out 0,$(TEST_WORKERS)),$(shell echo $$(($(TEST_WORKERS) + 1))),0)
parallel = $(if $(filter-out 0,$(1)),-n $(1) --dist loadfile)
PARALLEL := $(call parallel,$(TEST_WORKERS))
INTEGRATION_PARALLEL := $(call parallel,$(INTEGRATION_WORKERS))
INTEGRATION_LOG := var/test-logs/integration-tests.txt

# Unit tests on the embedded SQLite and, at the same time (they mostly wait on services,
# the unit tests on the processor), integration and browser tests on PostgreSQL, Redis,
# real Celery workers and Chromium, with the search and open-data tests again on
# PostgreSQL; their output follows the unit tests' (and stays in INTEGRATION_LOG). A
# service that does not answer skips those tests with its reason, or fails them under
# OBSERVATORY_REQUIRE_SERVICES=1 (CI). Each test database is copied from a migrated
# template, built in the first run (tests/databases.py).
test: lint check-migrations node_modules/.package-lock.json
	@mkdir -p $(dir $(INTEGRATION_LOG))
	@$(POSTGRES_OR_NOTHING); \
	echo "Integration and browser tests are running meanwhile (output after the unit tests)"; \
	DATABASE_URL="$$database_url" REDIS_URL="$(TEST_REDIS_URL)" $(BIN)/pytest $(INTEGRATION_TESTS) \
		$(INTEGRATION_PARALLEL) -o cache_dir=.pytest_cache/integration >$(INTEGRATION_LOG) 2>&1 & integration=$$!; \
	trap 'kill $$integration 2>/dev/null; exit 130' INT TERM; \
	$(BIN)/pytest $(UNIT_TESTS) $(PARALLEL); unit=$$?; \
	wait $$integration; integration=$$?; \
	echo; echo "=== Integration, browser and PostgreSQL tests ($(INTEGRATION_LOG)) ==="; \
	cat $(INTEGRATION_LOG); \
	[ $$unit -eq 0 ] && [ $$integration -eq 0 ]

# Each half of `make test` alone, without lint.
test-unit: install messages
	$(BIN)/pytest $(UNIT_TESTS) $(PARALLEL)

test-integration: install messages
	@$(POSTGRES_OR_NOTHING); \
	DATABASE_URL="$$database_url" REDIS_URL="$(TEST_REDIS_URL)" $(BIN)/pytest $(INTEGRATION_TESTS) $(INTEGRATION_PARALLEL)

# Figures go to bench-results.json ({"results": [{name, value, unit}, …]}): first on
# SQLite, then on PostgreSQL and Redis (pages, search, campaign throughput, worker memory,
# the page cache under gunicorn).
# The campaign and page-cache benchmarks need PostgreSQL and Redis: the second pass only.
bench: install messages
	$(BIN)/pytest tests/benchmarks -p no:cacheprovider -o addopts="" -s \
		--ignore=tests/benchmarks/test_campaign.py --ignore=tests/benchmarks/test_page_cache.py
	DATABASE_URL="$(TEST_DATABASE_URL)" REDIS_URL="$(TEST_REDIS_URL)" \
		$(BIN)/pytest tests/benchmarks -p no:cacheprovider -o addopts="" -s -k "campaign or search or pages or page_cache"

clean:
	rm -rf $(VENV) var
