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

    from core.recheck import forget

    cache.clear()
    forget()
    yield
    cache.clear()
    forget()


# --- The demo data set, shared by the tests that read it ---
#
# Loading it takes seconds, so a test process loads it once for a run of
# consecutive tests that read it, and empties the database again before the
# first test that does not: every other test still starts from an empty
# database. The readers are sorted to the front (see
# pytest_collection_modifyitems), so each process loads it once. A reader
# runs in a transaction that is rolled back like any other test's, so it may
# write; it must not be a transactional test, whose flush would empty the
# shared data under the next reader.

DEMO_FIXTURE = "demo_loaded_once"


class _Demo:
    loaded = False
    blocker = None


@pytest.fixture(scope="module")
def demo_loaded_once(django_db_setup, django_db_blocker):
    """The demo data set for tests that read it, loaded once per run of such tests."""
    if not _Demo.loaded:
        from core.demo.loader import demo_load

        with django_db_blocker.unblock():
            demo_load()
        _Demo.loaded, _Demo.blocker = True, django_db_blocker


def _reads_demo(item: pytest.Item | None) -> bool:
    return item is not None and DEMO_FIXTURE in getattr(item, "fixturenames", ())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Empty the database after the last of a run of demo readers."""
    result = yield
    if _Demo.loaded and not _reads_demo(nextitem):
        from django.core.management import call_command

        with _Demo.blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
        _Demo.loaded = False
    return result


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Put the demo readers first and, under xdist, the slow tests next.

    Runs after pytest-django has sorted the transactional tests last. Files
    whose tests all read the demo data come first, then the readers of files
    that also hold other tests: with ``--dist loadfile`` a worker takes whole
    files, the first ones all readers, so each worker loads the demo data
    once. The slow and browser tests follow, so that no worker is left alone
    with them at the end (``--no-loadscope-reorder`` keeps this order).
    """
    result = yield
    for item in items:
        marker = item.get_closest_marker("django_db")
        if _reads_demo(item) and marker and marker.kwargs.get("transaction"):
            raise pytest.UsageError(
                f"{item.nodeid}: a transactional test flushes the shared demo data"
            )
    mixed = {item.path for item in items if not _reads_demo(item)}
    slow_first = hasattr(config, "workerinput")

    def order(item: pytest.Item) -> tuple[bool, bool, bool]:
        slow = slow_first and any(item.get_closest_marker(m) for m in ("slow", "browser"))
        return (not _reads_demo(item), item.path in mixed, not slow)

    items.sort(key=order)
    return result


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
