"""Public pages: the same for everyone, and never a word of internal data."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.services import translation_save
from directory.enums import MembershipStatus, NetworkRole, OfferStatus
from directory.models import OfferLanguage, OfferLocation, OpeningHours
from directory.tests.factories import (
    ContactFactory,
    LocationFactory,
    OfferFactory,
    OrganisationFactory,
    TargetGroupFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(organisation):
    offer = OfferFactory(
        organisation=organisation,
        name="Migrationsberatung",
        description="Beratung für Zugewanderte.",
        how_to_apply="Termin per Telefon.",
        last_verified=datetime.date(2026, 10, 1),
    )
    offer.topics.set([TopicFactory(slug="migration-counselling", name="Migrationsberatung")])
    offer.target_groups.set([TargetGroupFactory(slug="families", name="Familien")])
    OfferLanguage.objects.create(offer=offer, code="ar")
    location = LocationFactory(
        organisation=organisation, name="Migrationszentrum", street="Marktplatz 1"
    )
    place = OfferLocation.objects.create(offer=offer, location=location)
    today = timezone.localtime().weekday()
    OpeningHours.objects.create(
        offer_location=place,
        weekday=today,
        opens_at=datetime.time(0, 0),
        closes_at=datetime.time(23, 59, 59),
    )
    ContactFactory(
        organisation=organisation, name="Petra Öffentlich", phone="0395 5551234", public=True
    )
    ContactFactory(organisation=organisation, name="Ingo Intern", public=False)
    return offer


def public_urls(offer):
    return [
        reverse("directory:home"),
        reverse("directory:search") + "?q=Beratung",
        reverse("directory:offer-detail", args=[offer.id]),
        reverse("directory:offer-print", args=[offer.id]),
        reverse("directory:organisation-detail", args=[offer.organisation.slug]),
        reverse("directory:network"),
    ]


def test_public_pages_for_everyone(client, offer, owner, outsider, coordinator):
    for user in (None, outsider, owner, coordinator):
        if user:
            client.force_login(user)
        for url in public_urls(offer):
            response = client.get(url)
            assert response.status_code == 200, (user, url)
            assert "Ingo Intern" not in response.content.decode(), (user, url)


def test_offer_page_shows_what_a_newcomer_needs(client, offer):
    content = client.get(reverse("directory:offer-detail", args=[offer.id])).content.decode()

    # Soft hyphens let the long word break with a hyphen on a phone.
    assert "<h1" in content and "Migra\u00adti\u00adons\u00adbe\u00adra\u00adtung</h1>" in content
    assert "Termin per Telefon." in content
    assert "Arabisch" in content
    assert "Marktplatz 1" in content
    assert "Jetzt geöffnet" in content
    assert 'href="tel:+493955551234"' in content
    assert "Petra Öffentlich" in content
    assert "01.10.2026" in content or "1. Oktober 2026" in content
    assert reverse("directory:offer-print", args=[offer.id]) in content


def test_offer_page_lists_languages_topics_and_target_groups(client, offer):
    offer.topics.add(TopicFactory(slug="housing", name="Wohnen"))
    offer.target_groups.add(TargetGroupFactory(slug="women", name="Frauen"))
    OfferLanguage.objects.create(offer=offer, code="uk")
    other = OfferFactory(organisation=offer.organisation)
    other.topics.set([TopicFactory(slug="work", name="Arbeit")])
    other.target_groups.set([TargetGroupFactory(slug="students", name="Studierende")])
    OfferLanguage.objects.create(offer=other, code="fa")

    content = client.get(f"/en/angebote/{offer.id}/").content.decode()

    assert "Arabic, Ukrainian" in content
    assert "?topic=migration-counselling" in content and "?topic=housing" in content
    assert "Familien" in content and "Frauen" in content
    # nothing of another offer's links
    assert "Persian" not in content and "?topic=work" not in content
    assert "Studierende" not in content


def test_offer_page_in_another_language_marks_german_fallback(client, offer):
    content = client.get(f"/uk/angebote/{offer.id}/").content.decode()

    assert '<html lang="uk" dir="ltr">' in content
    assert '<h1 class="kern-heading-x-large" lang="de" dir="ltr">Migra\u00adti' in content
    assert "Ще не перекладено; показано німецькою." in content


def test_offer_page_in_translation(client, offer):
    translation_save(source=offer, language="ar", values={"name": "استشارات الهجرة"})

    content = client.get(f"/ar/angebote/{offer.id}/").content.decode()

    assert '<html lang="ar" dir="rtl">' in content
    assert "استشارات الهجرة</h1>" in content


@pytest.mark.parametrize(
    "change",
    [
        {"status": OfferStatus.INACTIVE},
        {"status": OfferStatus.DEFUNCT},
    ],
)
def test_offer_page_hides_retired_offers(client, offer, change):
    for field, value in change.items():
        setattr(offer, field, value)
    offer.save()

    assert client.get(reverse("directory:offer-detail", args=[offer.id])).status_code == 404


def test_offer_page_hides_offers_of_former_members(client, offer):
    offer.organisation.membership_status = MembershipStatus.FORMER
    offer.organisation.save()

    assert client.get(reverse("directory:offer-detail", args=[offer.id])).status_code == 404
    assert (
        client.get(
            reverse("directory:organisation-detail", args=[offer.organisation.slug])
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    "path",
    [
        "/de/angebote/00000000-0000-0000-0000-000000000000/",
        "/de/angebote/not-a-uuid/",
        "/de/angebote/00000000-0000-0000-0000-000000000000/drucken/",
        "/de/organisationen/gibt-es-nicht/",
        "/xx/suche/",
    ],
)
def test_unknown_objects_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_organisation_page_lists_offers_and_public_contacts(client, offer):
    url = reverse("directory:organisation-detail", args=[offer.organisation.slug])

    content = client.get(url).content.decode()

    assert "Migrationsberatung" in content
    assert "Petra Öffentlich" in content
    assert "Ingo Intern" not in content


def test_network_overview_groups_members_and_names_the_moderator(client, offer):
    city = OrganisationFactory(name="Vier-Tore-Stadt", kind="authority")
    ContactFactory(
        organisation=city, name="Mona Moderatorin", public=True, network_role=NetworkRole.MODERATOR
    )
    ContactFactory(
        organisation=city, name="Kai Koordinator", public=True, network_role=NetworkRole.COORDINATOR
    )

    content = client.get("/en/netzwerk/").content.decode()

    assert "Mona Moderatorin" in content
    assert "Kai Koordinator" in content
    assert content.index(">Public authority</h2>") < content.index(">Association</h2>")
    assert "Ingo Intern" not in content


def test_print_view_has_no_site_chrome(client, offer):
    content = client.get(reverse("directory:offer-print", args=[offer.id])).content.decode()

    assert "Migrationsberatung" in content
    assert "site-header" not in content
    assert "print.css" in content


@pytest.mark.parametrize("count", [1, 4])
@pytest.mark.parametrize(
    ("language", "queries"),
    [
        # demo marker, members, public contacts, emergency numbers: German is read
        # from the rows themselves
        ("de", 4),
        # and the members' and contacts' translations
        ("en", 6),
    ],
)
def test_network_page_query_count_is_bounded(
    client, django_assert_max_num_queries, count, language, queries
):
    for _ in range(count):
        ContactFactory(organisation=OrganisationFactory(), public=True)

    with django_assert_max_num_queries(queries):
        assert client.get(f"/{language}/netzwerk/").status_code == 200


@pytest.mark.parametrize("places", [1, 3])
@pytest.mark.parametrize(
    ("language", "queries"),
    [
        # demo marker, offer with organisation, its languages, topics and target
        # groups (one query), places, opening hours, public contacts
        ("de", 6),
        # and the translations of offer, organisation, places and contacts
        ("en", 10),
    ],
)
def test_offer_page_query_count_is_bounded(
    client, django_assert_max_num_queries, offer, places, language, queries
):
    for number in range(places - 1):
        location = LocationFactory(organisation=offer.organisation, name=f"Ort {number}")
        place = OfferLocation.objects.create(offer=offer, location=location)
        OpeningHours.objects.create(
            offer_location=place,
            weekday=number,
            opens_at=datetime.time(9),
            closes_at=datetime.time(12),
        )

    url = f"/{language}/angebote/{offer.id}/"
    client.get(url)  # fills the taxonomy cache, as any earlier visit does

    with django_assert_max_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [1, 5])
def test_organisation_page_query_count_is_bounded(
    client, django_assert_max_num_queries, organisation, count
):
    for number in range(count):
        OfferFactory(organisation=organisation, name=f"Angebot {number}")

    url = reverse("directory:organisation-detail", args=[organisation.slug])
    client.get(url)  # fills the taxonomy cache, as any earlier visit does

    # demo marker, organisation and its public contacts, its offer ids, then the
    # offers, their languages and topics (one query) and their places
    with django_assert_max_num_queries(7):
        assert client.get(url).status_code == 200
