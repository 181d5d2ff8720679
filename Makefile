# Digital NGO — set-up, demo, tests and benchmarks.
# `make demo` and `make test` install everything they need (idempotently).

VENV      := .venv
PY        := $(VENV)/bin/python
APP       := $(VENV)/bin/digital-ngo
APT_PKGS  := gcc python3-dev chromium tesseract-ocr tesseract-ocr-aze tesseract-ocr-eng tesseract-ocr-tur gettext poppler-utils fonts-dejavu-extra fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 postgresql-client
HOST_PORT ?= 127.0.0.1:8000
PYTEST_WORKERS ?= 2
MAIL_SMTP_PORT ?= 2525
MAIL_WEB_PORT ?= 8925
export DJANGO_ALLOW_ASYNC_UNSAFE := true

.PHONY: demo test bench bench-packages lint install system-packages assets messages clean aztext-lexicon aztext-compiled

demo: install
	$(APP) migrate --no-input
	$(APP) load_demo
	$(APP) export_open_data
	$(APP) collectstatic --no-input -v0
	@echo "Serving on http://$(HOST_PORT)/ with the task worker, the scheduler and a local mail sink, under a supervisor that restarts them (Ctrl+C stops all)"
	@echo "Mail sent by the platform arrives at the local SMTP sink: http://127.0.0.1:$(MAIL_WEB_PORT)/"
	HOST_PORT=$(HOST_PORT) MAIL_SMTP_PORT=$(MAIL_SMTP_PORT) MAIL_WEB_PORT=$(MAIL_WEB_PORT) \
	EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend EMAIL_HOST=127.0.0.1 EMAIL_PORT=$(MAIL_SMTP_PORT) \
	$(PY) -m digital_ngo.core.supervise Procfile

test: install
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --create-db

# Page benchmark (perf): wrk against /healthz on SQLite, and on PostgreSQL when reachable at
# BENCH_DATABASE_URL (its database is created if missing).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/dngo_bench
BENCH_PG_SCALE ?= 30

bench: install bench-packages
	$(PY) bench/aztext_bench.py --heldout var/aztext-heldout
	$(PY) bench/opendata_bench.py
	$(PY) bench/pages_bench.py --postgres "$(BENCH_DATABASE_URL)" --postgres-scale $(BENCH_PG_SCALE)
	$(PY) bench/worker_kill_bench.py
	$(PY) bench/campaigns_bench.py

bench-packages:
	@dpkg -s wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

lint: install
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/ruff format --check src tests bench scripts
	$(VENV)/bin/mypy src

install: system-packages $(VENV)/.installed assets messages aztext-compiled

# Debian packages: Chromium for browser tests, Tesseract with the Azerbaijani model,
# gettext for translations, poppler for PDF pages. Installed only when missing.
system-packages:
	@missing=$$(for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

assets: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

messages: $(VENV)/.installed
	cd src/digital_ngo && ../../$(APP) compilemessages -v0

clean:
	rm -rf $(VENV) node_modules var/static src/aztext/_compiled

# Compile aztext with mypyc from the same source (src/aztext/_compiled/<hash of the
# source>/, git-ignored); a no-op when built for this source, and the pure-Python
# package runs when gcc or the Python headers are missing (`aztext --version` says which).
aztext-compiled: $(VENV)/.installed
	$(PY) scripts/build_aztext_compiled.py

# Rebuild src/aztext/data/ from ../shared/aztext/resources and Tesseract's Azerbaijani word list.
aztext-lexicon: install
	$(PY) scripts/build_aztext_lexicon.py
