# Translation status per field: each translation row remembers, per field, the
# German text it was made from (instead of one digest of all German fields);
# each translatable entry keeps the day each German field last changed.

from django.db import migrations, models

from core.translation_migration import digests_to_source_texts, source_texts_to_digests

SOURCES = {
    "contact": "ContactTranslation",
    "location": "LocationTranslation",
    "offer": "OfferTranslation",
    "organisation": "OrganisationTranslation",
    "targetgroup": "TargetGroupTranslation",
    "topic": "TopicTranslation",
}
# The translated fields of each source as they are at this migration.
FIELDS = {
    "ContactTranslation": ("role",),
    "LocationTranslation": ("accessibility",),
    "OfferTranslation": ("name", "description", "cost", "eligibility", "how_to_apply"),
    "OrganisationTranslation": ("description", "statement"),
    "TargetGroupTranslation": ("name",),
    "TopicTranslation": ("name", "keywords"),
}


def forwards(apps, schema_editor):
    digests_to_source_texts(apps, "directory", FIELDS)


def backwards(apps, schema_editor):
    source_texts_to_digests(apps, "directory", FIELDS)


def _json():
    return models.JSONField(blank=True, default=dict, editable=False)


class Migration(migrations.Migration):

    dependencies = [
        ("directory", "0014_reindex_for_sentence_search"),
    ]

    operations = [
        *(
            migrations.AddField(model_name=source, name="source_changed_on", field=_json())
            for source in SOURCES
        ),
        *(
            migrations.AddField(model_name=row.lower(), name="source_texts", field=_json())
            for row in SOURCES.values()
        ),
        migrations.RunPython(forwards, backwards),
        *(
            migrations.RemoveField(model_name=row.lower(), name="source_digest")
            for row in SOURCES.values()
        ),
    ]
