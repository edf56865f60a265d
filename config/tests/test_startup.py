"""What a web process loads when it starts: no heavy library it does not need yet.

WeasyPrint (about 40 MB), icalendar (10 MB), Pillow, openpyxl and filetype
are needed by a few pages only (PDFs, calendar files, images, spreadsheets,
uploads). Imported at start they would be in every web and worker process, and
the streamed HSDS export would no longer fit in its memory target. Modules
import them inside the functions that use them.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("weasyprint", "icalendar", "PIL", "openpyxl", "filetype")
PROJECT = Path(__file__).resolve().parent.parent.parent

PROBE = """
import json, sys
from config.wsgi import application  # settings, apps, the warm-up
from django.urls import get_resolver
from django.test import Client

get_resolver().url_patterns  # every app's views and everything they import
Client().get("/api/hsds/")  # a request through all middleware
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


@pytest.mark.slow
def test_web_process_starts_without_heavy_libraries(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_ENV": "development",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}",
        "ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "ERROR",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr[-2000:]
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert [name for name in HEAVY if name in loaded] == []
