"""Signed links in e-mails: see the state of a request, or withdraw it.

The token carries only the kind and the id, signed with the site's secret
(django.core.signing); it expires after ``NETWORK_LINK_MAX_AGE_DAYS``.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from core.mail import site_url

SALT = "network.status-link"
JOIN, HELP = "join", "help"


class BadLink(Exception):
    """The link was forged, damaged or has expired."""


def status_token(kind: str, pk) -> str:
    return signing.dumps({"k": kind, "id": str(pk)}, salt=SALT, compress=True)


def status_read(token: str) -> tuple[str, str]:
    """The (kind, id) a token stands for; ``BadLink`` if forged or expired."""
    max_age = settings.NETWORK_LINK_MAX_AGE_DAYS * 24 * 3600
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature as error:  # SignatureExpired is a BadSignature
        raise BadLink from error
    if not isinstance(payload, dict) or payload.get("k") not in (JOIN, HELP):
        raise BadLink
    return payload["k"], str(payload.get("id"))


def status_url(kind: str, pk, language: str) -> str:
    """The absolute link to the state page, in the language the person used."""
    with translation.override(language):
        return site_url(reverse("network:status", args=[status_token(kind, pk)]))
