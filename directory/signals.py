"""The directory's one signal: rebuild the search index after an upgrade.

Writes keep the index current themselves (``directory.search.updates``);
no signal has side effects on saves or deletes.
"""

from django.db.models.signals import post_migrate

from directory.models import Offer, SearchDocument
from directory.search.index import search_index_rebuild


def _index_after_migrate(sender, **kwargs) -> None:
    """Postings are derived data a migration may drop: rebuild them if offers
    exist but the index is empty (after an upgrade, not on every migrate)."""
    if Offer.objects.exists() and not SearchDocument.objects.exists():
        search_index_rebuild()


def connect(app_config) -> None:
    post_migrate.connect(_index_after_migrate, sender=app_config, dispatch_uid="search-migrate")
