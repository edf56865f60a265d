"""Reads of the directory. Views and other apps read through these functions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Subquery

from directory.enums import MembershipStatus, OfferStatus
from directory.hours import local_moment
from directory.models import (
    Contact,
    ContactTranslation,
    District,
    Location,
    LocationTranslation,
    Offer,
    OfferLanguage,
    OfferLocation,
    OfferTranslation,
    OpeningHours,
    Organisation,
    OrganisationTranslation,
    TargetGroup,
    TargetGroupTranslation,
    Topic,
    TopicTranslation,
)
from directory.search.query import rank_offers

PUBLIC_OFFER_STATUSES = [OfferStatus.ACTIVE, OfferStatus.TEMPORARILY_CLOSED]


def _translations(model, language: str) -> Prefetch:
    return Prefetch("translations", queryset=model.objects.filter(language=language))


def member_list(*, language: str) -> QuerySet[Organisation]:
    """Active network members, by name, with their text in ``language`` prefetched."""
    return Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE).prefetch_related(
        _translations(OrganisationTranslation, language),
        Prefetch(
            "contacts",
            queryset=Contact.objects.filter(public=True).prefetch_related(
                _translations(ContactTranslation, language)
            ),
            to_attr="public_contacts",
        ),
    )


def topic_list(*, language: str) -> QuerySet[Topic]:
    return Topic.objects.prefetch_related(_translations(TopicTranslation, language))


def target_group_list(*, language: str) -> QuerySet[TargetGroup]:
    return TargetGroup.objects.prefetch_related(_translations(TargetGroupTranslation, language))


def district_list() -> QuerySet[District]:
    return District.objects.all()


def spoken_language_codes() -> list[str]:
    """Languages spoken at any public offer, for the language filter."""
    return sorted(
        set(OfferLanguage.objects.filter(offer__in=public_offers()).values_list("code", flat=True))
    )


def public_offers() -> QuerySet[Offer]:
    """Offers the public may see: running (or paused) offers of active members."""
    return Offer.objects.filter(
        status__in=PUBLIC_OFFER_STATUSES,
        organisation__membership_status=MembershipStatus.ACTIVE,
    )


@dataclass(frozen=True)
class OfferFilters:
    """What the search page can filter by; all filters combine (AND)."""

    topic: Topic | None = None
    language: str | None = None
    district: District | None = None
    target_group: TargetGroup | None = None
    free_of_charge: bool = False
    open_at: datetime | None = None
    wheelchair_accessible: bool = False


def offer_filter(*, filters: OfferFilters) -> QuerySet[Offer]:
    offers = public_offers()
    if filters.topic:
        offers = offers.filter(topics=filters.topic)
    if filters.language:
        offers = offers.filter(languages__code=filters.language)
    if filters.district:
        offers = offers.filter(
            Exists(
                OfferLocation.objects.filter(
                    offer=OuterRef("pk"), location__district=filters.district
                )
            )
        )
    if filters.target_group:
        offers = offers.filter(target_groups=filters.target_group)
    if filters.free_of_charge:
        offers = offers.filter(free_of_charge=True)
    if filters.wheelchair_accessible:
        offers = offers.filter(
            Exists(
                OfferLocation.objects.filter(
                    offer=OuterRef("pk"), location__wheelchair_accessible=True
                )
            )
        )
    if filters.open_at:
        weekday, clock = local_moment(filters.open_at)
        offers = offers.filter(
            Exists(
                OpeningHours.objects.filter(
                    offer_location__offer=OuterRef("pk"),
                    weekday=weekday,
                    opens_at__lte=clock,
                    closes_at__gt=clock,
                )
            )
        )
    return offers


@dataclass
class SearchResult:
    """Ids of all matching offers in result order, and the words not understood."""

    offer_ids: list
    unknown_words: list[str]


def offer_search(*, query: str, filters: OfferFilters) -> SearchResult:
    """Offers matching ``query`` and ``filters``: by relevance, or by name without a query."""
    candidates = offer_filter(filters=filters)
    if query.strip():
        ranking = rank_offers(query=query, candidates=candidates)
        return SearchResult(offer_ids=ranking.offer_ids, unknown_words=ranking.unknown_words)
    if filters.topic:
        # Browsing a topic: offers that are only about it first, as in ranking.
        topic_count = (
            Offer.topics.through.objects.filter(offer_id=OuterRef("pk"))
            .values("offer_id")
            .annotate(count=Count("*"))
            .values("count")
        )
        candidates = candidates.annotate(topic_count=Subquery(topic_count)).order_by(
            "topic_count", "name", "id"
        )
    else:
        candidates = candidates.order_by("name", "id")
    ids = list(candidates.values_list("id", flat=True))
    return SearchResult(offer_ids=ids, unknown_words=[])


def offers_for_display(*, offer_ids: list, language: str) -> list[Offer]:
    """The offers with everything a list or detail page shows, in the given order."""
    offers = (
        Offer.objects.filter(id__in=offer_ids)
        .select_related("organisation")
        .prefetch_related(
            _translations(OfferTranslation, language),
            Prefetch(
                "organisation__translations",
                queryset=OrganisationTranslation.objects.filter(language=language),
            ),
            Prefetch("topics", queryset=topic_list(language=language)),
            Prefetch("target_groups", queryset=target_group_list(language=language)),
            "languages",
            Prefetch(
                "offerlocation_set",
                queryset=OfferLocation.objects.select_related(
                    "location__district"
                ).prefetch_related(
                    "opening_hours",
                    Prefetch(
                        "location__translations",
                        queryset=LocationTranslation.objects.filter(language=language),
                    ),
                ),
                to_attr="places",
            ),
        )
    )
    by_id = {offer.id: offer for offer in offers}
    return [by_id[offer_id] for offer_id in offer_ids if offer_id in by_id]


def offer_detail(*, offer_id, language: str) -> Offer | None:
    if not public_offers().filter(id=offer_id).exists():
        return None
    (offer,) = offers_for_display(offer_ids=[offer_id], language=language)
    offer.public_contacts = list(
        Contact.objects.filter(organisation_id=offer.organisation_id, public=True).prefetch_related(
            _translations(ContactTranslation, language)
        )
    )
    return offer


def organisation_detail(*, slug: str, language: str) -> Organisation | None:
    return member_list(language=language).filter(slug=slug).first()


def organisation_offer_ids(*, organisation: Organisation) -> list:
    return list(
        public_offers()
        .filter(organisation=organisation)
        .order_by("name", "id")
        .values_list("id", flat=True)
    )


def locations_with_coordinates(offers: list[Offer]) -> list[Location]:
    """Distinct mapped places of these (prefetched) offers."""
    seen: dict = {}
    for offer in offers:
        for place in offer.places:
            location = place.location
            if location.latitude is not None and location.id not in seen:
                seen[location.id] = location
    return list(seen.values())
