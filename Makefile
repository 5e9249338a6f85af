# 太原市二手车出口业务管理平台 — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
# The embedded default (SQLite + filesystem broker) unless DATABASE_URL / REDIS_URL are set.
export PORTAL_EMBEDDED ?= 1
export DEMO_PASSWORD ?= Taiyuan-Demo-2026
export PORT ?= 8000

.PHONY: run test install migrate seed messages lint ci clean backup restore

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

messages: install
	$(BIN)/python manage.py compilemessages -v0 --ignore=.venv

migrate: install
	$(BIN)/python manage.py migrate --noinput -v0

seed: migrate
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py setup_schedules -v0

run: install messages seed
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/honcho start -f Procfile

test: install messages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check . || true

clean:
	rm -rf var/broker var/*.sqlite3* var/staticfiles
