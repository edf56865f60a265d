from directory.models.offers import (
    Location,
    LocationTranslation,
    Offer,
    OfferLanguage,
    OfferLocation,
    OfferTranslation,
    OpeningHours,
)
from directory.models.organisations import (
    Contact,
    ContactTranslation,
    Organisation,
    OrganisationTranslation,
)
from directory.models.reports import MistakeReport
from directory.models.review import PendingChange
from directory.models.search import OfferPosting, SearchDocument, SearchTerm, SearchVariant
from directory.models.taxonomy import (
    District,
    TargetGroup,
    TargetGroupTranslation,
    Topic,
    TopicTranslation,
)
from directory.models.unmet import SearchWish, UnmetSearch

__all__ = [
    "Contact",
    "ContactTranslation",
    "District",
    "Location",
    "LocationTranslation",
    "MistakeReport",
    "Offer",
    "OfferLanguage",
    "OfferLocation",
    "OfferPosting",
    "OfferTranslation",
    "OpeningHours",
    "Organisation",
    "OrganisationTranslation",
    "PendingChange",
    "SearchDocument",
    "SearchTerm",
    "SearchVariant",
    "SearchWish",
    "TargetGroup",
    "TargetGroupTranslation",
    "Topic",
    "TopicTranslation",
    "UnmetSearch",
]
