"""TOTP secrets and recovery-code seeds, stored encrypted (issue 14 item 2).

allauth hands every MFA secret it stores to its adapter's ``encrypt()`` and
every one it reads to ``decrypt()``; the default adapter does nothing, so a
database dump used to give away every coordinator's second factor.
``EncryptingMFAAdapter`` (setting ``MFA_ADAPTER``) encrypts with Fernet
(AES-128-CBC with HMAC-SHA256: authenticated, so a changed value is refused)
under the keys in ``settings.MFA_ENCRYPTION_KEYS`` (environment ``MFA_KEY`` or
``MFA_KEY_FILE``, never the database). The first key encrypts; every key
decrypts, so keys can be rotated without downtime.

A stored value is ``fernet:`` followed by the token. Values without the prefix
are rows written before encryption was turned on: they are still read (with a
warning in the log) until ``manage.py mfa_keys encrypt`` converts them, so the
change needs no downtime either. Log lines never contain a secret.
"""

from __future__ import annotations

import enum
import functools
import logging
from collections import Counter
from typing import Literal

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

PREFIX = "fernet:"


class MFAKeyError(Exception):
    """A stored MFA secret cannot be decrypted with any key in ``MFA_KEY``."""


class SecretState(enum.StrEnum):
    """How one stored secret relates to the configured keys."""

    PLAIN = "plain"
    OLD_KEY = "old key"
    CURRENT_KEY = "current key"
    UNREADABLE = "unreadable"


@functools.lru_cache(maxsize=4)
def _fernets(keys: tuple[str, ...]) -> tuple[Fernet, ...]:
    return tuple(Fernet(key) for key in keys)


def _keys() -> tuple[Fernet, ...]:
    """The configured keys, newest (the one that encrypts) first."""
    return _fernets(tuple(settings.MFA_ENCRYPTION_KEYS))


def secret_encrypt(text: str) -> str:
    """The stored form of ``text``: encrypted under the newest key."""
    return PREFIX + _keys()[0].encrypt(text.encode("utf-8")).decode("ascii")


def secret_decrypt(value: str) -> str:
    """The secret behind a stored value; ``MFAKeyError`` if no key opens it."""
    if not value.startswith(PREFIX):
        logger.warning("An MFA secret is stored unencrypted; run `manage.py mfa_keys encrypt`.")
        return value
    try:
        return MultiFernet(_keys()).decrypt(value[len(PREFIX) :]).decode("utf-8")
    except (InvalidToken, ValueError):
        logger.error(
            "An MFA secret cannot be decrypted with any key in MFA_KEY: the key is wrong, "
            "or an old key was removed before `manage.py mfa_keys rotate` had run. "
            "Two-factor logins fail until MFA_KEY holds the key the secrets were encrypted with."
        )
        raise MFAKeyError("MFA secret cannot be decrypted with the configured keys.") from None


def secret_state(value: str) -> SecretState:
    """Whether a stored value is plain, under the newest key, an older key, or none."""
    if not value.startswith(PREFIX):
        return SecretState.PLAIN
    token = value[len(PREFIX) :]
    for position, key in enumerate(_keys()):
        try:
            key.decrypt(token)
        except (InvalidToken, ValueError):
            continue
        return SecretState.CURRENT_KEY if position == 0 else SecretState.OLD_KEY
    return SecretState.UNREADABLE


class EncryptingMFAAdapter(DefaultMFAAdapter):
    """allauth's MFA adapter, storing secrets encrypted."""

    def encrypt(self, text: str) -> str:
        return secret_encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return secret_decrypt(encrypted_text)


def key_error_response(request: HttpRequest) -> HttpResponse:
    """What a person sees when the secrets cannot be read: a clear page, 503, no 500.

    The operator's log already has the reason (``secret_decrypt``).
    """
    return render(request, "accounts/mfa_unavailable.html", status=503)


# --- Converting stored values: `manage.py mfa_keys` -------------------------

Mode = Literal["status", "encrypt", "rotate"]
# Which stored values a mode rewrites: "encrypt" only plain ones, "rotate" also
# those under an older key, so that afterwards only the newest key is needed.
REWRITES: dict[str, frozenset[SecretState]] = {
    "status": frozenset(),
    "encrypt": frozenset({SecretState.PLAIN}),
    "rotate": frozenset({SecretState.PLAIN, SecretState.OLD_KEY}),
}
# A row counts by its worst value.
_ORDER = [SecretState.UNREADABLE, SecretState.PLAIN, SecretState.OLD_KEY, SecretState.CURRENT_KEY]


def _stored_values(data: dict) -> list[str]:
    values = [data[name] for name in ("secret", "seed") if isinstance(data.get(name), str)]
    return values + list(data.get("migrated_codes") or [])


def _rewritten(data: dict, rewrite: frozenset[SecretState]) -> dict:
    def convert(value: str) -> str:
        state = secret_state(value)
        if state not in rewrite:
            return value
        return secret_encrypt(value if state is SecretState.PLAIN else secret_decrypt(value))

    data = dict(data)
    for name in ("secret", "seed"):
        if isinstance(data.get(name), str):
            data[name] = convert(data[name])
    if data.get("migrated_codes"):
        data["migrated_codes"] = [convert(code) for code in data["migrated_codes"]]
    return data


def _row_update(pk: int, rewrite: frozenset[SecretState]) -> tuple[SecretState, bool]:
    """Check one authenticator and rewrite what the mode asks for, under a row lock.

    Returns the row's state before and whether it was rewritten. A row with a
    value no key opens is left exactly as it is.
    """
    with transaction.atomic():
        authenticator = Authenticator.objects.select_for_update().get(pk=pk)
        states = {secret_state(value) for value in _stored_values(authenticator.data)}
        state = next((s for s in _ORDER if s in states), SecretState.CURRENT_KEY)
        if state is SecretState.UNREADABLE or not states & rewrite:
            return state, False
        authenticator.data = _rewritten(authenticator.data, rewrite)
        authenticator.save(update_fields=["data"])
        return state, True


def mfa_secrets_update(*, mode: Mode) -> Counter[str]:
    """Count the stored secrets by state and, for "encrypt"/"rotate", rewrite them.

    Steps: for each TOTP and recovery-code authenticator, lock the row, find
    the state of each stored value, and re-encrypt under the newest key the
    values the mode covers. Idempotent: a second run changes nothing. Returns
    counts of rows by their state before, and "rewritten"; never a secret.
    """
    counts: Counter[str] = Counter({state.value: 0 for state in SecretState})
    counts["rewritten"] = 0
    pks = Authenticator.objects.filter(
        type__in=[Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES]
    ).values_list("pk", flat=True)
    for pk in list(pks.order_by("pk")):
        state, rewritten = _row_update(pk, REWRITES[mode])
        counts[state.value] += 1
        counts["rewritten"] += int(rewritten)
    return counts


def key_generate() -> str:
    """A new random key for ``MFA_KEY``."""
    return Fernet.generate_key().decode("ascii")
