"""Reads of the member area."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from directory.freshness.selectors import stale_before
from directory.member.kinds import with_kind_labels
from directory.models import (
    Contact,
    Location,
    Offer,
    OfferLocation,
    Organisation,
    PendingChange,
)


def organisation_list() -> QuerySet[Organisation]:
    """Every organisation with its number of offers and of changes waiting for review."""
    return Organisation.objects.annotate(
        offer_count=Count("offers", distinct=True),
        pending_count=Count(
            "pending_changes",
            filter=Q(pending_changes__status=PendingChange.Status.PENDING),
            distinct=True,
        ),
    ).order_by("name")


@dataclass
class Overview:
    """Everything on an organisation's page in the member area."""

    organisation: Organisation
    contacts: list[Contact]
    locations: list[Location]
    offers: list[Offer]
    pending: list[PendingChange]
    stale_before: date


def organisation_overview(*, organisation: Organisation, today: date) -> Overview:
    """All contacts (public and internal), locations, offers (with a ``stale``
    flag and their places) and waiting changes of ``organisation``."""
    cutoff = stale_before(today)
    offers = list(
        Offer.objects.filter(organisation=organisation)
        .prefetch_related(
            Prefetch(
                "offerlocation_set",
                queryset=OfferLocation.objects.select_related("location").order_by(
                    "location__name"
                ),
                to_attr="places",
            )
        )
        .order_by("name")
    )
    for offer in offers:
        offer.stale = offer.last_verified is None or offer.last_verified < cutoff
    return Overview(
        organisation=organisation,
        contacts=list(Contact.objects.filter(organisation=organisation)),
        locations=list(
            Location.objects.filter(organisation=organisation).select_related("district")
        ),
        offers=offers,
        pending=with_kind_labels(pending_changes(organisation=organisation)),
        stale_before=cutoff,
    )


def pending_changes(*, organisation: Organisation | None = None) -> QuerySet[PendingChange]:
    """Changes waiting for review, oldest first; of one organisation or of all."""
    changes = PendingChange.objects.filter(status=PendingChange.Status.PENDING).select_related(
        "organisation", "author"
    )
    if organisation is not None:
        changes = changes.filter(organisation=organisation)
    return changes.order_by("created_at", "id")
