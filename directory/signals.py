"""Keep caches of directory data honest when the data changes."""

from django.db.models.signals import post_delete, post_save

from directory.models import District, TargetGroup, TargetGroupTranslation, Topic, TopicTranslation
from directory.taxonomy import taxonomy_changed

TAXONOMY_MODELS = (Topic, TopicTranslation, TargetGroup, TargetGroupTranslation, District)


def _taxonomy_saved_or_deleted(sender, **kwargs) -> None:
    taxonomy_changed()


def connect() -> None:
    for model in TAXONOMY_MODELS:
        post_save.connect(_taxonomy_saved_or_deleted, sender=model, dispatch_uid=f"tax-{model}")
        post_delete.connect(_taxonomy_saved_or_deleted, sender=model, dispatch_uid=f"tax-d-{model}")
