"""Settings, read from the environment.

DATABASE_URL     database (default: embedded SQLite under var/)
ZEROBAY_VAR_DIR  where the database, uploads and generated files live (default: ./var of the checkout)
ZEROBAY_DEBUG    1 for Django's debug mode
SECRET_KEY       kept in var/secret_key when not given
ALLOWED_HOSTS    comma-separated (default: localhost names)
ZEROBAY_EMAIL_BACKEND, ZEROBAY_EMAIL_HOST, ZEROBAY_EMAIL_PORT, ZEROBAY_FROM_EMAIL   e-mail (default: console)
ZEROBAY_MONTHLY_DEADLINE_DAY   day of the following month a monthly report is due (default: 10)
ZEROBAY_PRODUCTION  1 for the production profile (HTTPS, secure cookies, HSTS, SMTP mail; see README "Deployment")
ZEROBAY_HTTPS_REDIRECT  0 when the reverse proxy already redirects http to https (production; default 1)
ZEROBAY_HSTS_SECONDS    Strict-Transport-Security max-age in production (default: one year)
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
        # Created readable by the owner only: whoever reads it can forge sessions.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(50))
    path.chmod(0o600)
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
    "axes",  # failed logins and token guesses: throttling and lock-out
    "zerobay.accounts",
    "zerobay.registry",
    "zerobay.statistics",
    "zerobay.indicators",
    "zerobay.programs",
    "zerobay.cultivation",
    "zerobay.matching",
    "zerobay.carriers",
    "zerobay.workplan",
    "zerobay.service",
    "zerobay.reports",
    "zerobay.demo",
    "zerobay.web",  # shared template tags and includes (charts, tabs, badges, pagination)
    "zerobay.operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the production server itself (no separate file server needed).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zerobay.language.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "axes.middleware.AxesMiddleware",  # answers a locked-out login with the lock-out page
    "zerobay.operations.middleware.DatabaseBusyMiddleware",  # 503 + Retry-After, never a 500, when locked
    "zerobay.operations.nul_input.NulInputMiddleware",  # 400 for a NUL character in the input
]

ROOT_URLCONF = "zerobay.urls"

# One cache for every process of a deployment (the web workers and the task worker): the indicator
# overview and the drill-downs are computed once per data version, not once per process.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}
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
                "django.template.context_processors.csp",
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
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out username from that address first
    "django.contrib.auth.backends.ModelBackend",
]
# Lock-out (django-axes): after ZEROBAY_LOGIN_FAILURE_LIMIT failed logins of one username from one
# address, that pair is locked for ZEROBAY_LOGIN_COOLOFF_MINUTES; API token guesses count the same way.
AXES_FAILURE_LIMIT = int(os.environ.get("ZEROBAY_LOGIN_FAILURE_LIMIT", 10))
AXES_COOLOFF_TIME = int(os.environ.get("ZEROBAY_LOGIN_COOLOFF_MINUTES", 30)) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "zerobay.accounts.lockout.lockout_page"
AXES_VERBOSE = False

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
# Every workbook and document is measured before it is parsed (zerobay/tabular/measure.py); over
# one of these limits it is refused with the limit and the value. Defaults hold a 250,000-row Torch
# workbook with room to spare.
ZEROBAY_MAX_FILE_BYTES = int(os.environ.get("ZEROBAY_MAX_FILE_BYTES", ZEROBAY_MAX_UPLOAD_BYTES))
ZEROBAY_MAX_UNCOMPRESSED_BYTES = int(os.environ.get("ZEROBAY_MAX_UNCOMPRESSED_BYTES", 1024 * 1024 * 1024))
ZEROBAY_MAX_COMPRESSION_RATIO = int(os.environ.get("ZEROBAY_MAX_COMPRESSION_RATIO", 100))
ZEROBAY_MAX_ZIP_ENTRIES = int(os.environ.get("ZEROBAY_MAX_ZIP_ENTRIES", 10_000))
ZEROBAY_MAX_SHEET_ROWS = int(os.environ.get("ZEROBAY_MAX_SHEET_ROWS", 1_048_576))
ZEROBAY_MAX_SHEET_COLUMNS = int(os.environ.get("ZEROBAY_MAX_SHEET_COLUMNS", 1_000))
ZEROBAY_MAX_SHEET_CELLS = int(os.environ.get("ZEROBAY_MAX_SHEET_CELLS", 30_000_000))
# Seconds after an import or registry change before the task worker warms the district-wide pages'
# caches (web.versions.warm); "off" never warms them (each page then computes on its first visit).
_warm = os.environ.get("ZEROBAY_WARM_AFTER_SECONDS", "10")
ZEROBAY_WARM_AFTER_SECONDS = None if _warm == "off" else int(_warm)
# Days the files of rejected, failed, cancelled and dry-run imports are kept (the task worker removes
# them when it starts, and `zerobay statistics prune-files`); imported files are kept for good.
ZEROBAY_REJECTED_FILE_DAYS = int(os.environ.get("ZEROBAY_REJECTED_FILE_DAYS", 7))
# Seconds `POST /api/imports` (wait=true) waits for the task worker before answering 202 to poll.
ZEROBAY_API_IMPORT_WAIT_SECONDS = float(os.environ.get("ZEROBAY_API_IMPORT_WAIT_SECONDS", 30))

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

# Static files: whitenoise serves them under every server. Outside production it finds them where
# they are (no collectstatic needed); in production they are collected, hashed and compressed.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing one before collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Content-Security-Policy on every response: scripts and styles from our own static files only
# (charts and htmx are served locally; no inline script). ECharts sets inline styles from script,
# which CSP allows; style attributes in templates need 'unsafe-inline' for styles only.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

PRODUCTION = os.environ.get("ZEROBAY_PRODUCTION", "0") == "1"
if PRODUCTION:
    if DEBUG:
        raise RuntimeError("ZEROBAY_PRODUCTION=1 with ZEROBAY_DEBUG=1: debug pages would leak data")
    STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"
    WHITENOISE_USE_FINDERS = False
    # Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto (README, Deployment).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("ZEROBAY_HTTPS_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("ZEROBAY_HSTS_SECONDS", 365 * 24 * 3600))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = os.environ.get("ZEROBAY_HSTS_PRELOAD", "1") == "1"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    # Mail must really leave the machine in production: SMTP unless another real backend is named.
    if MAILERS["default"]["BACKEND"] == "django.core.mail.backends.console.EmailBackend":
        MAILERS["default"]["BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("ZEROBAY_EMAIL_USER"):
        MAILERS["default"]["OPTIONS"].update(
            username=os.environ["ZEROBAY_EMAIL_USER"],
            password=os.environ.get("ZEROBAY_EMAIL_PASSWORD", ""),
            use_tls=os.environ.get("ZEROBAY_EMAIL_TLS", "1") == "1",
        )
