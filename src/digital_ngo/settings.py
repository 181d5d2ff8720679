"""Settings, read from the environment.

``DIGITAL_NGO_ENV`` is ``dev`` (default: SQLite under ``var/``, a generated
secret key, mail printed to the console) or ``production`` (every secret from
the environment, HTTPS-only cookies, HSTS; passes ``check --deploy``).
``DATABASE_URL`` switches to PostgreSQL, e.g. ``postgres://user@host/db``.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("DIGITAL_NGO_VAR", REPO_DIR / "var"))
ENVIRONMENT = os.environ.get("DIGITAL_NGO_ENV", "dev")
PRODUCTION = ENVIRONMENT == "production"


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _dev_secret_key() -> str:
    """A random key kept in ``var/`` so dev sessions survive restarts."""
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


DEBUG = _env_bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("Set SECRET_KEY in production.")
    SECRET_KEY = _dev_secret_key()
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,testserver")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "digital_ngo.core",
    "digital_ngo.accounts",
    "digital_ngo.registry",
    "digital_ngo.media",
    "digital_ngo.funding",
    "digital_ngo.applications",
    "digital_ngo.reviews",
    "digital_ngo.decisions",
    "digital_ngo.grants",
    "digital_ngo.opendata",
    "digital_ngo.press",
    "digital_ngo.events",
    "digital_ngo.portal",
    "digital_ngo.programmes",
    "digital_ngo.health",
    "digital_ngo.coalitions",
    "digital_ngo.campaigns",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "digital_ngo.api",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "digital_ngo.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "digital_ngo.core.middleware.AzerbaijaniFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "digital_ngo.urls"
WSGI_APPLICATION = "digital_ngo.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "digital_ngo.core.context_processors.navigation",
                "digital_ngo.core.cache.csrf_placeholder",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}", conn_max_age=600, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        # writers queue for the lock (BEGIN IMMEDIATE) and wait up to 20 s for it instead of
        # failing with "database is locked" after the default 5 s
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
    }
    # A file, not shared-cache memory: tests with threads (parallel signings, two mail
    # workers) then wait for the write lock instead of failing with "table is locked".
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Shared cache (perf, issue 16): public pages, API lists, rate limits. -----------------
# The database cache (table ``django_cache``, created after every ``migrate``) so every app
# server shares it with no extra service; Django's Redis cache when ``REDIS_URL`` is set.
CACHES: dict[str, dict[str, object]]
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000, "CULL_FREQUENCY": 4},
        }
    }
# --- end shared cache --------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Login lockout (django-axes): 5 failures per account and address lock for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_CLIENT_IP_CALLABLE = "digital_ngo.core.http.client_ip"

# Reverse proxies in front of the application that append to X-Forwarded-For (nginx: 1).
# 0 (the default) believes no X-Forwarded-For at all: the client is REMOTE_ADDR.
NUM_PROXIES = int(os.environ.get("NUM_PROXIES", "0"))

# One cache shared by every process (throttle counters, lockouts): the database cache
# (table django_cache, made by a migration) unless REDIS_URL names a Redis server.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
        }
    }

LANGUAGE_CODE = "az"
LANGUAGES = [("az", _("Azerbaijani")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Baku"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static", ("vendor", REPO_DIR / "node_modules")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploads live outside the web root and are served only through permission-checked views.
MEDIA_ROOT = VAR_DIR / "uploads"
MEDIA_URL = "/uploads-are-not-served-here/"  # no URL route: see registry.views.download_document
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
# Documents are parsed on upload (core.uploads): image pixel limit and PDF page limit.
UPLOAD_MAX_PIXELS = int(os.environ.get("UPLOAD_MAX_PIXELS", str(40_000_000)))
UPLOAD_MAX_PAGES = int(os.environ.get("UPLOAD_MAX_PAGES", "100"))
#: How far (in percent) spending may exceed a budget line before a report is refused.
BUDGET_LINE_TOLERANCE_PERCENT = int(os.environ.get("BUDGET_LINE_TOLERANCE_PERCENT", "10"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Rəqəmsal QHT <noreply@localhost>")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
INVITATION_DAYS = 7

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Background worker (core.worker): heartbeat period; a task whose worker has not beaten for
# the lease is taken by another worker and resumes from its last checkpoint.
WORKER_HEARTBEAT_SECONDS = float(os.environ.get("WORKER_HEARTBEAT_SECONDS", "5"))
WORKER_LEASE_SECONDS = float(os.environ.get("WORKER_LEASE_SECONDS", "30"))

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "digital_ngo.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "digital_ngo.api.pagination.Pages",
    "DEFAULT_THROTTLE_CLASSES": [
        "digital_ngo.api.throttles.AnonymousLimit",
        "digital_ngo.api.throttles.UserLimit",
    ],
    "EXCEPTION_HANDLER": "digital_ngo.api.errors.api_exception_handler",
    "NUM_PROXIES": NUM_PROXIES,
}
API_ANON_RATE = os.environ.get("API_ANON_RATE", "120/min")
API_USER_RATE = os.environ.get("API_USER_RATE", "1200/min")
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "30"))  # a token's lifetime
API_TOKEN_RATE = os.environ.get("API_TOKEN_RATE", "10/min")  # POST /api/token/, per address
SPECTACULAR_SETTINGS = {
    "TITLE": "Rəqəmsal QHT API",
    "DESCRIPTION": "Public data on NGOs, calls and funded projects; NGOs' applications, reports.",
    "VERSION": "0.1.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Press and documents archive: upload size, PDF page limit and image pixel limit for OCR.
PRESS_MAX_BYTES = int(os.environ.get("PRESS_MAX_BYTES", str(50 * 1024 * 1024)))
PRESS_MAX_PAGES = int(os.environ.get("PRESS_MAX_PAGES", "300"))
PRESS_MAX_PIXELS = int(os.environ.get("PRESS_MAX_PIXELS", str(60_000_000)))
# Sector health: days an NGO has to reply before staff may mark it inactive (no visible activity).
ACTIVITY_REPLY_DAYS = int(os.environ.get("ACTIVITY_REPLY_DAYS", "30"))
PRESS_OCR_DPI = 300
# Pages are read no larger than this (an A4 page at 300 dpi has 8.7 million): bounds OCR memory.
PRESS_OCR_MAX_PIXELS = int(os.environ.get("PRESS_OCR_MAX_PIXELS", str(12_000_000)))
# The aztext dev set (shared with the project, not part of it); demo clippings use it when present.
AZTEXT_DEVSET = os.environ.get(
    "AZTEXT_DEVSET", str(REPO_DIR.parent / "shared" / "aztext" / "devset")
)

# Statements mailed to the media: throttle (shared by all workers), retries with backoff on
# temporary SMTP errors, and when a row left "sending" by a stopped worker is given up.
CAMPAIGN_MESSAGES_PER_MINUTE = float(os.environ.get("CAMPAIGN_MESSAGES_PER_MINUTE", "120"))
CAMPAIGN_MAX_ATTEMPTS = int(os.environ.get("CAMPAIGN_MAX_ATTEMPTS", "5"))
CAMPAIGN_RETRY_SECONDS = float(os.environ.get("CAMPAIGN_RETRY_SECONDS", "30"))
CAMPAIGN_STALE_SECONDS = float(os.environ.get("CAMPAIGN_STALE_SECONDS", "120"))
CAMPAIGN_FROM_EMAIL = os.environ.get("CAMPAIGN_FROM_EMAIL", DEFAULT_FROM_EMAIL)
# Signatures: confirmation links expire; attempts limited per address and per e-mail (cache).
SIGNATURE_LINK_HOURS = int(os.environ.get("SIGNATURE_LINK_HOURS", "72"))
SIGNATURE_LIMIT_PER_IP = int(os.environ.get("SIGNATURE_LIMIT_PER_IP", "30"))
SIGNATURE_LIMIT_PER_EMAIL = int(os.environ.get("SIGNATURE_LIMIT_PER_EMAIL", "5"))
SIGNATURE_LIMIT_WINDOW = int(os.environ.get("SIGNATURE_LIMIT_WINDOW", "3600"))
