"""Reads of the network app for the member and coordinator pages."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from directory.models import Organisation
from network.enums import HelpStatus, JoinStatus, RoutingStatus
from network.models import HelpOffer, JoinRequest, Routing, VolunteerNeed


def join_queue() -> QuerySet[JoinRequest]:
    """Open join requests, oldest first."""
    return (
        JoinRequest.objects.filter(status=JoinStatus.OPEN)
        .select_related("district")
        .prefetch_related("topics__translations")
        .order_by("created_at")
    )


def help_offers_needing_attention() -> QuerySet[HelpOffer]:
    """Open help offers nobody took up: older than ``NETWORK_UNROUTED_DAYS``, or
    with no organisation still considering them (none matched, or all passed)."""
    cutoff = timezone.now() - timedelta(days=settings.NETWORK_UNROUTED_DAYS)
    waiting = Routing.objects.filter(help_offer=OuterRef("pk"), status=RoutingStatus.SENT)
    return (
        HelpOffer.objects.filter(status=HelpStatus.OPEN)
        .filter(Q(created_at__lte=cutoff) | ~Exists(waiting))
        .select_related("district")
        .prefetch_related(
            "topics__translations",
            Prefetch("routings", queryset=Routing.objects.select_related("organisation")),
        )
        .order_by("created_at")
    )


def inbox(*, organisation: Organisation) -> QuerySet[Routing]:
    """Help offers routed to ``organisation``, newest first."""
    return (
        Routing.objects.filter(organisation=organisation)
        .select_related("help_offer", "help_offer__district")
        .prefetch_related("help_offer__topics__translations")
        .order_by("-created_at")
    )


def volunteer_needs(*, organisation: Organisation) -> QuerySet[VolunteerNeed]:
    return (
        VolunteerNeed.objects.filter(organisation=organisation)
        .select_related("district")
        .prefetch_related("topics__translations")
    )
