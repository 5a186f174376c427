# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Two stamps: the application's packages (requirements.txt) and, on top, the test and development
# tools (requirements-dev.txt), so that `make run` never installs pytest, Playwright or ruff.
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
# The compiled German catalogue (.mo) is committed, so a machine without GNU gettext still runs;
# where msgfmt exists it is compiled afresh from the .po file.
COMPILE_MESSAGES := if command -v msgfmt >/dev/null; then $(BIN)/python manage.py compilemessages --ignore=.venv -v 0; fi

.PHONY: install install-dev run worker test lint format browser-test messages clean bench-feeds bench

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

$(DEV_STAMP): requirements-dev.txt $(STAMP)
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(DEV_STAMP)

install: $(STAMP)

install-dev: $(DEV_STAMP)

run: $(STAMP)
	@$(COMPILE_MESSAGES)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo_data
	@# The mail worker beside the development server, so that the demo's notices arrive (printed
	@# here, or sent to EMAIL_HOST when it is set); stopping the server stops the worker.
	$(BIN)/python manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The background worker in the foreground: sends queued e-mail and runs the reminders every few
# minutes (`make run` starts one of its own beside the development server).
worker: $(STAMP)
	$(BIN)/python manage.py run_worker

# The whole suite, browser tests included (they need /usr/bin/chromium; without it they are skipped,
# except under CI=true). DATABASE_URL=postgres://… runs it on PostgreSQL.
test: $(DEV_STAMP)
	@$(COMPILE_MESSAGES)
	$(BIN)/pytest $(PYTEST_ARGS)

browser-test: $(DEV_STAMP)
	@$(COMPILE_MESSAGES)
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The personal calendar feed with 1,000 meetings (200 and 304) next to a bare Django view; its
# data is rolled back. DATABASE_URL=postgres://… measures on PostgreSQL. See docs/benchmarks.md.
bench-feeds: $(STAMP)
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py bench_feeds

# The main pages per role at a demo scale, next to a bare page: builds (or reuses) the PostgreSQL
# database BENCH_DB at SCALE, serves it with gunicorn (production settings, 2 workers, loopback)
# and prints a table. E.g. `SCALE=100 make bench`. See docs/benchmarks.md.
SCALE ?= 1000
BENCH_DB ?= cop_bench_$(SCALE)
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/$(BENCH_DB)
BENCH_PORT ?= 8780
bench: $(STAMP)
	@$(COMPILE_MESSAGES)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py bench_pages --scale $(SCALE) --port $(BENCH_PORT) $(BENCH_ARGS)

messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l de --ignore=.venv --ignore=staticfiles --ignore=tests/js --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
