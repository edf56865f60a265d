"""allauth's mails go through the outbox like every other mail (issue 14 item 9).

Password resets, confirmations and the "unknown account" answer are stored
as ``OutgoingMail`` rows inside the request and sent by the worker, in the
recipient's language.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import PASSWORD
from core.models import OutgoingMail
from core.tests.worker import run_worker

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Ein-neues-Passwort-2026"


def reset_link(body: str) -> str:
    (url,) = [u for u in re.findall(r"https?://\S+", body) if "/password/reset/key/" in u]
    return urlsplit(url).path


def test_password_reset_mail_waits_in_the_outbox(client, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": owner.email})

    assert response.status_code == 302
    assert mail.outbox == []
    (stored,) = OutgoingMail.objects.all()
    assert (stored.to, stored.purpose, stored.status) == (
        owner.email,
        "account.password_reset_key",
        OutgoingMail.Status.QUEUED,
    )

    run_worker()

    assert [message.to for message in mail.outbox] == [[owner.email]]
    assert mail.outbox[0].body == stored.body


def test_password_reset_link_in_the_stored_mail_works(client, owner):
    client.post(reverse("account_reset_password"), {"email": owner.email})
    link = reset_link(OutgoingMail.objects.get().body)

    form_page = client.get(link, follow=True)
    set_password_path = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password(NEW_PASSWORD)
    assert not owner.check_password(PASSWORD)


def test_password_reset_mail_in_the_persons_language(client, owner):
    owner.language = "en"
    owner.save(update_fields=["language"])

    client.post(reverse("account_reset_password"), {"email": owner.email})

    stored = OutgoingMail.objects.get()
    assert "Password Reset" in stored.subject
    assert "password" in stored.body.lower()


def test_password_reset_mail_without_a_language_follows_the_request(client, owner):
    client.post(reverse("account_reset_password"), {"email": owner.email})

    stored = OutgoingMail.objects.get()
    assert "Passwort" in stored.subject


def test_unknown_account_mail_waits_in_the_outbox(client):
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    assert mail.outbox == []
    (stored,) = OutgoingMail.objects.all()
    assert (stored.to, stored.purpose) == ("nobody@example.org", "account.unknown_account")


def test_password_reset_notice_goes_through_the_outbox(client, owner):
    client.post(reverse("account_reset_password"), {"email": owner.email})
    link = reset_link(OutgoingMail.objects.get().body)
    set_password_path = client.get(link, follow=True).redirect_chain[-1][0]

    client.post(set_password_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert mail.outbox == []
    assert OutgoingMail.objects.filter(to=owner.email, purpose="account.password_reset").exists()
