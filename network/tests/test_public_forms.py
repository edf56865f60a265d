"""The public forms: they store, confirm, refuse spam and bad input with a clear 4xx."""

import time

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import translation

from core.models import OutgoingMail
from core.spam import SALT
from directory.tests.factories import TopicFactory
from network.links import status_token
from network.models import HelpOffer, JoinRequest
from network.tests.helpers import help_data, join_data, mails_to

pytestmark = pytest.mark.django_db


def url(name, language="en", args=()):
    with translation.override(language):
        return reverse(f"network:{name}", args=args)


def counts():
    return (JoinRequest.objects.count(), HelpOffer.objects.count(), OutgoingMail.objects.count())


@pytest.fixture
def topic():
    return TopicFactory(slug="homework", name="Hausaufgabenhilfe")


@pytest.mark.parametrize("name", ["index", "join", "help"])
def test_public_pages_open_for_everyone_and_carry_the_direction(client, name, topic):
    response = client.get(url(name, "ar"))
    assert response.status_code == 200
    assert b'dir="rtl"' in response.content


def test_join_form_stores_the_request_and_sends_the_confirmation(client):
    response = client.post(url("join", "ar"), join_data())
    assert response.status_code == 302
    assert response["Location"] == url("thanks", "ar") + "?kind=join"
    join_request = JoinRequest.objects.get()
    assert (join_request.language, join_request.organisation_name) == (
        "ar",
        "Sprachcafé Oststadt e. V.",
    )
    (mail,) = mails_to("amina@example.org")
    assert "/ar/mitmachen/stand/" in mail.body


def test_help_form_stores_the_offer(client, topic):
    response = client.post(url("help"), help_data([topic]))
    assert response.status_code == 302
    offer = HelpOffer.objects.get()
    assert (offer.language, offer.languages, list(offer.topics.all())) == (
        "en",
        ["ar", "de"],
        [topic],
    )


def test_a_double_click_stores_one_request(client):
    data = join_data()
    client.post(url("join"), data)
    client.post(url("join"), data)
    assert counts() == (1, 0, 1)


def test_the_privacy_notice_from_the_setting_is_shown(client, settings):
    settings.NETWORK_PRIVACY_NOTICE = "Notice-7f3a: we keep data for a year."
    response = client.get(url("join"))
    assert "Notice-7f3a: we keep data for a year." in response.content.decode()


# --- spam -----------------------------------------------------------------------


def test_honeypot_filled_in_is_refused(client):
    response = client.post(url("join"), join_data(homepage="http://spam.example"))
    assert response.status_code == 400
    assert "Please leave the last field empty." in response.content.decode()
    assert counts() == (0, 0, 0)


def test_a_form_sent_too_fast_is_refused(client, settings):
    settings.FORM_MIN_FILL_SECONDS = 5
    response = client.post(url("join"), join_data())
    assert response.status_code == 400
    assert "The form was sent very quickly." in response.content.decode()
    assert counts() == (0, 0, 0)


def test_a_form_filled_slowly_enough_is_taken(client, settings):
    settings.FORM_MIN_FILL_SECONDS = 5
    started = signing.dumps(time.time() - 6, salt=SALT)
    response = client.post(url("join"), join_data(started=started))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "started",
    [
        "",
        "12345",
        pytest.param(signing.dumps(time.time(), salt="another-salt"), id="another-salt"),
        "x" * 300,
    ],
)
def test_a_missing_or_forged_start_time_is_refused(client, started):
    response = client.post(url("join"), join_data(started=started))
    assert response.status_code == 400
    assert counts() == (0, 0, 0)


def test_a_form_older_than_the_maximum_age_is_refused(client, settings):
    data = join_data()
    with time_machine.travel(time.time() + settings.FORM_MAX_AGE_HOURS * 3600 + 60):
        response = client.post(url("join"), data)
    assert response.status_code == 400
    assert "This form has expired." in response.content.decode()


def test_rate_limit_per_ip_address(client, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 2
    for number in range(2):
        response = client.post(url("join"), join_data(email=f"p{number}@example.org"))
        assert response.status_code == 302
    response = client.post(url("join"), join_data(email="p9@example.org"))
    assert response.status_code == 429
    assert "Too many requests were sent." in response.content.decode()
    assert JoinRequest.objects.count() == 2


def test_rate_limit_per_email_address_across_ip_addresses(client, settings, topic):
    settings.PUBLIC_FORM_RATE_LIMIT = 2
    for number in range(2):
        response = client.post(
            url("help"),
            help_data([topic], message=f"Nachricht {number}"),
            REMOTE_ADDR=f"10.0.0.{number}",
        )
        assert response.status_code == 302
    response = client.post(
        url("help"), help_data([topic], message="noch eine"), REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429
    assert HelpOffer.objects.count() == 2


def test_rate_limit_window_ends(client, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 1
    client.post(url("join"), join_data())
    # the cache (LocMemCache) honours expiry by the clock
    with time_machine.travel(time.time() + settings.PUBLIC_FORM_RATE_WINDOW_MINUTES * 60 + 5):
        response = client.post(url("join"), join_data(message="später"))
    assert response.status_code == 302, response.context["form"].errors


# --- the signed state link ----------------------------------------------------------


def test_state_link_shows_the_state_and_withdraws(client, topic):
    client.post(url("help", "uk"), help_data([topic]))
    offer = HelpOffer.objects.get()
    link = url("status", "uk", [status_token("help", offer.pk)])

    page = client.get(link)
    assert page.status_code == 200
    assert 'data-state="open"' in page.content.decode()

    response = client.post(link)
    assert response.status_code == 200
    assert HelpOffer.objects.count() == 0
    assert client.get(link).status_code == 404


def test_forged_state_link_is_refused(client):
    join_request = client.post(url("join"), join_data()) and JoinRequest.objects.get()
    token = status_token("join", join_request.pk)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    for method in (client.get, client.post):
        response = method(url("status", args=[forged]))
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()
    assert JoinRequest.objects.count() == 1


def test_expired_state_link_is_refused(client, settings):
    client.post(url("join"), join_data())
    token = status_token("join", JoinRequest.objects.get().pk)
    later = time.time() + settings.NETWORK_LINK_MAX_AGE_DAYS * 86400 + 60
    with time_machine.travel(later):
        response = client.post(url("status", args=[token]))
    assert response.status_code == 400
    assert JoinRequest.objects.count() == 1


def test_a_decided_join_request_cannot_be_withdrawn_through_the_link(client, coordinator):
    from network.services import join_request_decline

    client.post(url("join"), join_data())
    join_request = JoinRequest.objects.get()
    join_request_decline(join_request=join_request, reason="Nein", by=coordinator)
    link = url("status", args=[status_token("join", join_request.pk)])
    assert b'data-testid="withdraw"' not in client.get(link).content
    assert client.post(link).status_code == 409
    assert JoinRequest.objects.count() == 1


def test_behind_a_trusted_proxy_each_client_address_has_its_own_limit(client, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for number in range(2):
        response = client.post(
            url("join"),
            join_data(email=f"p{number}@example.org"),
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )
        assert response.status_code == 302
    again = client.post(
        url("join"), join_data(email="p7@example.org"), HTTP_X_FORWARDED_FOR="198.51.100.0"
    )
    assert again.status_code == 429


def test_without_a_notice_setting_the_own_notice_names_the_retention(client, settings):
    settings.NETWORK_PRIVACY_NOTICE = ""
    settings.NETWORK_RETENTION_MONTHS = 7
    response = client.get(url("help"))
    assert "They are deleted after 7 months" in response.content.decode()
