"""The simple-history records move into the audit log before their tables go."""

import datetime
import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from core.models import ChangeSet

BEFORE = [("directory", "0008_add_organisation_listed"), ("core", "0004_add_audit_change_sets")]
AFTER = [("directory", "0009_drop_simple_history")]


@pytest.mark.django_db(transaction=True)
def test_history_records_become_change_sets(owner):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organisation_id, offer_id = uuid.uuid4(), uuid.uuid4()
    then = timezone.now() - datetime.timedelta(days=1)
    organisations = old.get_model("directory", "HistoricalOrganisation").objects
    common = {
        "id": organisation_id,
        "slug": "awo",
        "kind": "association",
        "history_user_id": owner.pk,
        "created_at": then,
        "updated_at": then,
    }
    organisations.create(name="AWO", history_type="+", history_date=then, **common)
    organisations.create(
        name="AWO Zentrum",
        history_type="~",
        history_date=then + datetime.timedelta(hours=1),
        history_change_reason="review",
        **common,
    )
    old.get_model("directory", "HistoricalOfferLanguage").objects.create(
        id=1,
        offer_id=offer_id,
        code="ar",
        history_type="+",
        history_date=then + datetime.timedelta(minutes=1),
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    # Later migrations add columns: the tests after this one need the latest schema.
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    change_sets = ChangeSet.objects.order_by("created_at").prefetch_related("changes")
    recorded = [
        (cs.actor_id, cs.reasons, [(c.operation, c.root_id) for c in cs.changes.all()])
        for cs in change_sets
    ]
    assert recorded == [
        (owner.pk, [], [("created", str(organisation_id))]),
        (None, [], [("created", str(offer_id))]),
        (owner.pk, ["review"], [("changed", str(organisation_id))]),
    ]
    assert change_sets[2].changes.get().fields == {"name": ["AWO", "AWO Zentrum"]}
