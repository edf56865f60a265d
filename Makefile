# Two commands for a new machine: `make run` and `make test`.
# Everything else here is what those two need, plus helpers for developers.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_WORKERS ?= auto
MANAGE := $(BIN)/python manage.py
LANGS := de en uk ru ar fa tr vi
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)

.PHONY: run test bench install lint format messages clean

## Install what is missing, set up the SQLite database with demo data, serve
## (with the background worker for e-mails and reminders next to the server).
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	$(MANAGE) load_demo
	@echo ""
	@echo "Integrationsnetz is served on http://$(HOST):$(PORT)/  (stop with Ctrl-C)"
	$(MANAGE) run_worker --interval 2 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

## Install what is missing and run the whole test suite in parallel: one pytest-xdist
## worker per CPU (TEST_WORKERS=…), each with a test database of its own, taking whole
## files; the demo readers and then the slow tests start first (see conftest.py).
test: install
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

## Time the public search on SQLite, and on PostgreSQL when DATABASE_URL names one
## (throw-away databases; prints figures, never fails on them). See bench/README.md.
bench: install
	$(BIN)/python bench/run.py

install: $(VENV)/.installed node_modules/.installed locale/.compiled

$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Catalogues are compiled with Babel, so serving needs no GNU gettext.
locale/.compiled: $(PO_FILES) $(VENV)/.installed
	$(BIN)/pybabel -q compile --domain django --directory locale
	@touch $@

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Re-extract translatable strings (needs GNU gettext: apt-get install gettext).
messages: install
	$(MANAGE) makemessages --no-obsolete --ignore=.venv --ignore=node_modules --ignore=staticfiles $(addprefix -l ,$(LANGS))

clean:
	rm -rf $(VENV) node_modules staticfiles locale/.compiled
