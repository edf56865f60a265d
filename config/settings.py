"""Settings for Integrationsnetz, read from the environment.

``DJANGO_ENV=development`` (the default) gives safe local defaults: SQLite in
the project folder, console e-mail, DEBUG on. ``DJANGO_ENV=production``
requires a real ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DATABASE_URL`` and
turns on every transport-security setting that ``check --deploy`` asks for.
"""

from pathlib import Path
from urllib.parse import urlsplit

from csp.constants import NONE, SELF
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

from config.env import (
    env_bool,
    env_choice,
    env_database,
    env_fernet_keys,
    env_int,
    env_list,
    env_secret,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

ENVIRONMENT = env_str("DJANGO_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'.")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DEBUG", not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when DJANGO_ENV is production.")

if PRODUCTION:
    SECRET_KEY = env_secret("SECRET_KEY")
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured(
            "SECRET_KEY must be a random string of at least 50 characters in production."
        )
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")
    DATABASES = {"default": env_database("DATABASE_URL", env_str("DATABASE_URL"))}
else:
    SECRET_KEY = env_secret(
        "SECRET_KEY", "django-insecure-local-development-key-not-for-production"
    )
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
    DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "corsheaders",
    "csp",
    "phonenumber_field",
    "django_tasks",
    "django_tasks_db",
    "core",
    "accounts",
    "directory",
    "meetings",
    "festival",
    "network",
]

MIDDLEWARE = [
    # First, so that even responses made by later middleware carry the CORS headers.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",  # 405 for TRACE & co., Permissions-Policy
    "whitenoise.middleware.WhiteNoiseMiddleware",  # serves pre-compressed static files
    # Pages are small on a phone's prepaid data too; Django's GZip middleware
    # pads responses against BREACH, and CSRF tokens are masked per request.
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.CoordinatorMFAMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages, so that it can say why a login has ended.
    "accounts.sessions.SessionLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
                "core.context_processors.site",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "accounts.passwords.SiteWordsValidator"},
]
# No composition rules (ASVS 6.2.5): a long password of digits only is fine
# unless it is a common one. Words a guesser tries first for this site:
PASSWORD_SITE_WORDS = env_list(
    "PASSWORD_SITE_WORDS", ["integrationsnetz", "neubrandenburg", "netzwerkmigration"]
)
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "directory:home"

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# How many reverse proxies in front of the site append to X-Forwarded-For: the login
# limits and the public forms' limits (core.ratelimit) count the client behind them.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Values other server processes may change (the taxonomy's version, whether demo
# data is loaded, the languages of the language filter) are read again at most
# this often, instead of once per page: on PostgreSQL, `make bench` measured the
# offer page at p95 23.6 ms without this (target 20 ms), see core/recheck.py.
SHARED_STATE_RECHECK_SECONDS = env_int("SHARED_STATE_RECHECK_SECONDS", 5)
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
# A new e-mail address (on the account's e-mail page or set in the admin) counts only
# once confirmed from that address; it then replaces the old one, which is told
# (issue 14 item 1). The notices of changes (password, address, two factors) go out.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Changing the e-mail address asks for the password again when the login is older
# than a few minutes (ASVS 7.5.1), as the two-factor pages already do.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# allauth's defaults already limit failed logins per IP and per account;
# spelt out here so that the limits are visible and reviewable.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Integrationsnetz"

# --- MFA: TOTP secrets and recovery-code seeds are stored encrypted ----------
#
# allauth stores them in plain text by default; a database dump would give away
# every second factor. accounts.mfa encrypts them (Fernet) with keys kept outside
# the database: MFA_KEY (or MFA_KEY_FILE), comma-separated, newest first. The
# first key encrypts, every key decrypts, so a key can be rotated without
# downtime (`manage.py mfa_keys rotate`, see README "Production"). Production
# refuses to start without a key of its own; development uses a fixed key,
# named as such, that must never protect real accounts.
MFA_ADAPTER = "accounts.mfa.EncryptingMFAAdapter"
# The development key is b"integrationsnetz-development-key" in base64.
MFA_DEVELOPMENT_KEY = "aW50ZWdyYXRpb25zbmV0ei1kZXZlbG9wbWVudC1rZXk="
MFA_ENCRYPTION_KEYS = env_fernet_keys("MFA_KEY", None if PRODUCTION else MFA_DEVELOPMENT_KEY)
if PRODUCTION and MFA_DEVELOPMENT_KEY in MFA_ENCRYPTION_KEYS:
    raise ImproperlyConfigured("MFA_KEY must not contain the development key in production.")

# How long a login lasts (accounts/sessions.py): it ends SESSION_MAX_HOURS after it
# began and SESSION_IDLE_MINUTES after the last request; coordinators and superusers
# have the shorter *_STAFF limits. The session row expires with the login; the cookie
# of a logged-in session ends with the browser.
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12)
SESSION_MAX_HOURS_STAFF = env_int("SESSION_MAX_HOURS_STAFF", 8)
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 120)
SESSION_IDLE_MINUTES_STAFF = env_int("SESSION_IDLE_MINUTES_STAFF", 30)
for _name in (
    "SESSION_MAX_HOURS",
    "SESSION_MAX_HOURS_STAFF",
    "SESSION_IDLE_MINUTES",
    "SESSION_IDLE_MINUTES_STAFF",
):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1.")
SESSION_ENGINE = "accounts.sessions"
# No "remember me": these limits decide how long a login lasts.
ACCOUNT_SESSION_REMEMBER = False
# Anonymous sessions (a pending second factor, messages) live no longer than the
# longest login, so the server never keeps any session longer (Django: 14 days).
SESSION_COOKIE_AGE = max(SESSION_MAX_HOURS, SESSION_MAX_HOURS_STAFF) * 3600

# --- Languages ------------------------------------------------------------

LANGUAGE_CODE = "de"
SOURCE_LANGUAGE = "de"  # content is written in German; translations follow it
_language_codes = env_list("LANGUAGES", ["de", "en", "uk", "ru", "ar", "fa", "tr", "vi"])
_unknown = [code for code in _language_codes if code not in LANG_INFO]
if _unknown:
    raise ImproperlyConfigured(
        "LANGUAGES contains codes Django does not know: " + ", ".join(_unknown)
    )
if SOURCE_LANGUAGE not in _language_codes:
    raise ImproperlyConfigured("LANGUAGES must contain 'de', the source language.")
LANGUAGES = [(code, LANG_INFO[code]["name"]) for code in _language_codes]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

PHONENUMBER_DEFAULT_REGION = "DE"
PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"

# --- Static files ---------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles"))
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/kern", NODE_MODULES / "@kern-ux" / "native" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Cache (also holds allauth's login rate-limit counters) ----------------

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "integrationsnetz_cache",
    }
}

# --- E-mail ---------------------------------------------------------------

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Integrationsnetz <noreply@example.org>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Links in e-mails (sent by the worker, outside any request) start with this.
SITE_URL = env_str(
    "SITE_URL", f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION else "http://127.0.0.1:8000"
).rstrip("/")
# Every mail is stored in the outbox first and sent by the worker; a failed
# send is tried again after MAIL_RETRY_MINUTES, doubling, MAIL_MAX_ATTEMPTS times.
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 6)
MAIL_RETRY_MINUTES = env_int("MAIL_RETRY_MINUTES", 5)
# Sent mails (with their addresses) are deleted from the outbox after this.
MAIL_KEEP_DAYS = env_int("MAIL_KEEP_DAYS", 30)

# --- Directory: member self-service, review, freshness, data exchange -------

# Member editors' changes wait for a coordinator's approval when this is on.
DIRECTORY_REVIEW_CHANGES = env_bool("DIRECTORY_REVIEW_CHANGES", False)
# An offer not confirmed for this many months counts as stale.
DIRECTORY_STALE_AFTER_MONTHS = env_int("DIRECTORY_STALE_AFTER_MONTHS", 6)
# At most one reminder per stale offer in this many days.
DIRECTORY_REMINDER_PERIOD_DAYS = env_int("DIRECTORY_REMINDER_PERIOD_DAYS", 30)
# Reports of mistakes on offer pages are deleted this many months after they
# were marked done.
DIRECTORY_REPORT_RETENTION_MONTHS = env_int("DIRECTORY_REPORT_RETENTION_MONTHS", 12)
# Largest import file (bytes) and most rows per import.
DIRECTORY_IMPORT_MAX_BYTES = env_int("DIRECTORY_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
DIRECTORY_IMPORT_MAX_ROWS = env_int("DIRECTORY_IMPORT_MAX_ROWS", 20_000)

# Machine translation is off unless a provider is named: "libretranslate"
# (self-hosted: the text stays with the city) or "deepl".
MACHINE_TRANSLATION_PROVIDER = env_choice(
    "MACHINE_TRANSLATION_PROVIDER", "", ("", "libretranslate", "deepl")
)
MACHINE_TRANSLATION_URL = env_str("MACHINE_TRANSLATION_URL", "")
MACHINE_TRANSLATION_API_KEY = env_secret("MACHINE_TRANSLATION_API_KEY", "")
MACHINE_TRANSLATION_TIMEOUT = env_int("MACHINE_TRANSLATION_TIMEOUT", 20)

# --- Background tasks (django-tasks, database backend) ----------------------
# `manage.py run_worker` runs them; `make run` starts one next to the server.

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# --- Security -------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Messages ("saved", "your session has ended") wait in the session, not in a
# cookie of their own: one cookie less to protect (ASVS 3.3.1).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CSRF_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # People's browsers are sent from http to https; programs calling the API
    # are not (a redirect would hide their mistake): they get 403 (ASVS 4.1.2).
    SECURE_REDIRECT_EXEMPT = [r"^api/"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The "__Host-" prefix makes browsers accept these cookies only over HTTPS,
    # for the whole site and from this host alone: no subdomain can plant one.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    if env_bool("TRUST_X_FORWARDED_PROTO", True):
        # Only safe behind a reverse proxy that sets this header itself.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Public forms: spam protection (core.spam) ------------------------------
#
# A form sent back faster than FORM_MIN_FILL_SECONDS after it was shown is
# refused (a bot), one older than FORM_MAX_AGE_HOURS has expired. Each public
# form counts its submissions per client address (and per e-mail address where
# it asks for one): at most PUBLIC_FORM_RATE_LIMIT per window, or the form's own
# limit in PUBLIC_FORM_RATE_LIMITS (by scope: "network" for joining and
# helping, "festival-partner" for the festival's partner form, "directory-report"
# for reports of mistakes on offer pages).
FORM_MIN_FILL_SECONDS = env_int("FORM_MIN_FILL_SECONDS", 3)
FORM_MAX_AGE_HOURS = env_int("FORM_MAX_AGE_HOURS", 24)
PUBLIC_FORM_RATE_WINDOW_MINUTES = env_int("PUBLIC_FORM_RATE_WINDOW_MINUTES", 60)
PUBLIC_FORM_RATE_LIMIT = env_int("PUBLIC_FORM_RATE_LIMIT", 5)
PUBLIC_FORM_RATE_LIMITS = {
    "festival-partner": env_int("FESTIVAL_PARTNER_FORM_RATE_LIMIT", 10),
}

# --- Unmet searches (directory.search.unmet) ---------------------------------
#
# A typed search whose first page shows at most SEARCH_UNMET_THRESHOLD offers
# is counted (normalised query, month and language; nothing personal) for the
# coordinators' page of unmet searches; counts and wishes older than
# SEARCH_UNMET_RETENTION_MONTHS are deleted daily.
SEARCH_UNMET_THRESHOLD = env_int("SEARCH_UNMET_THRESHOLD", 2)
SEARCH_UNMET_RETENTION_MONTHS = env_int("SEARCH_UNMET_RETENTION_MONTHS", 24)

# --- Map ----------------------------------------------------------------

# Tile server for the maps; empty turns the maps off (lists and pages work
# without them). "{s}", "{z}", "{x}", "{y}" as in Leaflet's URL templates.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_ATTRIBUTION = env_str("MAP_ATTRIBUTION", "© OpenStreetMap contributors")


def _origin(url: str) -> str:
    """The CSP source for the tile server; Leaflet's "{s}." subdomains become "*."."""
    parts = urlsplit(url.replace("{s}.", "*."))
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ImproperlyConfigured("MAP_TILE_URL must be an http(s) URL, or empty.")
    return f"{parts.scheme}://{parts.netloc}"


MAP_TILE_ORIGIN = _origin(MAP_TILE_URL) if MAP_TILE_URL else None

# A strict policy: no inline scripts or styles anywhere in our templates.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([MAP_TILE_ORIGIN] if MAP_TILE_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}

# --- CORS: the HSDS read API may be read from any web page -------------------

# Only /api/ answers cross-origin requests, only for reading, and never with
# cookies (CORS_ALLOW_CREDENTIALS stays off): the API shows public data only.
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "OPTIONS"]

# --- Uploads -------------------------------------------------------------------

# Files people upload (agenda attachments, event images) are stored here, outside
# the web root and outside STATIC_ROOT; the apps serve them through views that
# check who may see them. Back this folder up with the database.
UPLOAD_ROOT = Path(env_str("UPLOAD_ROOT", str(BASE_DIR / "uploads")))
STORAGES["uploads"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": UPLOAD_ROOT, "base_url": None},
}

# --- Meetings and working groups (meetings app) ----------------------------------
#
# Largest file members may attach to an agenda item (bytes; default 20 MB).
MEETINGS_UPLOAD_MAX_BYTES = env_int("MEETINGS_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
# Reminders for action items go out this many days before the due date.
MEETINGS_REMINDER_DAYS_BEFORE = env_int("MEETINGS_REMINDER_DAYS_BEFORE", 3)


# --- Intercultural Week (festival app) -------------------------------------------
#
# Largest event image accepted (bytes); images are checked by content (Pillow).
FESTIVAL_IMAGE_MAX_BYTES = env_int("FESTIVAL_IMAGE_MAX_BYTES", 3 * 1024 * 1024)
# How long a new late-submission link works by default (days).
FESTIVAL_LINK_DAYS = env_int("FESTIVAL_LINK_DAYS", 14)
# The public booklet PDF is kept this long per programme state and language (seconds);
# a changed programme makes a new one at once.
FESTIVAL_BOOKLET_CACHE_SECONDS = env_int("FESTIVAL_BOOKLET_CACHE_SECONDS", 24 * 3600)


# --- Joining and helping (network app) -------------------------------------------
#
# Privacy notice shown next to the consent box of the public forms. Empty:
# the app's own notice, translated into every site language.
NETWORK_PRIVACY_NOTICE = env_str("NETWORK_PRIVACY_NOTICE", "")
# The same e-mail address sending the same content within this time is one request.
NETWORK_DUPLICATE_MINUTES = env_int("NETWORK_DUPLICATE_MINUTES", 10)
# Links in confirmation e-mails (see state, withdraw) stay valid this long.
NETWORK_LINK_MAX_AGE_DAYS = env_int("NETWORK_LINK_MAX_AGE_DAYS", 90)
# A help offer goes to at most this many member organisations.
NETWORK_MATCH_LIMIT = env_int("NETWORK_MATCH_LIMIT", 3)
# Help offers nobody took up after this many days are shown to the coordinator.
NETWORK_UNROUTED_DAYS = env_int("NETWORK_UNROUTED_DAYS", 7)
# Personal data of help offers and declined join requests is deleted after this.
NETWORK_RETENTION_MONTHS = env_int("NETWORK_RETENTION_MONTHS", 12)


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Each line says when, how grave and which part of the site (the
    # "integrationsnetz.security" logger carries logins and refusals).
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Request logs carry URLs with e-mail addresses or names only in query
    # strings we never build; keep Django's request logger at WARNING.
    # WeasyPrint logs each resource core.pdf refuses with its full address at
    # ERROR and every step at INFO; core.pdf logs a refusal itself (the scheme
    # only), and a PDF that cannot be made raises.
    "loggers": {
        "django.request": {"level": "WARNING"},
        "weasyprint": {"level": "CRITICAL"},
        "weasyprint.progress": {"level": "WARNING"},
    },
}
