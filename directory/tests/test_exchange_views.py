"""The import and export pages: coordinators only, uploads in memory, reports on the page."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from core.models import ChangeSet
from directory.exchange.entries import stable_id
from directory.models import Offer, Organisation
from directory.tests.factories import OrganisationFactory
from directory.tests.test_exchange_import import (
    OFFER_HEADER,
    ORGANISATION_HEADER,
    csv_file,
    organisation_row,
)

pytestmark = pytest.mark.django_db

BASE = "/en/verwaltung/austausch/"
GET_URLS = [
    BASE,
    BASE + "export.zip",
    BASE + "export.xlsx",
    BASE + "export.json",
    BASE + "vorlage.xlsx",
    BASE + "offers/vorlage.csv",
]


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def post_file(client: Client, name: str, content: bytes, kind: str = ""):
    return client.post(BASE + "import/", {"file": SimpleUploadedFile(name, content), "kind": kind})


def organisations_csv() -> bytes:
    return csv_file(ORGANISATION_HEADER, organisation_row("awo"))


# --- Who may ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", GET_URLS)
def test_pages_send_anonymous_visitors_to_the_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/konto/login/?next=")


@pytest.mark.parametrize("url", GET_URLS)
@pytest.mark.parametrize("who", ["owner", "outsider"])
def test_pages_are_forbidden_to_member_editors(client, request, url, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url)
    assert response.status_code == 403
    assert b"awo" not in body(response)


@pytest.mark.parametrize("url", GET_URLS)
def test_pages_open_for_the_coordinator(client, coordinator, organisation, url):
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert len(body(response)) > 100


def test_import_by_anonymous_is_sent_to_login_and_writes_nothing(client):
    response = post_file(client, "organisations.csv", organisations_csv())
    assert response.status_code == 302
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize("who", ["owner", "outsider"])
def test_import_by_member_editors_is_forbidden_and_writes_nothing(client, request, who):
    client.force_login(request.getfixturevalue(who))
    count = Organisation.objects.count()
    response = post_file(client, "organisations.csv", organisations_csv())
    assert response.status_code == 403
    assert Organisation.objects.count() == count


def test_unknown_template_kind_is_not_found(client, coordinator):
    client.force_login(coordinator)
    assert client.get(BASE + "people/vorlage.csv").status_code == 404


def test_import_page_accepts_only_post(client, coordinator):
    client.force_login(coordinator)
    assert client.get(BASE + "import/").status_code == 405


# --- The page -------------------------------------------------------------------------------


def test_index_lists_exports_templates_and_the_form(client, coordinator):
    client.force_login(coordinator)
    html = client.get(BASE).content.decode()
    for url in GET_URLS[1:]:
        assert f'href="{url}"' in html
    assert 'enctype="multipart/form-data"' in html
    assert '<label class="kern-label" for="id_file">File</label>' in html
    assert 'aria-describedby="id_file_helptext"' in html
    assert "At most 10.0\xa0MB and 20000 rows." in html


def test_import_shows_counts(client, coordinator):
    client.force_login(coordinator)
    response = post_file(client, "organisations.csv", organisations_csv())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Every row of “organisations.csv” was correct and has been imported." in html
    assert re.search(
        r"<th[^>]*>Organisations</th>\s*<td[^>]*>1</td>\s*<td[^>]*>0</td>\s*<td[^>]*>0</td>", html
    )
    assert Organisation.objects.get().pk == stable_id("organisation", "awo")


def test_import_error_report_is_shown_escaped_and_nothing_written(client, coordinator):
    client.force_login(coordinator)
    bad = organisation_row("vhs", kind="<script>alert(1)</script>")
    response = post_file(
        client, "organisations.csv", csv_file(ORGANISATION_HEADER, organisation_row(), bad)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert "The upload has 1 problem." in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert re.search(
        r"<td[^>]*>organisations.csv</td>\s*<td[^>]*>3</td>\s*<td[^>]*>kind</td>", html
    )
    assert Organisation.objects.count() == 0


def test_import_without_file_is_a_form_error(client, coordinator):
    client.force_login(coordinator)
    response = client.post(BASE + "import/", {"kind": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        '<div class="kern-error" id="id_file_error"><p>Choose a file to import.</p></div>' in html
    )
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="id_file"', html)
    assert 'aria-describedby="id_file_helptext id_file_error"' in html


def test_import_form_refuses_other_file_types_and_unnamed_csv(client, coordinator):
    client.force_login(coordinator)
    response = post_file(client, "bild.png", b"\x89PNG")
    assert response.status_code == 400
    assert "The import reads .csv, .zip, .xlsx and .json files." in response.content.decode()
    response = post_file(client, "Tabelle1.csv", organisations_csv())
    assert response.status_code == 400
    assert "Choose what the CSV file holds, or name it after its kind." in response.content.decode()
    response = post_file(client, "Tabelle1.csv", organisations_csv(), kind="organisations")
    assert response.status_code == 200


def test_import_unknown_kind_choice_is_a_form_error(client, coordinator):
    client.force_login(coordinator)
    response = post_file(client, "organisations.csv", organisations_csv(), kind="people")
    assert response.status_code == 400
    assert Organisation.objects.count() == 0


def test_oversized_upload_is_dropped_with_a_clear_message(client, coordinator, settings):
    settings.DIRECTORY_IMPORT_MAX_BYTES = 2048
    client.force_login(coordinator)
    content = organisations_csv() + b"\n" * 5000
    response = post_file(client, "organisations.csv", content)
    assert response.status_code == 400
    assert (
        "The file is larger than 2.0\xa0KB, the most the import accepts."
        in response.content.decode()
    )
    assert Organisation.objects.count() == 0


def test_upload_never_goes_to_a_temporary_file(client, coordinator, settings, tmp_path):
    # Django's own handlers would write this upload into a missing directory and fail.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "missing")
    client.force_login(coordinator)
    response = post_file(client, "organisations.csv", organisations_csv())
    assert response.status_code == 200
    assert Organisation.objects.count() == 1


def test_import_checks_the_csrf_token(coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    response = post_file(client, "organisations.csv", organisations_csv())
    assert response.status_code == 403
    assert Organisation.objects.count() == 0

    client.get(BASE)
    token = client.cookies["csrftoken"].value
    response = client.post(
        BASE + "import/",
        {
            "file": SimpleUploadedFile("organisations.csv", organisations_csv()),
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 200
    assert Organisation.objects.count() == 1


def test_imported_html_is_shown_escaped_on_the_public_page(client, coordinator):
    OrganisationFactory(slug="awo")
    client.force_login(coordinator)
    content = csv_file(
        [*OFFER_HEADER, "description"],
        ["kurs", "awo", "<b>Kurs</b>", "", "", "", '<img src=x onerror="alert(1)">'],
    )
    assert post_file(client, "offers.csv", content).status_code == 200
    offer = Offer.objects.get()
    assert offer.name == "<b>Kurs</b>"

    html = client.get(f"/en/angebote/{offer.pk}/").content.decode()
    assert "&lt;b&gt;Kurs&lt;/b&gt;" in html
    assert "<b>Kurs</b>" not in html
    assert "<img src=x" not in html


def test_import_history_names_the_coordinator(client, coordinator):
    OrganisationFactory(slug="awo")
    client.force_login(coordinator)
    content = csv_file(OFFER_HEADER, ["kurs", "awo", "Kurs", "", "", "de, ar"])
    assert post_file(client, "offers.csv", content).status_code == 200
    offer = Offer.objects.get()
    change_set = ChangeSet.objects.get()
    assert (change_set.actor, change_set.action) == (coordinator, "directory.exchange.import")
    offer_changes = change_set.changes.filter(root_id=str(offer.pk)).order_by("label")
    assert [(change.label, change.operation) for change in offer_changes] == [
        ("Kurs", "created"),
        ("ar", "created"),
        ("de", "created"),
    ]
