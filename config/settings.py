"""Settings for the careers portal, read from the environment.

One module for every environment. ``DJANGO_ENV`` picks the defaults:
``development`` (the default: SQLite under var/, generated secrets, console
email) or ``production`` (secrets required, secure cookies, HSTS). Every
variable is documented in the README's configuration table.
"""

import os
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from . import security_headers
from .env import env, env_bool, env_list, secret

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

DJANGO_ENV = env("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'.")
PRODUCTION = DJANGO_ENV == "production"

SECRET_KEY = secret("SECRET_KEY", production=PRODUCTION, dev_file=VAR_DIR / "secret_key")
# Accommodation requests (health data) are encrypted at rest with these Fernet keys, newest
# first (comma-separated to rotate).
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS") or [secret(
    "FIELD_ENCRYPTION_KEYS", production=PRODUCTION, dev_file=VAR_DIR / "field_encryption_key",
    generate=lambda: Fernet.generate_key().decode(),
)]
DEBUG = env_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DJANGO_ENV=production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts",
    "careers",
    "applications",
    "accommodations",
    "notifications",
    "candidate_emails",
    "reviews",
    "api",
    "reports",
    "config.apps.AdminConfig",  # django.contrib.admin with a throttled sign-in (config/admin.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "rest_framework",
    "drf_spectacular",
    "django_tasks_db",
]

MIDDLEWARE = [
    "config.middleware.HeadWithoutBodyMiddleware",
    "config.middleware.RequestIdLogMiddleware",
    # Anonymous cached pages are answered here, with the headers the middleware below gave them
    # when they were built (careers/caching.py): a hit runs nothing below.
    "careers.caching.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.RequestSizeLimitMiddleware",
    "config.middleware.UploadReceiveMiddleware",
    "config.middleware.ControlCharacterMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "config.urls"
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "careers.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:applications"
LOGOUT_REDIRECT_URL = "careers:posting_list"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for one day
# Failed sign-ins allowed before sign-in pauses (site and admin; accounts/throttle.py): per
# address from one client, per address from all clients, per client over all addresses.
if env("LOGIN_FAILURES_PER_EMAIL"):
    raise ImproperlyConfigured("LOGIN_FAILURES_PER_EMAIL is now LOGIN_FAILURES_PER_ACCOUNT_AND_IP "
                               "(one client) and LOGIN_FAILURES_PER_ACCOUNT (all clients).")
LOGIN_FAILURES_PER_ACCOUNT_AND_IP = env("LOGIN_FAILURES_PER_ACCOUNT_AND_IP", "5/15m")
LOGIN_FAILURES_PER_ACCOUNT = env("LOGIN_FAILURES_PER_ACCOUNT", "50/h")
LOGIN_FAILURES_PER_IP = env("LOGIN_FAILURES_PER_IP", "30/h")
# Each sends an email: sign-ups per client, password resets per client and per address.
SIGNUP_RATE_LIMIT = env("SIGNUP_RATE_LIMIT", "10/h")
PASSWORD_RESET_RATE_LIMIT = env("PASSWORD_RESET_RATE_LIMIT", "10/h")
PASSWORD_RESET_EMAIL_RATE_LIMIT = env("PASSWORD_RESET_EMAIL_RATE_LIMIT", "3/h")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Files. Public media (team and location images) and private media (resumes)
# live in separate roots; only the public one has a URL.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", VAR_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", VAR_DIR / "media"))
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # base_url=None-like: no URL is ever generated for private files.
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/no-public-url/"},
    },
    "staticfiles": {
        "BACKEND": "config.static_storage.StaticFilesStorage"  # WhiteNoise's, URLs memoised
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
# Private files on S3-compatible object storage when a bucket is named (several app servers
# share it; django-storages). Private bucket, objects private, server-side encryption, no
# overwrites; no URL is ever handed out: downloads stream through the permission-checked views.
if env("PRIVATE_STORAGE_BUCKET"):
    from botocore.config import Config as BotoConfig

    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("PRIVATE_STORAGE_BUCKET"),
            "endpoint_url": env("PRIVATE_STORAGE_ENDPOINT_URL"),  # unset: AWS itself
            "region_name": env("PRIVATE_STORAGE_REGION", "eu-west-2"),
            "access_key": env("PRIVATE_STORAGE_ACCESS_KEY_ID"),
            "secret_key": env("PRIVATE_STORAGE_SECRET_ACCESS_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "object_parameters": {"ServerSideEncryption": "AES256"} if env_bool("PRIVATE_STORAGE_SSE", True) else {},
            # The résumé is stored inside the apply request (it must exist before its row): a storage
            # server that hangs fails the attempt within seconds ("try again"), never holds a worker.
            "client_config": BotoConfig(connect_timeout=3, read_timeout=20, retries={"max_attempts": 2}),
        },
    }
# Uploads always stream to a temporary file, never into memory.
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.TemporaryFileUploadHandler"]
# Their own folder (created at start, applications/apps.py): files a killed request left
# behind are swept by the housekeeping, and a full disk there is told apart (config/middleware.py).
FILE_UPLOAD_TEMP_DIR = VAR_DIR / "uploads"
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
RESUME_MAX_BYTES = int(env("RESUME_MAX_BYTES", 10 * 1024 * 1024))
# Whole-request cap for the apply form: resume + cover-letter file + fields.
APPLY_MAX_REQUEST_BYTES = int(env("APPLY_MAX_REQUEST_BYTES", 2 * RESUME_MAX_BYTES + 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
IMAGE_MAX_PIXELS = 1600

# Cache: shared between gunicorn workers and app servers. Redis when REDIS_URL is set (degrading to
# uncached pages, never errors, when it is down: config/cache.py), otherwise the database
# (zero setup; created by `createcachetable`).
if env("REDIS_URL"):
    CACHES = {"default": {
        "BACKEND": "config.cache.ResilientRedisCache", "LOCATION": env("REDIS_URL"),
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}}
# Rendered public pages and fragments, per process (careers/versioning.py says how they
# are invalidated). A posting card is under 1 kB: 10,000 entries stay well under 20 MB.
CACHES["pages"] = {"BACKEND": "config.cache.ProcessMemoryCache", "LOCATION": "pages",
                   "OPTIONS": {"MAX_ENTRIES": 10000}}

# Data retention (GDPR storage limitation): applications and accommodation
# requests are deleted this long after their posting closed.
RETENTION_DAYS_AFTER_CLOSE = int(env("RETENTION_DAYS_AFTER_CLOSE", "180"))
TALENT_POOL_RETENTION_DAYS = int(env("TALENT_POOL_RETENTION_DAYS", "730"))

# Anonymous list and posting pages are cached this long (0 turns the cache off);
# edits invalidate them at once (careers/versioning.py).
PUBLIC_PAGE_CACHE_SECONDS = int(env("PUBLIC_PAGE_CACHE_SECONDS", "300"))
# Parts of pages (posting cards and texts, filter choices, company texts) are
# cached this long for everyone, signed in or not; edits invalidate them the
# same way. 0 turns them off.
FRAGMENT_CACHE_SECONDS = int(env("FRAGMENT_CACHE_SECONDS", "3600"))
PAGE_CACHE_VERSION_TTL = float(env("PAGE_CACHE_VERSION_TTL", "0.5"))
# Each process re-reads the shared content version this often: an edit made through one app server
# must show through every other within a second, building and sending the page included.
if not 0 <= PAGE_CACHE_VERSION_TTL < 1:
    raise ImproperlyConfigured("PAGE_CACHE_VERSION_TTL must be at least 0 and under 1 (seconds).")

# Rate limits (accounts/throttle.py) are a soft abuse brake, not an exact quota: the
# database cache's non-atomic increment may let a burst through by a request or two,
# which is acceptable here. Set REDIS_URL for exact counting.
SILENCED_SYSTEM_CHECKS = [
    # The covering index of published postings is PostgreSQL's (INCLUDE); SQLite (development) never had it.
    "models.W040",
]
# Accepted submissions only (a form sent back for a mistake never counts): per address and
# client, and per client address (offices and mobile networks share one).
APPLY_RATE_LIMIT = env("APPLY_RATE_LIMIT", "10/h")
APPLY_CLIENT_RATE_LIMIT = env("APPLY_CLIENT_RATE_LIMIT", "50/h")
ACCOMMODATION_RATE_LIMIT = env("ACCOMMODATION_RATE_LIMIT", "10/h")
ACCOMMODATION_CLIENT_RATE_LIMIT = env("ACCOMMODATION_CLIENT_RATE_LIMIT", "50/h")
# Fallback recipient of "new accommodation request" notices when no coordinator has an email.
ACCOMMODATIONS_EMAIL = env("ACCOMMODATIONS_EMAIL", "")
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
# Proxies in front of the app that each append to X-Forwarded-For; the client is the
# address the outermost one added (config/client_ip.py, README "Behind a proxy").
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "1" if BEHIND_PROXY else "0"))
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Email. Development prints mail to the console; production uses SMTP.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Careers <careers@example.com>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Where replies to candidate emails go (optional): e.g. a monitored recruiting inbox.
EMAIL_REPLY_TO = env("EMAIL_REPLY_TO", "")
MAILERS = {
    "default": {
        "BACKEND": env(
            "EMAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend"
            if PRODUCTION
            else "django.core.mail.backends.console.EmailBackend",
        ),
    }
}
if MAILERS["default"]["BACKEND"].endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env("EMAIL_HOST", "localhost"),
        "port": int(env("EMAIL_PORT", "25")),
        "username": env("EMAIL_HOST_USER", ""),
        "password": env("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": 10,
    }
# Background tasks (Django's tasks framework): the outbox is delivered by a task worker, never in a
# request. Production: the database backend and its worker (`manage.py db_worker`, the compose
# `worker` service). Development and tests: the immediate backend, which runs a task as soon as it is
# enqueued (after the request's commit), so `make run` needs no second process.
TASKS = {
    "default": {
        "BACKEND": env(
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend" if PRODUCTION else "django.tasks.backends.immediate.ImmediateBackend",
        ),
    }
}
# Absolute links in emails. In development it follows the port `make run` serves on (PORT).
SITE_URL = env("SITE_URL", f"http://127.0.0.1:{env('PORT', '8000')}").rstrip("/")
# Lets benchmarks/floor_settings.py (the throughput floor's own bare view) load; never set it in production.
BENCHMARK_ENDPOINTS = env_bool("BENCHMARK_ENDPOINTS", False)

# The public postings API (api/): config/api_settings.py says why each setting is so.
from .api_settings import REST_FRAMEWORK, SPECTACULAR_SETTINGS  # noqa: E402, F401 (settings are read by name)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = security_headers.CONTENT_SECURITY_POLICY
PERMISSIONS_POLICY = security_headers.PERMISSIONS_POLICY
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Request logs name URL patterns, never paths (config/log_filters.py).
from .log_filters import logging_settings  # noqa: E402

LOGGING = logging_settings(level=env("LOG_LEVEL", "INFO"), access_level=env("ACCESS_LOG_LEVEL", "INFO"))
