"""Settings, read from the environment.

DATABASE_URL     database (default: embedded SQLite under var/)
ZEROBAY_VAR_DIR  where the database, uploads and generated files live (default: ./var of the checkout)
ZEROBAY_DEBUG    1 for Django's debug mode
SECRET_KEY       kept in var/secret_key when not given
ALLOWED_HOSTS    comma-separated (default: localhost names)
ZEROBAY_EMAIL_BACKEND, ZEROBAY_EMAIL_HOST, ZEROBAY_EMAIL_PORT, ZEROBAY_FROM_EMAIL   e-mail (default: console)
ZEROBAY_MONTHLY_DEADLINE_DAY   day of the following month a monthly report is due (default: 10)
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("ZEROBAY_VAR_DIR", BASE_DIR.parent / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("ZEROBAY_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
    "ninja",  # serves its Swagger UI files locally (no CDN)
    "zerobay.accounts",
    "zerobay.registry",
    "zerobay.statistics",
    "zerobay.indicators",
    "zerobay.programs",
    "zerobay.cultivation",
    "zerobay.matching",
    "zerobay.demo",
    "zerobay.web",  # shared template tags and includes (charts, tabs, badges, pagination)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zerobay.language.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "zerobay.urls"
WSGI_APPLICATION = "zerobay.wsgi.application"

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
                "zerobay.accounts.views.notifications",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'zerobay.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes an import.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        # A 64 MB page cache (the default is 2 MB) keeps bulk imports from thrashing the indexes.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"
# Uploaded workbooks can be large; they are streamed to disk, never held in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
ZEROBAY_MAX_UPLOAD_BYTES = int(os.environ.get("ZEROBAY_MAX_UPLOAD_BYTES", 200 * 1024 * 1024))

# E-mail (reminders of the monthly reporting chase) through Django's mail backend: printed to the
# console unless ZEROBAY_EMAIL_BACKEND names another (e.g. django.core.mail.backends.smtp.EmailBackend,
# with ZEROBAY_EMAIL_HOST / ZEROBAY_EMAIL_PORT).
MAILERS = {
    "default": {
        "BACKEND": os.environ.get("ZEROBAY_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"),
        "OPTIONS": {
            k: v
            for k, v in (
                ("host", os.environ.get("ZEROBAY_EMAIL_HOST")),
                (
                    "port",
                    int(os.environ["ZEROBAY_EMAIL_PORT"]) if os.environ.get("ZEROBAY_EMAIL_PORT") else None,
                ),
            )
            if v
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("ZEROBAY_FROM_EMAIL", "zerobay@localhost")
# The monthly report of a month is due on this day of the following month, unless the reporting
# calendar says otherwise for that month.
ZEROBAY_MONTHLY_DEADLINE_DAY = int(os.environ.get("ZEROBAY_MONTHLY_DEADLINE_DAY", 10))

TASKS = {
    "default": {
        "BACKEND": os.environ.get("ZEROBAY_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": [],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ZEROBAY_LOG_LEVEL", "WARNING")},
}
