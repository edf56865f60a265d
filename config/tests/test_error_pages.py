"""Error pages (400, 403, 404, 429, 500) in the visitor's language and the site's layout.

Tests run with DEBUG off (pytest-django's default), as production does.
"""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("config.tests.error_urls")]

HEADINGS = {
    400: {"de": "Ungültige Anfrage", "ar": "طلب غير صالح"},
    403: {"de": "Zugriff verweigert", "ar": "الوصول مرفوض"},
    404: {"de": "Seite nicht gefunden", "ar": "الصفحة غير موجودة"},
    429: {"de": "Zu viele Anfragen", "ar": "طلبات كثيرة جدًا"},
    500: {"de": "Etwas ist schiefgegangen", "ar": "حدث خطأ ما"},
}


def assert_error_page(response, status: int, language: str) -> None:
    html = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in html
    assert f'<h1 class="kern-heading-large">{HEADINGS[status][language]}</h1>' in html
    assert 'class="site-header"' in html  # the site's own layout
    assert "Traceback" not in html


def test_debug_is_off_as_in_production():
    assert settings.DEBUG is False


@pytest.mark.parametrize("language", ["de", "ar"])
def test_page_not_found(client, language):
    assert_error_page(client.get(f"/{language}/gibt-es-nicht/"), 404, language)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_access_denied(client, owner, language):
    client.force_login(owner)

    response = client.get(f"/{language}/verwaltung/austausch/export.zip")

    assert_error_page(response, 403, language)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_server_error(language):
    client = Client(raise_request_exception=False)

    assert_error_page(client.get(f"/{language}/kaputt/"), 500, language)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_bad_request(client, language):
    assert_error_page(client.get(f"/{language}/unverstaendlich/"), 400, language)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_too_many_logins_get_the_sites_429_page(client, language):
    """allauth's rate limit answers with the site's page too."""
    url = f"/{language}/konto/login/"
    responses = [
        client.post(url, {"login": f"nobody{n}@example.org", "password": "x"}) for n in range(31)
    ]

    assert_error_page(responses[-1], 429, language)
