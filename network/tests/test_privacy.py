"""Retention, export and erasure of personal data; nothing personal in logs."""

import json
import logging
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from core.models import OutgoingMail
from core.periodic import PERIODIC
from core.privacy import personal_data_erase, personal_data_export
from core.tests.worker import run_worker
from directory.tests.factories import TopicFactory
from network.enums import JoinStatus
from network.models import HelpOffer, JoinRequest, Routing
from network.privacy import retention_apply
from network.services import help_offer_submit, join_request_decline, join_request_submit
from network.tests.factories import (
    HelpOfferFactory,
    JoinRequestFactory,
    RoutingFactory,
)

pytestmark = pytest.mark.django_db

PERSON = "person@example.org"


def url(name):
    with translation.override("en"):
        return reverse(f"network:{name}")


def months_later(months):
    return timezone.now() + timedelta(days=round(months * 365.25 / 12) + 1)


def test_retention_deletes_old_help_offers_and_declined_requests(coordinator, settings):
    settings.NETWORK_RETENTION_MONTHS = 12
    offer = HelpOfferFactory(email=PERSON)
    RoutingFactory(help_offer=offer)
    declined = JoinRequestFactory(email=PERSON)
    join_request_decline(join_request=declined, reason="Nein", by=coordinator)
    accepted = JoinRequestFactory(status=JoinStatus.ACCEPTED)
    waiting = JoinRequestFactory()

    with time_machine.travel(timezone.now() + timedelta(days=300)):
        assert retention_apply() == {"help_offers": 0, "join_requests": 0}
        fresh = HelpOfferFactory()

    with time_machine.travel(months_later(12)):
        assert retention_apply() == {"help_offers": 1, "join_requests": 1}

    assert set(HelpOffer.objects.all()) == {fresh}
    assert Routing.objects.count() == 0
    assert set(JoinRequest.objects.all()) == {accepted, waiting}


def test_retention_follows_the_setting(settings):
    settings.NETWORK_RETENTION_MONTHS = 1
    HelpOfferFactory()
    with time_machine.travel(months_later(1)):
        assert retention_apply()["help_offers"] == 1


def test_retention_runs_as_a_periodic_task(settings):
    assert "network.tasks.network_retention" in PERIODIC
    HelpOfferFactory()
    with time_machine.travel(months_later(settings.NETWORK_RETENTION_MONTHS)):
        PERIODIC["network.tasks.network_retention"][0].enqueue()
        run_worker()
    assert HelpOffer.objects.count() == 0


def test_export_holds_everything_about_the_address(django_capture_on_commit_callbacks):
    topic = TopicFactory(slug="sport")
    join_request_submit(
        data={"kind": "volunteer", "name": "P", "activity": "Sport", "email": PERSON},
        language="ru",
    )
    help_offer_submit(
        data={
            "name": "P",
            "email": "Person@Example.org",
            "topics": [topic],
            "languages": ["ru"],
            "time_available": "week",
        },
        language="ru",
    )
    HelpOfferFactory(email="other@example.org")

    data = personal_data_export(email=PERSON)

    holders = data["holders"]
    assert [item["activity"] for item in holders["network.join_requests"]["records"]] == ["Sport"]
    assert [item["topics"] for item in holders["network.help_offers"]["records"]] == [["sport"]]
    assert len(holders["core.outbox"]["records"]) == 2
    json.dumps(data)  # JSON-ready


def test_erase_deletes_requests_offers_and_mails_to_the_address():
    join_request_submit(
        data={"kind": "volunteer", "name": "P", "activity": "Sport", "email": PERSON},
        language="de",
    )
    HelpOfferFactory(email=PERSON.upper())
    other = HelpOfferFactory(email="other@example.org")
    OutgoingMail.objects.create(to="other@example.org", subject="s", body="b", purpose="x")

    counts = {key: result.count for key, result in personal_data_erase(email=PERSON).items()}
    assert (
        counts["network.join_requests"],
        counts["network.help_offers"],
        counts["core.outbox"],
    ) == (1, 1, 1)

    assert list(HelpOffer.objects.all()) == [other]
    assert JoinRequest.objects.count() == 0
    assert list(OutgoingMail.objects.values_list("to", flat=True)) == ["other@example.org"]
    assert personal_data_export(email=PERSON)["holders"]["network.join_requests"]["records"] == []


def test_coordinator_exports_and_erases_through_the_page(client, coordinator):
    HelpOfferFactory(email=PERSON, name="Pia")
    client.force_login(coordinator)

    export = client.post(url("privacy"), {"email": PERSON, "action": "export"})
    assert export.status_code == 200
    assert export["Content-Type"] == "application/json"
    offers = json.loads(export.content)["holders"]["network.help_offers"]["records"]
    assert offers[0]["name"] == "Pia"

    bad = client.post(url("privacy"), {"email": "no address", "action": "erase"})
    assert bad.status_code == 400
    assert HelpOffer.objects.count() == 1

    erased = client.post(
        url("privacy"), {"email": PERSON, "action": "erase"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    text = " ".join(erased.content.decode().split())
    assert "Join requests: 0" in text
    assert "Help offers: 1" in text
    assert "E-mails to the address: 0" in text
    assert HelpOffer.objects.count() == 0


def test_nothing_personal_is_logged(client, caplog, coordinator):
    from network.tests.helpers import join_data

    caplog.set_level(logging.DEBUG)
    client.post(url("join"), join_data(name="Secret Name", email="secret@example.org"))
    client.post(url("join"), join_data(email="broken"))
    join_request_decline(join_request=JoinRequest.objects.get(), reason="x", by=coordinator)
    run_worker()
    logged = caplog.text
    assert "secret@example.org" not in logged
    assert "Secret Name" not in logged
