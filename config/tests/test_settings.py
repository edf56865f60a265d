"""Settings come from the environment; production refuses to start half-configured.

These tests start ``manage.py`` in a subprocess, as an operator would, so
that the production settings module itself is what is checked (marked slow).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_database, env_list, env_secret

ROOT = Path(__file__).resolve().parents[2]
# The test run's own settings must not leak into the operator's shell we imitate.
INHERITED_NOT = {
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "SECRET_KEY",
    "DJANGO_ENV",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "MFA_KEY",
    "MFA_KEY_FILE",
}
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "x7Jk2-production-test-key-that-is-long-enough-9fQ4vR8sLmN3wZ0tY6",
    "ALLOWED_HOSTS": "integration.example.org",
    "DATABASE_URL": "sqlite:////tmp/integrationsnetz-production-check.sqlite3",
    "MFA_KEY": "cHJvZHVjdGlvbi10ZXN0LWtleS0zMi1ieXRlcy1vayE=",
}


def manage(
    *args: str, env: dict[str, str], tmp_path: Path | None = None
) -> subprocess.CompletedProcess:
    base = {key: value for key, value in os.environ.items() if key not in INHERITED_NOT}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_production_settings_pass_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("change", "variable"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"DATABASE_URL": ""}, "DATABASE_URL"),
        ({"DATABASE_URL": "mysql-ish:/nonsense"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgres://user:secret-pw@host:notaport/db"}, "DATABASE_URL"),
        ({"DEBUG": "1"}, "DEBUG"),
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"LANGUAGES": "de,xx"}, "LANGUAGES"),
        ({"LANGUAGES": "en,ar"}, "LANGUAGES"),
        ({"DJANGO_ENV": "staging"}, "DJANGO_ENV"),
        ({"MFA_KEY": ""}, "MFA_KEY"),
        ({"MFA_KEY": "not-a-key"}, "MFA_KEY"),
        ({"MFA_KEY": "aW50ZWdyYXRpb25zbmV0ei1kZXZlbG9wbWVudC1rZXk="}, "MFA_KEY"),
        ({"MFA_KEY_FILE": "/nonexistent/mfa-key"}, "MFA_KEY_FILE"),
        ({"SESSION_IDLE_MINUTES_STAFF": "0"}, "SESSION_IDLE_MINUTES_STAFF"),
        ({"SESSION_MAX_HOURS": "twelve"}, "SESSION_MAX_HOURS"),
    ],
)
def test_production_start_up_stops_with_one_clear_line(change, variable):
    result = manage("check", env={**PRODUCTION_ENV, **change})

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Configuration error: {variable}")
    assert "Traceback" not in result.stderr
    assert "secret-pw" not in result.stderr


@pytest.mark.slow
def test_session_limits_come_from_the_environment():
    code = (
        "from django.conf import settings as s; print(s.SESSION_MAX_HOURS, "
        "s.SESSION_MAX_HOURS_STAFF, s.SESSION_IDLE_MINUTES, s.SESSION_IDLE_MINUTES_STAFF, "
        "s.SESSION_COOKIE_AGE)"
    )
    env = {
        "SESSION_MAX_HOURS": "10",
        "SESSION_MAX_HOURS_STAFF": "6",
        "SESSION_IDLE_MINUTES": "60",
        "SESSION_IDLE_MINUTES_STAFF": "15",
    }

    result = manage("shell", "-c", code, env={**PRODUCTION_ENV, **env})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "10 6 60 15 36000"


@pytest.mark.slow
def test_development_database_uses_wal(tmp_path):
    database = tmp_path / "wal.sqlite3"
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )

    result = manage("shell", "-c", code, env={"DATABASE_URL": f"sqlite:///{database}"})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "wal"


@pytest.mark.slow
def test_production_reads_mfa_keys_from_a_file(tmp_path):
    key_file = tmp_path / "mfa-key"
    key_file.write_text(PRODUCTION_ENV["MFA_KEY"] + "\n" + Fernet.generate_key().decode() + "\n")
    env = {**PRODUCTION_ENV, "MFA_KEY": "", "MFA_KEY_FILE": str(key_file)}
    code = "from django.conf import settings; print(len(settings.MFA_ENCRYPTION_KEYS))"

    result = manage("shell", "-c", code, env=env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "2"


def test_env_database_parses_postgres(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://app@db.example.org:5432/netz")

    config = env_database("DATABASE_URL", "sqlite:///x")

    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "netz"
    assert config["HOST"] == "db.example.org"


def test_env_database_rejects_other_engines(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mysql://root@localhost/netz")

    with pytest.raises(
        ImproperlyConfigured, match="DATABASE_URL must point at SQLite or PostgreSQL"
    ):
        env_database("DATABASE_URL", "sqlite:///x")


def test_env_secret_reads_file(monkeypatch, tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text("from-a-file\n")
    monkeypatch.setenv("SOME_SECRET_FILE", str(secret_file))

    assert env_secret("SOME_SECRET") == "from-a-file"


def test_env_secret_missing_file_names_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("SOME_SECRET_FILE", str(tmp_path / "nope"))

    with pytest.raises(ImproperlyConfigured, match="SOME_SECRET_FILE"):
        env_secret("SOME_SECRET")


def test_env_bool_and_list(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    monkeypatch.setenv("ITEMS", " a, b ,,c ")

    assert env_bool("FLAG", False) is True
    assert env_list("ITEMS", []) == ["a", "b", "c"]


@pytest.mark.slow
def test_trusted_proxy_count_from_the_environment():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)",
        env={**PRODUCTION_ENV, "TRUSTED_PROXY_COUNT": "1"},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "1"


@pytest.mark.slow
def test_production_cookies_are_bound_to_the_host_over_https():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
        "s.SESSION_COOKIE_DOMAIN, s.SESSION_COOKIE_PATH)",
        env=PRODUCTION_ENV,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["__Host-sessionid", "__Host-csrftoken", "True", "None", "/"]
