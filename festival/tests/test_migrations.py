"""The programme changes kept in ChangeLogEntry survive its removal as change sets."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from festival import selectors
from festival.enums import ChangeKind, EditionStatus, EventState
from festival.models import Edition
from festival.tests.factories import EditionFactory, EventFactory, VenueFactory

BEFORE = [("festival", "0001_add_editions_events")]
AFTER = [("festival", "0002_replace_change_log_by_audit")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_change_log_entries_become_programme_change_sets():
    edition = EditionFactory(status=EditionStatus.PUBLISHED)
    event = EventFactory(
        edition=edition, venue=VenueFactory(edition=edition), state=EventState.WITHDRAWN
    )
    old_apps = migrate(BEFORE)
    try:
        entries = old_apps.get_model("festival", "ChangeLogEntry").objects
        when = datetime.datetime(2026, 9, 1, 12, tzinfo=datetime.UTC)
        for minutes, kind, fields in [
            (0, "added", []),
            (1, "changed", ["starts_at", "venue"]),
            (2, "cancelled", []),
        ]:
            entries.create(
                edition_id=edition.pk,
                event_id=event.pk,
                kind=kind,
                event_title="Begegnungsfest",
                fields=fields,
                created_at=when + datetime.timedelta(minutes=minutes),
            )
        entries.create(edition_id=edition.pk, event=None, kind="cancelled", event_title="Weg")
    finally:
        migrate(AFTER)
        # Later migrations add columns: the tests after this one need the latest schema.
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    listed = selectors.changes(edition=Edition.objects.get(pk=edition.pk))

    assert [(c.kind, c.event_id, c.event_title, c.fields) for c in listed] == [
        (ChangeKind.CANCELLED, event.pk, "Begegnungsfest", ()),
        (ChangeKind.CHANGED, event.pk, "Begegnungsfest", ("starts_at", "venue")),
        (ChangeKind.ADDED, event.pk, "Begegnungsfest", ()),
    ]
