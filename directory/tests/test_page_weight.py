"""First load of the search page on a phone: at most 150 KB over the wire.

Measured against the site as it runs in production — gunicorn, production
settings, WhiteNoise serving the compressed static files — in Chromium.
Map tiles come from an outside server and are not counted.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from django.conf import settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(settings.BASE_DIR)
BUDGET = 150 * 1024
ENV_NOT_INHERITED = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(*args: str, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


class Site(NamedTuple):
    url: str
    static_root: Path


@pytest.fixture(scope="module")
def production_site(tmp_path_factory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("production")
    base = {key: value for key, value in os.environ.items() if key not in ENV_NOT_INHERITED}
    development = {**base, "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}"}
    run("migrate", "--noinput", env=development)
    run("createcachetable", env=development)
    run("load_demo", env=development)
    production = {
        **development,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "page-weight-test-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "MFA_KEY": "cGFnZS13ZWlnaHQtdGVzdC1rZXktMzItYnl0ZXMhISE=",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(folder / "static"),
    }
    run("collectstatic", "--noinput", env=production)
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=production,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/de/", timeout=2)  # noqa: S310 - loopback only
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("gunicorn did not start")
            time.sleep(0.3)
    yield Site(url=url, static_root=folder / "static")
    server.terminate()
    server.wait(timeout=10)


def test_search_page_first_load_is_light(browser, production_site, capsys):
    tile_origin = settings.MAP_TILE_ORIGIN or "no tiles"
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))

    page.goto(f"{production_site.url}/de/suche/?q=Wohnung", wait_until="networkidle")

    counted = [r for r in responses if not r.url.startswith(tile_origin)]
    sizes = {
        r.url: r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in counted
    }
    total = sum(sizes.values())
    with capsys.disabled():
        print(f"\nsearch page first load: {total / 1024:.1f} KB in {len(sizes)} responses")
    context.close()

    assert page.url.endswith("/de/suche/?q=Wohnung")
    assert any(url.endswith(".css") for url in sizes)
    assert total <= BUDGET, sizes


def test_pages_are_sent_compressed(production_site):
    request = urllib.request.Request(  # noqa: S310 - loopback only
        f"{production_site.url}/de/suche/", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request) as response:  # noqa: S310
        html = response.read()
        assert response.headers["Content-Encoding"] == "gzip"
    assert len(html) < 20_000


def test_production_collects_compressed_static_files(production_site):
    """collectstatic in production writes the manifest and compressed copies
    (checked on the site this module builds, which costs one collectstatic)."""
    static = production_site.static_root

    assert (static / "staticfiles.json").exists()
    assert list((static / "vendor" / "kern").glob("kern.min.*.css.gz"))


@pytest.mark.parametrize("path", ["/de/", "/de/gibt-es-nicht/", "/static/css/site.css"])
def test_production_answers_name_no_server_version(production_site, path):
    """No answer of the production server tells which software version runs it
    (ASVS 13.4.6): gunicorn names itself without a version, Django adds nothing."""
    request = urllib.request.Request(f"{production_site.url}{path}")  # noqa: S310 - loopback only
    try:
        response = urllib.request.urlopen(request)  # noqa: S310
    except urllib.error.HTTPError as error:
        response = error
    with response:
        headers = response.headers

    assert headers.get("Server", "") == "gunicorn"
    assert "X-Powered-By" not in headers
