"""Demo data of the network app: join requests, help offers, volunteer needs.

Safe to run again (fixed ids, upserts). Written straight to the models,
without the services, so loading the demo sends no e-mails. All people
and addresses are invented (example.org, 0395 555 …).
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from directory.models import District, Organisation, Topic
from network.enums import ApplicantKind, HelpStatus, JoinStatus, RoutedBy, RoutingStatus
from network.models import HelpOffer, JoinRequest, Routing, VolunteerNeed

NAMESPACE = uuid.UUID("5b0e8f8c-3c1e-4a43-9d3b-7d0e0c1a7e07")

NEEDS = [
    # organisation, title, topics, languages, district
    (
        "awo-migrationszentrum",
        "Begleitung zu Behördenterminen",
        ["language-mediation"],
        ["ar", "fa", "ru"],
        "oststadt",
    ),
    (
        "volkshochschule-mse",
        "Sprachtandem für Kursteilnehmende",
        ["language-courses"],
        ["uk", "ar"],
        "innenstadt",
    ),
    ("diakonie-mse", "Hausaufgabenhilfe am Nachmittag", ["school-and-education"], [], "datzeberg"),
    (
        "asb-rv-mse",
        "Sport- und Begegnungsnachmittage",
        ["meeting-places", "volunteering"],
        [],
        None,
    ),
]

JOIN_REQUESTS = [
    {
        "key": "join-sprachcafe",
        "kind": ApplicantKind.ORGANISATION,
        "name": "Mira Beispiel",
        "organisation_name": "Sprachcafé Oststadt e. V. (Demo)",
        "activity": "Wöchentliches Sprachcafé für Zugewanderte und Nachbarn.",
        "email": "sprachcafe@example.org",
        "phone": "0395 555 0301",
        "district": "oststadt",
        "topics": ["language-courses", "meeting-places"],
        "language": "de",
    },
    {
        "key": "join-volunteer",
        "kind": ApplicantKind.VOLUNTEER,
        "name": "Olena Beispiel",
        "organisation_name": "",
        "activity": "Ich übersetze ehrenamtlich Ukrainisch–Deutsch.",
        "email": "olena@example.org",
        "phone": "",
        "district": "datzeberg",
        "topics": ["language-mediation"],
        "language": "uk",
    },
]

HELP_OFFERS = [
    # taken up by the AWO
    {
        "key": "help-taken",
        "name": "Samir Beispiel",
        "email": "samir@example.org",
        "topics": ["language-mediation"],
        "languages": ["ar", "de"],
        "district": "oststadt",
        "time_available": "week",
        "language": "ar",
        "days_ago": 3,
        "routings": [("awo-migrationszentrum", RoutingStatus.TAKEN_UP)],
        "status": HelpStatus.TAKEN_UP,
    },
    # sent to the VHS, waiting for an answer
    {
        "key": "help-waiting",
        "name": "Anna Beispiel",
        "email": "anna@example.org",
        "topics": ["language-courses"],
        "languages": ["de", "uk"],
        "district": "innenstadt",
        "time_available": "month",
        "language": "de",
        "days_ago": 1,
        "routings": [("volkshochschule-mse", RoutingStatus.SENT)],
        "status": HelpStatus.OPEN,
    },
    # nobody looks for help with housing: unrouted for ten days
    {
        "key": "help-unrouted",
        "name": "Jonas Beispiel",
        "email": "jonas@example.org",
        "topics": ["housing"],
        "languages": ["de", "en"],
        "district": None,
        "time_available": "once",
        "language": "en",
        "days_ago": 10,
        "routings": [],
        "status": HelpStatus.OPEN,
    },
]


def _id(key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, key)


@transaction.atomic
def demo_load() -> None:
    """Volunteer needs of four demo members, two open join requests, three help offers."""
    organisations = {org.slug: org for org in Organisation.objects.all()}
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    districts = {district.slug: district for district in District.objects.all()}
    _load_needs(organisations, topics, districts)
    _load_join_requests(topics, districts)
    _load_help_offers(organisations, topics, districts)


def _load_needs(organisations, topics, districts) -> None:
    for slug, title, topic_slugs, languages, district in NEEDS:
        if slug not in organisations:
            continue
        need, _ = VolunteerNeed.objects.update_or_create(
            id=_id(f"need-{slug}"),
            defaults={
                "organisation": organisations[slug],
                "title": title,
                "languages": languages,
                "district": districts.get(district) if district else None,
                "is_open": True,
            },
        )
        need.topics.set([topics[s] for s in topic_slugs if s in topics])


def _load_join_requests(topics, districts) -> None:
    now = timezone.now()
    for item in JOIN_REQUESTS:
        join_request, _ = JoinRequest.objects.update_or_create(
            id=_id(item["key"]),
            defaults={
                "kind": item["kind"],
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


def _load_help_offers(organisations, topics, districts) -> None:
    now = timezone.now()
    for item in HELP_OFFERS:
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
                "status": item["status"],
            },
        )
        # auto_now_add ignores a given value: set the received time afterwards
        HelpOffer.objects.filter(pk=offer.pk).update(created_at=received)
        offer.topics.set([topics[s] for s in item["topics"] if s in topics])
        for slug, status in item["routings"]:
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
