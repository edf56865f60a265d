"""Writes of the network app: public submissions, withdrawal, the coordinator's decisions.

Every submission is stored before any mail: the mails are queued in the
outbox inside the same transaction and sent by the worker after commit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.enums import Role
from accounts.models import User
from accounts.services import user_create
from core import audit
from core.mail import site_url
from directory.models import District, Organisation, Topic
from directory.services import member_organisation_activate, member_organisation_create
from network import mails
from network.enums import JoinStatus
from network.links import HELP, JOIN, status_url
from network.models import HelpOffer, JoinRequest, VolunteerNeed
from network.routing import help_offer_route_automatically

JOIN_FIELDS = ("kind", "name", "organisation_name", "activity", "email", "phone", "message")
HELP_FIELDS = ("name", "email", "phone", "time_available", "message")


def _fingerprint(data: dict, fields: tuple[str, ...]) -> str:
    """E-mail address plus content, normalised: a double click gives the same value."""
    content = {name: str(data.get(name) or "").strip().casefold() for name in fields}
    content["topics"] = sorted(str(topic.pk) for topic in data.get("topics") or [])
    content["languages"] = sorted(data.get("languages") or [])
    content["district"] = str(getattr(data.get("district"), "pk", "") or "")
    encoded = json.dumps(content, sort_keys=True).encode()
    return hashlib.sha256(encoded).hexdigest()


def _recent_duplicate(model, fingerprint: str):
    since = timezone.now() - timedelta(minutes=settings.NETWORK_DUPLICATE_MINUTES)
    return model.objects.filter(fingerprint=fingerprint, created_at__gte=since).first()


@transaction.atomic
def join_request_submit(*, data: dict, language: str) -> tuple[JoinRequest, bool]:
    """Store a join request from the public form; returns (request, newly stored).

    Steps: a request with the same e-mail and content within
    ``NETWORK_DUPLICATE_MINUTES`` is returned as it is (merged, no second
    mail); otherwise store it with the time of consent, queue the
    confirmation with the signed state link in the language used, and tell
    the coordinators (a link only) that it waits in their queue.
    """
    fingerprint = _fingerprint(data, JOIN_FIELDS)
    existing = _recent_duplicate(JoinRequest, fingerprint)
    if existing is not None:
        return existing, False
    join_request = JoinRequest(
        **{name: data.get(name) or "" for name in JOIN_FIELDS},
        district=data.get("district"),
        language=language,
        consent_at=timezone.now(),
        fingerprint=fingerprint,
    )
    join_request.full_clean()
    with audit.change_set(
        by=None, action="network.join_request.submit", subject=join_request
    ) as cs:
        join_request.save()
        join_request.topics.set(data.get("topics") or [])
        cs.created(join_request)
    mails.join_confirmation(join_request, status_url(JOIN, join_request.pk, language))
    mails.join_request_waiting(join_request)
    return join_request, True


@transaction.atomic
def help_offer_submit(*, data: dict, language: str) -> tuple[HelpOffer, bool]:
    """Store a help offer from the public form; returns (offer, newly stored).

    Steps: merge a duplicate as for join requests; store the offer; route
    it to the best-matching member organisations (``network.routing``), or
    tell the coordinators when none matches; queue the confirmation with the
    signed state link.
    """
    fingerprint = _fingerprint(data, HELP_FIELDS)
    existing = _recent_duplicate(HelpOffer, fingerprint)
    if existing is not None:
        return existing, False
    offer = HelpOffer(
        **{name: data.get(name) or "" for name in HELP_FIELDS},
        languages=sorted(data.get("languages") or []),
        district=data.get("district"),
        language=language,
        consent_at=timezone.now(),
        fingerprint=fingerprint,
    )
    offer.full_clean()
    with audit.change_set(by=None, action="network.help_offer.submit", subject=offer) as cs:
        offer.save()
        offer.topics.set(data["topics"])
        cs.created(offer)
        if not help_offer_route_automatically(help_offer=offer):
            mails.help_offer_unmatched(offer)
    mails.help_confirmation(offer, status_url(HELP, offer.pk, language))
    return offer, True


@transaction.atomic
def submission_withdraw(*, submission: JoinRequest | HelpOffer) -> None:
    """The person withdraws: everything stored about this submission is deleted.

    A join request can be withdrawn only while it waits for the coordinator.
    """
    if isinstance(submission, JoinRequest) and submission.status != JoinStatus.OPEN:
        raise ValueError("decided join requests cannot be withdrawn")
    with audit.change_set(by=None, action="network.submission.withdraw", subject=submission) as cs:
        cs.deleted(submission)
        submission.delete()


def _invitation_link(user: User, language: str) -> str:
    """A password-reset link of Django's token generator: single use (the token
    depends on the password, which it sets) and expiring (PASSWORD_RESET_TIMEOUT)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    with translation.override(language):
        return site_url(reverse("network:invitation", args=[uid, token]))


@transaction.atomic
def join_request_accept(
    *,
    join_request: JoinRequest,
    by: User,
    organisation: Organisation | None,
    organisation_name: str,
    kind: str,
    editor_email: str,
    editor_name: str,
) -> Organisation:
    """Accept a join request.

    Steps: create a member organisation, or make the given one an active
    member, through the directory's services (not yet listed publicly: the
    coordinator publishes the profile once it is complete); create a
    member-editor login without a password; record the decision, all as one
    change set; e-mail a single-use, expiring link to set the password, in
    the language of the request.
    """
    today = timezone.localdate()
    with audit.change_set(by=by, action="network.join_request.accept", subject=join_request) as cs:
        if organisation is None:
            organisation = member_organisation_create(
                name=organisation_name, kind=kind, member_since=today, by=by
            )
        else:
            organisation = member_organisation_activate(
                organisation=organisation, since=today, by=by
            )
        user = user_create(
            email=editor_email,
            name=editor_name,
            role=Role.MEMBER_EDITOR,
            organisation=organisation,
            email_verified=True,
        )
        _decide(cs, join_request, status=JoinStatus.ACCEPTED, by=by, organisation=organisation)
    link = _invitation_link(user, join_request.language)
    mails.join_invitation(join_request, to=user.email, link=link)
    return organisation


@transaction.atomic
def join_request_decline(*, join_request: JoinRequest, reason: str, by: User) -> None:
    """Decline with a reason; the reason is e-mailed in the language of the request."""
    with audit.change_set(by=by, action="network.join_request.decline", subject=join_request) as cs:
        _decide(cs, join_request, status=JoinStatus.DECLINED, by=by, decline_reason=reason)
    mails.join_declined(join_request)


def _decide(cs: audit.Recorder, join_request: JoinRequest, *, status: str, by, **fields) -> None:
    """Record the coordinator's decision on the request (and ``fields``) in ``cs``."""
    before = audit.snapshot(join_request)
    values = {"status": status, "decided_at": timezone.now(), "decided_by": by, **fields}
    for name, value in values.items():
        setattr(join_request, name, value)
    join_request.save(update_fields=list(values))
    cs.changed(join_request, before)


@transaction.atomic
def volunteer_need_save(
    *,
    organisation: Organisation,
    need: VolunteerNeed | None = None,
    title: str,
    description: str,
    topics: Iterable[Topic],
    languages: list[str],
    district: District | None,
    is_open: bool,
    by: User | None = None,
) -> VolunteerNeed:
    """Create a volunteer need of ``organisation``, or update ``need`` (always
    for ``organisation``); validate; save; set its topics; one change set."""
    need = need or VolunteerNeed()
    # A bound form may have changed the instance already: the stored row is the "before".
    stored = VolunteerNeed.objects.filter(pk=need.pk).first() if need.pk else None
    before = audit.snapshot(stored) if stored else None
    need.organisation = organisation
    need.title = title
    need.description = description
    need.languages = list(languages)
    need.district = district
    need.is_open = is_open
    need.full_clean()
    with audit.change_set(by=by, action="network.volunteer_need.save", subject=need) as cs:
        need.save()
        need.topics.set(topics)
        if before is None:
            cs.created(need)
        else:
            cs.changed(need, before)
    return need
