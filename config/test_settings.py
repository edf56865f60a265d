"""Test settings: the real database engine, fast hashing, no outside world."""

import tempfile
from pathlib import Path

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Serve static files from the finders, as in development; no collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Threads of the live server (browser tests) must not keep connections open,
# or PostgreSQL refuses to drop the test database at the end.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# Uploads go to a throw-away folder, never into the project.
UPLOAD_ROOT = Path(tempfile.mkdtemp(prefix="integrationsnetz-uploads-"))
STORAGES["uploads"]["OPTIONS"]["location"] = UPLOAD_ROOT  # noqa: F405

# Every request asks the database and the cache afresh, so query counts in tests
# include those reads; core/tests/test_recheck.py tests the keeping.
SHARED_STATE_RECHECK_SECONDS = 0

# --- meetings app ---


# --- festival app ---
FESTIVAL_IMAGE_MAX_BYTES = 200 * 1024


# --- public forms (core.spam) ---
# Forms may be sent at once in tests; the fill-time tests set their own minimum.
FORM_MIN_FILL_SECONDS = 0


# --- accounts: MFA secrets (accounts.mfa) ---
# A fixed key of the tests' own: b"integrationsnetz-test-only-key!!" in base64.
MFA_ENCRYPTION_KEYS = ["aW50ZWdyYXRpb25zbmV0ei10ZXN0LW9ubHkta2V5ISE="]
