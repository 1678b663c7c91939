"""Settings for the test suite: the real settings with a throwaway key and fast hashing."""
import os

os.environ.setdefault("SECRET_KEY", "test-only-key-" + "x" * 40)
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from povertyplan.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Browser tests load CSS/JS straight from static/ (no collectstatic in the test run).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A test wrapped in one transaction runs its jobs inside it: their progress must go through the test's own
# connection (the "jobs" connection, a TEST MIRROR of default, cannot see the uncommitted job). Transactional
# tests (live server, browser journeys) use the "jobs" connection as production does: the `jobs_connection`
# fixture of tests/conftest.py.
JOBS_PROGRESS_DB = "default"
# Jobs run inline in tests (the test database lives in one transaction); the thread and the Celery
# worker have tests of their own that switch the runner.
JOBS_RUNNER = os.environ.get("JOBS_RUNNER", "inline")
