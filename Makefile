# Sổ Thi đua — the two commands of the README, and what they stand on.
#   make run    set everything up and serve the demo unit on http://127.0.0.1:5000
#   make test   run the whole test suite (unit, views on SQLite and PostgreSQL, real Chromium)
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON_FOR_VENV := $(shell command -v python3.11 || command -v python3)
DEMO_PASSWORD ?= demo1234
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi

.PHONY: run test bench load install translations system-deps lint extract-messages clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON_FOR_VENV) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed translations

translations: $(BIN)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d app/translations -f 2>&1 | grep -v '^compiling' || true

# What the browser, database and document tests need from Debian, installed only when missing (CI runs as root):
# chromium and its fonts, PostgreSQL, LibreOffice Writer (renders the .docx to PDF), poppler (counts the pages) and
# nginx (docs/deploy.md's proxy configuration is tested in front of gunicorn).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	dpkg -s fonts-liberation2 >/dev/null 2>&1 || missing="$$missing fonts-liberation2"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	command -v pdfinfo >/dev/null || missing="$$missing poppler-utils"; \
	[ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	command -v openssl >/dev/null || missing="$$missing openssl"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing with apt:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo --if-empty --password $(DEMO_PASSWORD)
	@echo "Sổ Thi đua: http://$(HOST):$(PORT)  (admin / $(DEMO_PASSWORD), hoặc tài khoản mẫu ở README)"
	$(BIN)/gunicorn --workers 2 --bind $(HOST):$(PORT) --access-logfile - wsgi:app

test: install system-deps
	$(BIN)/ruff check .
	$(BIN)/bandit -q -c pyproject.toml -r app
	$(BIN)/pytest

# Benchmarks print figures (never asserted by tests): the review pages, the year-end assessment and documents,
# 20 and 2,000 people.
bench: install
	$(BIN)/python -m bench.http_pages
	$(BIN)/python -m bench.review_pages
	$(BIN)/python -m bench.year_end
	$(BIN)/python -m bench.documents

# The load and fault runs (issue 6): gunicorn with 2 workers, 50 locust users for 60 s, then a worker killed mid-run.
# Locust lives in a venv of its own so that its dependencies never move the app's pins.
# LOAD_ARGS="--database both" adds the PostgreSQL runs (python -m bench.load.run --help lists the options).
$(VENV)-load/.installed: requirements-load.txt
	test -x $(VENV)-load/bin/python || $(PYTHON_FOR_VENV) -m venv $(VENV)-load
	$(VENV)-load/bin/python -m pip install --quiet -r requirements-load.txt
	touch $@

load: install $(VENV)-load/.installed
	$(BIN)/python -m bench.load.run $(LOAD_ARGS)

lint: install
	$(BIN)/ruff check .

# After changing user-visible text: refresh the catalogue, then translate the new English entries.
extract-messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o app/translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf $(VENV) $(VENV)-load .pytest_cache .ruff_cache
