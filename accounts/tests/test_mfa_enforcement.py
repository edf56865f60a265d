import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from accounts.tests.factories import PASSWORD, CoordinatorFactory
from accounts.tests.totp import current_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_without_totp():
    return CoordinatorFactory(email="new-coordinator@example.org")


@pytest.mark.parametrize("url_name", ["directory:home", "admin:index"])
def test_coordinator_without_totp_is_sent_to_setup(client, coordinator_without_totp, url_name):
    client.force_login(coordinator_without_totp)

    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def login(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.wsgi_request.user == user


def test_coordinator_without_totp_can_open_setup_and_log_out(client, coordinator_without_totp):
    login(client, coordinator_without_totp)

    # allauth asks for the password again before a second factor is added.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert client.get(response["Location"]).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert client.get(reverse("directory:home")).wsgi_request.user.is_anonymous


def test_coordinator_activating_totp_gets_into_admin(client, coordinator_without_totp):
    login(client, coordinator_without_totp)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session["mfa.totp.secret"]

    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(
        user=coordinator_without_totp, type=Authenticator.Type.TOTP
    ).exists()
    assert client.get(reverse("admin:index")).status_code == 200


def test_coordinator_with_totp_is_not_redirected(client, coordinator):
    client.force_login(coordinator)

    assert client.get(reverse("admin:index")).status_code == 200


def test_member_editor_is_not_forced_into_totp(client, owner):
    client.force_login(owner)

    assert client.get(reverse("directory:home")).status_code == 200
