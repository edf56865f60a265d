"""Benchmark the public search on SQLite and, if DATABASE_URL names one, on PostgreSQL.

Each database gets a throw-away copy: a file in a temporary folder for SQLite,
``<name>_bench`` on the PostgreSQL server for PostgreSQL (dropped before and
after). ``bench/measure.py`` runs once per database in a subprocess and prints
its figures. The figures are reported, not asserted: the exit status is 0
unless a run crashes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
MEASURE = Path(__file__).resolve().parent / "measure.py"
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql"}


def measure_env(database_url: str, static_root: str) -> dict[str, str]:
    """The environment of one measuring run: development settings, DEBUG off."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_ENV="development",
        DEBUG="0",
        ALLOWED_HOSTS="testserver,localhost,127.0.0.1",
        # An empty folder, so WhiteNoise does not warn about a missing STATIC_ROOT.
        STATIC_ROOT=static_root,
        LOG_LEVEL="WARNING",
    )
    return env


def run_measure(title: str, database_url: str, scratch: str) -> bool:
    """Print a block for one database; True when the run finished without crashing."""
    print(f"== {title} ==", flush=True)
    static_root = os.path.join(scratch, "static")
    os.makedirs(static_root, exist_ok=True)
    result = subprocess.run(  # noqa: S603 - our own interpreter and script, no shell
        [sys.executable, str(MEASURE)],
        cwd=BASE_DIR,
        env=measure_env(database_url, static_root),
        check=False,
    )
    if result.returncode != 0:
        print(f"!! the run on {title} crashed (exit status {result.returncode})", flush=True)
    print(flush=True)
    return result.returncode == 0


@contextmanager
def postgres_bench_database(url: str) -> Iterator[str]:
    """Create ``<name>_bench`` on the server of ``url``; yield its URL; drop it after."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')}_bench"
    server = urlunsplit(
        parts._replace(scheme="postgresql", path="/postgres", query="", fragment="")
    )

    def execute(statement: sql.Composable) -> None:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(statement)

    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    execute(drop)
    execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        execute(drop)


def main() -> int:
    """Benchmark every database asked for; 1 if any run crashed, else 0."""
    ok = True
    with tempfile.TemporaryDirectory(prefix="integrationsnetz-bench-") as scratch:
        sqlite_url = f"sqlite:///{os.path.join(scratch, 'bench.sqlite3')}"
        ok &= run_measure("SQLite (file)", sqlite_url, scratch)

        url = os.environ.get("DATABASE_URL", "")
        if urlsplit(url).scheme in POSTGRES_SCHEMES:
            with postgres_bench_database(url) as bench_url:
                ok &= run_measure("PostgreSQL", bench_url, scratch)
        else:
            print("(PostgreSQL skipped: DATABASE_URL does not point at PostgreSQL)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
