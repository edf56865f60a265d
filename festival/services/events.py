"""Writes about events: submission, changes, decisions, withdrawal, translations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from directory.models import Organisation
from festival.enums import ChangeKind, EditionStatus, EventState
from festival.images import validate_image
from festival.mails import decision_mail
from festival.models import (
    ChangeLogEntry,
    Edition,
    Event,
    EventComment,
    EventLanguage,
    EventTranslation,
    SubmissionLink,
)
from festival.rules import check_event_times, check_submission_allowed, member_may_edit
from festival.services.venues import venue_create, venue_for_location

# Which state may follow which. Coordinators decide; submitters withdraw or resubmit.
TRANSITIONS: dict[str, set[str]] = {
    EventState.SUBMITTED: {
        EventState.ACCEPTED,
        EventState.CHANGES_REQUESTED,
        EventState.DECLINED,
        EventState.WITHDRAWN,
    },
    EventState.CHANGES_REQUESTED: {
        EventState.SUBMITTED,
        EventState.ACCEPTED,
        EventState.DECLINED,
        EventState.WITHDRAWN,
    },
    EventState.ACCEPTED: {
        EventState.PUBLISHED,
        EventState.CHANGES_REQUESTED,
        EventState.DECLINED,
        EventState.WITHDRAWN,
    },
    EventState.DECLINED: {EventState.ACCEPTED},
    EventState.PUBLISHED: {EventState.WITHDRAWN},
    EventState.WITHDRAWN: set(),
}
DECISIONS = {
    EventState.ACCEPTED,
    EventState.CHANGES_REQUESTED,
    EventState.DECLINED,
    EventState.PUBLISHED,
}
# Fields whose change after publishing goes into the public change log.
PUBLIC_FIELDS = (
    "title",
    "description",
    "category",
    "day",
    "starts_at",
    "ends_at",
    "venue",
    "audience",
    "wheelchair_accessible",
    "sign_language",
    "child_care",
    "free_of_charge",
    "price",
    "registration_required",
    "registration_how",
)


# --- submissions --------------------------------------------------------------


def _store_event(
    event: Event,
    *,
    fields: dict[str, Any],
    languages: Iterable[str] | None,
    co_organisers: Iterable[Organisation] | None,
) -> list[str]:
    """Apply ``fields`` to ``event`` and save it. Returns the public fields that changed."""
    fields = dict(fields)
    image = fields.pop("image", None)
    new_venue = fields.pop("new_venue", None)
    if new_venue:
        if new_venue.get("location"):
            fields["venue"] = venue_for_location(
                edition=event.edition, location=new_venue["location"]
            )
        else:
            fields["venue"] = venue_create(edition=event.edition, fields=new_venue)
    changed = (
        []
        if event._state.adding
        else [
            name
            for name, value in fields.items()
            if name in PUBLIC_FIELDS and getattr(event, name) != value
        ]
    )
    for name, value in fields.items():
        setattr(event, name, value)
    check_event_times(
        edition=event.edition,
        day=event.day,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        venue=event.venue if event.venue_id else None,
    )
    if image:
        image.name = f"image.{validate_image(image)}"
        if event.image:
            event.image.delete(save=False)
        event.image = image
        changed.append("image")
    elif image is False and event.image:  # the form's "clear" box
        event.image.delete(save=False)
        event.image = ""
    event.full_clean(exclude=["image"])
    event.save()
    if languages is not None:
        codes = sorted(set(languages))
        if codes != sorted(event.languages.values_list("code", flat=True)):
            event.languages.all().delete()
            for code in codes:
                language = EventLanguage(event=event, code=code)
                language.full_clean(exclude=["event"])
                language.save()
    if co_organisers is not None:
        event.co_organisers.set(co_organisers)
    return changed


@transaction.atomic
def event_submit(
    *,
    edition: Edition,
    fields: dict[str, Any],
    languages: Iterable[str] = (),
    co_organisers: Iterable[Organisation] = (),
    by: User | None,
    organisation: Organisation | None,
    submitter_email: str,
    language: str,
    link: SubmissionLink | None = None,
    partner_name: str = "",
) -> Event:
    """Store a new submission.

    Steps: check that submitting is allowed now (open call, or a valid
    personal link of the organisation); check dates, times and venue;
    validate the image by content; store the event and its languages.
    A partner's submission (no organisation) waits for the coordinator to
    confirm who they are.
    """
    check_submission_allowed(
        edition=edition, link=link, organisation_id=organisation.pk if organisation else None
    )
    event = Event(
        edition=edition,
        state=EventState.SUBMITTED,
        organisation=organisation,
        partner_name=partner_name,
        identity_confirmed=organisation is not None,
        submitted_by=by,
        submitter_email=submitter_email,
        submitter_language=language,
    )
    _store_event(event, fields=fields, languages=languages, co_organisers=co_organisers)
    return event


@transaction.atomic
def event_update(
    *,
    event: Event,
    fields: dict[str, Any],
    by: User,
    languages: Iterable[str] | None = None,
    co_organisers: Iterable[Organisation] | None = None,
) -> Event:
    """Change an event.

    Steps: a submitter may change it only while ``member_may_edit`` holds,
    and a change after a request for changes submits it again; a
    coordinator may always change it. Changes to a published event go into
    the public change log.
    """
    event = Event.objects.select_for_update().select_related("edition").get(pk=event.pk)
    if not by.is_coordinator:
        if not member_may_edit(event):
            raise ValidationError(
                _("This event can no longer be changed. The deadline has passed.")
            )
        if event.state == EventState.CHANGES_REQUESTED:
            event.state = EventState.SUBMITTED
    changed = _store_event(event, fields=fields, languages=languages, co_organisers=co_organisers)
    if event.state == EventState.PUBLISHED and changed:
        ChangeLogEntry.objects.create(
            edition=event.edition,
            event=event,
            kind=ChangeKind.CHANGED,
            event_title=event.title,
            fields=changed,
        )
    return event


def _set_state(*, event: Event, state: str, by: User | None, comment: str) -> None:
    if state not in TRANSITIONS[event.state]:
        raise ValidationError(
            _("An event that is “%(old)s” cannot become “%(new)s”.")
            % {"old": event.get_state_display(), "new": EventState(state).label}
        )
    was_public = event.state == EventState.PUBLISHED
    event.state = state
    event.save(update_fields=["state", "updated_at"])
    if comment or state in DECISIONS:
        EventComment.objects.create(
            event=event, author=by, body=comment, decision=state if state in DECISIONS else ""
        )
    if state == EventState.PUBLISHED and event.edition.published_at:
        _log(event, ChangeKind.ADDED)
    if was_public and state == EventState.WITHDRAWN:
        _log(event, ChangeKind.CANCELLED)
    if state in DECISIONS:
        decision_mail(event=event, comment=comment)


def _log(event: Event, kind: str) -> None:
    # Additions made by the publishing switch itself are the programme, not changes.
    if kind == ChangeKind.ADDED and event.edition.status != EditionStatus.PUBLISHED:
        return
    ChangeLogEntry.objects.create(
        edition=event.edition, event=event, kind=kind, event_title=event.title
    )


@transaction.atomic
def event_decide(*, event: Event, state: str, by: User, comment: str = "") -> Event:
    """A coordinator's decision on one event.

    Steps: only coordinators decide; a partner's event must have its
    organiser confirmed before it is accepted; a request for changes needs a
    comment; publishing a single event needs a published edition; the
    decision is written into the comment thread and its mail to the
    submitter (in their language) into the outbox, in the same transaction.
    """
    if not by.is_coordinator:
        raise PermissionDenied
    if state not in DECISIONS:
        raise ValidationError(_("Choose one of the decisions offered."))
    event = Event.objects.select_for_update().select_related("edition").get(pk=event.pk)
    if state in {EventState.ACCEPTED, EventState.PUBLISHED} and not event.identity_confirmed:
        raise ValidationError(_("Confirm who the organiser is before accepting the event."))
    if state == EventState.CHANGES_REQUESTED and not comment.strip():
        raise ValidationError(_("Say which changes you need in the comment."))
    if state == EventState.PUBLISHED and event.edition.status != EditionStatus.PUBLISHED:
        raise ValidationError(_("Publish the programme first; then single events can follow."))
    _set_state(event=event, state=state, by=by, comment=comment.strip())
    return event


@transaction.atomic
def events_bulk_decide(*, events: Iterable[Event], state: str, by: User) -> tuple[int, list[str]]:
    """Accept or decline many events. Returns how many changed and why others did not."""
    if state not in {EventState.ACCEPTED, EventState.DECLINED}:
        raise ValidationError(_("Only accepting or declining works for several events at once."))
    done, problems = 0, []
    for event in events:
        try:
            with transaction.atomic():
                event_decide(event=event, state=state, by=by)
            done += 1
        except ValidationError as error:
            problems.append(f"{event.title}: {' '.join(error.messages)}")
    return done, problems


@transaction.atomic
def event_withdraw(*, event: Event, by: User) -> Event:
    """The submitter (or a coordinator) takes the event back; a published one is cancelled."""
    event = Event.objects.select_for_update().select_related("edition").get(pk=event.pk)
    _set_state(event=event, state=EventState.WITHDRAWN, by=by, comment="")
    return event


@transaction.atomic
def event_comment_add(*, event: Event, body: str, by: User) -> EventComment:
    comment = EventComment(event=event, author=by, body=body.strip())
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def partner_confirm(*, event: Event, by: User) -> Event:
    """A coordinator confirms who the partner behind a public submission is."""
    if not by.is_coordinator:
        raise PermissionDenied
    event.identity_confirmed = True
    event.save(update_fields=["identity_confirmed", "updated_at"])
    EventComment.objects.create(event=event, author=by, body=_("Organiser confirmed."))
    return event


@transaction.atomic
def event_translation_save(*, event: Event, language: str, fields: dict[str, Any]) -> None:
    """Store the translation of an event's texts into ``language``, from the current German."""
    row = event.translations.filter(language=language).first() or EventTranslation(
        source=event, language=language
    )
    for name, value in fields.items():
        setattr(row, name, value)
    row.source_digest = event.source_digest()
    row.full_clean()
    row.save()
