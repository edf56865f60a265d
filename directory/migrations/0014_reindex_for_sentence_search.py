"""The search cuts text into terms differently now (stop words of eight
languages, Turkish accented short words, Vietnamese phrases): drop the
derived index, and the post-migrate signal (directory/signals.py) rebuilds it."""

from django.db import migrations


def drop_index(apps, schema_editor):
    for name in ("OfferPosting", "SearchDocument", "SearchVariant", "SearchTerm"):
        apps.get_model("directory", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0013_unmet_searches_and_wishes")]

    operations = [migrations.RunPython(drop_index, migrations.RunPython.noop, elidable=True)]
