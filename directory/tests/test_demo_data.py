"""The demo data set as loaded once: read-only checks share one load."""

import pytest
from django.contrib.auth import authenticate

from accounts.enums import Role
from accounts.models import User
from core.demo.logins import DEMO_PASSWORD
from core.enums import TranslationStatus
from core.languages import target_language_codes
from directory.enums import TopicIcon
from directory.models import (
    Contact,
    Location,
    Offer,
    OpeningHours,
    Organisation,
    TargetGroup,
    Topic,
)

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


@pytest.mark.parametrize("model", [Organisation, Offer, Location, Contact, Topic, TargetGroup])
def test_demo_content_is_translated_into_every_language_by_people(model):
    """Every German text of the demo has a current translation in all seven other
    languages, and none of them is marked as machine translation."""
    languages = target_language_codes()
    checked = 0
    for source in model.objects.prefetch_related("translations"):
        fields = [name for name in model.translated_fields if getattr(source, name).strip()]
        if not fields:
            continue
        statuses = source.translation_statuses()
        for language in languages:
            row = source.translation_for(language)
            assert row is not None, (str(source), language)
            assert statuses[language] == TranslationStatus.CURRENT, (str(source), language)
            assert not row.machine_translated, (str(source), language)
            for name in fields:
                assert getattr(row, name).strip(), (str(source), language, name)
        checked += 1
    assert checked, model


def test_demo_translations_are_not_german_copies():
    offer = Offer.objects.get(name="Sprechstunde des Integrationsbeauftragten")
    names = {language: offer.translation_for(language).name for language in target_language_codes()}

    assert len(set(names.values())) == len(names)
    assert "Sprechstunde" not in "".join(names.values())


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


def test_demo_topics_have_their_own_pictures():
    icons = list(Topic.objects.values_list("icon", flat=True))

    assert len(set(icons)) == len(icons)
    assert TopicIcon.CATEGORY not in icons
