# 太原市二手车出口业务管理平台 — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
# The embedded default: with no DATABASE_URL / REDIS_URL, portal/embedded.py starts PostgreSQL 18 and
# Redis from their wheels for the command it wraps (data under var/pg and var/redis) and stops them after.
EMBEDDED = $(BIN)/python -m portal.embedded --
# Local runs: plain http on 127.0.0.1 and a generated secret key (production sets neither).
export PORTAL_EMBEDDED ?= 1
export DEMO_PASSWORD ?= Taiyuan-Demo-2026
export PORT ?= 8000

.PHONY: run serve _seed test install migrate seed messages fonts chromium lint ci clean backup restore bench
# The test suite's parallel workers (pytest-xdist); TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

# The compiled catalogue is committed; recompile when gettext is there (CI installs it).
messages: install
	@if command -v msgfmt >/dev/null; then $(BIN)/django-admin compilemessages -v0 --ignore=.venv; \
	else echo "gettext not installed: using the committed locale/*/LC_MESSAGES/django.mo"; fi

# Migrations run as the owner role; the portal connects as the app role (portal/db_roles.py).
migrate: install
	$(EMBEDDED) $(BIN)/python manage.py setup_db_roles -v0

seed: install
	$(EMBEDDED) $(MAKE) --no-print-directory _seed

_seed:
	$(BIN)/python manage.py setup_db_roles -v0
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py setup_schedules -v0

# One embedded server for the whole of it: migrate, demo data, then web, worker and beat (honcho).
run: install messages fonts
	$(EMBEDDED) $(MAKE) --no-print-directory serve

serve: _seed
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/honcho start -f Procfile

# Chinese PDFs need a CJK font: install Debian's when we may, else say how.
fonts:
	@fc-list 2>/dev/null | grep -qi 'CJK' || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing fonts-noto-cjk for Chinese PDFs…"; \
	    (apt-get install -y -qq fonts-noto-cjk >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq fonts-noto-cjk >/dev/null)) \
	      || echo "Note: could not install fonts-noto-cjk; Chinese PDFs will lack glyphs."; \
	  else echo "Note: no CJK font found; Chinese PDFs need one (apt-get install fonts-noto-cjk)."; fi; }

# Browser journeys drive Debian's Chromium (no browser download).
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests…"; \
	    apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null); \
	  else echo "Note: /usr/bin/chromium is missing; the browser tests need it (apt-get install chromium)."; fi; }

test: install messages fonts chromium
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check . || true

# Backup and restore (README "Security"): the database (pg_dump -Fc) and MEDIA_ROOT.
backup: install
	$(EMBEDDED) scripts/backup.sh $(BACKUP_DIR)

restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/portal-YYYYmmdd-HHMMSS [RESTORE_DB=name] [RESTORE_MEDIA_ROOT=dir]"; exit 2; }
	$(EMBEDDED) scripts/restore.sh "$(BACKUP)"

# Benchmarks at scale (bench/README.md): PostgreSQL and Redis only, e.g.
#   make bench DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench REDIS_URL=redis://127.0.0.1:6379/8 BENCH_VEHICLES=1000000
# BENCH_VEHICLES=0 reuses the data already generated.
BENCH_VEHICLES ?= 100000
bench: install
	@test -n "$(DATABASE_URL)" || { echo "make bench needs DATABASE_URL=postgres://… (and REDIS_URL)"; exit 2; }
	@command -v wrk >/dev/null || { echo "make bench needs wrk (apt-get install -y wrk)"; exit 2; }
	$(BIN)/python manage.py migrate --noinput -v0
	@if [ "$(BENCH_VEHICLES)" != "0" ]; then $(BIN)/python bench/generate.py --vehicles $(BENCH_VEHICLES) --reset; fi
	$(BIN)/python bench/run.py

clean:
	rm -rf var/staticfiles
