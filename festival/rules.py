"""The rules an event must keep, shared by forms and services (validation once)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from festival.enums import EditionStatus, EventState
from festival.models import Edition, Event, SubmissionLink, Venue


def check_event_times(
    *, edition: Edition, day: datetime.date | None, starts_at, ends_at, venue: Venue | None
) -> None:
    """Raise ``ValidationError`` (by field) unless the event fits the edition.

    Steps: the day lies within the edition's local dates; the end is after
    the start; the venue is one of this edition's venues.
    """
    errors: dict[str, str] = {}
    if day is not None and not (edition.starts_on <= day <= edition.ends_on):
        errors["day"] = _("The date must be within the week, from %(start)s to %(end)s.") % {
            "start": formats.date_format(edition.starts_on, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(edition.ends_on, "SHORT_DATE_FORMAT"),
        }
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        errors["ends_at"] = _("The end must be after the start.")
    if venue is not None and venue.edition_id != edition.pk:
        errors["venue"] = _("Choose one of this week's venues.")
    if errors:
        raise ValidationError(errors)


def check_submission_allowed(
    *, edition: Edition, link: SubmissionLink | None = None, organisation_id=None, now=None
) -> None:
    """Raise ``ValidationError`` unless a new event may be submitted now.

    Open call: anyone allowed to submit may. After the deadline (or before the
    call opens for late ones, while reviewing): only with a valid personal
    link of the submitting organisation.
    """
    now = now or timezone.now()
    if edition.call_is_open(now):
        return
    if link is None:
        raise ValidationError(
            _(
                "The call for events is closed. Late submissions need a personal link "
                "from the coordination office."
            )
        )
    if (
        not link.is_valid(now)
        or link.edition_id != edition.pk
        or link.organisation_id != organisation_id
        or edition.status not in {EditionStatus.CALL_OPEN, EditionStatus.REVIEWING}
    ):
        raise ValidationError(_("This submission link has expired or was revoked."))


MEMBER_EDITABLE = {EventState.SUBMITTED, EventState.CHANGES_REQUESTED}


def member_may_edit(event: Event, now=None) -> bool:
    """Submitters edit until the deadline, and whenever changes were requested."""
    now = now or timezone.now()
    if event.state == EventState.CHANGES_REQUESTED:
        return True
    return event.state == EventState.SUBMITTED and now < event.edition.submission_deadline
