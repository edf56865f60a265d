"""Personal data: export and erasure per e-mail address (GDPR Art. 15/17), and retention.

Personal data of the network app lives in ``JoinRequest`` and ``HelpOffer``;
mails to the person wait or were sent from the outbox (``core.models.OutgoingMail``),
which is searched and cleared here by address only.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core import audit
from core.models import OutgoingMail
from network.enums import JoinStatus
from network.models import HelpOffer, JoinRequest


def _outbox_for(email: str):
    """Every outbox mail to ``email`` (the only question we ask of core)."""
    return OutgoingMail.objects.filter(to__iexact=email)


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


def personal_data_export(*, email: str, by: User | None = None) -> dict:
    """Everything stored about ``email`` (GDPR Art. 15), as JSON-ready data.
    Who exported is recorded as a change set (without the address)."""
    with audit.change_set(by=by, action="network.privacy.export", keep=True):
        return _export(email)


def _export(email: str) -> dict:
    join_requests = JoinRequest.objects.filter(email__iexact=email).prefetch_related("topics")
    help_offers = HelpOffer.objects.filter(email__iexact=email).prefetch_related(
        "topics", "routings__organisation"
    )
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "join_requests": [
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
            for item in join_requests.select_related("district")
        ],
        "help_offers": [
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
            for item in help_offers.select_related("district")
        ],
        "emails": [
            {
                "queued": mail.created_at.isoformat(),
                "subject": mail.subject,
                "body": mail.body,
                "status": mail.status,
            }
            for mail in _outbox_for(email).order_by("created_at")
        ],
    }


@transaction.atomic
def personal_data_erase(*, email: str, by: User | None = None) -> dict[str, int]:
    """Delete everything stored about ``email`` (GDPR Art. 17); returns the counts.

    Steps: delete the join requests (an accepted member's organisation and
    login stay: they are the member's, not this request's), the help offers
    with their routings, and every outbox mail to the address; the change
    set records which submissions went, without their personal fields.
    """
    with audit.change_set(by=by, action="network.privacy.erase", keep=True):
        return {
            "join_requests": _delete(JoinRequest.objects.filter(email__iexact=email)),
            "help_offers": _delete(HelpOffer.objects.filter(email__iexact=email)),
            "emails": _delete(_outbox_for(email), record=False),
        }


def _delete(queryset, *, record: bool = True) -> int:
    """Delete and count the rows of the queryset's own model (not the related
    rows); each deleted row goes into the open change set when ``record``."""
    change_set = audit.current()
    if record and change_set is not None:
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
