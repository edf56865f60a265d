"""Writes about editions, their venues and personal late-submission links."""

from __future__ import annotations

import datetime
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core import audit
from directory.models import Organisation
from festival.enums import EditionStatus, EventState
from festival.models import (
    Edition,
    SubmissionLink,
)
from festival.services.events import _set_state

LINK_SALT = "festival.submission-link"


# --- editions -----------------------------------------------------------------


@transaction.atomic
def edition_create(
    *, fields: dict[str, Any], copy_from: Edition | None = None, by: User | None = None
) -> Edition:
    """Create an edition; with ``copy_from``, take over its venues (and their places).

    Steps: validate and store the edition in state "preparing"; copy each
    venue of the earlier edition without its availability (days differ).
    """
    edition = Edition(**fields, status=EditionStatus.PREPARING)
    edition.full_clean()
    with audit.change_set(by=by, action="festival.edition.create", subject=edition) as cs:
        edition.save()
        cs.created(edition)
        if copy_from is not None:
            for venue in copy_from.venues.all():
                venue.pk = None
                venue.id = None
                venue._state.adding = True
                venue.edition = edition
                venue.save()
                cs.created(venue, root=edition)
    return edition


def edition_copy_fields(*, source: Edition, year: int) -> dict[str, Any]:
    """The settings of ``source`` moved to ``year``, as initial data for a new edition."""
    shift = year - source.year

    def moved(value):
        try:
            return value.replace(year=value.year + shift)
        except ValueError:  # 29 February
            return value.replace(year=value.year + shift, day=28)

    return {
        "year": year,
        "title": source.title,
        "motto": "",
        "starts_on": moved(source.starts_on),
        "ends_on": moved(source.ends_on),
        "submissions_open_at": moved(source.submissions_open_at),
        "submission_deadline": moved(source.submission_deadline),
    }


@transaction.atomic
def edition_update(*, edition: Edition, fields: dict[str, Any], by: User | None = None) -> Edition:
    before = audit.snapshot(edition)
    for name, value in fields.items():
        setattr(edition, name, value)
    edition.full_clean()
    with audit.change_set(by=by, action="festival.edition.update", subject=edition) as cs:
        edition.save()
        cs.changed(edition, before)
    return edition


@transaction.atomic
def edition_set_status(*, edition: Edition, status: str, by: User) -> Edition:
    """Move the edition to ``status``; "published" goes through ``edition_publish``."""
    if status == EditionStatus.PUBLISHED:
        return edition_publish(edition=edition, by=by)
    with audit.change_set(by=by, action="festival.edition.set_status", subject=edition) as cs:
        before = audit.snapshot(edition)
        edition.status = status
        edition.save(update_fields=["status"])
        cs.changed(edition, before)
    return edition


@transaction.atomic
def edition_publish(*, edition: Edition, by: User) -> Edition:
    """The deliberate switch: put the programme online.

    Steps: every accepted event becomes published (and its submitter is told);
    the edition is marked published; all of it is one change set. Events
    published later are additions in the public list of programme changes.
    """
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    with audit.change_set(by=by, action="festival.edition.publish", subject=edition) as cs:
        for event in edition.events.filter(state=EventState.ACCEPTED):
            _set_state(event=event, state=EventState.PUBLISHED, by=by, comment="", cs=cs)
        before = audit.snapshot(edition)
        edition.status = EditionStatus.PUBLISHED
        edition.published_at = edition.published_at or timezone.now()
        edition.save(update_fields=["status", "published_at"])
        cs.changed(edition, before)
    return edition


# --- personal late-submission links ---------------------------------------------


@transaction.atomic
def link_create(
    *,
    edition: Edition,
    organisation: Organisation,
    expires_at: datetime.datetime,
    by: User,
) -> tuple[SubmissionLink, str]:
    """A personal link for late submissions. Returns the link and its signed token."""
    if expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry date must lie in the future.")})
    link = SubmissionLink(
        edition=edition, organisation=organisation, expires_at=expires_at, created_by=by
    )
    with audit.change_set(by=by, action="festival.link.create", subject=link) as cs:
        link.save()
        cs.created(link)
    return link, link_token(link)


def link_token(link: SubmissionLink) -> str:
    return signing.dumps(str(link.pk), salt=LINK_SALT)


def link_from_token(token: str) -> SubmissionLink | None:
    """The link a token stands for, or None when the signature is wrong."""
    try:
        link_id = signing.loads(token, salt=LINK_SALT)
    except signing.BadSignature:
        return None
    return (
        SubmissionLink.objects.select_related("edition", "organisation").filter(pk=link_id).first()
    )


@transaction.atomic
def link_revoke(*, link: SubmissionLink, by: User | None = None) -> SubmissionLink:
    if link.revoked_at is None:
        with audit.change_set(by=by, action="festival.link.revoke", subject=link) as cs:
            before = audit.snapshot(link)
            link.revoked_at = timezone.now()
            link.save(update_fields=["revoked_at"])
            cs.changed(link, before)
    return link
