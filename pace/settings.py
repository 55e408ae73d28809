"""Settings for PACE, read from the environment.

Development is the default: DEBUG comes only from ``DEBUG=1``, the database is a
SQLite file beside ``manage.py`` unless ``DATABASE_URL`` says otherwise. With
``PACE_ENVIRONMENT=production`` the process refuses to start while DEBUG is on, the
secret key is the development one, or no host is allowed.
"""

import datetime
import json
import os
import warnings
from decimal import Decimal
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENTS = ("development", "production")
ENVIRONMENT = os.environ.get("PACE_ENVIRONMENT", "development")
if ENVIRONMENT not in ENVIRONMENTS:
    # "Production" or "prod" must not start as development, with its key and no HSTS.
    raise ImproperlyConfigured(
        f"PACE_ENVIRONMENT is {ENVIRONMENT!r}: set it to one of {', '.join(ENVIRONMENTS)}."
    )
DEVELOPMENT_SECRET_KEY = "development-only-not-secret"  # noqa: S105 - refused in production

DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")

if ENVIRONMENT == "production":
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off in production (unset DEBUG).")
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("Set SECRET_KEY to a random value of 50 or more characters.")
    if not os.environ.get("ALLOWED_HOSTS"):
        raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "pace.core.apps.PaceStaticFilesConfig",
    "mptt",
    "guardian",
    "import_export",
    "axes",
    "csp",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "pace.core",
    "pace.notifications",
    "pace.documents",
    "partnerships",
    "strategy",
    "strategy.consultations",
    "strategy.indicators",
    "funding",
    "pace.reports",
    "pace.referrals",
    "pace.protocols",
    "pace.site",
    "pace.exampledata",
]

# Background work (README, "Background work and e-mail"): django-tasks with its
# database backend, run by `manage.py pace_worker` (db_worker with the schedule), which
# make serve starts.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# E-mail: SMTP when EMAIL_HOST is set; otherwise each message is written to a file in
# EMAIL_FILE_PATH (sent-mail/ beside manage.py), readable with no set-up.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH") or str(BASE_DIR / "sent-mail")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "PACE <pace@localhost>")
# Where the site is, for the links in e-mails, and the domain of their Message-IDs.
PACE_SITE_URL = os.environ.get("PACE_SITE_URL", "http://127.0.0.1:8000")
PACE_MAIL_DOMAIN = os.environ.get("PACE_MAIL_DOMAIN", "pace.localhost")
# Residents' alerts: how long a confirmation link works, and the limits that keep
# the form from being used to flood someone's inbox (pace/notifications/subscriptions.py).
PACE_ALERTS_CONFIRM_DAYS = int(os.environ.get("PACE_ALERTS_CONFIRM_DAYS", "7"))
PACE_ALERTS_PER_ADDRESS_PER_DAY = int(os.environ.get("PACE_ALERTS_PER_ADDRESS_PER_DAY", "5"))
PACE_ALERTS_PER_CLIENT_PER_HOUR = int(os.environ.get("PACE_ALERTS_PER_CLIENT_PER_HOUR", "20"))
# Participatory budgeting (funding/services/ballots.py): how long a voting link works,
# and the limits on ideas and link requests per address a day and per client an hour.
PACE_BUDGETING_LINK_DAYS = int(os.environ.get("PACE_BUDGETING_LINK_DAYS", "7"))
PACE_BUDGETING_PER_ADDRESS_PER_DAY = int(os.environ.get("PACE_BUDGETING_PER_ADDRESS_PER_DAY", "5"))
PACE_BUDGETING_PER_CLIENT_PER_HOUR = int(os.environ.get("PACE_BUDGETING_PER_CLIENT_PER_HOUR", "20"))
# Residents' questions at Area Assemblies (partnerships/services/questions.py): they
# close this many working days (Monday to Friday) before the meeting, and the limits
# on questions per client an hour and per address a day.
PACE_QUESTIONS_CLOSE_WORKING_DAYS = int(os.environ.get("PACE_QUESTIONS_CLOSE_WORKING_DAYS", "5"))
PACE_QUESTIONS_PER_CLIENT_PER_HOUR = int(os.environ.get("PACE_QUESTIONS_PER_CLIENT_PER_HOUR", "10"))
PACE_QUESTIONS_PER_ADDRESS_PER_DAY = int(os.environ.get("PACE_QUESTIONS_PER_ADDRESS_PER_DAY", "3"))
# A questioner's e-mail address and postcode or ward are forgotten this many days
# after the meeting (the question, the name shown and the answer stay on the record).
PACE_QUESTIONS_KEEP_DAYS = int(os.environ.get("PACE_QUESTIONS_KEEP_DAYS", "90"))
# How long sent messages stay in the outbox for officers to see.
PACE_OUTBOX_KEEP_DAYS = int(os.environ.get("PACE_OUTBOX_KEEP_DAYS", "90"))
# How often each worker looks for scheduled duties that are due.
PACE_SCHEDULE_TICK_SECONDS = float(os.environ.get("PACE_SCHEDULE_TICK_SECONDS", "30"))

#: The apps that hold the partnership's records: officers hold their model permissions
#: (pace/core/roles.py), a backup takes their tables (pace/core/backup.py) and a write
#: to any of them makes the cached pages stale (pace/core/cache.py).
PACE_DATA_APPS = (
    "core",
    "partnerships",
    "strategy",
    "consultations",
    "indicators",
    "funding",
    "reports",
    "referrals",
    "protocols",
)
#: Models outside those apps whose writes make kept pages stale too, as the records'
#: do (pace/core/versions.py): what a signed-in person chose to be sent, on their
#: account's page, kept for them until they choose again.
PACE_WATCHED_MODELS = ("notifications.Preference",)

#: The apps whose model permissions the officers' group holds: the records, the
#: outbox of what was sent, and the task queue (read only in the admin: a task that
#: failed for good shows there with its error).
PACE_OFFICER_APPS = (*PACE_DATA_APPS, "notifications", "django_tasks_database")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages for anonymous visitors from the shared cache: before sessions,
    # CSRF and authentication, which a cached page for nobody in particular needs
    # none of (pace/core/cache.py says what is cached and when it is not).
    "pace.core.cache.PublicPageCacheMiddleware",
    # ETags on every GET and 304s to a matching If-None-Match; inside the page cache
    # so that stored pages carry their ETag. Not on signed-in people's pages, which
    # never repeat (pace/core/middleware.py).
    "pace.core.middleware.PublicConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Audit history (django-simple-history) records the signed-in user of the request
    # on every historical row, so services called from views and the admin need not
    # pass it along.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signs out a session left idle too long, and tells the page when it will be.
    "pace.core.sessions.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "pace.core.middleware.PrivateCacheMiddleware",
    "pace.core.middleware.AdminQueryNulMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pace.urls"
WSGI_APPLICATION = "pace.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite ignores SELECT ... FOR UPDATE; taking the write lock when a transaction
    # begins makes concurrent writers (tree edits above all) queue instead of failing
    # with "database is locked" halfway through.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out user and address are refused before a password check.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, with the permissions each person holds kept in the
    # shared cache until who holds what changes (pace/core/permissions.py).
    "pace.core.permissions.KeptPermissionsBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Guardian's anonymous user would cost a query per permission check for every
# visitor; PACE gives anonymous visitors no object permissions at all.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed sign-ins are throttled per username and address together (django-axes):
# five failures lock that pair out for 30 minutes. The address is REMOTE_ADDR, which
# a client cannot forge; behind a load balancer set PACE_TRUSTED_PROXIES to the
# number of proxies in front of the app, and the address is read from that many
# hops back in X-Forwarded-For, never from the client's own claim
# (pace/core/clients.py).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
PACE_TRUSTED_PROXIES = int(os.environ.get("PACE_TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "pace.core.clients.client_address"

LOGIN_URL = "login"
# A board member's home is their task list (pace/site/tasks.py).
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]

# WhiteNoise serves the static files from the app servers themselves, compressed and
# with far-future caching once collected; outside production it reads them
# straight from static/ so nothing needs collecting first.
WHITENOISE_USE_FINDERS = ENVIRONMENT != "production"
if ENVIRONMENT != "production":
    # Outside production nothing is collected into STATIC_ROOT, and WhiteNoise would
    # warn on every start that the folder is missing.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_MIMETYPES = {".mjs": "text/javascript"}
STORAGES = {
    # Cached PDFs and the admin's import files. Two app servers must share it: one
    # MEDIA_ROOT on shared storage, or an object store through its Django backend
    # (README, "Scaling out"), e.g. STORAGE_BACKEND=storages.backends.s3.S3Storage
    # with STORAGE_OPTIONS='{"bucket_name": "pace-media"}'.
    "default": {
        "BACKEND": os.environ.get("STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": json.loads(os.environ.get("STORAGE_OPTIONS") or "{}"),
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if ENVIRONMENT == "production"
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
# The largest paper (an agenda item's report or document) an officer may upload, in
# bytes. A larger one is refused with a message and nothing is stored. A proxy in
# front of the site must let requests this large through.
PACE_PAPER_MAX_BYTES = int(os.environ.get("PACE_PAPER_MAX_BYTES", str(20 * 1024 * 1024)))


def cache_from_url(url: str) -> dict:
    """Django's CACHES entry for ``CACHE_URL``: ``redis://host:port/db`` (or
    ``rediss://``) for Redis, shared by every app server; ``locmem://`` for memory
    inside each process (the default: one server, development, tests);
    ``dummy://`` for none at all."""
    scheme = url.split("://", 1)[0].lower()
    if scheme in {"redis", "rediss", "unix"}:
        # Django's RedisCache, keeping its Redis clients (pace/core/redis_cache.py).
        return {"BACKEND": "pace.core.redis_cache.SharedClientRedisCache", "LOCATION": url}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL must start with redis://, rediss://, unix://, locmem:// or dummy://, "
        f"not {scheme}://"
    )


CACHES = {
    "default": {
        **cache_from_url(os.environ.get("CACHE_URL") or "locmem://"),
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "pace"),
    }
}
# Public pages are kept this many seconds at most for anonymous visitors (0 turns the
# page cache off). Any write to the partnership's data makes them stale at once
# (pace/core/cache.py); the limit only bounds what depends on the clock, such as a
# meeting moving from "upcoming" to "past".
PACE_PAGE_CACHE_SECONDS = int(os.environ.get("PACE_PAGE_CACHE_SECONDS", "300"))
# The costly parts of pages that everyone who may see the same records sees alike
# (roll-ups, totals), kept for signed-in readers too, this many seconds at most; any
# write makes them stale at once (pace/core/fragments.py). 0 turns it off.
PACE_FRAGMENT_CACHE_SECONDS = int(os.environ.get("PACE_FRAGMENT_CACHE_SECONDS", "300"))
# Whole public pages kept for signed-in readers by what they may see
# (partnerships/kept_pages.py), this many seconds at most; 0 turns it off.
PACE_KEPT_PAGE_SECONDS = int(os.environ.get("PACE_KEPT_PAGE_SECONDS", "300"))
# Responses larger than this are not kept in the page cache (the open-data exports
# of a large partnership run to a few megabytes).
PACE_PAGE_CACHE_MAX_BYTES = int(os.environ.get("PACE_PAGE_CACHE_MAX_BYTES", str(8 * 1024 * 1024)))
# Each app-server process keeps near copies of the stored pages it served last, up to
# this many bytes (compressed) in all; 0 keeps none. The data version is still read
# from the shared cache on every request, so a near copy is never stale.
PACE_PAGE_CACHE_LOCAL_BYTES = int(
    os.environ.get("PACE_PAGE_CACHE_LOCAL_BYTES", str(32 * 1024 * 1024))
)
# Right after a change, one request builds each page and the others asking for it
# wait up to this many seconds for it (rendering it themselves after that); a build
# is taken to have failed after PACE_PAGE_CACHE_BUILD_SECONDS.
PACE_PAGE_CACHE_WAIT_SECONDS = float(os.environ.get("PACE_PAGE_CACHE_WAIT_SECONDS", "5"))
PACE_PAGE_CACHE_BUILD_SECONDS = int(os.environ.get("PACE_PAGE_CACHE_BUILD_SECONDS", "30"))
# What one anonymous visitor (one client address, pace/core/clients.py) may make the
# servers build in a minute: pages not already in the cache. Pages that are, and
# pages another request is building, cost nothing and do not count. Beyond it:
# "Too many requests" (429) for the rest of the minute.
# A name for this app server, sent back by /healthz in X-PACE-Instance when set: the
# benchmark and load test check that the server answering is the one they started.
PACE_INSTANCE = os.environ.get("PACE_INSTANCE", "")
PACE_PAGE_CACHE_BUILDS_PER_MINUTE = int(os.environ.get("PACE_PAGE_CACHE_BUILDS_PER_MINUTE", "60"))
# "X-Cache: hit" or "miss" on the pages looked up in the cache, for tests and
# benchmarks. Off in production: it would tell anyone whether someone else had asked
# for the same page since the last change.
PACE_PAGE_CACHE_STATUS_HEADER = env_bool(
    "PACE_PAGE_CACHE_STATUS_HEADER", ENVIRONMENT != "production"
)

# Content Security Policy: scripts and styles from this site only; no inline script
# anywhere. Inline style attributes are allowed (style-src-attr) because the
# admin's tree of bodies (django-mptt) indents rows with them; they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}


def session_engine_for(cache_backend: str) -> str:
    """Sessions live in the database, which every app server shares (never on local
    disk). With a cache that every app server shares too (Redis), a request reads
    its session from the cache, and from the database only when the cache has not
    got it: a query less on every signed-in page (pace/core/session_store.py). A
    cache inside each process would let one server go on serving a session that
    another had ended, so with it sessions are read from the database every time."""
    if cache_backend == "pace.core.redis_cache.SharedClientRedisCache":
        return "pace.core.session_store"
    return "django.contrib.sessions.backends.db"


SESSION_ENGINE = session_engine_for(CACHES["default"]["BACKEND"])
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# A signed-in session ends after this long without a request, with a warning on
# the page this long before (pace/core/sessions.py, static/js/timeout.mjs).
PACE_SESSION_IDLE_MINUTES = int(os.environ.get("PACE_SESSION_IDLE_MINUTES", "30"))
PACE_SESSION_WARN_MINUTES = int(os.environ.get("PACE_SESSION_WARN_MINUTES", "5"))
# A form refused for its CSRF token gets a page in the site's own words.
CSRF_FAILURE_VIEW = "pace.site.csrf.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if ENVIRONMENT == "production":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The council whose partnership this is; the one organisation whose people may
# not chair an Area Management Group (agreement, Area Management Group).
PACE_COUNCIL_NAME = os.environ.get("PACE_COUNCIL_NAME", "Cheshire East Council")

# The partnership's own contact (its secretariat at the council), published on the
# contact page, the accessibility statement, the privacy notices and the page of
# every body that gives no contact of its own or above it.
PACE_CONTACT_NAME = os.environ.get(
    "PACE_CONTACT_NAME", "Partnerships and Communities team, Cheshire East Council"
)
PACE_CONTACT_EMAIL = os.environ.get("PACE_CONTACT_EMAIL", "partnerships@example.org")
PACE_CONTACT_TELEPHONE = os.environ.get("PACE_CONTACT_TELEPHONE", "0300 123 5500")
PACE_CONTACT_ADDRESS = os.environ.get(
    "PACE_CONTACT_ADDRESS",
    "Partnerships and Communities team\nCheshire East Council\nWestfields, Middlewich Road\n"
    "Sandbach CW11 1HZ",
)

# Subsidy control (Subsidy Control Act 2022, sections 36-37): Minimal Financial
# Assistance to one recipient may not exceed this over the current financial year
# and the two before it. Awards outside a competitive process that would take a
# recipient past it are flagged for officers to review.
PACE_SUBSIDY_MFA_THRESHOLD = Decimal(os.environ.get("PACE_SUBSIDY_MFA_THRESHOLD", "315000"))

# 360Giving: the publisher prefix of every grant and local organisation identifier.
# Never change it once data is published: identifiers must stay stable.
PACE_360GIVING_PREFIX = os.environ.get("PACE_360GIVING_PREFIX", "360G-cheshireeast-pace")
# The funder in the open data: Cheshire East Council, by its org-id (GB-LAE: local
# authorities in England).
PACE_FUNDER_ID = os.environ.get("PACE_FUNDER_ID", "GB-LAE-CHE")
PACE_FUNDER_NAME = os.environ.get("PACE_FUNDER_NAME", PACE_COUNCIL_NAME)

# django-import-export keeps an uploaded file between the dry run and the confirmed
# import. The default keeps it on the app server's disk, which a second server
# behind the load balancer cannot read; MediaStorage uses the default file storage,
# which production points at storage the servers share.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"


# The right-hand side of each meeting's UID in the iCalendar feeds
# ("meeting-<pk>@<this>"). Keep it the same for the life of the site: calendar
# programs use the UID to recognise an event they already have.
PACE_CALENDAR_UID_DOMAIN = os.environ.get("PACE_CALENDAR_UID_DOMAIN", "pace.cheshireeast")

# The shortest period a consultation may be open for (first and last day counted)
# without an officer confirming that a shorter one is adequate. The Gunning
# principle of "adequate time" (cabinet report 7.2.1) sets no number; the
# government's Consultation Principles ask for a proportionate time, from two to
# twelve weeks. 28 days is four full weeks, which takes in four weekends and a
# monthly meeting cycle of the groups that respond (town partnerships, parish
# councils, the VCF sector), and is the period councils commonly use for local
# consultations; a larger consultation such as a strategy refresh should run
# longer (the Ambition for All refresh ran for ten weeks).
PACE_CONSULTATION_MIN_DAYS = int(os.environ.get("PACE_CONSULTATION_MIN_DAYS", "28"))

# Residents' online responses to consultations (strategy.consultations.limits). Past
# the first limit a response is held for officers' moderation, not refused (a
# library or a drop-in session sends many from one connection); past the others,
# starting another response or asking for another e-mailed link is refused.
PACE_CONSULTATION_RESPONSES_PER_CLIENT_PER_HOUR = int(
    os.environ.get("PACE_CONSULTATION_RESPONSES_PER_CLIENT_PER_HOUR", "20")
)
PACE_CONSULTATION_STARTS_PER_CLIENT_PER_HOUR = int(
    os.environ.get("PACE_CONSULTATION_STARTS_PER_CLIENT_PER_HOUR", "60")
)
PACE_CONSULTATION_LINKS_PER_CLIENT_PER_HOUR = int(
    os.environ.get("PACE_CONSULTATION_LINKS_PER_CLIENT_PER_HOUR", "10")
)
PACE_CONSULTATION_LINKS_PER_ADDRESS_PER_DAY = int(
    os.environ.get("PACE_CONSULTATION_LINKS_PER_ADDRESS_PER_DAY", "3")
)
# How long a saved response's e-mailed link works (never past the closing day).
PACE_CONSULTATION_DRAFT_DAYS = int(os.environ.get("PACE_CONSULTATION_DRAFT_DAYS", "28"))
