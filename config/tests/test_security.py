import pytest
from django.urls import reverse

from core.middleware import PERMISSIONS_POLICY

pytestmark = pytest.mark.django_db

REQUIRED_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
}


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    directives = [part.strip().split(" ", 1) for part in header.split(";") if part.strip()]
    return dict(directives)


@pytest.mark.parametrize(
    "url",
    ["/de/", "/ar/", "/de/konto/login/", "/de/admin/login/", "/de/gibt-es-nicht/", "/"],
)
def test_every_response_carries_a_strict_csp(client, url):
    response = client.get(url)

    directives = policy(response)
    for name, value in REQUIRED_DIRECTIVES.items():
        assert directives[name] == value
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_csp_on_admin_pages_for_coordinator(client, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert policy(response)["script-src"] == "'self'"


def test_pages_have_no_inline_scripts_or_styles(client, organisation):
    content = client.get("/de/").content.decode()

    assert "<script>" not in content
    assert "<style" not in content
    assert " style=" not in content
    assert " onclick=" not in content


def test_security_headers(client):
    response = client.get("/de/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("method", ["TRACE", "PUT", "DELETE", "PATCH", "PROPFIND", "CONNECT"])
@pytest.mark.parametrize("path", ["/de/", "/de/suche/", "/api/hsds/services", "/accounts/login/"])
def test_unexpected_methods_are_refused_with_405(client, method, path):
    response = client.generic(method, path)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


@pytest.mark.parametrize("path", ["/de/", "/ar/suche/", "/api/hsds/services", "/de/nicht-da/"])
def test_every_answer_forbids_camera_microphone_and_location(client, path):
    response = client.get(path)

    assert (
        response["Permissions-Policy"]
        == "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
    )


def test_the_api_still_answers_cors_preflights(client):
    response = client.options(
        "/api/hsds/services",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "path",
    [
        "/de/",  # a public page, seen while logged in
        "/de/verwaltung/",
        "/de/verwaltung/austausch/export.zip",
        "/de/verwaltung/austausch/export.json",
        "/de/konto/2fa/",
    ],
)
def test_no_answer_to_a_logged_in_person_may_be_stored(client, coordinator, path):
    client.force_login(coordinator)

    response = client.get(path)
    response.getvalue()  # read to the end (exports stream from a temporary file)
    response.close()

    assert response.status_code == 200, path
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_public_pages_for_anonymous_visitors_stay_cacheable(client):
    response = client.get("/de/")

    assert "no-store" not in response.get("Cache-Control", "")


def test_refused_access_is_logged_with_the_account_number_only(client, owner, caplog):
    client.force_login(owner)
    caplog.clear()  # the login's own line

    with caplog.at_level("WARNING", logger="integrationsnetz.security"):
        response = client.get("/de/verwaltung/austausch/export.zip?email=someone@example.org")

    assert response.status_code == 403
    lines = [r.getMessage() for r in caplog.records if r.name == "integrationsnetz.security"]
    assert lines == [
        f"GET /de/verwaltung/austausch/export.zip refused with 403 (forbidden), user {owner.pk}"
    ]
    assert owner.email not in lines[0]
    assert "someone@example.org" not in lines[0]


def test_refused_method_of_an_anonymous_visitor_is_logged(client, caplog):
    with caplog.at_level("WARNING", logger="integrationsnetz.security"):
        client.generic("TRACE", "/de/")

    lines = [r.getMessage() for r in caplog.records if r.name == "integrationsnetz.security"]
    assert lines == ["TRACE /de/ refused with 405 (method not allowed), anonymous"]


def test_spreadsheet_imports_are_parsed_with_defusedxml():
    """openpyxl reads XLSX files through defusedxml only when it is installed
    (a runtime requirement): no external entities, no entity expansion bombs."""
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True


def test_plain_http_to_the_api_is_refused_not_redirected(settings):
    """Browsers are sent to https; a program calling the API over plain http
    gets 403 so that its mistake shows (ASVS 4.1.2)."""
    from django.test import Client

    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^api/"]
    client = Client()

    page = client.get("/de/")
    api = client.get("/api/hsds/services")
    api_over_https = client.get("/api/hsds/services", secure=True)

    assert page.status_code == 301
    assert page["Location"].startswith("https://")
    assert api.status_code == 403
    assert api.json() == {"detail": "HTTPS required"}
    assert api_over_https.status_code == 200


def test_messages_wait_in_the_session_not_in_a_cookie(client, owner):
    """A message after a save rides in the session: no "messages" cookie is set."""
    client.force_login(owner)

    response = client.post("/de/konto/logout/")

    assert response.status_code == 302
    assert "messages" not in response.cookies
    page = client.get(response["Location"], follow=True).content.decode()
    assert "abgemeldet" in page
