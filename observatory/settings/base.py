"""Settings shared by every deployment; each deployment value comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import SELF

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("OBSERVATORY_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The public address of the site, used in emails, feeds and the admin.
BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL

INSTALLED_APPS = [
    "home",
    "summits",
    "cities",
    "initiatives",
    "capitals",
    "exhibitions",
    "international_day",
    "newsletters",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "anymail",
    "csp",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "observatory",
    # Last, so its ready() runs after Wagtail's (it replaces Wagtail's workflow emails).
    "core",
]

MIDDLEWARE = [
    "core.middleware.CrossOriginResourcePolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous public pages are answered from here, before everything below runs.
    "core.page_cache.PageCacheMiddleware",
    # Reads once per request the version of the cached site frame (core/caching.py).
    "core.caching.FrameVersionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.public_forms.PublicFormCsrfMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.SessionlessAnonymousMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.SiteCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a locked-out sign-in into its 429 answer (core.login_limits).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "observatory.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "observatory.wsgi.application"

# Database: SQLite in var/ unless DATABASE_URL names another.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'observatory.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded SQLite serves concurrent requests (an editor's autosave meeting a
    # publish): readers never wait for the writer (WAL), every transaction takes the
    # write lock when it begins (IMMEDIATE: two deferred transactions that both read,
    # then both write, fail at once with "database is locked"), and a writer waits up
    # to 20 s for the lock instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: the broker on the database number REDIS_URL names (0 when it names none),
# the cache on the next one.
REDIS_URL = os.environ.get("REDIS_URL", "").rstrip("/")


def redis_db_url(offset):
    """REDIS_URL on its own database number plus ``offset``."""
    server, _, last = REDIS_URL.rpartition("/")
    if last.isdigit() and server.count("/") >= 2:
        return f"{server}/{int(last) + offset}"
    return f"{REDIS_URL}/{offset}"


# Redis is optional at every moment: the default cache answers a miss when Redis does
# not (observatory/cache.py), within a second. Rate limits use their own alias on the
# same database, which raises, so that they count in the database instead.
REDIS_CACHE_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "observatory.cache.TolerantRedisCache",
            "LOCATION": redis_db_url(1),
            "KEY_PREFIX": "observatory",
            "OPTIONS": REDIS_CACHE_OPTIONS,
        },
        "rate_limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_db_url(1),
            "KEY_PREFIX": "observatory",
            "OPTIONS": REDIS_CACHE_OPTIONS,
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "observatory_cache",
            # Room for every page in five languages; old generations are culled first.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
    CACHES["rate_limits"] = CACHES["default"]

# Sign-in limits (django-axes, core/login_limits.py): failures counted per account and
# per address on the site's sign-in and on /admin/login/; a new password unlocks.
AUTHENTICATION_BACKENDS = [
    "core.login_limits.LoginLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("OBSERVATORY_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(
    minutes=int(os.environ.get("OBSERVATORY_LOGIN_LOCKOUT_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "core.login_limits.client_ip"
AXES_LOCKOUT_CALLABLE = "core.login_limits.lockout_response"
# A success must not clear the address's count: an attacker with an account of their
# own would sign in between guesses.
AXES_RESET_ON_SUCCESS = False
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
WAGTAILADMIN_USER_LOGIN_FORM = "core.login_limits.AdminLoginForm"

# The full-page cache for anonymous visitors (core.page_cache): in the cache above.
OBSERVATORY_PAGE_CACHE_SECONDS = int(os.environ.get("OBSERVATORY_PAGE_CACHE_SECONDS", "600"))
OBSERVATORY_PAGE_CACHE_ALIAS = "default"
# Each process also keeps its latest pages and, for this long, the purge generation: a hit
# then needs no round trip; another process's purge shows within these seconds.
OBSERVATORY_PAGE_CACHE_MEMORY_SECONDS = float(
    os.environ.get("OBSERVATORY_PAGE_CACHE_MEMORY_SECONDS", "1")
)
OBSERVATORY_PAGE_CACHE_MEMORY_ENTRIES = 200
# Sections under /<language>/ that are never kept: the portal and the accounts.
OBSERVATORY_PAGE_CACHE_EXCLUDE = ["accounts", "my-city"]
# Cache-Control of anonymous pages: browsers revalidate (ETag, 304: a visitor who signs in
# never sees the anonymous copy), a CDN keeps them s-maxage seconds (purged on publish).
OBSERVATORY_PAGE_BROWSER_MAX_AGE = int(os.environ.get("OBSERVATORY_PAGE_BROWSER_MAX_AGE", "0"))
OBSERVATORY_PAGE_SHARED_MAX_AGE = int(os.environ.get("OBSERVATORY_PAGE_SHARED_MAX_AGE", "300"))

# A CDN or caching proxy in front, purged by URL on every publish (wagtail.contrib.frontend_cache):
# FRONTEND_CACHE_PURGE_URL for Varnish/nginx (HTTP PURGE), or Cloudflare, or CloudFront.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
        "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN", ""),
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"],
    }
# The purge names every language's URL itself (translated slugs differ).
WAGTAILFRONTENDCACHE_LANGUAGES = []

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the default; every URL of the public site carries its language.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("es", "Español"),
    ("ar", "العربية"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Editors choose their admin language in their account; these are the ones offered.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The admin's password reset email, like every email: in the editor's language, lang and dir set.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "core.admin_i18n.AdminPasswordResetForm"  # noqa: S105
LOCALE_PATHS = [BASE_DIR / "locale"]
# Formats Django's locales lack (Arabic has no date-with-time format of its own).
FORMAT_MODULE_PATH = ["observatory.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

# Media on the local disk, or on S3-compatible storage when a bucket is named.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
    MEDIA_STORAGE_BACKEND = "storages.backends.s3.S3Storage"
else:
    MEDIA_STORAGE_BACKEND = "django.core.files.storage.FileSystemStorage"
# Media on the local disk are served by Django itself (images and their renditions, with
# a long cache), unless a proxy or CDN serves MEDIA_URL: then turn this off.
SERVE_MEDIA = env_bool("OBSERVATORY_SERVE_MEDIA", not AWS_STORAGE_BUCKET_NAME)
STORAGES = {
    "default": {"BACKEND": MEDIA_STORAGE_BACKEND},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: any ESP through django-anymail. EMAIL_BACKEND names the backend; every
# ANYMAIL_<NAME> variable becomes ANYMAIL["<NAME>"] (for example ANYMAIL_MAILGUN_API_KEY).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Observatory of Mayors on Living Together <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ANYMAIL = {
    key.removeprefix("ANYMAIL_"): value
    for key, value in os.environ.items()
    if key.startswith("ANYMAIL_")
}

# Celery: REDIS_URL selects the Redis broker; without it tasks run in-process.
CELERY_BROKER_URL = redis_db_url(0) if REDIS_URL else "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_TASK_TIME_LIMIT = 30 * 60
# Redis redelivers an unacknowledged task after the visibility timeout: it must
# exceed the longest task, or a running task would be delivered twice.
# A request never waits long for a broker that is down: kombu would otherwise retry
# the connection on every .delay() (celery#4627). What a saved row owes goes through
# the outbox (observatory/outbox.py), which hands it over again later.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 2 * 60 * 60,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Exactly one beat runs (docker-compose: the `beat` service). Due times live in the
# database; these periodic tasks move them forward.
CELERY_IMPORTS = ["newsletters.tasks", "international_day.tasks"]
CELERY_BEAT_SCHEDULE = {
    # The outbox: every task a saved row owes reaches a worker, once, after an outage too.
    "sweep-outbox": {
        "task": "observatory.tasks.sweep_outbox",
        "schedule": float(os.environ.get("OBSERVATORY_OUTBOX_SWEEP_SECONDS", 60)),
    },
    "start-due-campaigns": {
        "task": "newsletters.tasks.start_due_campaigns",
        "schedule": 60.0,
    },
    "sweep-deliveries": {"task": "newsletters.tasks.sweep_deliveries", "schedule": 60.0},
    "create-16-may-recap": {
        "task": "international_day.tasks.create_yearly_recap",
        "schedule": 60.0 * 60 * 24,  # daily; creates the recap from 17 May to 30 June
    },
    "send-due-reminders": {
        "task": "newsletters.tasks.send_due_reminders",
        # Every hour: a reminder missed by an outage still goes out the same day.
        "schedule": 60.0 * 60,
    },
}
# How long an outbox message handed to the broker waits for a worker before it is handed
# over again (Redis may have lost it); a worker runs it once whatever the copies.
OBSERVATORY_OUTBOX_LEASE_SECONDS = int(os.environ.get("OBSERVATORY_OUTBOX_LEASE_SECONDS", 300))
# How long a worker holds the deliveries it claimed before the sweeper takes them back.
OBSERVATORY_DELIVERY_LEASE_SECONDS = int(os.environ.get("OBSERVATORY_DELIVERY_LEASE_SECONDS", 300))
# How many deliveries a worker claims and sends together (one UPDATE before, one after).
OBSERVATORY_DELIVERY_BATCH_SIZE = int(os.environ.get("OBSERVATORY_DELIVERY_BATCH_SIZE", 200))
# With a django-anymail backend: the ESP's merge field syntax ("%recipient.{name}%" for
# Mailgun) sends each batch and language in one API call with per-recipient merge data.
OBSERVATORY_ESP_MERGE_FIELD = os.environ.get("OBSERVATORY_ESP_MERGE_FIELD", "")
# A reminder whose whole day was missed goes out at the next run this many days later.
OBSERVATORY_REMINDER_GRACE_DAYS = int(os.environ.get("OBSERVATORY_REMINDER_GRACE_DAYS", 2))

# Wagtail's own background work (search index, reference index) goes through
# django-tasks; this backend hands it to Celery, so it runs on the workers.
TASKS = {"default": {"BACKEND": "observatory.task_backends.CeleryBackend"}}

WAGTAIL_SITE_NAME = "Observatory of Mayors on Living Together"
# Editors' avatars: the one they upload, else Wagtail's own silhouette. No Gravatar: it
# would send a hash of each editor's address to a third party, and on a machine without
# internet access (or under the admin's CSP) every avatar is a broken image.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# On PostgreSQL, full text through the "observatory" configuration: English stemming
# of words whose accents are removed first (search/migrations/0001), so that "Montreal"
# finds "Montréal" as it does on SQLite. SQLite's backend reads no SEARCH_CONFIG.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "observatory"}
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents always go through Wagtail's serve view, which checks who may see a private
# one (core/wagtail_hooks.py), never a redirect to the storage's own address.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Images by content, not extension: Wagtail checks the format with Willow; no SVG, no GIF.
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Machine translation first, then a person checks: DeepL when a key is set.
if os.environ.get("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_API_KEY"]},
    }

# The member-city portal on the public site (editors sign in at /admin/).
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my_city"
LOGOUT_REDIRECT_URL = "login"
OBSERVATORY_INVITATION_MAX_AGE = int(os.environ.get("OBSERVATORY_INVITATION_MAX_AGE", 7 * 86400))
# Behind N reverse proxies of ours, the visitor's address (rate limits, login limits,
# consent records) is the N-th X-Forwarded-For entry from the right; 0 reads REMOTE_ADDR
# only. The older OBSERVATORY_TRUST_X_FORWARDED_FOR=1 means one proxy.
OBSERVATORY_TRUST_X_FORWARDED_FOR = env_bool("OBSERVATORY_TRUST_X_FORWARDED_FOR", False)
OBSERVATORY_TRUSTED_PROXY_COUNT = int(
    os.environ.get("OBSERVATORY_TRUSTED_PROXY_COUNT")
    or (1 if OBSERVATORY_TRUST_X_FORWARDED_FOR else 0)
)
WAGTAILLOCALIZE_JOBS = {"BACKEND": "observatory.task_backends.LocalizeJobBackend"}

# Content Security Policy for the public site. The admin is excluded: Wagtail's
# editor relies on inline scripts and styles.
CSP_TILE_HOSTS = env_list("CSP_TILE_HOSTS", "https://*.tile.openstreetmap.org")
# No nonce: a page the cache keeps is the same for everyone. Scripts are static files;
# JSON-LD blocks are data, which CSP does not govern.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": [SELF],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *CSP_TILE_HOSTS],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# The admin pages that take the site's policy all the same (core.middleware.SiteCSPMiddleware).
OBSERVATORY_ADMIN_PATHS_WITH_SITE_CSP = ["/admin/login/"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "celery.app.trace": {"level": os.environ.get("CELERY_TRACE_LOG_LEVEL", "WARNING")},
    },
}

# Shown in /healthz and the admin footer.
OBSERVATORY_VERSION = os.environ.get("OBSERVATORY_VERSION", "dev")

# The map of member cities (Leaflet): a tile server and its attribution (HTML). A new
# tile host must also be allowed in CSP_TILE_HOSTS. Without an attribution the maps
# credit OpenStreetMap in the reader's language (cities.models.tile_attribution).
OBSERVATORY_MAP_TILE_URL = os.environ.get(
    "OBSERVATORY_MAP_TILE_URL", "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"
)
OBSERVATORY_MAP_ATTRIBUTION = os.environ.get("OBSERVATORY_MAP_ATTRIBUTION", "")
