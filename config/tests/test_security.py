import pytest
from django.urls import reverse

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
