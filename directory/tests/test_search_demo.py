"""The ranking on the real demo data: what a newcomer types, what must come first."""

import pytest

from directory.models import Offer
from directory.selectors import OfferFilters, offer_search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded_once")]

HOUSING = "Wohnungssuche bei der NEUWOGES"
GERMAN_COURSE = "Einstufungstest und Kursberatung Deutsch"
COUNSELLING = "Migrationsberatung für Geflüchtete und Zugewanderte"


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Wohnung", HOUSING),
        ("housing", HOUSING),
        ("житло", HOUSING),
        ("жильё", HOUSING),
        ("жилье", HOUSING),
        ("سكن", HOUSING),
        ("Wohnnung", HOUSING),
        ("Deutschkurs", GERMAN_COURSE),
        ("Deutschkurse", GERMAN_COURSE),
        ("Deutschk", GERMAN_COURSE),
        ("German course", GERMAN_COURSE),
        ("курси німецької", GERMAN_COURSE),
        ("Sprachkrus", GERMAN_COURSE),
        ("Migrationsberatung", COUNSELLING),
        ("migration counselling", COUNSELLING),
        ("Sprachmittlung", "AWO lingo – Sprachmittlung"),
    ],
)
def test_demo_ranking(query, first):
    result = offer_search(query=query, filters=OfferFilters())

    assert result.offer_ids
    assert Offer.objects.get(id=result.offer_ids[0]).name == first


def test_demo_housing_finds_the_housing_company_in_every_language():
    rankings = [
        offer_search(query=query, filters=OfferFilters()).offer_ids
        for query in ("Wohnung", "housing", "житло", "жильё", "سكن")
    ]

    neuwoges = Offer.objects.get(name=HOUSING).id
    assert all(neuwoges in ids[:3] for ids in rankings)
