"""Logins, failed logins and account changes are logged, one line each, with
the account's number only (ASVS 16.3.1, 16.3.3)."""

import pytest
from django.urls import reverse

from accounts.tests.factories import PASSWORD
from accounts.tests.totp import current_code

pytestmark = pytest.mark.django_db

LOGGER = "integrationsnetz.security"


def lines(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == LOGGER]


def test_login_and_logout_are_logged_with_the_account_number(client, owner, caplog):
    with caplog.at_level("INFO", logger=LOGGER):
        client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
        client.post(reverse("account_logout"))

    assert lines(caplog) == [f"logged in, user {owner.pk}", f"logged out, user {owner.pk}"]


def test_failed_login_is_logged_without_the_address_tried(client, owner, caplog):
    with caplog.at_level("INFO", logger=LOGGER):
        client.post(reverse("account_login"), {"login": owner.email, "password": "wrong"})
        client.post(reverse("account_login"), {"login": "nobody@example.org", "password": "x"})

    assert lines(caplog) == ["login failed, unknown account or wrong password"] * 2
    assert all(record.levelname == "WARNING" for record in caplog.records if record.name == LOGGER)
    assert owner.email not in caplog.text
    assert "nobody@example.org" not in caplog.text


def test_refused_second_factor_and_the_login_after_it_are_logged(
    client, coordinator, totp_secret, caplog
):
    client.post(reverse("account_login"), {"login": coordinator.email, "password": PASSWORD})

    with caplog.at_level("INFO", logger=LOGGER):
        client.post(reverse("mfa_authenticate"), {"code": "000000"})
        client.post(reverse("mfa_authenticate"), {"code": current_code(totp_secret)})

    assert lines(caplog) == [
        f"second factor refused, user {coordinator.pk}",
        f"logged in, user {coordinator.pk}",
    ]
    assert totp_secret not in caplog.text


def test_password_change_is_logged(client, owner, caplog):
    client.force_login(owner)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    with caplog.at_level("INFO", logger=LOGGER):
        client.post(
            reverse("account_change_password"),
            {
                "oldpassword": PASSWORD,
                "password1": "grüne Tasse, kalter Kaffee",
                "password2": "grüne Tasse, kalter Kaffee",
            },
        )

    assert f"password changed, user {owner.pk}" in lines(caplog)
