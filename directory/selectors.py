"""Reads of the directory. Views and other apps read through these functions.

Other apps never query the directory's tables themselves: what they need
(members, choices for their forms, an organisation's contacts) is here, and
what the public may see is in ``directory.public``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet

from core.recheck import recheck
from core.translation import translations_prefetch
from directory.enums import MembershipStatus
from directory.facets import LANGUAGES, TARGET_GROUPS, TOPICS, offer_facets
from directory.hours import local_moment
from directory.models import (
    Contact,
    ContactTranslation,
    District,
    LocationTranslation,
    Offer,
    OfferLanguage,
    OfferLocation,
    OfferTranslation,
    OpeningHours,
    Organisation,
    OrganisationTranslation,
    TargetGroup,
    Topic,
)
from directory.public import (
    PUBLIC_DOCUMENT,
    public_contacts,
    public_documents,
    public_offers,
    public_organisations,
)
from directory.search.index import SPOKEN_LANGUAGES_CACHE_KEY, filter_term
from directory.search.query import Expanded, expand_query, rank_offers
from directory.taxonomy import Taxonomy, taxonomy


def member_organisations() -> QuerySet[Organisation]:
    """Active network members, whether the public sees them yet or not."""
    return Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE)


def unlisted_members() -> QuerySet[Organisation]:
    """Active members not yet shown to the public, by name.

    Each carries ``public_contacts``, the number of its public contacts,
    which publishing needs (see ``services.member_profile_is_complete``).
    """
    return (
        member_organisations()
        .filter(listed=False)
        .annotate(public_contacts=Count("contacts", filter=Q(contacts__public=True)))
        .order_by("name")
    )


def organisation_choices() -> QuerySet[Organisation]:
    """Every organisation in the directory, members or not, by name."""
    return Organisation.objects.order_by("name")


def organisation_contacts(*, organisation: Organisation) -> QuerySet[Contact]:
    """The organisation's contact persons, public and internal."""
    return Contact.objects.filter(organisation=organisation)


def topic_choices() -> QuerySet[Topic]:
    """Every topic in its order, with its translations for naming it."""
    return Topic.objects.prefetch_related("translations")


def district_choices() -> QuerySet[District]:
    """Every district and town, in their order."""
    return District.objects.all()


def member_list(*, language: str) -> QuerySet[Organisation]:
    """Public network members, by name, with their text in ``language`` prefetched."""
    return public_organisations().prefetch_related(
        *translations_prefetch(OrganisationTranslation, language),
        Prefetch(
            "contacts",
            queryset=public_contacts().prefetch_related(
                *translations_prefetch(ContactTranslation, language)
            ),
            to_attr="public_contacts",
        ),
    )


def spoken_language_codes() -> list[str]:
    """Languages spoken at any public offer, for the language filter.

    Cached: the distinct scan over every offer's languages is the most
    expensive part of the search form, and the answer changes only when
    offers change (``search_index_offers`` drops the cached value then).
    Each process keeps the list and asks the shared cache again at most
    every ``SHARED_STATE_RECHECK_SECONDS`` (``core.recheck``): a query less
    per search.
    """

    def codes() -> list[str]:
        return list(
            OfferLanguage.objects.filter(offer__in=public_offers())
            .order_by("code")
            .values_list("code", flat=True)
            .distinct()
        )

    return recheck(
        SPOKEN_LANGUAGES_CACHE_KEY,
        lambda: cache.get_or_set(SPOKEN_LANGUAGES_CACHE_KEY, codes, timeout=3600),
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


def _restrict(offers: QuerySet[Offer], filters: OfferFilters) -> QuerySet[Offer]:
    """``offers`` narrowed by every filter that is set.

    Filters on places and hours are written as ``id IN (subquery)``: both
    databases evaluate such a subquery once, where a correlated EXISTS runs
    once per offer.
    """
    if filters.topic:
        offers = offers.filter(topics=filters.topic)
    if filters.language:
        offers = offers.filter(languages__code=filters.language)
    if filters.target_group:
        offers = offers.filter(target_groups=filters.target_group)
    if filters.free_of_charge:
        offers = offers.filter(free_of_charge=True)
    places = OfferLocation.objects.all()
    if filters.district:
        offers = offers.filter(
            id__in=places.filter(location__district=filters.district).values("offer_id")
        )
    if filters.wheelchair_accessible:
        offers = offers.filter(
            id__in=places.filter(location__wheelchair_accessible=True).values("offer_id")
        )
    if filters.open_at:
        offers = offers.filter(
            id__in=_hours_open_at(filters.open_at).values("offer_location__offer_id")
        )
    return offers


def offer_filter(*, filters: OfferFilters) -> QuerySet[Offer]:
    """Public offers narrowed by ``filters``."""
    return _restrict(public_offers(), filters)


@dataclass
class SearchResult:
    """One page of matching offer ids in result order, the number of all
    matches, and the typed words nothing matched."""

    offer_ids: list
    total: int
    unknown_words: list[str]


def offer_search(
    *,
    query: str,
    filters: OfferFilters,
    offset: int = 0,
    limit: int | None = None,
    expanded: Expanded | None = None,
) -> SearchResult:
    """Offers matching ``query`` and ``filters``: by relevance, or by name without a query.

    Every filter but "open now" is looked up in the search index (see
    ``search.index.filter_terms``); "open now" depends on the moment and is
    asked of the opening hours.
    """
    required = _filter_terms(filters)
    flags = {
        name: True
        for name, wanted in [
            ("free_of_charge", filters.free_of_charge),
            ("wheelchair_accessible", filters.wheelchair_accessible),
        ]
        if wanted
    }
    restrict = (
        Offer.objects.filter(
            id__in=_hours_open_at(filters.open_at).values("offer_location__offer_id")
        )
        if filters.open_at
        else None
    )
    if not query.strip() and not required:
        return _browse(restrict, flags, offset, limit)
    ranking = rank_offers(
        query=query,
        **PUBLIC_DOCUMENT,
        required=required,
        flags=flags,
        browse_by=required[0] if filters.topic else None,
        restrict=restrict,
        offset=offset,
        limit=limit,
        expanded=expanded,
    )
    return SearchResult(
        offer_ids=ranking.offer_ids, total=ranking.total, unknown_words=ranking.unknown_words
    )


# Each filter of OfferFilters, its value when not set, and its parameter on the search page.
FILTER_PARAMETERS = {
    "topic": (None, "topic"),
    "language": (None, "lang"),
    "district": (None, "district"),
    "target_group": (None, "group"),
    "free_of_charge": (False, "free"),
    "open_at": (None, "open"),
    "wheelchair_accessible": (False, "access"),
}


def filter_drops(*, query: str, filters: OfferFilters) -> dict[str, int]:
    """For each filter that is set, how many offers the search would find
    without it (by the filter's parameter on the search page). The query is
    read once; each filter costs one ranking query."""
    expanded = expand_query(query) if query.strip() else None
    drops = {}
    for name, (unset, parameter) in FILTER_PARAMETERS.items():
        if getattr(filters, name) == unset:
            continue
        relaxed = replace(filters, **{name: unset})
        drops[parameter] = offer_search(
            query=query, filters=relaxed, limit=1, expanded=expanded
        ).total
    return drops


def _filter_terms(filters: OfferFilters) -> list[str]:
    """The index terms of the filters that are set (but the yes/no ones, which
    are columns of the search document); the topic's comes first."""
    required = []
    if filters.topic:
        required.append(filter_term("topic", filters.topic.id))
    if filters.language:
        required.append(filter_term("lang", filters.language))
    if filters.district:
        required.append(filter_term("district", filters.district.id))
    if filters.target_group:
        required.append(filter_term("group", filters.target_group.id))
    return required


def _browse(
    restrict: QuerySet[Offer] | None, flags: dict[str, bool], offset: int, limit: int | None
) -> SearchResult:
    """Every public offer (with ``flags``, in ``restrict``) by name.

    Read from the search documents, which carry status, membership, name and
    the yes/no filters in one narrow table.
    """
    documents = public_documents().filter(**flags)
    if restrict is not None:
        documents = documents.filter(offer_id__in=restrict.values("id"))
    ids = documents.order_by("name", "offer_id").values_list("offer_id", flat=True)
    page = ids[offset:] if limit is None else ids[offset : offset + limit]
    return SearchResult(offer_ids=list(page), total=documents.count(), unknown_words=[])


def _hours_open_at(moment: datetime) -> QuerySet[OpeningHours]:
    """Opening hours rows that cover ``moment`` (in the city's time)."""
    weekday, clock = local_moment(moment)
    return OpeningHours.objects.filter(weekday=weekday, opens_at__lte=clock, closes_at__gt=clock)


@dataclass(frozen=True)
class ListPlace:
    """A place of an offer as result lists show it (and the map of them)."""

    id: UUID
    name: str
    street: str
    postal_code: str
    city: str
    district: str
    latitude: Decimal | None
    longitude: Decimal | None


def offer_list(
    *, offer_ids: list, language: str, now: datetime, known: Taxonomy | None = None
) -> list[Offer]:
    """What a list of offers shows, in the given order.

    A results page is the most requested page there is, so it loads only
    what the list shows, mostly as plain values rather than model objects:
    each offer gets ``language_codes``, ``places`` (``ListPlace``),
    ``topic_badges`` (its topics from the cached taxonomy) and ``open_now``,
    worked out here from its places' hours: asking the database instead (a
    correlated EXISTS) walks every opening-hours row of the day. Only
    public offers are shown, whatever ids the caller passes.
    """
    offers = (
        public_offers()
        .filter(id__in=offer_ids)
        .select_related("organisation")
        .prefetch_related(*translations_prefetch(OfferTranslation, language))
    )
    by_id = {offer.id: offer for offer in offers}
    facets = offer_facets(by_id, [LANGUAGES, TOPICS])
    for offer in by_id.values():
        offer.language_codes = facets[offer.id].language_codes
        offer.places = []
    _attach_places(by_id, now)
    _attach_topics(by_id, facets, known or taxonomy(language))
    return [by_id[offer_id] for offer_id in offer_ids if offer_id in by_id]


def _attach_places(by_id: dict, now: datetime) -> None:
    """Each offer's ``places`` and whether one of them is open at ``now``.

    One query: the places joined to all their opening hours, so a place comes
    back once per period of its week (or once with no hours); the weekday and
    time are compared here. In the SQL, even as a join condition, the weekday
    leads SQLite to walk the index of that day's hours of every place (about
    50 ms on the benchmark's data instead of well under one).
    """
    weekday, clock = local_moment(now)
    places = OfferLocation.objects.filter(offer_id__in=list(by_id)).order_by("created_at", "id")
    seen = set()
    open_offers = set()
    for place_id, offer_id, day, opens_at, closes_at, *location in places.values_list(
        "id",
        "offer_id",
        "opening_hours__weekday",
        "opening_hours__opens_at",
        "opening_hours__closes_at",
        "location_id",
        "location__name",
        "location__street",
        "location__postal_code",
        "location__city",
        "location__district__name",
        "location__latitude",
        "location__longitude",
    ):
        if day == weekday and opens_at <= clock < closes_at:
            open_offers.add(offer_id)
        if place_id not in seen:
            seen.add(place_id)
            location[5] = location[5] or ""
            by_id[offer_id].places.append(ListPlace(*location))
    for offer in by_id.values():
        offer.open_now = offer.id in open_offers


def _attach_topics(by_id: dict, facets: dict, known: Taxonomy) -> None:
    """Each offer's topics (from the cached taxonomy, in its order) as ``topic_badges``."""
    for offer_id, offer in by_id.items():
        offer.topic_badges = [
            topic
            for topic_id, topic in known.topics_by_id.items()
            if topic_id in facets[offer_id].topic_ids
        ]


def offer_detail(*, offer_id, language: str) -> Offer | None:
    """Everything the offer page shows, or None if the public may not see it.

    Five queries on a page in German: the offer with its organisation, its
    languages, topics and target groups (one query, see ``facets``), its
    places, their opening hours, and the public contacts. Other languages add
    one query per kind of translated text.
    """
    offer = (
        public_offers()
        .filter(id=offer_id)
        .select_related("organisation")
        .prefetch_related(
            *translations_prefetch(OfferTranslation, language),
            *translations_prefetch(OrganisationTranslation, language, "organisation__translations"),
            Prefetch(
                "offerlocation_set",
                queryset=OfferLocation.objects.select_related(
                    "location__district"
                ).prefetch_related(
                    "opening_hours",
                    *translations_prefetch(LocationTranslation, language, "location__translations"),
                ),
                to_attr="places",
            ),
        )
        .first()
    )
    if offer is None:
        return None
    known = taxonomy(language)
    facets = offer_facets([offer.id], [LANGUAGES, TOPICS, TARGET_GROUPS])
    offer.language_codes = facets[offer.id].language_codes
    _attach_topics({offer.id: offer}, facets, known)
    group_ids = facets[offer.id].target_group_ids
    offer.target_group_list = [group for group in known.groups.values() if group.id in group_ids]
    offer.public_contacts = list(
        public_contacts()
        .filter(organisation_id=offer.organisation_id)
        .prefetch_related(*translations_prefetch(ContactTranslation, language))
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


def locations_with_coordinates(locations: Iterable) -> list:
    """The distinct places among ``locations`` that have coordinates."""
    seen: dict = {}
    for location in locations:
        if location.latitude is not None and location.id not in seen:
            seen[location.id] = location
    return list(seen.values())
