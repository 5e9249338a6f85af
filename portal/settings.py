"""Settings for the Taiyuan used-car export portal, read from the environment.

PostgreSQL (DATABASE_URL) and Redis (REDIS_URL) are always there: with neither set, `make run` and
`make test` start an embedded PostgreSQL and Redis from wheels and set both (portal/embedded.py).
"""

from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("PORTAL_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["localhost", "127.0.0.1", "[::1]", "testserver"]),
)
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG and not env.bool("PORTAL_EMBEDDED", default=False):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see README).")
    # The embedded default generates a local key once and keeps it under var/.
    from django.core.management.utils import get_random_secret_key

    _key_file = VAR_DIR / "secret-key"
    if not _key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        _key_file.write_text(get_random_secret_key())
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text().strip()

ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, found by FORM_RENDERER below after templates/
    "rest_framework",
    "knox",  # API tokens: hashed, expiring, one per login (api.md v1.1; CONTRIBUTING.md says why)
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "auditlog",
    "django_celery_beat",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_countries",  # ISO 3166-1 codes with their names in zh-hans and en (portal.countries)
    "portal",
    "applications",
    "review",
    "traceability",
    "compliance",
    "supervision",
    "casework",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # NUL bytes in the path or the query string: a 400 naming it, before any view (api.md "Bad input").
    "portal.parsers.RefuseNulBytesMiddleware",
    "portal.middleware.QueryLanguageMiddleware",  # ?lang= on the public verification pages and API
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.auth_backend.PortalOTPMiddleware",  # django-otp's, reading the devices loaded with the user
    # Officials who have not passed the second factor are anonymous everywhere but the 2FA pages.
    "portal.twofactor.TwoFactorMiddleware",
    # The auditor's scope is the audit log (api.md v1.1 "Personal data").
    "portal.scope.AuditorScopeMiddleware",
    "portal.passwords.PasswordExpiryMiddleware",  # PASSWORD_MAX_AGE_DAYS (off by default)
    "django.contrib.messages.middleware.MessageMiddleware",
    # A form posted after the session ended is kept for after the login; the session's time left (issue 20).
    "portal.formkeeper.FormKeeperMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.PortalCSPMiddleware",  # django-csp, the policy built once
    "auditlog.middleware.AuditlogMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lock message.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.context_processors.portal",
            ],
        },
    },
]

# Forms render with the project's template engine, so templates/django/forms/ can override a widget's
# template (the select's, issue 25).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database: PostgreSQL at DATABASE_URL (the embedded one of `make run` / `make test`) --------
if not env.str("DATABASE_URL", default=""):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "DATABASE_URL is not set. `make run` and `make test` start an embedded PostgreSQL and set it; "
        "for other commands use `.venv/bin/python -m portal.embedded -- COMMAND` (README)."
    )
DATABASES = {"default": env.db("DATABASE_URL")}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DATABASE_URL must name a PostgreSQL database (postgres://…): the only database.")
# Persistent connections (+50% on the public VIN check in bench/); checked before reuse.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Issue 21 (portal/db_roles.py): DATABASE_URL is the app role the portal, its workers and beat connect as;
# DATABASE_OWNER_URL the role that owns the tables and runs the migrations (`manage.py setup_db_roles`).
DATABASE_OWNER_URL = env.str("DATABASE_OWNER_URL", default="")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account before its password is even checked (django-axes).
    "portal.lockout.LockoutBackend",
    # ModelBackend whose session user comes with its roles and 2FA devices in one query (issue 25).
    "portal.auth_backend.PortalBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # MLPS 2.0 level 2 (issue 22 point 7): three of four character classes, none of the last five again.
    {"NAME": "portal.passwords.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "portal.passwords.PasswordHistoryValidator", "OPTIONS": {"count": 5}},
]
# Days a password lasts before the user must change it; 0 (the default) means it never expires.
PASSWORD_MAX_AGE_DAYS = env.int("PASSWORD_MAX_AGE_DAYS", default=0)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "public-home"
GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None

# --- Language and time ------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
# ru and ar (issue 21): the public verification pages and API, for buyers and customs abroad.
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English"), ("ru", "Русский"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Uploads live outside the web root and are served only through permission-checked views.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "private-media")))
# Backups are encrypted (issue 22 point 7): gpg, AES-256, with the passphrase read from this file
# (keep a copy away from the backups). The embedded default generates a local one under var/.
BACKUP_PASSPHRASE_FILE = env.str("BACKUP_PASSPHRASE_FILE", default="")
if not BACKUP_PASSPHRASE_FILE and (DEBUG or env.bool("PORTAL_EMBEDDED", default=False)):
    BACKUP_PASSPHRASE_FILE = str(VAR_DIR / "backup-passphrase")
# No URL serves this prefix: uploads are reached only through permission-checked views.
MEDIA_URL = "/private-media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 15 * 1024 * 1024
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)

# --- Redis / Celery: REDIS_URL (the embedded one of `make run` / `make test`: a unix socket) -----
REDIS_URL = env.str("REDIS_URL", default="")
if not REDIS_URL:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("REDIS_URL is not set (README: `make run` and `make test` start an embedded Redis).")


def _celery_url(redis_url: str) -> str:
    """Celery names a unix-socket Redis redis+socket:// where redis-py says unix://."""
    return "redis+socket://" + redis_url.removeprefix("unix://") if redis_url.startswith("unix://") else redis_url


CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=_celery_url(REDIS_URL))
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="portal")
# The daily compliance sweep runs at this time (HH:MM, Asia/Shanghai); editable later in admin.
COMPLIANCE_RUN_AT = env.str("COMPLIANCE_RUN_AT", default="01:30")
CHAIN_CHECK_AT = env.str("CHAIN_CHECK_AT", default="02:30")  # the nightly hash-chain check of every file
TREE_HEAD_AT = env.str("TREE_HEAD_AT", default="23:55")  # the daily signed head of the event log (api.md v1.1)

CACHES = {
    # KEY_PREFIX: processes that share one Redis keep apart (the test suite's parallel workers).
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="portal"),
    },
    # {% cache %} in base.html: fragments that vary only with the language, kept in each process.
    "template_fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments"},
}

# --- Mail ---------------------------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "sent-mail"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="portal@swj.taiyuan.gov.cn")
# The periodic resend job (issue 22 point 4): e-mails unsent after this many seconds are sent by it,
# and a sender's claim older than this many minutes is taken to be a dead sender's.
EMAIL_RESEND_AFTER_SECONDS = env.int("EMAIL_RESEND_AFTER_SECONDS", default=120)
EMAIL_CLAIM_MINUTES = env.int("EMAIL_CLAIM_MINUTES", default=10)
EMAIL_RESEND_EVERY_SECONDS = env.int("EMAIL_RESEND_EVERY_SECONDS", default=300)

# --- REST API -----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal.tokens.PortalTokenAuthentication",
        "portal.integration_keys.IntegrationKeyAuthentication",  # agency systems: `Api-Key <key>`
        "rest_framework.authentication.SessionAuthentication",
    ],
    # The auditor's scope is the audit log (api.md v1.1): checked with every permission.
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated", "portal.scope.InAuditorScope",
        "portal.integration_keys.InIntegrationKeyScope",
    ],
    # api.md v1.1 "Bad input": non-object bodies, nesting deeper than 64 and NUL bytes are 400s.
    "DEFAULT_PARSER_CLASSES": [
        "portal.parsers.JSONObjectParser",
        "portal.parsers.FormParser",
        "portal.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "portal.api_support.Pagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "portal.api_support.exception_handler",
    "DATE_FORMAT": "%Y-%m-%d",
    "COERCE_DECIMAL_TO_STRING": True,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# api.md v1.1 "Authentication": a token ends after 8 hours (and at logout, password change, 2FA reset).
API_TOKEN_TTL = timedelta(hours=env.int("API_TOKEN_TTL_HOURS", default=8))
REST_KNOX = {
    "TOKEN_TTL": API_TOKEN_TTL,
    "AUTH_HEADER_PREFIX": "Token",  # api.md "Conventions": `Authorization: Token <token>`
    "AUTO_REFRESH": False,  # 8 hours from login, however busy the client
}
SPECTACULAR_SETTINGS = {
    "TITLE": "太原市二手车出口业务管理平台 API",
    "DESCRIPTION": "Integration interface v1 (接口规范) for customs, traffic police, inspection bodies "
    "and enterprises' systems.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.schema.document_error_answers",
    ],
    # Several apps have a `status` field; name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {
        "ComplaintStatusEnum": "supervision.models.ComplaintStatus",
        "ObligationStatusEnum": "compliance.models.ObligationStatus",
        "ApplicationStatusEnum": "applications.models.ApplicationStatus",
        "LicenceStatusEnum": "traceability.models.LicenceStatus",
    },
}

# --- Audit log ----------------------------------------------------------------------------------
AUDITLOG_INCLUDE_ALL_MODELS = False

# --- Demo data ----------------------------------------------------------------------------------
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="Taiyuan-Demo-2026")
# api.md v1.1: with a base32 secret, seed_demo gives every official a confirmed TOTP device with it.
DEMO_TOTP_SECRET = env.str("DEMO_TOTP_SECRET", default="")

# --- Security -------------------------------------------------------------------------------------
# Session timeout: a session lasts one working day at most and ends when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_ENGINE = "portal.session_store"  # the database sessions, read without the ORM (issue 25)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "portal.error_pages.csrf_failure"  # the portal's page; keeps what was typed (issue 20)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Plain http is only for the embedded default of `make run` on 127.0.0.1.
HTTPS_ONLY = not DEBUG and not env.bool("PORTAL_EMBEDDED", default=False)
if HTTPS_ONLY:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy (django-csp): no inline scripts or styles anywhere; the 2FA QR code is
# an inline data: image, rendered locally.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Two-factor login (django-otp): required for the roles in portal.roles.TWO_FACTOR_ROLES.
# Tests of other behaviours switch it off (tests/fixtures.py); the 2FA tests switch it on.
PORTAL_REQUIRE_2FA = env.bool("PORTAL_REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = "太原市二手车出口业务管理平台"
OTP_TOTP_THROTTLE_FACTOR = 1
RECOVERY_CODE_COUNT = 10

# Brute-force protection (django-axes): failures are counted per account and address (issue 22
# point 7: five wrong passwords from anywhere no longer lock the bureau head out), plus a limit per
# address over all accounts (portal.lockout); a success resets its count and is never throttled.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_IP_FAILURE_LIMIT = env.int("AXES_IP_FAILURE_LIMIT", default=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_SENSITIVE_PARAMETERS = ["password", "otp", "token"]
AXES_VERBOSE = False
# axes.W006 asks for a pure IP-address lockout at the account limit; ours is separate and higher
# (AXES_IP_FAILURE_LIMIT), because many officials share one office address (NAT) and one person's
# typos must not lock the whole office.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# --- Domain settings (domain-rules.md leaves these open; defaults stated there) ------------------
PORTAL = {
    "ISSUING_AUTHORITY": env.str("LICENCE_ISSUING_AUTHORITY", default="太原市商务局"),
    # The seal printed on every issued document (PNG; GB/T 9704 印章). Empty: seed_demo's demo seal under
    # var/official-seal/ (its ring says 演示). 印发机关 of the 版记; empty: the authority's 办公室.
    "SEAL_IMAGE": env.str("PORTAL_SEAL_IMAGE", default=""),
    "PRINTING_OFFICE": env.str("PORTAL_PRINTING_OFFICE", default=""),
    # Where the public asks and objects (the 公示 notice): the office, its telephone and address. The defaults
    # are the demo's (the phone number is not a real one); set them for production.
    "CONTACT_OFFICE": env.str("PORTAL_CONTACT_OFFICE", default="太原市商务局对外贸易科"),
    "CONTACT_PHONE": env.str("PORTAL_CONTACT_PHONE", default="0351-0000000（演示）"),
    "CONTACT_ADDRESS": env.str("PORTAL_CONTACT_ADDRESS", default="山西省太原市（演示地址）"),
    # The rules' thresholds and periods (公示 length, answer periods, the 180-day rule, review defaults, …) are
    # versioned policy, not settings: portal/policy.py declares them, the bureau publishes versions (issue 24).
}
# Officials' own service times in working days, per case kind (issue 13 clocks).
CASEWORK_SERVICE_WORKING_DAYS = {"intake": 5, "licence_issue": 10, "complaint_answer": 20}
# Case kinds deemed withdrawn when a request for information passes its deadline unanswered.
CASEWORK_DEEMED_WITHDRAWN = env.list("CASEWORK_DEEMED_WITHDRAWN", default=["licence"])
# Decision letters: the signing key and certificate (PEM paths). Empty: seed_demo's demo pair under var/.
LETTER_SIGNING_KEY = env.str("LETTER_SIGNING_KEY", default="")
LETTER_SIGNING_CERT = env.str("LETTER_SIGNING_CERT", default="")
LETTER_RECONSIDERATION_BODY = env.str("LETTER_RECONSIDERATION_BODY", default="太原市人民政府")
LETTER_COURT = env.str("LETTER_COURT", default="有管辖权的人民法院")

# --- Public verification and the event log (api.md v1.1, issue 21) --------------------------------------
# The Ed25519 key (PKCS#8 PEM path) that signs public answers and tree heads. Empty: seed_demo's demo key
# under var/verify-signing/. Replacing it keeps the old public key published with its dates.
VERIFY_SIGNING_KEY = env.str("VERIFY_SIGNING_KEY", default="")
# Per client address, public verification answers (pages and API); beyond it a 429 with Retry-After.
PUBLIC_VERIFY_RATE = env.str("PUBLIC_VERIFY_RATE", default="60/minute")
# Issue 25: the floor views of bench/floor.py (a trivial view through the same stack), for bench/ only.
PORTAL_BENCH_FLOOR = env.bool("PORTAL_BENCH_FLOOR", default=False)
# Where each signed tree head is also published for outsiders (docs/event-log.md): the URLs of a second
# organisation's mirror and/or an RFC 3161 timestamp authority. Stated on the heads page; nothing is sent
# from here (no outbound network), the operator's job copies heads there.
TREE_HEAD_MIRRORS = env.list("TREE_HEAD_MIRRORS", default=[])
