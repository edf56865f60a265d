"""Counts per client address or e-mail address, kept as salted hashes."""

from django.core.cache import cache
from django.test import RequestFactory

from core import ratelimit


def test_counts_per_scope_and_value_case_insensitively():
    assert ratelimit.hit(scope="a", value="X@example.org", window_seconds=60) == 1
    assert ratelimit.hit(scope="a", value="x@example.org", window_seconds=60) == 2
    assert ratelimit.hit(scope="b", value="x@example.org", window_seconds=60) == 1
    assert ratelimit.hits(scope="a", value="x@example.org") == 2
    assert ratelimit.hits(scope="a", value="y@example.org") == 0


def test_the_cache_holds_no_address_in_clear():
    ratelimit.hit(scope="a", value="person@example.org", window_seconds=60)

    keys = list(cache._cache)  # the test settings' local-memory cache
    assert keys and not any("person@example.org" in str(key) for key in keys)


def test_client_address_behind_a_trusted_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")

    assert ratelimit.client_ip(request) == "203.0.113.7"
