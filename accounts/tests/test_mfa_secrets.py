"""TOTP secrets and recovery-code seeds are stored encrypted (issue 14 item 2).

A database dump must not give away second factors: the stored values are
Fernet tokens under a key outside the database, logins still work, plain rows
from before are converted by ``manage.py mfa_keys encrypt`` and keys rotate.
"""

import datetime
import json
from io import StringIO

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.mfa import MFAKeyError, key_generate, secret_decrypt, secret_encrypt
from accounts.tests.factories import PASSWORD, CoordinatorFactory
from accounts.tests.totp import current_code

pytestmark = pytest.mark.django_db

# Codes are computed and checked at one frozen instant: no 30-second window can
# turn over between the two.
NOW = datetime.datetime(2026, 12, 7, 9, 30, 10, tzinfo=datetime.UTC)

OLD_KEY = "b2xkLWtleS1vbGQta2V5LW9sZC1rZXktb2xkLWtleSE="
NEW_KEY = "bmV3LWtleS1uZXcta2V5LW5ldy1rZXktbmV3LWtleSE="


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def stored(user, kind: str) -> dict:
    """The authenticator's data as the database holds it."""
    return Authenticator.objects.get(user=user, type=kind).data


def log_in(client, user, code: str):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    return client.post(reverse("mfa_authenticate"), {"code": code})


def mfa_keys(action: str) -> str:
    out = StringIO()
    call_command("mfa_keys", action, stdout=out)
    return out.getvalue()


@pytest.fixture
def plain_coordinator():
    """A coordinator whose rows were written before encryption was turned on."""
    user = CoordinatorFactory(email="plain@example.org")
    secret, seed = generate_totp_secret(), RecoveryCodes.generate_seed()
    Authenticator.objects.create(user=user, type="totp", data={"secret": secret})
    Authenticator.objects.create(
        user=user, type="recovery_codes", data={"seed": seed, "used_mask": 0}
    )
    user.plain_secrets = (secret, seed)
    return user


def test_activated_totp_secret_and_recovery_seed_are_stored_encrypted(client):
    user = CoordinatorFactory(email="new-coordinator@example.org")
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]

    client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})

    totp, codes = stored(user, "totp"), stored(user, "recovery_codes")
    assert totp["secret"].startswith("fernet:")
    assert secret not in json.dumps(totp)
    assert secret_decrypt(totp["secret"]) == secret
    assert codes["seed"].startswith("fernet:")
    assert len(secret_decrypt(codes["seed"])) == 80


def test_login_with_encrypted_totp_secret(client, coordinator, totp_secret):
    assert stored(coordinator, "totp")["secret"].startswith("fernet:")

    response = log_in(client, coordinator, current_code(totp_secret))

    assert response.status_code == 302
    assert response.wsgi_request.user == coordinator


def test_login_with_recovery_code_from_encrypted_seed(client, coordinator):
    code = RecoveryCodes.activate(coordinator).generate_codes()[3]
    assert stored(coordinator, "recovery_codes")["seed"].startswith("fernet:")

    response = log_in(client, coordinator, code)

    assert response.wsgi_request.user == coordinator
    assert stored(coordinator, "recovery_codes")["used_mask"] == 1 << 3


def test_stored_value_is_authenticated(settings):
    value = secret_encrypt("JBSWY3DPEHPK3PXP")
    tampered = value[:-6] + ("A" if value[-6] != "A" else "B") + value[-5:]

    assert secret_encrypt("JBSWY3DPEHPK3PXP") != value
    with pytest.raises(MFAKeyError):
        secret_decrypt(tampered)


def test_plain_rows_keep_working_until_encrypted(client, plain_coordinator):
    secret, _ = plain_coordinator.plain_secrets

    response = log_in(client, plain_coordinator, current_code(secret))

    assert response.wsgi_request.user == plain_coordinator


def test_encrypt_command_turns_plain_rows_into_encrypted(client, plain_coordinator):
    secret, seed = plain_coordinator.plain_secrets
    code = RecoveryCodes(
        Authenticator.objects.get(user=plain_coordinator, type="recovery_codes")
    ).generate_codes()[0]

    output = mfa_keys("encrypt")

    assert "  not encrypted: 2\n" in output
    assert "Rewritten under the newest key: 2\n" in output
    assert secret not in output and seed not in output
    assert stored(plain_coordinator, "totp")["secret"].startswith("fernet:")
    assert secret_decrypt(stored(plain_coordinator, "totp")["secret"]) == secret
    assert secret_decrypt(stored(plain_coordinator, "recovery_codes")["seed"]) == seed
    assert log_in(client, plain_coordinator, code).wsgi_request.user == plain_coordinator


def test_encrypt_command_is_idempotent(plain_coordinator):
    mfa_keys("encrypt")
    before = stored(plain_coordinator, "totp")

    output = mfa_keys("encrypt")

    assert "  encrypted with the newest key: 2\n" in output
    assert "Rewritten under the newest key: 0\n" in output
    assert stored(plain_coordinator, "totp") == before


def test_rotate_keeps_codes_valid_under_the_new_key(client, settings):
    settings.MFA_ENCRYPTION_KEYS = [OLD_KEY]
    user, secret = CoordinatorFactory(email="rotated@example.org"), generate_totp_secret()
    TOTP.activate(user, secret)
    recovery_code = RecoveryCodes.activate(user).generate_codes()[0]
    settings.MFA_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    assert "  encrypted with an older key: 2\n" in mfa_keys("status")

    output = mfa_keys("rotate")

    assert "Rewritten under the newest key: 2\n" in output
    settings.MFA_ENCRYPTION_KEYS = [NEW_KEY]  # the old key is removed
    assert "  encrypted with the newest key: 2\n" in mfa_keys("status")
    assert log_in(client, user, current_code(secret)).wsgi_request.user == user
    client.logout()
    assert log_in(client, user, recovery_code).wsgi_request.user == user


def test_new_secrets_use_the_newest_key_while_old_ones_still_open(client, settings):
    settings.MFA_ENCRYPTION_KEYS = [OLD_KEY]
    user, secret = CoordinatorFactory(email="rolling@example.org"), generate_totp_secret()
    TOTP.activate(user, secret)
    settings.MFA_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]

    assert log_in(client, user, current_code(secret)).wsgi_request.user == user
    assert "  encrypted with an older key: 1\n" in mfa_keys("status")


def test_wrong_key_login_fails_with_clear_page_and_log(
    client, coordinator, totp_secret, settings, caplog
):
    settings.MFA_ENCRYPTION_KEYS = [NEW_KEY]  # not the key the secret was stored with

    response = log_in(client, coordinator, current_code(totp_secret))

    assert response.status_code == 503
    # The pages are German (the default language); the English text is the msgid.
    assert (
        "Zwei-Faktor-Codes können wegen eines Konfigurationsproblems" in response.content.decode()
    )
    assert response.wsgi_request.user.is_anonymous
    assert "cannot be decrypted with any key in MFA_KEY" in caplog.text
    assert totp_secret not in caplog.text


def test_wrong_key_on_the_two_factor_page_is_no_server_error(client, coordinator, settings):
    RecoveryCodes.activate(coordinator)
    client.force_login(coordinator)
    settings.MFA_ENCRYPTION_KEYS = [NEW_KEY]

    response = client.get(reverse("mfa_index"))

    assert response.status_code == 503
    assert "Zwei-Faktor-Anmeldung nicht verfügbar" in response.content.decode()


def test_status_command_reports_unreadable_rows_and_leaves_them(coordinator, settings):
    settings.MFA_ENCRYPTION_KEYS = [NEW_KEY]
    before = stored(coordinator, "totp")
    out = StringIO()

    with pytest.raises(CommandError, match="1 authenticator\\(s\\) cannot be decrypted"):
        call_command("mfa_keys", "rotate", stdout=out)

    assert "  not readable with any key in MFA_KEY: 1\n" in out.getvalue()
    assert stored(coordinator, "totp") == before


def test_generate_command_prints_a_usable_key(settings):
    key = mfa_keys("generate").strip()
    settings.MFA_ENCRYPTION_KEYS = [key]

    assert key != key_generate()
    assert secret_decrypt(secret_encrypt("JBSWY3DPEHPK3PXP")) == "JBSWY3DPEHPK3PXP"
