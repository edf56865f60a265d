"""Routing help offers to member organisations: automatically, by hand, and the answers."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from core import audit
from directory.models import Organisation
from directory.selectors import member_organisations, organisation_contacts
from network import mails
from network.enums import HelpStatus, RoutedBy, RoutingStatus
from network.matching import Match, Need, Wish, rank
from network.models import HelpOffer, Routing, VolunteerNeed


def open_needs() -> list[Need]:
    """Open volunteer needs of active members, reduced for ``matching.rank``."""
    needs = (
        VolunteerNeed.objects.filter(is_open=True, organisation__in=member_organisations())
        .select_related("organisation", "district")
        .prefetch_related("topics")
    )
    return [
        Need(
            organisation_id=str(need.organisation_id),
            organisation_name=need.organisation.name,
            topics=frozenset(topic.slug for topic in need.topics.all()),
            languages=frozenset(need.languages),
            district=need.district.slug if need.district else None,
        )
        for need in needs
    ]


def wish_for(offer: HelpOffer) -> Wish:
    return Wish(
        topics=frozenset(topic.slug for topic in offer.topics.all()),
        languages=frozenset(offer.languages),
        district=offer.district.slug if offer.district else None,
    )


def help_offer_matches(*, help_offer: HelpOffer) -> list[Match]:
    """All fitting organisations, best first (for the coordinator's routing page)."""
    return rank(wish_for(help_offer), open_needs())


def _contact_addresses(organisation: Organisation) -> list[str]:
    """The organisation's contact persons (public or internal), else its general address."""
    addresses = sorted(
        {
            address.lower()
            for address in organisation_contacts(organisation=organisation)
            .exclude(email="")
            .values_list("email", flat=True)
        }
    )
    return addresses or ([organisation.email] if organisation.email else [])


def _forward(routing: Routing) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        inbox = reverse("network:inbox", args=[routing.organisation_id])
        topics = [
            topic.localized(settings.LANGUAGE_CODE).name
            for topic in routing.help_offer.topics.all()
        ]
    mails.help_forwarded(routing, _contact_addresses(routing.organisation), topics, inbox)


@transaction.atomic
def help_offer_route_automatically(*, help_offer: HelpOffer) -> list[Routing]:
    """Send a new help offer to the ``NETWORK_MATCH_LIMIT`` best-matching members.

    Steps: rank the open volunteer needs (``matching.rank``); store one
    routing per organisation with the reason; forward the offer (the person
    consented) to each organisation's contact persons by e-mail.
    """
    matches = rank(wish_for(help_offer), open_needs(), limit=settings.NETWORK_MATCH_LIMIT)
    routings = []
    with audit.change_set(by=None, action="network.help_offer.route", subject=help_offer) as cs:
        for match in matches:
            routing = Routing.objects.create(
                help_offer=help_offer,
                organisation_id=match.organisation_id,
                routed_by=RoutedBy.MATCHING,
                reason=match.reason()[:300],
            )
            cs.created(routing, root=help_offer)
            _forward(routing)
            routings.append(routing)
    return routings


@transaction.atomic
def help_offer_route_by_hand(
    *, help_offer: HelpOffer, organisation: Organisation, by: User
) -> Routing:
    """The coordinator sends a help offer to one more organisation (once per
    organisation). Who sent it is the change set's actor."""
    with audit.change_set(
        by=by, action="network.help_offer.route_by_hand", subject=help_offer
    ) as cs:
        routing, created = Routing.objects.get_or_create(
            help_offer=help_offer,
            organisation=organisation,
            defaults={"routed_by": RoutedBy.COORDINATOR},
        )
        if created:
            cs.created(routing, root=help_offer)
        elif routing.status == RoutingStatus.PASSED:
            before = audit.snapshot(routing)
            routing.status = RoutingStatus.SENT
            routing.routed_by = RoutedBy.COORDINATOR
            routing.save(update_fields=["status", "routed_by"])
            cs.changed(routing, before, root=help_offer)
        _forward(routing)
    return routing


@transaction.atomic
def routing_answer(*, routing: Routing, take_up: bool, by: User) -> None:
    """A member takes a help offer up ("we contact the person") or passes.

    Taking up marks the help offer as taken up and tells the person, in
    their language, which organisation will contact them.
    """
    offer = routing.help_offer
    with audit.change_set(by=by, action="network.routing.answer", subject=routing) as cs:
        before = audit.snapshot(routing)
        routing.status = RoutingStatus.TAKEN_UP if take_up else RoutingStatus.PASSED
        routing.answered_at = timezone.now()
        routing.answered_by = by
        routing.save(update_fields=["status", "answered_at", "answered_by"])
        cs.changed(routing, before, root=offer)
        if take_up:
            offer_before = audit.snapshot(offer)
            offer.status = HelpStatus.TAKEN_UP
            offer.save(update_fields=["status"])
            cs.changed(offer, offer_before)
            mails.help_taken_up(routing)
