"""What the public sees of the directory: the one definition.

Every public surface starts from these querysets: the Wegweiser's pages and
their map, the search (through ``organisation_is_public``, which the search
documents copy), the HSDS API, the exports (CSV, XLSX, HSDS JSON) and the
festival's choice of directory organisations and places. Anything else of
the directory (applicants, former members, members not yet published,
retired offers, internal contacts, changes waiting for review) stays
behind the login.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from directory.enums import MembershipStatus, OfferStatus
from directory.models import (
    Contact,
    Location,
    Offer,
    OfferLocation,
    Organisation,
    SearchDocument,
)

# Offers running, or paused for a while (the public sees that they pause).
PUBLIC_OFFER_STATUSES = (OfferStatus.ACTIVE, OfferStatus.TEMPORARILY_CLOSED)
# An offer's own fields that public surfaces read (the API, the exports).
PUBLIC_OFFER_FIELDS = (
    "id",
    "organisation_id",
    "name",
    "description",
    "status",
    "free_of_charge",
    "cost",
    "eligibility",
    "how_to_apply",
    "last_verified",
)


def _published(path: str = "") -> Q:
    """The organisation (at ``path``, e.g. ``organisation__``) is an active, listed member."""
    return Q(**{f"{path}membership_status": MembershipStatus.ACTIVE, f"{path}listed": True})


def organisation_is_public(organisation: Organisation) -> bool:
    """The rule of ``public_organisations`` for one organisation already loaded."""
    return organisation.membership_status == MembershipStatus.ACTIVE and organisation.listed


def public_organisations() -> QuerySet[Organisation]:
    """Active members that are published (``listed``).

    A newly accepted member stays unlisted until the coordinator publishes
    its completed profile (network app); applicants and former members are
    never shown.
    """
    return Organisation.objects.filter(_published())


def public_offers() -> QuerySet[Offer]:
    """Offers of public organisations whose status is in ``PUBLIC_OFFER_STATUSES``.

    Inactive and defunct offers are hidden; temporarily closed ones are shown.
    """
    return Offer.objects.filter(_published("organisation__"), status__in=PUBLIC_OFFER_STATUSES)


def public_places() -> QuerySet[OfferLocation]:
    """Offers at locations (HSDS service at location) of public offers."""
    return OfferLocation.objects.filter(offer__in=public_offers())


def public_locations() -> QuerySet[Location]:
    """Locations where public offers are held; no other location is shown anywhere public."""
    return Location.objects.filter(id__in=public_places().values("location_id"))


def public_contacts() -> QuerySet[Contact]:
    """Contacts marked ``public`` of public organisations; internal contacts never are."""
    return Contact.objects.filter(public=True, organisation__in=public_organisations())


# --- The search's copy of the rule ------------------------------------------------
#
# A search document copies what the rule asks of its offer (``search.index.
# document_values``): the offer's status, and as membership ``ACTIVE`` exactly
# when ``organisation_is_public``. The ranking (raw SQL) filters by these values.

PUBLIC_DOCUMENT = {"statuses": PUBLIC_OFFER_STATUSES, "membership_status": MembershipStatus.ACTIVE}


def document_membership(organisation: Organisation) -> str:
    """The membership a search document records: anyone not public counts as an applicant."""
    if organisation_is_public(organisation):
        return MembershipStatus.ACTIVE
    return MembershipStatus.APPLICANT


def public_documents() -> QuerySet[SearchDocument]:
    """The search documents of public offers (see ``document_membership``)."""
    return SearchDocument.objects.filter(
        status__in=PUBLIC_DOCUMENT["statuses"],
        membership_status=PUBLIC_DOCUMENT["membership_status"],
    )
