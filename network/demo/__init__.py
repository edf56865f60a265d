"""Demo data of the network app: join requests, help offers, volunteer needs.

The records are data, in ``data.json``: organisations, topics and districts
by their directory slugs. Of the three help offers one was taken up by the
AWO, one was sent to the VHS and waits for an answer, and nobody looks for
help with housing: that one has been unrouted for ten days.

Safe to run again (fixed ids, upserts). Written straight to the models,
without the services, so loading the demo sends no e-mails. All people
and addresses are invented (example.org, 0395 555 …).
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from directory.models import District, Organisation, Topic
from network.enums import ApplicantKind, HelpStatus, JoinStatus, RoutedBy, RoutingStatus
from network.models import HelpOffer, JoinRequest, Routing, VolunteerNeed

NAMESPACE = uuid.UUID("5b0e8f8c-3c1e-4a43-9d3b-7d0e0c1a7e07")
DATA = Path(__file__).resolve().parent / "data.json"
DEMO_FILES = (DATA,)


def _id(key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, key)


@transaction.atomic
def demo_load() -> None:
    """Volunteer needs of four demo members, two open join requests, three help offers."""
    organisations = {org.slug: org for org in Organisation.objects.all()}
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    districts = {district.slug: district for district in District.objects.all()}
    data = json.loads(DATA.read_text(encoding="utf-8"))
    _load_needs(data["needs"], organisations, topics, districts)
    _load_join_requests(data["join_requests"], topics, districts)
    _load_help_offers(data["help_offers"], organisations, topics, districts)


def _load_needs(items, organisations, topics, districts) -> None:
    for item in items:
        slug = item["organisation"]
        if slug not in organisations:
            continue
        need, _ = VolunteerNeed.objects.update_or_create(
            id=_id(f"need-{slug}"),
            defaults={
                "organisation": organisations[slug],
                "title": item["title"],
                "languages": item["languages"],
                "district": districts.get(item["district"]) if item["district"] else None,
                "is_open": True,
            },
        )
        need.topics.set([topics[s] for s in item["topics"] if s in topics])


def _load_join_requests(items, topics, districts) -> None:
    now = timezone.now()
    for item in items:
        join_request, _ = JoinRequest.objects.update_or_create(
            id=_id(item["key"]),
            defaults={
                "kind": ApplicantKind(item["kind"]),
                "name": item["name"],
                "organisation_name": item["organisation_name"],
                "activity": item["activity"],
                "email": item["email"],
                "phone": item["phone"],
                "district": districts.get(item["district"]),
                "language": item["language"],
                "consent_at": now,
                "fingerprint": item["key"],
                "status": JoinStatus.OPEN,
            },
        )
        join_request.topics.set([topics[s] for s in item["topics"] if s in topics])


def _load_help_offers(items, organisations, topics, districts) -> None:
    now = timezone.now()
    for item in items:
        received = now - timedelta(days=item["days_ago"])
        offer, _ = HelpOffer.objects.update_or_create(
            id=_id(item["key"]),
            defaults={
                "name": item["name"],
                "email": item["email"],
                "languages": item["languages"],
                "district": districts.get(item["district"]) if item["district"] else None,
                "time_available": item["time_available"],
                "language": item["language"],
                "consent_at": received,
                "fingerprint": item["key"],
                "status": HelpStatus(item["status"]),
            },
        )
        # auto_now_add ignores a given value: set the received time afterwards
        HelpOffer.objects.filter(pk=offer.pk).update(created_at=received)
        offer.topics.set([topics[s] for s in item["topics"] if s in topics])
        for routing in item["routings"]:
            slug, status = routing["organisation"], RoutingStatus(routing["status"])
            if slug in organisations:
                Routing.objects.update_or_create(
                    help_offer=offer,
                    organisation=organisations[slug],
                    defaults={
                        "routed_by": RoutedBy.MATCHING,
                        "reason": "demo",
                        "status": status,
                        "answered_at": now if status != RoutingStatus.SENT else None,
                    },
                )
