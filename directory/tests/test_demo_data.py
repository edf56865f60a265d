"""The demo data set as loaded once: read-only checks share one load."""

import pytest
from django.contrib.auth import authenticate

from accounts.enums import Role
from accounts.models import User
from core.demo.logins import DEMO_PASSWORD
from core.enums import TranslationStatus
from directory.models import Contact, Offer, OpeningHours, Organisation, Topic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded_once")]


def test_demo_loads_every_organisation_of_the_seed():
    assert Organisation.objects.count() == 23
    bock = Contact.objects.get(name="Remo Bock")
    assert bock.organisation.slug == "vier-tore-stadt-neubrandenburg"
    assert bock.role == "Integrationsbeauftragter der Vier-Tore-Stadt Neubrandenburg"
    awo = Organisation.objects.get(slug="awo-migrationszentrum")
    assert awo.statement_by.name == "Siglinde Zierke"
    assert "Integration ist keine Einbahnstraße!" in awo.statement
    assert Offer.objects.filter(name__icontains="AWO lingo").exists()


def test_demo_every_organisation_has_an_offer_at_a_place_with_hours():
    for organisation in Organisation.objects.prefetch_related("offers"):
        assert organisation.offers.exists(), organisation.slug
    for offer in Offer.objects.all():
        assert OpeningHours.objects.filter(offer_location__offer=offer).exists(), offer.name
        assert offer.topics.exists(), offer.name


def test_demo_offers_in_german_and_english():
    for offer in Offer.objects.prefetch_related("translations"):
        assert offer.name
        assert offer.translation_statuses()["en"] == TranslationStatus.CURRENT, offer.name


def test_demo_topics_named_in_all_eight_languages_with_keywords():
    for topic in Topic.objects.prefetch_related("translations"):
        statuses = topic.translation_statuses()
        assert set(statuses.values()) == {TranslationStatus.CURRENT}, topic.slug
        for code in statuses:
            assert topic.translation_for(code).keywords.strip(), (topic.slug, code)
    housing = Topic.objects.get(slug="housing")
    assert "житло" in housing.translation_for("uk").keywords.split("\n")
    assert "سكن" in housing.translation_for("ar").keywords.split("\n")


def test_demo_contact_data_is_obviously_fictional():
    emails = [
        *Organisation.objects.exclude(email="").values_list("email", flat=True),
        *Contact.objects.exclude(email="").values_list("email", flat=True),
    ]
    phones = [
        *Organisation.objects.exclude(phone="").values_list("phone", flat=True),
        *Contact.objects.exclude(phone="").values_list("phone", flat=True),
    ]

    assert emails
    assert all(email.endswith("example.org") for email in emails)
    assert phones
    assert all(phone.as_e164.startswith("+49395555") for phone in phones)


def test_demo_logins():
    coordinator = User.objects.get(email="koordination@example.org")
    assert coordinator.role == Role.COORDINATOR
    for email, slug in [
        ("vhs@example.org", "volkshochschule-mse"),
        ("awo@example.org", "awo-migrationszentrum"),
        ("neuwoges@example.org", "neuwoges"),
    ]:
        editor = User.objects.get(email=email)
        assert editor.role == Role.MEMBER_EDITOR
        assert editor.organisation.slug == slug
        assert authenticate(email=email, password=DEMO_PASSWORD) == editor
