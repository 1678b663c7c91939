"""Settings for povertyplan, read from the environment (see .env.example).

DEBUG=false (the default) is the production profile: it needs SECRET_KEY and ALLOWED_HOSTS and
turns on every protection `manage.py check --deploy` looks for.
"""
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv

from povertyplan.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
# A .env file beside manage.py fills in what the real environment does not set (`make run`
# writes one with DEBUG=true on a developer machine; production may use one made from .env.example).
load_dotenv(BASE_DIR / ".env", override=False)

DEBUG = env_bool("DEBUG", False)
_DEV_SECRET = "dev-only-insecure-key-never-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET if DEBUG else None)
if not SECRET_KEY or (not DEBUG and SECRET_KEY == _DEV_SECRET):
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false.")
# Sessions, password resets and CSRF tokens are signed with it: a short or repetitive key can be
# guessed. The same rule as Django's deploy check (security.W009), enforced at start-up.
if not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak for DEBUG=false: it needs at least 50 characters, 5 of them different "
        f"(it has {len(SECRET_KEY)}). Generate one with: python -c \"import secrets; print(secrets.token_urlsafe(50))\"")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "povertyplan",
    "households",
    "programmes",
    "support",
    "reports",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "povertyplan.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "povertyplan.middleware.SessionGenerationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "povertyplan.urls"
WSGI_APPLICATION = "povertyplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "povertyplan.context_processors.officer",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL only: JIT compiling costs more (about 1.4 s on a province's dashboard) than the short
    # aggregates of this app save; it is off for the app's own connections.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Progress of a running job is written on a second connection (autocommit), so the job page sees it
# while an import still holds its transaction open. SQLite allows one writer: there it shares "default".
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["jobs"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
JOBS_PROGRESS_DB = "jobs" if "jobs" in DATABASES else "default"
# Optional read replica for exports and dashboards (off unless READ_REPLICA_URL is set): reads of the
# routed apps go there, every write and every read inside a transaction stays on "default".
if env_str("READ_REPLICA_URL", ""):
    DATABASES["replica"] = {**dj_database_url.parse(env_str("READ_REPLICA_URL"), conn_max_age=env_int("DB_CONN_MAX_AGE", 60)),
                            "TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["povertyplan.db_router.ReplicaRouter"]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Brute-force protection: lock a username+address pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_META_PRECEDENCE_ORDER = env_list("AXES_IP_HEADERS", ["REMOTE_ADDR"])

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
# dd/mm/yyyy and Vietnamese separators in every language (povertyplan/formats/).
FORMAT_MODULE_PATH = ["povertyplan.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Uploads: Django's defaults are kept (request bodies other than files up to 2.5 MB; files above
# 2.5 MB go to a temporary file, not memory). What an import accepts is limited in
# povertyplan/lib/tabular.py (10 MB a file); the reverse proxy should cap bodies a little above it.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_ENGINE = "django.contrib.sessions.backends.db"  # no state in the process
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)

# Production protections (all read by `check --deploy`).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

# E-mail (the report reminders): the console backend prints messages (development); production sets
# django.core.mail.backends.smtp.EmailBackend and the EMAIL_HOST… variables.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "povertyplan@localhost")
# The address of the site as users reach it, for links in e-mails (no request to build them from).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# Households that escaped poverty count as "newly escaped" (mới thoát nghèo) for this long.
NEWLY_ESCAPED_WINDOW_MONTHS = env_int("NEWLY_ESCAPED_WINDOW_MONTHS", 36)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Background jobs (việc chạy nền). With REDIS_URL, Celery workers on Redis run them; without it a
# thread of the web process does (make run needs nothing else). JOBS_RUNNER overrides the choice.
REDIS_URL = env_str("REDIS_URL", "")
JOBS_RUNNER = env_str("JOBS_RUNNER", "celery" if REDIS_URL else "thread")
JOB_RESULT_HOURS = env_int("JOB_RESULT_HOURS", 24)    # a result file is kept this long, then deleted
JOB_DIRECT_MAX_HOUSEHOLDS = env_int("JOB_DIRECT_MAX_HOUSEHOLDS", 2000)  # smaller commune exports answer directly
JOB_DIRECT_MAX_IMPORT_BYTES = env_int("JOB_DIRECT_MAX_IMPORT_BYTES", 200_000)  # smaller import files too
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1   # long tasks: a worker takes one at a time
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_KB", 400_000)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "jobs-cleanup": {"task": "povertyplan.jobs_cleanup", "schedule": 3600.0},
    "report-reminders": {"task": "povertyplan.send_report_reminders", "schedule": 24 * 3600.0},
    "support-coverage": {"task": "povertyplan.support_coverage_refresh", "schedule": crontab(hour=0, minute=5)},
}
