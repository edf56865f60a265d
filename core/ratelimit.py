"""Counting what anyone may send (public forms) per client address or e-mail address.

The cache keys are salted hashes, so the cache holds no address in clear.
The client address is read as allauth reads it for its own login limits, so
the ``TRUSTED_PROXY_COUNT`` environment variable (the ``ALLAUTH_TRUSTED_PROXY_COUNT``
setting) applies behind a reverse proxy too (reading
``REMOTE_ADDR`` there would put every visitor into one count).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    from allauth.account.adapter import get_adapter

    return get_adapter(request).get_client_ip(request) or "unknown"


def _key(scope: str, value: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{value.lower()}".encode()).hexdigest()
    return f"ratelimit:{scope}:{digest[:32]}"


def hits(*, scope: str, value: str) -> int:
    """How often ``value`` was counted in ``scope`` in its current window."""
    return cache.get(_key(scope, value), 0)


def hit(*, scope: str, value: str, window_seconds: int) -> int:
    """Count one more for ``value`` in ``scope``; returns the count in the window."""
    key = _key(scope, value)
    cache.add(key, 0, timeout=window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return 1
