"""The language a person uses the site in is kept, for the e-mails they get."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_language_of_opened_pages_is_remembered(client, owner):
    client.force_login(owner)

    client.get("/uk/verwaltung/")
    owner.refresh_from_db()
    assert (owner.language, owner.mail_language) == ("uk", "uk")

    client.get("/ar/verwaltung/")
    owner.refresh_from_db()
    assert owner.language == "ar"


def test_requests_without_a_language_in_the_path_change_nothing(client, owner):
    client.force_login(owner)
    client.get("/uk/verwaltung/")

    client.get("/api/hsds/", HTTP_ACCEPT_LANGUAGE="ar")
    client.get("/", HTTP_ACCEPT_LANGUAGE="ar")  # redirect to a language, not a choice yet

    owner.refresh_from_db()
    assert owner.language == "uk"


def test_failed_requests_and_anonymous_visitors_change_nothing(client, owner, outsider):
    client.force_login(outsider)
    response = client.get(f"/vi/verwaltung/organisationen/{owner.organisation_id}/")
    assert response.status_code == 404
    client.logout()
    assert client.get("/fa/").status_code == 200

    outsider.refresh_from_db()
    assert outsider.language == ""


def _language_writes(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code in (200, 302)
    return [q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "language" in q["sql"]]


def test_the_same_language_costs_no_write(client, owner):
    client.force_login(owner)

    assert len(_language_writes(client, "/en/verwaltung/")) == 1
    assert _language_writes(client, "/en/verwaltung/") == []


def test_the_default_language_is_no_choice_to_keep(client, owner):
    client.force_login(owner)

    assert _language_writes(client, reverse("member:home")) == []
    owner.refresh_from_db()
    assert owner.language == ""


def test_a_language_no_longer_offered_falls_back_to_the_default(owner, settings):
    owner.language = "pl"

    assert owner.mail_language == settings.LANGUAGE_CODE == "de"
