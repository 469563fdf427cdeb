"""Settings of the Thi đua – Khen thưởng portal, read from the environment.

With nothing set it runs embedded: SQLite, Celery eager, e-mail to the console, files on local disk.
With DATABASE_URL and REDIS_URL it runs on PostgreSQL and a Celery worker on Redis; with STORAGE_URL
(or AWS_STORAGE_BUCKET_NAME) its files live in an S3-compatible object store, so that any number of
web and worker machines share them.
"""

import datetime
import os
import urllib.parse
from pathlib import Path

import environ
from botocore.config import Config
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def object_store(url):
    """Read STORAGE_URL, s3://KEY:SECRET@HOST[:PORT]/BUCKET[?region=…] (s3+http:// for a store without TLS)."""
    if not url:
        return {}
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("s3", "s3+http") or not parts.hostname or not parts.path.strip("/"):
        raise ValueError(f"STORAGE_URL must read s3://KEY:SECRET@HOST[:PORT]/BUCKET, not {parts.scheme}://{parts.hostname}…")
    port = f":{parts.port}" if parts.port else ""
    return {
        "AWS_S3_ENDPOINT_URL": f"{'http' if parts.scheme == 's3+http' else 'https'}://{parts.hostname}{port}",
        "AWS_STORAGE_BUCKET_NAME": parts.path.strip("/"),
        "AWS_ACCESS_KEY_ID": urllib.parse.unquote(parts.username or ""),
        "AWS_SECRET_ACCESS_KEY": urllib.parse.unquote(parts.password or ""),
        "AWS_S3_REGION_NAME": dict(urllib.parse.parse_qsl(parts.query)).get("region", ""),
    }


env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# The portal refuses to start with DEBUG false and this key (core/checks.py): set SECRET_KEY, or DEBUG=true to try it.
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me"
# Read as written: django-environ would take a key starting with "$" (as Django's generated keys may) for a reference.
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "core.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "django_celery_beat",
    "rules",
    "axes",
    "csp",
    "core",
    "documents",
    "notifications",
    "accounts",
    "campaigns",
    "nominations",
    "councils",
    "awards",
    "dashboards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.VietnameseByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.middleware.NormalizeInputMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "notifications.context_processors.unread_count",
            ],
            "builtins": ["rules.templatetags.rules"],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Connections kept between requests, checked before reuse: after a PostgreSQL restart the next request reconnects.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: it refuses a locked-out login before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 3600)

# Production behind an HTTPS proxy: every value below from the environment (.env.example has the production ones).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
# The proxy (nginx) sets this header and strips it from what clients send, e.g. "HTTP_X_FORWARDED_PROTO,https".
SECURE_PROXY_SSL_HEADER = env.tuple("SECURE_PROXY_SSL_HEADER", default=None)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
# htmx sends the token from the page (base.html), so no script needs to read the cookie.
CSRF_COOKIE_HTTPONLY = True
# A working day, not Django's two weeks: a shared office computer does not stay signed in.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SECURE_REFERRER_POLICY = "same-origin"
# Only the portal's own vendored files: no inline script or style (templates/base.html, static/vendor/).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap draws its icons as data: SVG
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Login throttling (django-axes): a user name tried from one address is locked after so many failures.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
# By name and address together: a whole office behind one address is not locked out by one person.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("Tiếng Anh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Files in an S3-compatible object store (MinIO, Ceph RGW, a cloud bucket) when a bucket is named, by STORAGE_URL
# or by django-storages' own AWS_* variables, which win over it; on local disk under MEDIA_ROOT otherwise.
_store = object_store(env("STORAGE_URL", default=""))
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default=_store.get("AWS_STORAGE_BUCKET_NAME", ""))
AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=_store.get("AWS_S3_ENDPOINT_URL", "")) or None
AWS_ACCESS_KEY_ID = env("AWS_ACCESS_KEY_ID", default=_store.get("AWS_ACCESS_KEY_ID", "")) or None
AWS_SECRET_ACCESS_KEY = env("AWS_SECRET_ACCESS_KEY", default=_store.get("AWS_SECRET_ACCESS_KEY", "")) or None
AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=_store.get("AWS_S3_REGION_NAME", "")) or "us-east-1"
AWS_S3_CLIENT_CONFIG = Config(
    # An office's MinIO or Ceph answers on one host name, without a DNS name per bucket.
    s3={"addressing_style": env("AWS_S3_ADDRESSING_STYLE", default="path")},
    signature_version="s3v4",
    # A store that does not answer fails an upload in seconds, with a message, rather than hanging the page.
    connect_timeout=5, read_timeout=60, retries={"mode": "standard", "max_attempts": 3},
)
# Objects stay private: only the portal, or a link it signed after its own check, reads one.
AWS_DEFAULT_ACL = None
AWS_QUERYSTRING_AUTH = True
AWS_QUERYSTRING_EXPIRE = env.int("AWS_QUERYSTRING_EXPIRE", default=60)
# Two "to-trinh.pdf" in one dossier are two files; a PDF task frees its name itself before it writes.
AWS_S3_FILE_OVERWRITE = False
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
# A PDF task that could not store its file is tried again after this many seconds, then twice as long, five times.
STORAGE_RETRY_DELAY = env.int("STORAGE_RETRY_DELAY", default=30)
# Downloads go through the portal's permission check, then are streamed by it or, with this set and an object
# store the browsers can reach, redirected to a link signed for AWS_QUERYSTRING_EXPIRE seconds.
STORAGE_REDIRECT_DOWNLOADS = bool(AWS_STORAGE_BUCKET_NAME) and env.bool("STORAGE_REDIRECT_DOWNLOADS", default=False)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Sessions live in the database every web node shares: a user may be sent to any node.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Thi đua – Khen thưởng <thidua@localhost>")

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL)
    CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = "cache+memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# Portals sharing one Redis each name their own queue.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Jobs that survive a crash: a task is acknowledged once done, and one whose worker died goes back to the queue
# (the tasks are idempotent: a PDF replaces its file, a message is sent once). One task at a time per process.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A documents job takes seconds (1,000 certificates about a minute, STACK.md): one pending or running longer than
# this is stuck, and the beat's sweep (awards.tasks.fail_stuck_documents) marks it failed so the page offers a retry.
DOCUMENTS_JOB_DEADLINE = env.int("DOCUMENTS_JOB_DEADLINE_SECONDS", default=600)
# A task running past the deadline is stopped (soft first, so it can record its failure) and not requeued.
CELERY_TASK_SOFT_TIME_LIMIT = DOCUMENTS_JOB_DEADLINE
CELERY_TASK_TIME_LIMIT = DOCUMENTS_JOB_DEADLINE + 60
# Redis gives a task whose worker vanished (killed, machine lost) to another worker after this many seconds: above
# the longest job and the longest retry countdown of an e-mail (16 minutes, notifications/tasks.py).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=1200)}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = CELERY_BROKER_TRANSPORT_OPTIONS

UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
# A DOCX or XLSX may unpack to this much, and this many times its own size (core/upload_content.py).
UPLOAD_MAX_UNPACKED_BYTES = env.int("UPLOAD_MAX_UNPACKED_BYTES", default=200 * 1024 * 1024)
UPLOAD_MAX_UNPACK_RATIO = env.int("UPLOAD_MAX_UNPACK_RATIO", default=100)
UPLOAD_MAX_IMAGE_PIXELS = env.int("UPLOAD_MAX_IMAGE_PIXELS", default=50_000_000)
# A long text (a report, an achievement report) may have this many characters: the form refuses more, keeping the text.
FORM_TEXT_MAX_CHARS = env.int("FORM_TEXT_MAX_CHARS", default=100_000)
# The text of one request (files apart). Above the forms' own limits (a Vietnamese letter sent URL-encoded takes up
# to 9 bytes, and a form has up to 7 long texts), so only a forged request meets it: it gets templates/413.html.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=10 * 1024 * 1024)
# The fields of one request: the forward page sends each ticked dossier as one, and an office may forward a
# province's thousands at once (Django's default of 1,000 would answer 400).
DATA_UPLOAD_MAX_NUMBER_FIELDS = env.int("DATA_UPLOAD_MAX_NUMBER_FIELDS", default=20_000)

# Digital signatures: the root certificates (PEM files) a signature must chain to, e.g. the government CA's,
# and a timestamp authority (RFC 3161) whose time each signature then carries (PAdES B-T).
SIGNATURE_TRUST_ROOTS = env.list("SIGNATURE_TRUST_ROOTS", default=[])
SIGNATURE_TIMESTAMP_URL = env("SIGNATURE_TIMESTAMP_URL", default="")
# The token vendor's PKCS#11 library on the server (a USB token plugged into it); empty hides signing with a token.
PKCS11_MODULE = env("PKCS11_MODULE", default="")
# Statutory processing times of a dossier, in working days: return an incomplete one, appraise a complete one.
RETURN_INCOMPLETE_WORKING_DAYS = env.int("RETURN_INCOMPLETE_WORKING_DAYS", default=5)
APPRAISE_COMPLETE_WORKING_DAYS = env.int("APPRAISE_COMPLETE_WORKING_DAYS", default=20)
# A cash reward, the base salary times the award's coefficient, is rounded up to this many đồng (tens of thousands).
REWARD_ROUND_UP_TO = env.int("REWARD_ROUND_UP_TO", default=10000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # fontTools reports each step of subsetting the signature box's font at INFO.
    "loggers": {"fontTools": {"level": "WARNING"}},
}
