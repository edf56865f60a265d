"""Logins end after an idle time and after an absolute lifetime (issue 14 item 3).

The clock is frozen with time_machine and moved by hand; every visit is a
real request through the middleware stack and the database session store.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from accounts.sessions import BACKGROUND_HEADER
from accounts.tasks import sessions_clear
from accounts.tests.factories import PASSWORD, UserFactory
from meetings.models import CalendarFeed

pytestmark = pytest.mark.django_db

START = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
HOME = "/de/sitzungen/aufgaben/"
LOGIN = "/de/konto/login/"
ENDED = "Your session has ended. Please log in again."
BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def visit(client, url=HOME, **headers):
    return client.get(url, headers={**BROWSER, **headers})


def logged_in(client, user, clock):
    """Log in at START and open a first page."""
    client.force_login(user)
    assert visit(client).status_code == 200


def stays_active(client, clock, *, every: timedelta, until: timedelta) -> None:
    """A visit every ``every`` and one at ``until`` after START; each one is served."""
    while datetime.now(UTC) + every <= START + until:
        clock.shift(every)
        assert visit(client).status_code == 200, datetime.now(UTC) - START
    clock.move_to(START + until)
    assert visit(client).status_code == 200


def assert_sent_to_login(response, next_path=HOME, login=LOGIN):
    assert response.status_code == 302
    assert response["Location"] == f"{login}?next={next_path.replace('/', '%2F')}"


def test_member_idle_119_minutes_stays_logged_in(client, owner, clock):
    logged_in(client, owner, clock)
    clock.shift(timedelta(minutes=119))

    response = visit(client)

    assert response.status_code == 200
    assert response.wsgi_request.user == owner


def test_member_idle_121_minutes_is_logged_out_with_a_message(client, owner, clock):
    logged_in(client, owner, clock)
    clock.shift(timedelta(minutes=121))

    response = visit(client)

    assert_sent_to_login(response)
    assert not response.wsgi_request.user.is_authenticated
    page = client.get(response["Location"], headers=BROWSER)
    assert page.status_code == 200
    with translation.override("de"):
        assert gettext(ENDED) in page.content.decode()
    assert visit(client).status_code == 302  # still logged out


def test_coordinator_idle_29_minutes_stays_logged_in(client, coordinator, clock):
    logged_in(client, coordinator, clock)
    clock.shift(timedelta(minutes=29))

    response = visit(client)

    assert response.status_code == 200
    assert response.wsgi_request.user == coordinator


def test_coordinator_idle_31_minutes_is_logged_out(client, coordinator, clock):
    logged_in(client, coordinator, clock)
    clock.shift(timedelta(minutes=31))

    response = visit(client)

    assert_sent_to_login(response)
    assert not response.wsgi_request.user.is_authenticated


def test_member_active_every_20_minutes_is_logged_out_after_12_hours(client, owner, clock):
    logged_in(client, owner, clock)
    stays_active(client, clock, every=timedelta(minutes=20), until=timedelta(hours=11, minutes=59))

    clock.move_to(START + timedelta(hours=12, minutes=1))
    response = visit(client)

    assert_sent_to_login(response)


def test_coordinator_active_every_20_minutes_is_logged_out_after_8_hours(
    client, coordinator, clock
):
    logged_in(client, coordinator, clock)
    stays_active(client, clock, every=timedelta(minutes=20), until=timedelta(hours=7, minutes=59))

    clock.move_to(START + timedelta(hours=8, minutes=1))
    response = visit(client)

    assert_sent_to_login(response)


def test_superuser_without_coordinator_role_has_the_short_idle_limit(client, clock, totp_secret):
    superuser = UserFactory(is_superuser=True, email="root@example.org")
    TOTP.activate(superuser, totp_secret)
    client.force_login(superuser)
    assert client.get("/de/", headers=BROWSER).status_code == 200
    clock.shift(timedelta(minutes=31))

    response = client.get("/de/", headers=BROWSER)

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=%2Fde%2F"


def test_settings_change_the_limits(client, owner, clock, settings):
    settings.SESSION_IDLE_MINUTES = 10
    settings.SESSION_MAX_HOURS = 1
    logged_in(client, owner, clock)
    clock.shift(timedelta(minutes=9))
    assert visit(client).status_code == 200
    clock.shift(timedelta(minutes=11))

    assert_sent_to_login(visit(client))

    logged_in(client, owner, clock)
    stays_active(client, clock, every=timedelta(minutes=5), until=timedelta(minutes=79))
    clock.shift(timedelta(minutes=2))
    assert_sent_to_login(visit(client))


def test_lowered_limit_ends_a_running_login(client, owner, clock, settings):
    """A limit lowered after the login was made applies at once."""
    logged_in(client, owner, clock)
    settings.SESSION_IDLE_MINUTES = 10
    clock.shift(timedelta(minutes=11))

    response = visit(client)

    assert_sent_to_login(response)
    page = client.get(response["Location"], headers=BROWSER)
    with translation.override("de"):
        assert gettext(ENDED) in page.content.decode()


def test_session_row_expires_with_the_login(client, owner, coordinator, clock):
    logged_in(client, owner, clock)
    clock.shift(timedelta(minutes=30))
    visit(client)

    row = Session.objects.get(session_key=client.session.session_key)

    assert row.expire_date == START + timedelta(minutes=30 + 120)
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == ""  # ends with browser


def test_activity_is_written_at_most_once_a_minute(client, owner, clock):
    logged_in(client, owner, clock)
    clock.shift(timedelta(seconds=30))
    visit(client)
    row = Session.objects.get(session_key=client.session.session_key)

    assert row.expire_date == START + timedelta(minutes=120)


def test_background_refresh_does_not_keep_a_login_alive(client, owner, clock):
    logged_in(client, owner, clock)
    for _ in range(11):
        clock.shift(timedelta(minutes=10))
        response = visit(client, **{BACKGROUND_HEADER: "true"})
    assert response.status_code == 200

    clock.shift(timedelta(minutes=11))  # 121 minutes after the last page the person opened
    response = visit(client, **{"HX-Request": "true", BACKGROUND_HEADER: "true"})

    assert response.status_code == 401
    assert response["HX-Redirect"] == LOGIN


def test_htmx_request_after_the_end_moves_the_page_to_the_login(client, owner, clock):
    logged_in(client, owner, clock)
    clock.shift(timedelta(minutes=121))

    response = visit(client, **{"HX-Request": "true", "HX-Current-URL": f"http://testserver{HOME}"})

    assert response.status_code == 401
    assert response["HX-Redirect"] == f"{LOGIN}?next=%2Fde%2Fsitzungen%2Faufgaben%2F"


def test_form_sent_after_the_end_returns_to_its_page_after_login(client, owner, clock):
    logged_in(client, owner, clock)
    clock.shift(timedelta(minutes=121))

    response = client.post(
        reverse("meetings:calendar-renew"),
        headers={**BROWSER, "Referer": "http://testserver/de/sitzungen/kalender/"},
    )

    assert_sent_to_login(response, next_path="/de/sitzungen/kalender/")
    assert not CalendarFeed.objects.filter(user=owner).exists()


def test_message_is_in_the_visitors_language(client, owner, clock):
    logged_in(client, owner, clock)
    clock.shift(timedelta(minutes=121))

    response = visit(client, "/en/sitzungen/aufgaben/")

    assert_sent_to_login(response, next_path="/en/sitzungen/aufgaben/", login="/en/konto/login/")
    page = client.get(response["Location"], headers=BROWSER).content.decode()
    assert ENDED in page
    assert 'lang="en"' in page


def test_private_calendar_feed_works_with_an_ended_session(client, owner, clock):
    logged_in(client, owner, clock)
    feed = CalendarFeed.objects.create(user=owner, token="t" * 32)
    clock.shift(timedelta(hours=3))

    response = client.get(reverse("meetings:calendar-feed", args=[feed.token]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"


def test_anonymous_session_is_unaffected(client, clock):
    session = client.session
    session["form_state"] = "half done"
    session.save()
    clock.shift(timedelta(hours=3))

    response = client.get("/de/", headers=BROWSER)

    assert response.status_code == 200
    assert ENDED not in response.content.decode()
    assert client.session["form_state"] == "half done"


def test_anonymous_sessions_live_no_longer_than_the_longest_login():
    assert settings.SESSION_COOKIE_AGE == 12 * 3600


def test_a_new_login_starts_a_fresh_record(client, owner, clock):
    logged_in(client, owner, clock)
    clock.shift(timedelta(minutes=121))
    assert_sent_to_login(visit(client))

    response = client.post(LOGIN, {"login": owner.email, "password": PASSWORD})
    assert response.status_code == 302
    clock.shift(timedelta(minutes=119))

    assert visit(client).status_code == 200


def test_ended_logins_are_deleted_from_the_server(client, owner, coordinator, clock):
    logged_in(client, owner, clock)
    clock.shift(timedelta(minutes=121))
    kept = Client()
    kept.force_login(coordinator)
    assert visit(kept).status_code == 200  # a login of now

    sessions_clear.call()

    assert list(Session.objects.values_list("session_key", flat=True)) == [kept.session.session_key]


def test_abandoned_second_factor_step_does_not_count_as_a_lost_login(client, coordinator, clock):
    """An anonymous session's cookie ends with its row: no false "session has ended"."""
    client.post(LOGIN, {"login": coordinator.email, "password": PASSWORD})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]

    assert cookie["max-age"] == 12 * 3600


def test_login_page_offers_no_remember_me(client):
    page = client.get(LOGIN, headers=BROWSER).content.decode()

    assert 'name="remember"' not in page
