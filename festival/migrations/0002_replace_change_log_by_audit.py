"""The public programme changes move from ChangeLogEntry to core's change sets.

Expand, backfill, remove: each entry becomes a change set with the reason
that puts it into the public list (``ChangeKind.reason``), then the table
goes. Values from before the audit were not recorded: a changed field is
stored as ``[None, None]``, which the list shows by its name only. Entries
whose event is gone cannot be shown by the list any more and are dropped.
"""

import uuid

from django.db import migrations

ACTIONS = {
    "added": "festival.event.decide",
    "changed": "festival.event.update",
    "cancelled": "festival.event.withdraw",
}
STATES = {"added": ["accepted", "published"], "cancelled": ["published", "withdrawn"]}


def entries_to_change_sets(apps, schema_editor):
    ChangeLogEntry = apps.get_model("festival", "ChangeLogEntry")
    ChangeSet = apps.get_model("core", "ChangeSet")
    Change = apps.get_model("core", "Change")
    ContentType = apps.get_model("contenttypes", "ContentType")
    event_type, _created = ContentType.objects.get_or_create(app_label="festival", model="event")
    for entry in ChangeLogEntry.objects.exclude(event=None).iterator():
        change_set = ChangeSet.objects.create(
            id=uuid.uuid4(),
            created_at=entry.created_at,
            action=ACTIONS[entry.kind],
            reasons=[f"programme.{entry.kind}"],
            subject_type=event_type,
            subject_id=str(entry.event_id),
        )
        if entry.kind == "changed":
            fields = {name: [None, None] for name in entry.fields}
        else:
            fields = {"state": STATES[entry.kind]}
        Change.objects.create(
            change_set=change_set,
            content_type=event_type,
            object_id=str(entry.event_id),
            label=entry.event_title,
            operation="changed",
            fields=fields,
            root_type=event_type,
            root_id=str(entry.event_id),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0004_add_audit_change_sets"),
        ("festival", "0001_add_editions_events"),
    ]

    operations = [
        migrations.RunPython(entries_to_change_sets, migrations.RunPython.noop),
        migrations.DeleteModel(name="ChangeLogEntry"),
    ]
