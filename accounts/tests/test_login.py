import pytest
from django.urls import reverse

from accounts.tests.factories import PASSWORD
from accounts.tests.totp import current_code

pytestmark = pytest.mark.django_db


def test_login_by_email_for_member_editor(client, owner):
    response = client.post(
        reverse("account_login"), {"login": "OWNER@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.wsgi_request.user == owner


def test_login_wrong_password_shows_translated_error(client, owner):
    response = client.post(
        reverse("account_login"),
        {"login": owner.email, "password": "wrong"},
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert response.status_code == 200
    assert (
        "Die E-Mail-Adresse und/oder das Passwort sind leider falsch." in response.content.decode()
    )
    assert not response.wsgi_request.user.is_authenticated


def test_login_is_locked_after_five_failures_for_an_account(client, owner):
    url = reverse("account_login")
    for _ in range(5):
        client.post(url, {"login": owner.email, "password": "wrong"})

    # The right password is refused too while the limit holds.
    response = client.post(url, {"login": owner.email, "password": PASSWORD})

    assert response.status_code == 200
    assert "Zu viele gescheiterte Anmeldeversuche" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_login_is_rate_limited_per_address(client, owner):
    url = reverse("account_login")
    statuses = [
        client.post(url, {"login": f"nobody{n}@example.org", "password": "x"}).status_code
        for n in range(31)
    ]

    assert statuses[:10] == [200] * 10
    assert statuses[-1] == 429


def test_public_signup_is_closed(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": "Xy-123456789", "password2": "Xy-123456789"},
    )

    assert response.status_code == 200
    assert (
        "signup_closed" in response.templates[0].name
        or "closed" in response.content.decode().lower()
    )
    from accounts.models import User

    assert not User.objects.filter(email="new@example.org").exists()


def test_coordinator_login_needs_the_second_factor(client, coordinator, totp_secret):
    response = client.post(
        reverse("account_login"), {"login": coordinator.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert not response.wsgi_request.user.is_authenticated

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert not response.wsgi_request.user.is_authenticated

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(totp_secret)})
    assert response.status_code == 302
    assert response.wsgi_request.user == coordinator
