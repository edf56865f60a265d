"""A changed e-mail address counts only once it is confirmed (issue 14 item 1).

The new address gets a confirmation link; the login address changes when
the link is used, and the old address is told. Until then the new address
neither logs in nor receives password resets.
"""

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import PASSWORD
from core.models import OutgoingMail
from core.tests.worker import run_worker

pytestmark = pytest.mark.django_db

NEW = "new-address@example.org"


def link_in(body: str, marker: str) -> str:
    """The path of the first link in ``body`` that contains ``marker``."""
    (url,) = [u for u in re.findall(r"https?://\S+", body) if marker in u][:1]
    return urlsplit(url).path


def admin_changes_email(client, coordinator, owner) -> None:
    client.force_login(coordinator)
    response = client.post(
        reverse("admin:accounts_user_change", args=[owner.pk]),
        {
            "email": NEW,
            "name": owner.name,
            "role": owner.role,
            "organisation": str(owner.organisation_id),
            "is_active": "on",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    client.logout()


def test_email_changed_in_the_admin_waits_for_confirmation(client, coordinator, owner):
    admin_changes_email(client, coordinator, owner)

    owner.refresh_from_db()
    assert owner.email == "owner@example.org"
    pending = EmailAddress.objects.get(email=NEW)
    assert (pending.user, pending.verified, pending.primary) == (owner, False, False)
    (confirmation,) = OutgoingMail.objects.filter(to=NEW)
    assert "/konto/confirm-email/" in confirmation.body
    assert mail.outbox == []


def test_email_change_confirmed_switches_the_login_and_tells_the_old_address(
    client, coordinator, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_changes_email(client, coordinator, owner)
    confirm_path = link_in(OutgoingMail.objects.get(to=NEW).body, "confirm-email")

    assert client.get(confirm_path).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_path)

    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.email == NEW
    assert list(EmailAddress.objects.filter(user=owner).values_list("email", "verified")) == [
        (NEW, True)
    ]
    (notice,) = OutgoingMail.objects.filter(to="owner@example.org")
    assert NEW in notice.body
    assert coordinator.email in notice.body  # whom to contact if it was not them
    run_worker()
    assert sorted(message.to[0] for message in mail.outbox) == sorted([NEW, "owner@example.org"])
    login = client.post(reverse("account_login"), {"login": NEW, "password": PASSWORD})
    assert login.wsgi_request.user == owner


def test_password_reset_to_an_unconfirmed_address_sends_nothing(
    client, coordinator, owner, django_capture_on_commit_callbacks
):
    admin_changes_email(client, coordinator, owner)
    OutgoingMail.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": NEW})

    assert response.status_code == 302
    run_worker()
    assert not OutgoingMail.objects.filter(body__contains="/password/reset/key/").exists()
    assert [message for message in mail.outbox if "/password/reset/key/" in message.body] == []


def test_own_email_page_changes_only_after_confirmation(client, owner):
    client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = client.post(reverse("account_email"), {"action_add": "", "email": NEW})

    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.email == "owner@example.org"
    confirm_path = link_in(OutgoingMail.objects.get(to=NEW).body, "confirm-email")
    client.post(confirm_path)
    owner.refresh_from_db()
    assert owner.email == NEW
    assert OutgoingMail.objects.filter(to="owner@example.org", body__contains=NEW).exists()


def test_email_change_asks_for_the_password_again_first(client, owner):
    """Someone at a computer left logged in cannot move the account to their own
    address: the e-mail page asks for the password first (ASVS 7.5.1)."""
    client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})

    response = client.post(reverse("account_email"), {"action_add": "", "email": NEW})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email=NEW).exists()
    assert not OutgoingMail.objects.filter(to=NEW).exists()
