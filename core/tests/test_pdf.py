"""The one PDF renderer loads only the site's own static files (issue 14 item 8)."""

import logging

import pytest
from django.conf import settings

from core.pdf import render_pdf, static_file_for
from core.tests.pdf_helpers import A4, A5, hostile_references, page_sizes, recording_server

REFUSED = "PDF: refused to load a resource"


def refusals(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "core.pdf"]


def test_no_file_and_no_network_resource_is_loaded(caplog, tmp_path):
    with recording_server() as (origin, hits):
        pdf = render_pdf(f"<p>Protokoll</p>{hostile_references(origin, tmp_path)}")

    assert pdf.startswith(b"%PDF")
    assert hits == []
    assert page_sizes(pdf) == [A4]  # neither A5 stylesheet was read
    assert sorted(refusals(caplog)) == [
        f"{REFUSED} (scheme file)",
        f"{REFUSED} (scheme file)",
        f"{REFUSED} (scheme ftp)",
        f"{REFUSED} (scheme http)",
        f"{REFUSED} (scheme http)",
        f"{REFUSED} (scheme http)",
    ]
    assert all(str(tmp_path) not in line and origin not in line for line in refusals(caplog))


def test_the_sites_own_static_files_are_loaded(caplog):
    pdf = render_pdf(
        '<link rel="stylesheet" href="/static/festival/booklet.css">'
        '<img src="/static/favicon.svg" alt=""><p>Programm</p>'
    )

    assert page_sizes(pdf) == [A5]  # booklet.css was read
    assert refusals(caplog) == []


def test_a_static_url_with_the_full_site_address_is_loaded():
    pdf = render_pdf(
        f'<link rel="stylesheet" href="{settings.SITE_URL}/static/festival/booklet.css"><p>x</p>'
    )

    assert page_sizes(pdf) == [A5]


def test_data_urls_are_decoded_but_what_they_reference_is_not_loaded(caplog):
    with recording_server() as (origin, hits):
        svg = (
            "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'>"
            f"<image xlink:href='{origin}/inner.png' width='9' height='9'/></svg>"
        )
        pdf = render_pdf(
            '<link rel="stylesheet" href="data:text/css,@page%20%7B%20size:%20A5%20%7D">'
            '<img alt="" src="data:image/svg+xml,'
            + svg.replace("<", "%3C").replace(">", "%3E").replace("#", "%23")
            + '">'
        )

    assert page_sizes(pdf) == [A5]  # the data: stylesheet was read
    assert hits == []
    assert refusals(caplog) == [f"{REFUSED} (scheme http)"]


@pytest.mark.parametrize(
    "url",
    [
        "/static/../config/settings.py",
        "/static/%2e%2e/config/settings.py",
        "/static/festival/..%2F..%2Fconfig/settings.py",
        "/static//etc/passwd",
        "/static/festival\\..\\..\\config\\settings.py",
        "/config/settings.py",
        "/static/festival/no-such-file.css",
    ],
)
def test_nothing_outside_the_static_files_is_loaded(caplog, url):
    site = settings.SITE_URL.rstrip("/")

    assert static_file_for(site + url) is None
    pdf = render_pdf(f'<link rel="stylesheet" href="{url}"><p>x</p>')
    assert page_sizes(pdf) == [A4]
    assert refusals(caplog) == [f"{REFUSED} (scheme http)"]


def test_a_static_path_on_another_host_is_refused():
    assert static_file_for("http://169.254.169.254/static/festival/booklet.css") is None
    assert static_file_for("https://evil.example/static/festival/booklet.css") is None
    assert static_file_for("file:///static/festival/booklet.css") is None
    assert static_file_for(settings.SITE_URL + "/static/festival/booklet.css") is not None


def test_a_collected_static_file_is_found_in_static_root(settings, tmp_path):
    """Production serves hashed names from STATIC_ROOT, which the finders do not know."""
    settings.STATIC_ROOT = str(tmp_path)
    (tmp_path / "festival").mkdir()
    collected = tmp_path / "festival" / "booklet.0123abcd.css"
    collected.write_text("@page { size: A5 }")

    assert static_file_for(settings.SITE_URL + "/static/festival/booklet.0123abcd.css") == (
        collected
    )


@pytest.fixture(autouse=True)
def _log_level(caplog):
    caplog.set_level(logging.WARNING, logger="core.pdf")
