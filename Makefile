# make run  — install, migrate, load demo data, serve on http://127.0.0.1:8000
# make test — install and run every test (SQLite by default; DATABASE_URL=postgres://… for PostgreSQL)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The demo server runs in the development profile; tests use povertyplan.settings_test.
DEV := DEBUG=true

.PHONY: run test install browser lint messages bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

# A developer machine runs the development profile; production writes its own .env or environment.
.env:
	printf '# Made by make run: development profile. See .env.example for every variable.\nDEBUG=true\n' > .env

run: install .env
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_demo
	@$(DEV) $(PY) manage.py demo_logins
	@echo "Mở http://127.0.0.1:8000"
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

# Browser tests need Debian's chromium (no browser is ever downloaded by the test tools).
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Cần cài chromium: sudo apt-get install chromium"; exit 1; fi; }
	@command -v pdftoppm >/dev/null || { [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null || true; }

test: install browser
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

messages: install
	$(DEV) $(PY) manage.py makemessages -l en --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=bench --no-obsolete
	$(DEV) $(PY) manage.py compilemessages -l en --ignore=.venv

# Province-scale benchmark (PostgreSQL): generate BENCH_HOUSEHOLDS households, time the daily pages.
# DATABASE_URL=postgres://postgres@127.0.0.1:5432/povertyplan_bench BENCH_HOUSEHOLDS=1000000 make bench
bench: install
	$(PY) bench/households.py
	$(PY) bench/jobs.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
