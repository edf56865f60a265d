"""Writes about events: submission, changes, decisions, withdrawal, translations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core import audit
from core.translation import source_changes_record
from directory.models import Organisation
from festival.enums import ChangeKind, EditionStatus, EventState
from festival.images import validate_image
from festival.mails import decision_mail
from festival.models import (
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
# Fields whose change after publishing goes into the public list of programme changes.
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
    "image",
)


# --- submissions --------------------------------------------------------------


def _store_event(
    event: Event,
    *,
    fields: dict[str, Any],
    languages: Iterable[str] | None,
    co_organisers: Iterable[Organisation] | None,
    cs: audit.Recorder,
) -> None:
    """Apply ``fields`` to ``event``, save it and record its languages in ``cs``."""
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
    german_before = None if event._state.adding else event.german_texts()
    for name, value in fields.items():
        setattr(event, name, value)
    source_changes_record(event, german_before)
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
    elif image is False and event.image:  # the form's "clear" box
        event.image.delete(save=False)
        event.image = ""
    event.full_clean(exclude=["image"])
    event.save()
    if languages is not None:
        codes = sorted(set(languages))
        old = list(event.languages.all())
        if codes != sorted(language.code for language in old):
            for language in old:
                cs.deleted(language, root=event)
            event.languages.all().delete()
            for code in codes:
                language = EventLanguage(event=event, code=code)
                language.full_clean(exclude=["event"])
                language.save()
                cs.created(language, root=event)
    if co_organisers is not None:
        event.co_organisers.set(co_organisers)


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
    validate the image by content; store the event and its languages;
    record the submission as one change set.
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
    with audit.change_set(by=by, action="festival.event.submit", subject=event) as cs:
        _store_event(event, fields=fields, languages=languages, co_organisers=co_organisers, cs=cs)
        cs.created(event)
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
    coordinator may always change it. The change is one change set; when a
    public field of a published event changed, it carries the reason that
    puts it into the public list of programme changes.
    """
    event = Event.objects.select_for_update().select_related("edition").get(pk=event.pk)
    if not by.is_coordinator and not member_may_edit(event):
        raise ValidationError(_("This event can no longer be changed. The deadline has passed."))
    with audit.change_set(by=by, action="festival.event.update", subject=event) as cs:
        before = audit.snapshot(event)
        if not by.is_coordinator and event.state == EventState.CHANGES_REQUESTED:
            event.state = EventState.SUBMITTED
        _store_event(event, fields=fields, languages=languages, co_organisers=co_organisers, cs=cs)
        after = audit.snapshot(event)
        if event.state == EventState.PUBLISHED and any(
            before[name] != after[name] for name in PUBLIC_FIELDS
        ):
            cs.add_reasons(ChangeKind.CHANGED.reason)
        cs.changed(event, before)
    return event


def _set_state(
    *, event: Event, state: str, by: User | None, comment: str, cs: audit.Recorder
) -> None:
    if state not in TRANSITIONS[event.state]:
        raise ValidationError(
            _("An event that is “%(old)s” cannot become “%(new)s”.")
            % {"old": event.get_state_display(), "new": EventState(state).label}
        )
    before = audit.snapshot(event)
    was_public = event.state == EventState.PUBLISHED
    event.state = state
    event.save(update_fields=["state", "updated_at"])
    cs.changed(event, before)
    if comment or state in DECISIONS:
        note = EventComment.objects.create(
            event=event, author=by, body=comment, decision=state if state in DECISIONS else ""
        )
        cs.created(note, root=event)
    # Events published by the publishing switch itself are the programme, not changes.
    if state == EventState.PUBLISHED and event.edition.status == EditionStatus.PUBLISHED:
        cs.add_reasons(ChangeKind.ADDED.reason)
    if was_public and state == EventState.WITHDRAWN:
        cs.add_reasons(ChangeKind.CANCELLED.reason)
    if state in DECISIONS:
        decision_mail(event=event, comment=comment)


@transaction.atomic
def event_decide(*, event: Event, state: str, by: User, comment: str = "") -> Event:
    """A coordinator's decision on one event.

    Steps: only coordinators decide; a partner's event must have its
    organiser confirmed before it is accepted; a request for changes needs a
    comment; publishing a single event needs a published edition; the
    decision is written into the comment thread, recorded as one change set,
    and its mail to the submitter (in their language) goes into the outbox,
    all in the same transaction.
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
    with audit.change_set(by=by, action="festival.event.decide", subject=event) as cs:
        _set_state(event=event, state=state, by=by, comment=comment.strip(), cs=cs)
    return event


@transaction.atomic
def events_bulk_decide(*, events: Iterable[Event], state: str, by: User) -> tuple[int, list[str]]:
    """Accept or decline many events, as one change set. Returns how many
    changed and why others did not."""
    if state not in {EventState.ACCEPTED, EventState.DECLINED}:
        raise ValidationError(_("Only accepting or declining works for several events at once."))
    done, problems = 0, []
    with audit.change_set(by=by, action="festival.event.bulk_decide"):
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
    with audit.change_set(by=by, action="festival.event.withdraw", subject=event) as cs:
        _set_state(event=event, state=EventState.WITHDRAWN, by=by, comment="", cs=cs)
    return event


@transaction.atomic
def event_comment_add(*, event: Event, body: str, by: User) -> EventComment:
    comment = EventComment(event=event, author=by, body=body.strip())
    comment.full_clean()
    with audit.change_set(by=by, action="festival.event.comment", subject=event) as cs:
        comment.save()
        cs.created(comment, root=event)
    return comment


@transaction.atomic
def partner_confirm(*, event: Event, by: User) -> Event:
    """A coordinator confirms who the partner behind a public submission is."""
    if not by.is_coordinator:
        raise PermissionDenied
    with audit.change_set(by=by, action="festival.event.confirm_partner", subject=event) as cs:
        before = audit.snapshot(event)
        event.identity_confirmed = True
        event.save(update_fields=["identity_confirmed", "updated_at"])
        cs.changed(event, before)
        note = EventComment.objects.create(event=event, author=by, body=_("Organiser confirmed."))
        cs.created(note, root=event)
    return event


@transaction.atomic
def event_translation_save(
    *, event: Event, language: str, fields: dict[str, Any], by: User | None = None
) -> None:
    """Store the translation of an event's texts into ``language``: the fields
    in ``fields`` become translations of the German text as it is now."""
    row = event.translations.filter(language=language).first() or EventTranslation(
        source=event, language=language
    )
    before = None if row._state.adding else audit.snapshot(row)
    for name, value in fields.items():
        setattr(row, name, value)
    row.remember_source(event, [name for name in fields if name in event.translated_fields])
    row.full_clean()
    with audit.change_set(by=by, action="festival.event.translate", subject=event) as cs:
        row.save()
        if before is None:
            cs.created(row, root=event)
        else:
            cs.changed(row, before, root=event)
