"""The registry of personal data holders and the coordinator's privacy page (issue 14 item 5)."""

import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import models
from django.utils import translation

from accounts.tests.factories import UserFactory
from core.models import ChangeSet, OutgoingMail
from core.privacy import Holder, holders, personal_data_erase
from core.tests.helpers import our_app_configs
from core.tests.privacy_helpers import (
    OTHER,
    PERSON,
    PERSON_NAME,
    erase_page,
    export_page,
    privacy_url,
    records,
)
from festival.models import Event
from festival.tests.factories import EventFactory
from network.models import HelpOffer
from network.tests.factories import HelpOfferFactory


def our_models() -> list[type[models.Model]]:
    """The models of the project's own apps (not of installed packages)."""
    return [model for app in our_app_configs() for model in app.get_models()]


def holds_email(field: models.Field) -> bool:
    return isinstance(field, models.EmailField) or "email" in field.name.lower()


def uncovered(registered: list[Holder]) -> set[str]:
    covered = {name for holder in registered for name in holder.covers}
    return {
        f"{model._meta.label}.{field.name}"
        for model in our_models()
        for field in model._meta.concrete_fields
        if holds_email(field)
    } - covered


def test_every_email_field_of_our_models_is_covered_by_a_holder():
    assert our_models()  # the walk sees our apps
    assert uncovered(holders()) == set()


def test_the_walk_notices_a_missing_holder():
    without_festival = [holder for holder in holders() if holder.key != "festival.events"]
    assert uncovered(without_festival) == {
        "festival.Event.contact_email",
        "festival.Event.submitter_email",
    }


def test_every_covered_field_exists():
    for holder in holders():
        for name in holder.covers:
            label, field = name.rsplit(".", 1)
            apps.get_model(label)._meta.get_field(field)  # raises when misspelt


def test_a_holder_either_erases_or_says_why_it_keeps():
    with pytest.raises(ValueError):
        Holder(key="x", label="x", covers=(), export=lambda person: [])


@pytest.mark.django_db
def test_erase_reports_every_holder_and_leaves_the_other_person(coordinator):
    HelpOfferFactory(email=PERSON)
    other_offer = HelpOfferFactory(email=OTHER)
    OutgoingMail.objects.create(to=PERSON, subject="s", body="b", purpose="x")
    OutgoingMail.objects.create(to=OTHER, subject="s", body="b", purpose="x")

    results = personal_data_erase(email=PERSON, by=coordinator)

    assert list(results) == [holder.key for holder in holders()]
    assert results["network.help_offers"].count == 1
    assert results["core.outbox"].count == 1
    assert results["accounts.users"].count is None
    assert results["accounts.users"].kept != ""
    assert list(HelpOffer.objects.all()) == [other_offer]
    assert list(OutgoingMail.objects.values_list("to", flat=True)) == [OTHER]


@pytest.mark.django_db
def test_a_user_account_is_exported_and_kept(client, coordinator):
    user = UserFactory(email=PERSON, name=PERSON_NAME)

    export = export_page(client, coordinator)
    [account] = records(export, "accounts.users")
    assert (account["email"], account["name"], account["addresses"]) == (
        PERSON,
        PERSON_NAME,
        [PERSON],
    )
    assert "administration" in export["holders"]["accounts.users"]["erasure"]

    erase_page(client, coordinator)
    user.refresh_from_db()
    assert (user.email, user.is_active) == (PERSON, True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("member", 403), ("other organisation", 403), ("coordinator", 200)],
)
def test_only_the_coordinator_may_export_or_erase(
    client, owner, outsider, coordinator, who, expected
):
    users = {"member": owner, "other organisation": outsider, "coordinator": coordinator}
    event = EventFactory(organisation=owner.organisation, contact_email=PERSON)
    if who in users:
        client.force_login(users[who])

    assert client.get(privacy_url()).status_code == expected
    export = client.post(privacy_url(), {"email": PERSON, "action": "export"})
    assert export.status_code == expected
    assert (PERSON in export.content.decode()) == (who == "coordinator")
    erased = client.post(privacy_url(), {"email": PERSON, "action": "erase"})
    assert erased.status_code == expected
    assert (Event.objects.get(pk=event.pk).contact_email == PERSON) == (who != "coordinator")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "no address"}, "Enter a valid email address."),
        ({"email": ""}, "This field is required."),
        ({"email": PERSON, "name": "Pia\nX-Evil: 1"}, "Line breaks and control characters"),
        ({"email": PERSON, "name": "P"}, "at least 3 characters"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_erased(
    client, coordinator, data, message
):
    HelpOfferFactory(email=PERSON, name=PERSON_NAME)
    client.force_login(coordinator)

    response = client.post(privacy_url(), {**data, "action": "erase"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert message in response.content.decode()
    assert HelpOffer.objects.count() == 1
    assert not ChangeSet.objects.exists()


@pytest.mark.django_db
def test_the_error_is_translated(client, coordinator):
    client.force_login(coordinator)

    response = client.post(privacy_url("de"), {"email": "keine Adresse", "action": "export"})

    assert response.status_code == 400
    assert "Bitte gültige E-Mail-Adresse eingeben." in response.content.decode()


@pytest.mark.django_db
def test_the_command_exports_and_erases(capsys):
    HelpOfferFactory(email=PERSON)
    HelpOfferFactory(email=OTHER)

    call_command("personal_data", "export", PERSON)
    exported = json.loads(capsys.readouterr().out)
    assert len(exported["holders"]["network.help_offers"]["records"]) == 1

    with translation.override("en"):
        call_command("personal_data", "erase", PERSON, "--name", PERSON_NAME)
    assert "Help offers: 1" in capsys.readouterr().out
    assert list(HelpOffer.objects.values_list("email", flat=True)) == [OTHER]


@pytest.mark.django_db
def test_the_command_refuses_a_bad_address():
    HelpOfferFactory(email=PERSON)

    with translation.override("en"), pytest.raises(CommandError, match="Not an e-mail address"):
        call_command("personal_data", "erase", "no address")
    assert HelpOffer.objects.count() == 1
