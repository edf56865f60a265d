# Translation status per field (see directory 0011): event translations
# remember the German text of each field; events keep the day each German
# field last changed.

from django.db import migrations, models

from core.translation_migration import digests_to_source_texts, source_texts_to_digests

FIELDS = {"EventTranslation": ("title", "description", "price", "registration_how")}


def forwards(apps, schema_editor):
    digests_to_source_texts(apps, "festival", FIELDS)


def backwards(apps, schema_editor):
    source_texts_to_digests(apps, "festival", FIELDS)


class Migration(migrations.Migration):

    dependencies = [
        ("festival", "0003_single_line_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="source_changed_on",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.AddField(
            model_name="eventtranslation",
            name="source_texts",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="eventtranslation", name="source_digest"),
    ]
