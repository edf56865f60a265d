"""Keep caches and the search index honest when directory data changes."""

from django.db.models.signals import post_delete, post_migrate, post_save

from directory.models import (
    District,
    Location,
    Offer,
    OfferLocation,
    Organisation,
    SearchDocument,
    TargetGroup,
    TargetGroupTranslation,
    Topic,
    TopicTranslation,
)
from directory.search.index import search_document_refresh
from directory.taxonomy import taxonomy_changed

TAXONOMY_MODELS = (Topic, TopicTranslation, TargetGroup, TargetGroupTranslation, District)


def _taxonomy_saved_or_deleted(sender, **kwargs) -> None:
    taxonomy_changed()


def _offer_saved(sender, instance: Offer, **kwargs) -> None:
    """Status, name or "free of charge" must reach the search at once, even where
    the caller does not re-index (the postings themselves change only with text)."""
    search_document_refresh([instance.pk])


def _organisation_saved(sender, instance: Organisation, **kwargs) -> None:
    search_document_refresh(
        Offer.objects.filter(organisation=instance).values_list("id", flat=True)
    )


def _location_saved(sender, instance: Location, **kwargs) -> None:
    search_document_refresh(instance.offers.values_list("id", flat=True))


def _place_changed(sender, instance: OfferLocation, **kwargs) -> None:
    search_document_refresh([instance.offer_id])


def _index_after_migrate(sender, **kwargs) -> None:
    """Postings are derived data a migration may drop: rebuild them if offers
    exist but the index is empty (after an upgrade, not on every migrate)."""
    from directory.search.index import search_index_rebuild

    if Offer.objects.exists() and not SearchDocument.objects.exists():
        search_index_rebuild()


def connect(app_config) -> None:
    for model in TAXONOMY_MODELS:
        post_save.connect(_taxonomy_saved_or_deleted, sender=model, dispatch_uid=f"tax-{model}")
        post_delete.connect(_taxonomy_saved_or_deleted, sender=model, dispatch_uid=f"tax-d-{model}")
    post_save.connect(_offer_saved, sender=Offer, dispatch_uid="search-offer")
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid="search-org")
    post_save.connect(_location_saved, sender=Location, dispatch_uid="search-location")
    post_save.connect(_place_changed, sender=OfferLocation, dispatch_uid="search-place")
    post_delete.connect(_place_changed, sender=OfferLocation, dispatch_uid="search-place-d")
    post_migrate.connect(_index_after_migrate, sender=app_config, dispatch_uid="search-migrate")
