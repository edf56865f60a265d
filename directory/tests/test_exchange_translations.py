"""Tables made elsewhere (the demo data) import like uploads, with their translations."""

from __future__ import annotations

import pytest

from core.enums import TranslationStatus
from directory.exchange.columns import OFFERS, ORGANISATIONS
from directory.exchange.entries import stable_id
from directory.exchange.services import exchange_tables_import
from directory.exchange.tables import Row, Table
from directory.models import Offer, Organisation
from directory.selectors import OfferFilters, offer_search
from directory.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


def tables(*, description_en: str = "We advise.", offer_name_en: str = "Language café"):
    organisations = Table(kind=ORGANISATIONS, source="test")
    organisations.rows.append(
        Row(
            "1",
            {
                "external_id": "awo",
                "slug": "awo",
                "name": "AWO",
                "kind": "charity",
                "membership_status": "active",
                "member_since": "2020-01-31",
                "description": "Wir beraten.",
            },
            translations={"en": {"description": description_en}},
        )
    )
    offers = Table(kind=OFFERS, source="test")
    offers.rows.append(
        Row(
            "1",
            {"external_id": "cafe", "organisation": "awo", "name": "Sprachcafé", "topics": "t"},
            translations={"en": {"name": offer_name_en}},
        )
    )
    return [organisations, offers]


def test_tables_import_stores_translations_made_from_the_german_text():
    TopicFactory(slug="t")

    result = exchange_tables_import(tables=tables(), source="test")

    assert result.ok
    organisation = Organisation.objects.get(pk=stable_id("organisation", "awo"))
    assert organisation.translation_for("en").description == "We advise."
    assert organisation.translation_statuses()["en"] == TranslationStatus.CURRENT
    offer = Offer.objects.get(pk=stable_id("offer", "cafe"))
    assert offer.translation_for("en").name == "Language café"


def test_tables_import_again_updates_a_changed_translation_and_its_search_words():
    TopicFactory(slug="t")
    exchange_tables_import(tables=tables(), source="test")

    result = exchange_tables_import(tables=tables(offer_name_en="Chat corner"), source="test")

    assert result.counts["offers"]["unchanged"] == 1
    offer = Offer.objects.get(pk=stable_id("offer", "cafe"))
    assert offer.translation_for("en").name == "Chat corner"
    assert offer_search(query="chat corner", filters=OfferFilters()).offer_ids == [offer.pk]


def test_tables_import_with_a_problem_writes_no_translation():
    broken = tables()
    broken[1].rows[0].cells["topics"] = "unknown"

    result = exchange_tables_import(tables=broken, source="test")

    assert [problem.column for problem in result.problems] == ["topics"]
    assert not Organisation.objects.exists()


def offer_table(description: str, translations: dict) -> list[Table]:
    organisation = tables()[0]
    offers = Table(kind=OFFERS, source="test")
    offers.rows.append(
        Row(
            "1",
            {
                "external_id": "cafe",
                "organisation": "awo",
                "name": "Sprachcafé",
                "description": description,
                "topics": "t",
            },
            translations=translations,
        )
    )
    return [organisation, offers]


def test_import_of_a_changed_german_field_outdates_only_that_field():
    TopicFactory(slug="t")
    both = {"en": {"name": "Language café", "description": "Mondays."}}
    assert exchange_tables_import(tables=offer_table("Montags.", both), source="test").ok

    again = {"en": {"name": "Language café"}}
    result = exchange_tables_import(tables=offer_table("Dienstags.", again), source="test")

    assert result.ok
    offer = Offer.objects.get(pk=stable_id("offer", "cafe"))
    row = offer.translation_for("en")
    assert row.field_status("name", offer) == TranslationStatus.CURRENT
    assert row.field_status("description", offer) == TranslationStatus.OUTDATED
    assert list(offer.source_changed_on) == ["description"]
