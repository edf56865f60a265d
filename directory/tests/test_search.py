"""Search: what people mean, in any of the languages, despite typos."""

import datetime

import pytest
from django.core.management import call_command

from core.services import translation_save
from directory.enums import MembershipStatus, OfferStatus
from directory.models import (
    OfferLanguage,
    OfferLocation,
    OfferPosting,
    OpeningHours,
    SearchDocument,
)
from directory.public import public_offers
from directory.search.index import search_index_offers
from directory.search.query import QUALITY_EXACT, QUALITY_TYPO, expand_all
from directory.search.updates import (
    index_updates,
    locations_changed,
    offers_changed,
    organisations_changed,
)
from directory.selectors import (
    OfferFilters,
    offer_filter,
    offer_list,
    offer_search,
)
from directory.tests.factories import (
    DistrictFactory,
    LocationFactory,
    OfferFactory,
    OrganisationFactory,
    TargetGroupFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    """Three offers: housing, a German course, and counselling that touches both."""
    housing = TopicFactory(slug="housing", name="Wohnen", keywords="Wohnung\nMiete")
    translation_save(source=housing, language="uk", values={"name": "Житло", "keywords": "житло"})
    translation_save(source=housing, language="ar", values={"name": "السكن", "keywords": "سكن"})
    courses = TopicFactory(slug="language-courses", name="Deutschkurse", keywords="Deutschkurs")
    translation_save(
        source=courses,
        language="en",
        values={"name": "German courses", "keywords": "German course\nlanguage course"},
    )
    flat = OfferFactory(name="Wohnungssuche", description="Hilfe bei der Suche.")
    flat.topics.set([housing])
    course = OfferFactory(name="Integrationskurs", description="Kurs mit Prüfung.")
    course.topics.set([courses])
    counselling = OfferFactory(name="Migrationsberatung", description="Beratung zu allem.")
    counselling.topics.set([housing, courses])
    search_index_offers([flat.id, course.id, counselling.id])
    return {"flat": flat, "course": course, "counselling": counselling}


def ranked(query: str) -> list[str]:
    result = offer_search(query=query, filters=OfferFilters())
    names = dict(public_offers().values_list("id", "name"))
    assert result.total == len(result.offer_ids)
    return [names[offer_id] for offer_id in result.offer_ids]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # exact words, in the offer's own text or its topic's search words
        ("Wohnung", ["Wohnungssuche", "Migrationsberatung"]),
        ("Wohnungssuche", ["Wohnungssuche"]),
        # cross-language through topic names and search words
        ("житло", ["Wohnungssuche", "Migrationsberatung"]),
        ("سكن", ["Wohnungssuche", "Migrationsberatung"]),
        ("German course", ["Integrationskurs", "Migrationsberatung"]),
        # prefix, inflection, one typo
        ("Deutschk", ["Integrationskurs", "Migrationsberatung"]),
        ("Deutschkurse", ["Integrationskurs", "Migrationsberatung"]),
        ("Wohnnung", ["Wohnungssuche", "Migrationsberatung"]),
        ("Integrationskrus", ["Integrationskurs"]),
        # offers matching more of the words come first; one word is enough
        ("Wohnung Deutschkurs", ["Migrationsberatung", "Integrationskurs", "Wohnungssuche"]),
        ("Wohnnung Deutschkrus", ["Migrationsberatung", "Integrationskurs", "Wohnungssuche"]),
        ("Zahnarzt", []),
    ],
)
def test_ranking_table(catalogue, query, expected):
    assert ranked(query) == expected


def test_words_are_expanded_in_few_queries(catalogue, django_assert_max_num_queries):
    # the words with their stems and deletions; the completions of the last word
    # and of the two unknown ones; the spelling variants of both unknown words
    with django_assert_max_num_queries(5):
        found = expand_all(["migrationsberatung", "wohnnung", "deutschkrus", "beratung"])

    assert found[0] == {"migrationsberatung": QUALITY_EXACT}
    assert found[1]["wohnung"] == QUALITY_TYPO
    assert found[2]["deutschkurs"] == QUALITY_TYPO
    assert found[3]["beratung"] == QUALITY_EXACT


def test_short_words_get_no_typo_tolerance(catalogue):
    assert ranked("Kurz") == []


def test_unknown_words_are_reported_and_ignored(catalogue):
    result = offer_search(query="Wohnung Xylophon", filters=OfferFilters())

    assert result.unknown_words == ["xylophon"]
    assert len(result.offer_ids) == 2


def test_ties_are_broken_by_name(catalogue):
    twin = OfferFactory(name="Abc Wohnungssuche")
    search_index_offers([twin.id])

    assert ranked("Wohnungssuche") == ["Abc Wohnungssuche", "Wohnungssuche"]


def test_index_follows_changes(catalogue):
    offer = catalogue["course"]
    offer.name = "Sprachcafé"
    offer.save()
    search_index_offers([offer.id])

    assert ranked("Sprachcafe") == ["Sprachcafé"]
    assert ranked("Integrationskurs") == []


def test_translated_offer_names_are_searchable(catalogue):
    translation_save(source=catalogue["flat"], language="en", values={"name": "Flat hunting"})
    search_index_offers([catalogue["flat"].id])

    assert ranked("flat hunting") == ["Wohnungssuche"]


def test_search_never_shows_offers_of_former_members_or_defunct_offers(catalogue):
    with index_updates():
        catalogue["flat"].organisation.membership_status = MembershipStatus.FORMER
        catalogue["flat"].organisation.save()
        organisations_changed([catalogue["flat"].organisation.pk])
        catalogue["counselling"].status = OfferStatus.DEFUNCT
        catalogue["counselling"].save()
        offers_changed([catalogue["counselling"].pk])

    assert ranked("Wohnung") == []


def place(offer, **location):
    return OfferLocation.objects.create(
        offer=offer, location=LocationFactory(organisation=offer.organisation, **location)
    )


def test_filters_combine(catalogue):
    oststadt = DistrictFactory(slug="oststadt")
    flat, counselling = catalogue["flat"], catalogue["counselling"]
    place(flat, district=oststadt, wheelchair_accessible=True)
    place(counselling, district=oststadt)
    OfferLanguage.objects.create(offer=counselling, code="uk")
    counselling.free_of_charge = False
    counselling.save()

    def names(**filters):
        return sorted(offer_filter(filters=OfferFilters(**filters)).values_list("name", flat=True))

    assert names(district=oststadt) == ["Migrationsberatung", "Wohnungssuche"]
    assert names(district=oststadt, wheelchair_accessible=True) == ["Wohnungssuche"]
    assert names(language="uk") == ["Migrationsberatung"]
    assert names(language="uk", free_of_charge=True) == []
    assert names(free_of_charge=True) == ["Integrationskurs", "Wohnungssuche"]


def test_indexed_filters_agree_with_the_database(catalogue):
    """The search answers filters from postings; they must say what the tables say."""
    oststadt, weststadt = DistrictFactory(slug="oststadt"), DistrictFactory(slug="weststadt")
    flat, counselling, course = catalogue["flat"], catalogue["counselling"], catalogue["course"]
    place(flat, district=oststadt, wheelchair_accessible=True)
    place(counselling, district=oststadt)
    place(course, district=weststadt)
    OfferLanguage.objects.create(offer=counselling, code="uk")
    OfferLanguage.objects.create(offer=course, code="uk")
    counselling.free_of_charge = False
    counselling.save()
    families = TargetGroupFactory(slug="families")
    course.target_groups.set([families])
    search_index_offers([flat.id, counselling.id, course.id])
    housing = flat.topics.get()

    combinations = [
        {"district": oststadt},
        {"district": weststadt, "language": "uk"},
        {"district": oststadt, "wheelchair_accessible": True},
        {"language": "uk"},
        {"language": "uk", "free_of_charge": True},
        {"free_of_charge": True},
        {"target_group": families},
        {"topic": housing, "free_of_charge": True},
        {"topic": housing, "district": oststadt, "language": "uk"},
    ]
    for filters in combinations:
        expected = set(offer_filter(filters=OfferFilters(**filters)).values_list("id", flat=True))
        found = offer_search(query="", filters=OfferFilters(**filters))
        assert (set(found.offer_ids), found.total) == (expected, len(expected)), filters
        with_words = offer_search(query="Wohnung", filters=OfferFilters(**filters))
        matching = {flat.id, counselling.id} & expected
        assert set(with_words.offer_ids) == matching, filters


def test_open_now_filter_uses_berlin_time(catalogue):
    flat = catalogue["flat"]
    # Monday 08:30 UTC is 09:30 in Berlin (winter time)
    monday = datetime.datetime(2026, 11, 30, 8, 30, tzinfo=datetime.UTC)
    OpeningHours.objects.create(
        offer_location=place(flat),
        weekday=0,
        opens_at=datetime.time(9),
        closes_at=datetime.time(12),
    )

    def open_at(moment):
        return list(
            offer_filter(filters=OfferFilters(open_at=moment)).values_list("name", flat=True)
        )

    assert open_at(monday) == ["Wohnungssuche"]
    assert open_at(monday - datetime.timedelta(hours=1)) == []
    assert open_at(monday + datetime.timedelta(days=1)) == []


def test_result_lists_show_each_place_once_and_whether_one_is_open(catalogue):
    thursday_3pm = datetime.datetime(2026, 11, 26, 14, 0, tzinfo=datetime.UTC)  # 15:00 Berlin

    def hours(at, *periods, weekday=3):
        for opens, closes in periods:
            OpeningHours.objects.create(
                offer_location=at,
                weekday=weekday,
                opens_at=datetime.time(opens),
                closes_at=datetime.time(closes),
            )

    flat, course, counselling = catalogue["flat"], catalogue["course"], catalogue["counselling"]
    # open in the afternoon period of a split day; a second place without hours
    hours(place(flat, name="Büro"), (8, 10), (14, 18))
    place(flat, name="Außenstelle")
    # closed today, open at this hour only on Friday
    hours(place(course, name="Schule"), (8, 10))
    hours(place(course, name="Schule Nord"), (14, 18), weekday=4)
    # its first place closed, its second open
    hours(place(counselling, name="Zentrum"), (8, 10))
    hours(place(counselling, name="Beratungsstelle"), (15, 16))

    listed = offer_list(
        offer_ids=[flat.id, course.id, counselling.id], language="de", now=thursday_3pm
    )

    assert [offer.name for offer in listed] == [
        "Wohnungssuche",
        "Integrationskurs",
        "Migrationsberatung",
    ]
    assert [[where.name for where in offer.places] for offer in listed] == [
        ["Büro", "Außenstelle"],
        ["Schule", "Schule Nord"],
        ["Zentrum", "Beratungsstelle"],
    ]
    assert [offer.open_now for offer in listed] == [True, False, True]


def test_search_combines_query_and_filters(catalogue):
    topic = catalogue["course"].topics.get()

    result = offer_search(query="Beratung", filters=OfferFilters(topic=topic))

    assert result.offer_ids == [catalogue["counselling"].id]


def test_search_pages_through_ranked_results(catalogue):
    first = offer_search(query="Wohnung", filters=OfferFilters(), offset=0, limit=1)
    second = offer_search(query="Wohnung", filters=OfferFilters(), offset=1, limit=1)
    beyond = offer_search(query="Wohnung", filters=OfferFilters(), offset=5, limit=1)

    assert (first.offer_ids, first.total) == ([catalogue["flat"].id], 2)
    assert (second.offer_ids, second.total) == ([catalogue["counselling"].id], 2)
    assert (beyond.offer_ids, beyond.total) == ([], 2)


def test_search_without_query_lists_by_name(catalogue):
    result = offer_search(query="", filters=OfferFilters())

    assert result.offer_ids == [
        catalogue["course"].id,
        catalogue["counselling"].id,
        catalogue["flat"].id,
    ]


def test_applicant_organisation_offers_are_not_public():
    applicant = OrganisationFactory(membership_status=MembershipStatus.APPLICANT, member_since=None)
    OfferFactory(organisation=applicant, name="Geheim")

    assert not public_offers().filter(name="Geheim").exists()


def test_browsing_a_topic_lists_offers_only_about_it_first(catalogue):
    housing = catalogue["flat"].topics.get()
    mixed = OfferFactory(name="Aaa Allerlei")
    mixed.topics.set([housing, *catalogue["course"].topics.all()])
    search_index_offers([mixed.id])

    result = offer_search(query="", filters=OfferFilters(topic=housing))

    names = dict(public_offers().values_list("id", "name"))
    assert [names[i] for i in result.offer_ids] == [
        "Wohnungssuche",
        "Aaa Allerlei",
        "Migrationsberatung",
    ]


def test_renaming_reorders_ties(catalogue):
    twin = OfferFactory(name="Abc Wohnungssuche")
    search_index_offers([twin.id])
    with index_updates():
        twin.name = "Zzz Wohnungssuche"
        twin.save()  # the words did not change; the document's name did
        offers_changed([twin.pk])

    assert ranked("Wohnungssuche") == ["Wohnungssuche", "Zzz Wohnungssuche"]


def test_deleted_offers_leave_the_index(catalogue):
    document = SearchDocument.objects.get(offer=catalogue["flat"])
    catalogue["flat"].delete()

    assert ranked("Wohnungssuche") == []
    assert not OfferPosting.objects.filter(document_id=document.id).exists()


def test_migrate_rebuilds_an_index_that_an_upgrade_dropped(catalogue):
    SearchDocument.objects.all().delete()
    assert ranked("Wohnung") == []

    call_command("migrate", verbosity=0)

    assert ranked("Wohnung") == ["Wohnungssuche", "Migrationsberatung"]


def test_yes_no_filters_follow_changes(catalogue):
    flat = catalogue["flat"]
    ramp = place(flat, wheelchair_accessible=False).location

    def accessible_and_free():
        filters = OfferFilters(wheelchair_accessible=True, free_of_charge=True)
        return offer_search(query="Wohnung", filters=filters).offer_ids

    assert accessible_and_free() == []
    with index_updates():
        ramp.wheelchair_accessible = True
        ramp.save()
        locations_changed([ramp.pk])
    assert accessible_and_free() == [flat.id]
    with index_updates():
        flat.free_of_charge = False
        flat.save()
        offers_changed([flat.pk])
    assert accessible_and_free() == []
    with index_updates():
        flat.free_of_charge = True
        flat.save()
        OfferLocation.objects.filter(offer=flat).delete()
        offers_changed([flat.pk])
    assert accessible_and_free() == []
