# make run  — install, migrate, load demo data, serve on http://127.0.0.1:8000
# make test — install and run every test (SQLite by default; DATABASE_URL=postgres://… for PostgreSQL)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The demo server runs in the development profile; tests use povertyplan.settings_test.
DEV := DEBUG=true

.PHONY: run test install browser lint messages bench clean

# pip's own output (and the editable-install warning) goes to a log, shown only when the install fails.
INSTALL_LOG := $(VENV)/install.log
$(VENV)/.installed: pyproject.toml
	@echo "→ Cài đặt thư viện vào $(VENV) (lần đầu mất vài phút)…"
	@$(PYTHON) -m venv $(VENV) && : > $(INSTALL_LOG) && \
	  { $(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip >> $(INSTALL_LOG) 2>&1 && \
	    $(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]" >> $(INSTALL_LOG) 2>&1; } || \
	  { cat $(INSTALL_LOG); echo "Cài đặt thất bại (nhật ký: $(INSTALL_LOG))."; exit 1; }
	@touch $@

install: $(VENV)/.installed

# A developer machine runs the development profile; production writes its own .env or environment.
.env:
	@printf '# Made by make run: development profile. See .env.example for every variable.\nDEBUG=true\n' > .env

# One Django process prepares (migrate only when a migration is pending, the idempotent demo load, the
# accounts and the URL), then the server; a second `make run` skips the install and the migrations.
run: install .env
	@$(DEV) $(PY) manage.py demo_prepare --url http://127.0.0.1:8000
	@$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

# Browser tests need Debian's chromium (no browser is ever downloaded by the test tools).
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Cần cài chromium: sudo apt-get install chromium"; exit 1; fi; }
	@command -v pdftoppm >/dev/null || { [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null || true; }

# Two workers (pytest-xdist): the suite takes about 23 minutes in one process on this 2-core machine.
test: install browser
	$(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

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
	$(PY) bench/support.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
