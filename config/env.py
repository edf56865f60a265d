"""Typed helpers that read settings from the environment and fail loudly.

Every helper raises ``ImproperlyConfigured`` with a message that names the
variable; ``manage.py`` and ``wsgi.py`` turn that into one clear line on
stderr. Values themselves never appear in messages (they may be secrets).
"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    """Return the variable, or ``default``; no default means it is required."""
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfigured(f"{name} must be set.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    normalised = value.strip().lower()
    if normalised in TRUE_VALUES:
        return True
    if normalised in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number.") from None


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """One of ``choices``; anything else stops start-up with the allowed values."""
    value = env_str(name, default)
    if value not in choices:
        allowed = ", ".join(repr(choice) for choice in choices)
        raise ImproperlyConfigured(f"{name} must be one of {allowed}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list; blanks are dropped."""
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_secret(name: str, default: str | None = None) -> str:
    """Read ``NAME`` or, for container secrets, the file named by ``NAME_FILE``."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            value = Path(file_name).read_text(encoding="utf-8").strip()
        except OSError:
            raise ImproperlyConfigured(f"{name}_FILE names a file that cannot be read.") from None
        if not value:
            raise ImproperlyConfigured(f"{name}_FILE names an empty file.")
        return value
    return env_str(name, default)


def env_fernet_keys(name: str, default: str | None = None) -> list[str]:
    """Fernet keys from ``NAME`` (or the file named by ``NAME_FILE``), newest first.

    Keys are separated by commas or line breaks. Each must be 32 bytes in
    URL-safe base64, as ``Fernet.generate_key()`` makes them; checked here
    without importing ``cryptography`` so that start-up stays light.
    """
    keys = [key.strip() for key in env_secret(name, default).replace("\n", ",").split(",")]
    keys = [key for key in keys if key]
    if not keys:
        raise ImproperlyConfigured(f"{name} must be set.")
    for key in keys:
        try:
            raw = base64.urlsafe_b64decode(key.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raw = b""
        if len(raw) != 32:
            raise ImproperlyConfigured(
                f"{name} must hold Fernet keys (32 bytes in URL-safe base64, see README "
                "'Two-factor secrets'), separated by commas."
            )
    return keys


def env_database(name: str, default: str) -> dict[str, Any]:
    """Parse a database URL (``sqlite:///path`` or ``postgres://…``) into Django's dict.

    SQLite gets WAL mode and immediate transactions so that a web process and a
    worker can write side by side without "database is locked" errors.
    """
    url = os.environ.get(name) or default
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception:  # dj-database-url raises several types for bad input
        raise ImproperlyConfigured(
            f"{name} is not a valid database URL "
            "(expected sqlite:///path/to/file.sqlite3 or postgres://user@host:5432/name)."
        ) from None
    engine = config.get("ENGINE", "")
    if engine == "django.db.backends.sqlite3":
        if not config.get("NAME"):
            raise ImproperlyConfigured(f"{name} names no SQLite file.")
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=5000;"
            ),
            "transaction_mode": "IMMEDIATE",
        }
    elif engine == "django.db.backends.postgresql":
        if not config.get("NAME"):
            raise ImproperlyConfigured(f"{name} names no PostgreSQL database.")
    else:
        raise ImproperlyConfigured(f"{name} must point at SQLite or PostgreSQL.")
    return config
