"""Personal data of the network: its holders for export and erasure, and retention.

Personal data of the network app lives in ``JoinRequest`` and ``HelpOffer``;
both are registered as holders in ``core.privacy`` (which also covers the
outbox and the audit log). ``retention_apply`` deletes them after the
retention period.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import audit
from core.privacy import Holder, Person, register
from network.enums import JoinStatus
from network.models import HelpOffer, JoinRequest


def _join_requests(person: Person) -> QuerySet[JoinRequest]:
    return JoinRequest.objects.filter(email__iexact=person.email)


def _help_offers(person: Person) -> QuerySet[HelpOffer]:
    return HelpOffer.objects.filter(email__iexact=person.email)


def _submission(item, extra: dict) -> dict:
    return {
        "id": str(item.pk),
        "received": item.created_at.isoformat(),
        "language": item.language,
        "name": item.name,
        "email": item.email,
        "phone": item.phone,
        "message": item.message,
        "district": item.district.name if item.district else None,
        "consent_given": item.consent_at.isoformat(),
        "topics": sorted(topic.slug for topic in item.topics.all()),
        **extra,
    }


def join_requests_export(person: Person) -> list[dict[str, Any]]:
    return [
        _submission(
            item,
            {
                "kind": item.kind,
                "organisation_name": item.organisation_name,
                "activity": item.activity,
                "status": item.status,
                "decline_reason": item.decline_reason,
            },
        )
        for item in _join_requests(person).select_related("district").prefetch_related("topics")
    ]


def help_offers_export(person: Person) -> list[dict[str, Any]]:
    offers = _help_offers(person).select_related("district")
    return [
        _submission(
            item,
            {
                "languages": item.languages,
                "time_available": item.time_available,
                "status": item.status,
                "routed_to": [
                    {"organisation": routing.organisation.name, "answer": routing.status}
                    for routing in item.routings.all()
                ],
            },
        )
        for item in offers.prefetch_related("topics", "routings__organisation")
    ]


def _erase(queryset: QuerySet, cs: audit.Recorder) -> int:
    """Delete the person's submissions (routings go with a help offer); the
    change set records which, without values."""
    rows = list(queryset)
    for row in rows:
        cs.erased(row)
    _total, per_model = queryset.delete()
    return per_model.get(queryset.model._meta.label, 0)


def join_requests_erase(person: Person, cs: audit.Recorder) -> int:
    """An accepted member's organisation and login stay: they are the
    member's, not this request's."""
    return _erase(_join_requests(person), cs)


def help_offers_erase(person: Person, cs: audit.Recorder) -> int:
    return _erase(_help_offers(person), cs)


def register_holders() -> None:
    """Called by ``NetworkConfig.ready()``."""
    register(
        Holder(
            key="network.join_requests",
            label=_("Join requests"),
            covers=("network.JoinRequest.email", "network.JoinRequest.name"),
            export=join_requests_export,
            erase=join_requests_erase,
            order=10,
        )
    )
    register(
        Holder(
            key="network.help_offers",
            label=_("Help offers"),
            covers=("network.HelpOffer.email", "network.HelpOffer.name"),
            export=help_offers_export,
            erase=help_offers_erase,
            order=11,
        )
    )


def _delete(queryset: QuerySet) -> int:
    """Delete and count the rows of the queryset's own model (not the related
    rows); each deleted row goes into the open change set."""
    change_set = audit.current()
    if change_set is not None:
        for row in queryset:
            change_set.deleted(row)
    _total, per_model = queryset.delete()
    return per_model.get(queryset.model._meta.label, 0)


def _months_ago(months: int):
    return timezone.now() - timedelta(days=round(months * 365.25 / 12))


@transaction.atomic
def retention_apply() -> dict[str, int]:
    """Delete help offers and declined join requests older than the retention period.

    Help offers count from when they were received, declined join requests
    from the decision. Accepted requests stay (they document a membership);
    open ones wait for the coordinator.
    """
    cutoff = _months_ago(settings.NETWORK_RETENTION_MONTHS)
    with audit.change_set(by=None, action="network.privacy.retention"):
        return {
            "help_offers": _delete(HelpOffer.objects.filter(created_at__lt=cutoff)),
            "join_requests": _delete(
                JoinRequest.objects.filter(status=JoinStatus.DECLINED, decided_at__lt=cutoff)
            ),
        }
