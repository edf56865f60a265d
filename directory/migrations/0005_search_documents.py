# The postings now point at a search document with an integer key instead of
# at the offer's UUID. Postings hold only derived data: they are dropped here
# and rebuilt after migrating (see DirectoryConfig.ready / rebuild_search_index).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_add_opening_hours_now_index"),
    ]

    operations = [
        migrations.DeleteModel(name="OfferPosting"),
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
                ("status", models.CharField(max_length=20)),
                ("membership_status", models.CharField(max_length=20)),
                ("name", models.CharField(max_length=200)),
                (
                    "offer",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="directory.offer",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="OfferPosting",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("term", models.CharField(max_length=40)),
                ("weight", models.PositiveSmallIntegerField()),
                (
                    "document",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="directory.searchdocument",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["term", "document", "weight"], name="offer_posting_lookup"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("document", "term"), name="offer_posting_once"
                    )
                ],
            },
        ),
    ]
