"""Fixtures shared by every app's tests.

The permission fixtures follow one cast: ``owner`` edits ``organisation``,
``outsider`` edits another organisation, ``coordinator`` runs the network
(with TOTP set up, as required), and anonymous is the test client as is.
"""

import os
import shutil

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import connections

from accounts.tests.factories import CoordinatorFactory, UserFactory
from directory.tests.factories import OrganisationFactory

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in German, the site's default, whatever ran before it."""
    from django.utils import translation

    with translation.override("de"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; no test may inherit another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def demo_loaded_once(django_db_setup, django_db_blocker):
    """The demo data set, loaded once for a module of read-only tests."""
    from django.core.management import call_command

    from core.demo.loader import demo_load

    with django_db_blocker.unblock():
        demo_load()
        yield
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def organisation():
    return OrganisationFactory(name="AWO Migrationszentrum", slug="awo")


@pytest.fixture
def other_organisation():
    return OrganisationFactory(name="Volkshochschule", slug="vhs")


@pytest.fixture
def owner(organisation):
    return UserFactory(organisation=organisation, email="owner@example.org")


@pytest.fixture
def outsider(other_organisation):
    return UserFactory(organisation=other_organisation, email="outsider@example.org")


@pytest.fixture
def totp_secret():
    return generate_totp_secret()


@pytest.fixture
def coordinator(totp_secret):
    user = CoordinatorFactory(email="coordinator@example.org")
    TOTP.activate(user, totp_secret)
    return user


@pytest.fixture
def browser():
    """Headless Debian Chromium through Playwright.

    Skipped loudly where Chromium is missing; with REQUIRE_BROWSER=1 (CI) a
    missing browser is a failure instead. Tests wait for "networkidle" so no
    request is still in flight on the live server when a test ends.
    """
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        message = f"BROWSER TEST NOT RUN: {CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test
    # database calls made around it are still synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()
        # Playwright's greenlet gives database calls made in the test a context
        # of their own, and with it a connection of its own: close it here, or
        # PostgreSQL refuses to drop the test database at the end.
        connections.close_all()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
