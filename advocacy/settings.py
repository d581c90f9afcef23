"""Settings of the case tracker, read from environment variables only.

Embedded defaults (SQLite, a filesystem Celery broker, e-mail to files) let
the app run on a fresh machine; production sets DATABASE_URL, REDIS_URL,
CELERY_BROKER_URL and EMAIL_URL (see docker-compose.yml). A malformed value
stops start-up with a message naming the variable.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from advocacy.env import Env

env = Env()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.str("ADVOCACY_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env.bool("DJANGO_DEBUG", False)
TESTING = env.bool("ADVOCACY_TESTING", False)

if DEBUG:
    SECRET_KEY = env.str(
        "DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me-0123456789abcdefghij"
    )
else:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", required=True)
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters long.")

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env.url("SITE_URL", "http://localhost:8000", ("http", "https")).rstrip("/")

# --- Applications -----------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "auditlog",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "advocacy",
    "cases",
    "cases.deadlines",
    "cases.intake",
    "letters",
    "transparency",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "advocacy.middleware.CookieLocaleMiddleware",
    "advocacy.middleware.RefuseControlCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "advocacy.middleware.SecondFactorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "advocacy.middleware.SecurityHeadersMiddleware",
    "advocacy.middleware.VisibleBidiControlsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "advocacy.urls"
WSGI_APPLICATION = "advocacy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "advocacy.context_processors.site",
            ],
        },
    },
]

# Django's widget templates, the most used written out in Python (same HTML).
FORM_RENDERER = "advocacy.widget_rendering.FormRenderer"

# --- Database and cache -----------------------------------------------------

DATABASE_URL = env.url(
    "DATABASE_URL",
    f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
    ("sqlite", "postgres", "postgresql"),
)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
else:
    # PostgreSQL binds the parameters, and a statement run a third time on a
    # connection is prepared: it is planned once, not on every page (planning
    # a list page's queries took more time than running them). A search's
    # words are written into its statement instead (cases.search.Literal),
    # so each search is planned for how many cases its words match.
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 2}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.url("REDIS_URL", "none://", ("none", "redis", "rediss"))
if REDIS_URL != "none://":
    CACHES = {
        "default": {
            # Falls back to process memory while Redis is away (advocacy/cache.py).
            "BACKEND": "advocacy.cache.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    # Shared across the web, worker and beat processes of the embedded setup.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# --- Authentication: allauth with mandatory TOTP, axes lockout --------------

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "cases:dashboard"
ACCOUNT_ADAPTER = "advocacy.auth.NoSignupAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# Failed logins count per address only: a limit per user name ("key") would
# let anyone lock a staff member out from everywhere by typing wrong
# passwords. Per user name *and* address, axes locks (AXES_LOCKOUT_PARAMETERS).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip"}
# A reset requested for an unknown address sends no mail: typing someone's
# address must not mail them.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Fallakte Überwachung"
MFA_RECOVERY_CODE_COUNT = 10

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "advocacy.network.axes_client_address"
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_VERBOSE = False

# Sessions read from the cache (Redis in production) and written through to
# the database: one query less on every staff page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 60 * 60 * 10
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Internationalisation ---------------------------------------------------

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
# Media is never served by URL: evidence and letters go out through views
# that check permissions first.
MEDIA_ROOT = Path(env.str("ADVOCACY_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media-not-served/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# The empty choice of every list filter (django-filter) reads "alle", not "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("alle")

# --- E-mail -----------------------------------------------------------------
# Parsed here rather than with dj-email-url: its last release (1.0.6, 2022)
# drops the leading slash of file:///abs/path and warns on smtps://.

EMAIL_URL = env.url("EMAIL_URL", "file://", ("file", "console", "smtp", "smtp+tls", "locmem"))
_email_scheme, _sep, _email_rest = EMAIL_URL.partition("://")
if _email_scheme == "file":
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = _email_rest or str(VAR_DIR / "mail")
elif _email_scheme == "console":
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
elif _email_scheme == "locmem":
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    _parsed = urlsplit(EMAIL_URL)
    EMAIL_HOST = _parsed.hostname or "localhost"
    EMAIL_PORT = _parsed.port or 25
    EMAIL_HOST_USER = _parsed.username or ""
    EMAIL_HOST_PASSWORD = _parsed.password or ""
    EMAIL_USE_TLS = _email_scheme == "smtp+tls"
    EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "Fallakte <fallakte@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
INTAKE_NOTIFY_EMAILS = env.list("INTAKE_NOTIFY_EMAILS", ["eingang@localhost"])

# --- Celery -----------------------------------------------------------------

CELERY_BROKER_URL = env.url(
    "CELERY_BROKER_URL", "filesystem://", ("filesystem", "redis", "rediss", "memory")
)
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        # Exchange tables (broadcast, pidbox): in var/, not the working directory.
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # Longer than any task may run, so that acks_late never redelivers a
        # task that is still working.
        "visibility_timeout": 2 * 60 * 60,
        "socket_connect_timeout": 2,
        "socket_timeout": 5,
        # Sending a task (web requests, beat) tries twice without waiting
        # and then gives up: the web answers at once, the outbox and beat's
        # next tick catch up. (Worker and beat reconnect by the settings below.)
        "max_retries": 1,
        "interval_start": 0,
        # Health-check idle connections, so a restarted Redis is noticed.
        "health_check_interval": 10,
    }
# Worker and beat wait for the broker for as long as it is away, at start-up
# and after losing it, with backoff (kombu: 2 s, +2 s per attempt, at most
# 30 s); they resume by themselves. docker-compose restarts them as a second
# line of defence.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# How often beat relays the intake outbox, scans deadlines (reminders,
# overdue marking) and proves it is alive (the readiness check reads the
# heartbeat; beat is stale after BEAT_STALE_SECONDS without one).
OUTBOX_RELAY_SECONDS = env.int("OUTBOX_RELAY_SECONDS", 60, minimum=1)
DEADLINE_SCAN_SECONDS = env.int("DEADLINE_SCAN_SECONDS", 15 * 60, minimum=1)
BEAT_HEARTBEAT_SECONDS = env.int("BEAT_HEARTBEAT_SECONDS", 60, minimum=1)
BEAT_STALE_SECONDS = env.int("BEAT_STALE_SECONDS", 10 * 60, minimum=1)
CELERY_BEAT_SCHEDULE = {
    "intake-relay-outbox": {
        "task": "cases.intake.tasks.relay_outbox",
        "schedule": timedelta(seconds=OUTBOX_RELAY_SECONDS),
    },
    "beat-heartbeat": {
        "task": "advocacy.tasks.beat_heartbeat",
        "schedule": timedelta(seconds=BEAT_HEARTBEAT_SECONDS),
        # A heartbeat that waited through an outage says nothing: drop it.
        "options": {"expires": BEAT_HEARTBEAT_SECONDS},
    },
    "intake-purge-expired": {
        "task": "cases.intake.tasks.purge_expired_submissions",
        "schedule": crontab(hour=3, minute=15),
    },
    "cases-anonymise-expired": {
        "task": "cases.tasks.anonymise_expired_cases",
        "schedule": crontab(hour=3, minute=45),
    },
    "deadlines-scan": {
        "task": "cases.deadlines.tasks.scan_deadlines",
        "schedule": timedelta(seconds=DEADLINE_SCAN_SECONDS),
    },
    # Beat does not resend a due task whose message the broker refused: it
    # would wait a week. So the digest is due every hour of Monday from
    # 06:30; the first run that reaches a worker sends it, the others find
    # each person's DigestLog row for the week and send nothing.
    "deadlines-weekly-digest": {
        "task": "cases.deadlines.tasks.send_weekly_digests",
        "schedule": crontab(day_of_week="mon", hour="6-23", minute=30),
    },
}

# --- Public intake ------------------------------------------------------------

INTAKE_MAX_FILES = env.int("INTAKE_MAX_FILES", 5, minimum=0)
INTAKE_MAX_FILE_BYTES = env.int("INTAKE_MAX_FILE_BYTES", EVIDENCE_MAX_BYTES, minimum=1024)
INTAKE_MAX_TOTAL_BYTES = env.int("INTAKE_MAX_TOTAL_BYTES", 25 * 1024 * 1024, minimum=1024)
# The whole request (files plus form fields) may be this large.
INTAKE_MAX_REQUEST_BYTES = env.int(
    "INTAKE_MAX_REQUEST_BYTES", INTAKE_MAX_TOTAL_BYTES + 1024 * 1024, minimum=1024
)
# The time trap: a form sent back faster than this was not filled by a person.
INTAKE_MIN_FILL_SECONDS = env.int("INTAKE_MIN_FILL_SECONDS", 3, minimum=0)
# The stages of a report its person sees on the status page (all by default;
# "received" is always shown). Their labels: cases/intake/stages.py.
INTAKE_STAGE_NAMES = (
    "received",
    "review",
    "case_opened",
    "letter_sent",
    "answer_received",
    "closed",
)
INTAKE_PUBLIC_STAGES = env.list("INTAKE_PUBLIC_STAGES", list(INTAKE_STAGE_NAMES))
if _unknown_stages := set(INTAKE_PUBLIC_STAGES) - set(INTAKE_STAGE_NAMES):
    raise ImproperlyConfigured(
        f"INTAKE_PUBLIC_STAGES has unknown stages: {', '.join(sorted(_unknown_stages))}."
    )

# --- Public transparency report -------------------------------------------------

# A published count below this is hidden (with enough others that it cannot
# be worked out from the totals).
TRANSPARENCY_MIN_CELL = env.int("TRANSPARENCY_MIN_CELL", 5, minimum=3)

# --- Retention --------------------------------------------------------------

INTAKE_RETENTION_DAYS = env.int("INTAKE_RETENTION_DAYS", 90, minimum=1)
CASE_RETENTION_DAYS = env.int("CASE_RETENTION_DAYS", 3 * 365, minimum=30)

# --- Public pages: floods and guessing ---------------------------------------
# See cases/intake/throttle.py: nothing locks; counters decide how much
# proof-of-work (ALTCHA) a request must do first.

# Reverse proxies in front of the app that append to X-Forwarded-For (0: none,
# the TCP peer is the client).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", 0, minimum=0)
# A form handed out can be sent once, within this many seconds.
INTAKE_FILL_TOKEN_MAX_AGE = env.int("INTAKE_FILL_TOKEN_MAX_AGE", 3 * 3600, minimum=600)
# Attempts per address and hour before that address must solve a challenge.
INTAKE_SUBMISSIONS_PER_ADDRESS = env.int("INTAKE_SUBMISSIONS_PER_ADDRESS", 5, minimum=1)
# Reports per hour (all addresses) above which everyone solves a challenge.
INTAKE_CHALLENGE_ABOVE_PER_HOUR = env.int("INTAKE_CHALLENGE_ABOVE_PER_HOUR", 30, minimum=1)
# Wrong receipt codes per 15 minutes, per address and per code prefix, before
# a challenge is asked for.
INTAKE_WRONG_CODES_PER_ADDRESS = env.int("INTAKE_WRONG_CODES_PER_ADDRESS", 5, minimum=1)
INTAKE_WRONG_CODES_PER_PREFIX = env.int("INTAKE_WRONG_CODES_PER_PREFIX", 5, minimum=1)
# The self-service letters (/briefe/selbst/) under the same rules, counted
# apart: PDFs per address and hour before a challenge, and PDFs per hour (all
# addresses) above which everyone solves one. Nothing is stored, so the
# overall limit protects the server's time, not the inbox.
SELF_SERVICE_LETTERS_PER_ADDRESS = env.int("SELF_SERVICE_LETTERS_PER_ADDRESS", 10, minimum=1)
SELF_SERVICE_CHALLENGE_ABOVE_PER_HOUR = env.int(
    "SELF_SERVICE_CHALLENGE_ABOVE_PER_HOUR", 300, minimum=1
)
# Numbers to try at the first challenge level (four times more per level).
INTAKE_CHALLENGE_BASE_NUMBER = env.int("INTAKE_CHALLENGE_BASE_NUMBER", 50_000, minimum=1)

# --- Security ---------------------------------------------------------------

SECURE_COOKIES = env.bool("DJANGO_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A browser-session cookie, gone when the browser closes: a year-long cookie
# would show on a reporter's device that they used the public form.
CSRF_COOKIE_AGE = None
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
        "worker-src": [SELF],
    }
}

AUDITLOG_DISABLE_REMOTE_ADDR = True
CSRF_FAILURE_VIEW = "advocacy.errors.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env.choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")),
    },
    "loggers": {"axes": {"level": "WARNING"}},
}
