"""The data migration to per-field translation status (directory 0015, festival 0004)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.enums import TranslationStatus
from core.translation_migration import old_digest
from directory.models import Offer
from directory.tests.factories import OfferFactory
from festival.models import Event
from festival.tests.factories import EditionFactory, EventFactory, VenueFactory

BEFORE = [("directory", "0014_reindex_for_sentence_search"), ("festival", "0003_single_line_text")]
OFFER_FIELDS = ("name", "description", "cost", "eligibility", "how_to_apply")
EVENT_FIELDS = ("title", "description", "price", "registration_how")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_matching_digests_become_current_fields_and_others_outdated(organisation):
    current = OfferFactory(organisation=organisation, name="Sprachcafé", description="Montags.")
    stale = OfferFactory(organisation=organisation, name="Nähcafé", description="Dienstags.")
    edition = EditionFactory()
    event = EventFactory(edition=edition, venue=VenueFactory(edition=edition), title="Fest")
    old = migrate(BEFORE)
    try:
        rows = old.get_model("directory", "OfferTranslation").objects
        rows.create(
            source_id=current.pk,
            language="en",
            name="Language café",
            description="Mondays.",
            source_digest=old_digest(current, OFFER_FIELDS),
        )
        rows.create(
            source_id=stale.pk,
            language="en",
            name="Sewing café",
            description="Mondays.",
            source_digest="made from an earlier German text",
        )
        old.get_model("festival", "EventTranslation").objects.create(
            source_id=event.pk,
            language="uk",
            title="Свято",
            source_digest=old_digest(event, EVENT_FIELDS),
        )
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    current = Offer.objects.get(pk=current.pk)
    assert current.translation_for("en").source_texts == {
        "name": "Sprachcafé",
        "description": "Montags.",
        "cost": "",
        "eligibility": "",
        "how_to_apply": "",
    }
    assert current.translation_statuses()["en"] == TranslationStatus.CURRENT
    stale = Offer.objects.get(pk=stale.pk)
    row = stale.translation_for("en")
    assert row.source_texts == {}
    assert {name: row.field_status(name, stale) for name in ("name", "description")} == {
        "name": TranslationStatus.OUTDATED,
        "description": TranslationStatus.OUTDATED,
    }
    event = Event.objects.get(pk=event.pk)
    assert event.translation_for("uk").field_status("title", event) == TranslationStatus.CURRENT
