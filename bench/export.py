"""Time one full NDJSON export of the HSDS API and measure the memory it takes.

Run by ``bench/measure.py`` in a process of its own, so that the peak resident
memory (``ru_maxrss``) belongs to the export and not to building the data;
also runs alone against any database that holds data::

    DATABASE_URL=... .venv/bin/python bench/export.py [URL ...]

Prints one JSON object per URL on stdout. The response body is read as a
client would read it, chunk by chunk, counted and dropped.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402 - the project must be on sys.path first

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

FULL_EXPORT = "/api/hsds/services?format=ndjson&full=true"
MB = 1024 * 1024


def _status_kib(field: str) -> int | None:
    """A memory figure of this process from /proc/self/status (Linux), in KiB."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def current_rss() -> int:
    """Resident memory of this process now, in bytes."""
    return (_status_kib("VmRSS") or 0) * 1024


def peak_rss() -> int:
    """The highest resident memory of this process so far, in bytes.

    VmHWM rather than ``getrusage().ru_maxrss``: Linux carries ru_maxrss over
    from the parent through fork and exec, so a child of the benchmark (which
    holds the whole data set) would report the parent's peak.
    """
    peak = _status_kib("VmHWM")
    if peak is None:  # not Linux: ru_maxrss is in KiB on Linux, bytes on macOS
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak * 1024


def export(client: Client, url: str) -> dict:
    """Stream ``url`` to nowhere; its time, size, line count and SQL query count."""
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    rss_before = current_rss()
    cpu_before = time.process_time()
    started = time.perf_counter()
    first_line = None
    size = lines = 0
    with connection.execute_wrapper(count):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="de")
        for chunk in response.streaming_content:
            if first_line is None:
                first_line = time.perf_counter() - started
            size += len(chunk)
            lines += chunk.count(b"\n")
        response.close()
    return {
        "url": url,
        "status": response.status_code,
        "streamed": response.streaming,
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu_before,
        "first_line_seconds": first_line or 0.0,
        "bytes": size,
        "lines": lines,
        "queries": queries,
        "rss_before_mb": rss_before / MB,
        "peak_rss_mb": peak_rss() / MB,
    }


def main() -> None:
    """Warm the process up with a small request, then export each URL once."""
    client = Client()
    client.get("/api/hsds/services?per_page=1&full=true")
    for url in sys.argv[1:] or [FULL_EXPORT]:
        print(json.dumps(export(client, url)), flush=True)


if __name__ == "__main__":
    main()
