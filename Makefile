# ECM Assess: two commands do all the set-up on a fresh machine.
#   make run   install everything, prepare the SQLite database with the demo, serve the site
#   make test  install everything, lint, run every test (unit, page, real browser)
# Both are idempotent: each install step re-runs only when its lock file changed.

# Bytecode is written even where the environment says not to (PYTHONDONTWRITEBYTECODE=1 here):
# otherwise every command, gunicorn worker and test process compiles Django and pandas afresh.
unexport PYTHONDONTWRITEBYTECODE

PYTHON ?= python3
VENV := .venv
CHECK_VENV := var/install-check-venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test install install-check lint format migrate demo serve serve-production lock browser pdf-libraries check-deploy bench clean

run: install pdf-libraries migrate demo serve

# In parallel (one xdist worker per core) and in random order; the ten slowest tests are
# listed at the end so a slow newcomer shows in every run (docs/testing.md).
# The test settings by name: pytest-django prefers DJANGO_SETTINGS_MODULE from the environment
# to pyproject.toml's, so an exported one ran the suite on the production settings (real
# password hashing made it twice as slow; ecm/core/tests/test_settings.py now notices).
test: install pdf-libraries browser lint
	$(BIN)/pytest --ds=config.settings_test --durations=10

install: $(VENV)/.installed node_modules/.installed

# The lock installs exactly as locked whatever the index or the system's pip (ADR 0028): the
# venv's own pip (any version) installs only the hash-pinned uv, which has no dependencies;
# uv then syncs the venv to requirements/dev.txt (every package pinned, hashed, no resolving).
$(VENV)/.installed: requirements/uv.txt requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check \
		--require-hashes --no-deps -r requirements/uv.txt
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --require-hashes requirements/dev.txt
	touch $@

# The lock installs on a brand-new venv of the given Python, exactly and consistently:
#   make install-check PYTHON=python3.12   (.ci/run runs it for each Python the machine has)
install-check:
	rm -rf $(CHECK_VENV)
	$(MAKE) --no-print-directory $(CHECK_VENV)/.installed VENV=$(CHECK_VENV)
	$(CHECK_VENV)/bin/uv pip check --python $(CHECK_VENV)/bin/python
	$(CHECK_VENV)/bin/python -c "import django, weasyprint, pandas, scipy, pyarrow, psycopg, \
		fontTools.ttLib.woff2, pytest, playwright; print('installed and importable')"
	rm -rf $(CHECK_VENV)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the real-browser tests; Playwright never downloads a browser here.
browser:
	@test -x /usr/bin/chromium || { \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian's chromium for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "Chromium is missing: run 'sudo apt-get install chromium' (browser tests need it)"; \
		fi; }

# Pango and a font for WeasyPrint's PDFs (self-assessments, letters), from Debian.
pdf-libraries:
	@ldconfig -p | grep -q libpangoft2-1.0 || { \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian's Pango for PDF documents"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation >/dev/null; \
		else \
			echo "Pango is missing: run 'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation'"; \
		fi; }

# The apps' layers and the modules of each app free of cycles are a contract in pyproject.toml
# ([tool.importlinter]; docs/architecture.md draws it), checked on every import, functions included.
lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrate:
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput

demo:
	$(BIN)/python manage.py load_demo

# The site under gunicorn's worker processes, and beside it the scheduled jobs (reminders,
# weekly summaries: django-q2's qcluster on the same database); Ctrl-C stops both within
# seconds (ecm/core's serve command). --demo: DEBUG off, demo passwords, plain HTTP on the
# loopback interface (decision 0053). Emailed links follow PORT unless SITE_URL is set.
serve:
	PORT=$(PORT) $(BIN)/python manage.py serve 127.0.0.1:$(PORT) --demo

# The production path (issue 25 §5; README "Deployment"; decision 0052), from the environment:
# SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (PostgreSQL) are required, and it refuses to start
# without them; DEBUG is off unless the environment says otherwise (and then it refuses too).
# Static files collected, migrations run, Django's deployment checks shown, then gunicorn
# (config/gunicorn.conf.py) and django-q2's qcluster side by side (manage.py serve).
#   make serve-production BIND=0.0.0.0:8000
BIND ?= 127.0.0.1:$(PORT)
PRODUCTION_ENV = DEBUG=$${DEBUG:-false} DJANGO_SETTINGS_MODULE=config.settings
serve-production: install pdf-libraries
	@$(PRODUCTION_ENV) sh scripts/check_production_env.sh
	$(PRODUCTION_ENV) $(BIN)/python manage.py check --deploy
	$(PRODUCTION_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(PRODUCTION_ENV) $(BIN)/python manage.py migrate --noinput
	$(PRODUCTION_ENV) $(BIN)/python manage.py serve $(BIND)

# Re-pin dependencies after editing requirements/*.in (uv keeps existing pins unless told
# otherwise: add --upgrade-package NAME to move one). Extras and markers stay in the lock.
UV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--no-strip-extras
lock: $(VENV)/.installed
	$(UV_COMPILE) -o requirements/uv.txt requirements/uv.in
	$(UV_COMPILE) -o requirements/main.txt requirements/main.in
	$(UV_COMPILE) -o requirements/dev.txt requirements/dev.in

# The production settings must pass Django's deployment checklist.
check-deploy: install
	DEBUG=false DEMO_MODE=false SECRET_KEY=$$(openssl rand -hex 40) ALLOWED_HOSTS=ecm.example \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) node_modules var/static
