"""Writes of the member area: an organisation's profile, contacts, locations and offers.

Every function is atomic; changes to existing entries lock the row and
check the version the editor saw first (``locking``), so nothing is
silently overwritten. Each call is one change set of the audit log
(``core.audit``) naming ``by`` (the editor; for an approved review, the
author) and, where useful, a reason; an offer's places, opening hours and
languages are recorded with the offer as their root, so its history shows
them. Every write that shows in the search marks it (``directory.search.updates``).

``data`` is the cleaned data of the entry's form: the values of the
entry's own fields, plus ``minor_edit`` (translations stay current) and,
for offers, ``topics``, ``target_groups`` and ``languages``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core import audit
from core.translation import (
    TranslatableModel,
    source_changes_record,
    translations_follow_minor_edit,
)
from directory.enums import OfferStatus
from directory.member.history import REASON_CONFIRM, REASON_PLACES
from directory.member.locking import lock, lock_and_check
from directory.models import (
    Contact,
    Location,
    Offer,
    OfferLanguage,
    OfferLocation,
    OpeningHours,
    Organisation,
)
from directory.search.updates import (
    index_updates,
    locations_changed,
    offers_changed,
    organisations_changed,
)

EntryT = TypeVar("EntryT", bound=models.Model)


def _assign(entry: models.Model, data: Mapping[str, Any]) -> None:
    """Put the values of ``data`` that are the entry's own fields into ``entry``."""
    for name, value in data.items():
        try:
            field = entry._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.concrete and not field.many_to_many and field.editable:
            setattr(entry, field.name, value)


def _prepare(
    entry: EntryT, data: Mapping[str, Any], version: datetime | None
) -> tuple[EntryT, audit.Values | None, dict[str, str] | None]:
    """The entry with ``data``'s values, validated, not yet saved; its recorded
    values before (None for a new entry); its German texts before (None for
    a new entry or one without translations).

    An existing entry is read again with its row locked and refused if it
    changed since ``version``. Unless the edit is minor, the day its German
    text changed is noted field by field (``core.translation``).
    """
    if entry._state.adding:
        before, old_texts = None, None
    else:
        entry = lock_and_check(entry, version)
        before = audit.snapshot(entry)
        old_texts = entry.german_texts() if isinstance(entry, TranslatableModel) else None
    _assign(entry, data)
    if old_texts is not None and not data.get("minor_edit"):
        source_changes_record(entry, old_texts)
    entry.full_clean()
    return entry, before, old_texts


def _record(cs: audit.Recorder, entry: models.Model, before: audit.Values | None) -> None:
    if before is None:
        cs.created(entry)
    else:
        cs.changed(entry, before)


def _action(entry: models.Model) -> str:
    """ "directory.contact.create", "directory.offer.update" and the like."""
    return f"directory.{entry._meta.model_name}.{'create' if entry._state.adding else 'update'}"


def _keep_translations_current(entry: models.Model, old_texts: dict | None, data) -> None:
    """After a minor edit, each field's translation made from the old German
    text counts as made from the new one; the other fields keep their status."""
    if not data.get("minor_edit") or old_texts is None:
        return
    translations_follow_minor_edit(entry, old_texts)


def _save_entry(entry: EntryT, *, data, version, by: User | None, reason: str | None) -> EntryT:
    """Create or change a contact, location or organisation as one change set."""
    with audit.change_set(by=by, action=_action(entry), subject=entry, reason=reason) as cs:
        entry, before, old_texts = _prepare(entry, data, version)
        entry.save()
        _record(cs, entry, before)
        _keep_translations_current(entry, old_texts, data)
    return entry


@transaction.atomic
@index_updates()
def organisation_update(
    *,
    organisation: Organisation,
    data: Mapping[str, Any],
    version: datetime | None,
    by: User | None,
    reason: str | None = None,
) -> Organisation:
    """Save the profile; re-index its offers when what the search shows of it
    (the name they are found by, the membership a coordinator may set) changed."""
    shown = ("name", "membership_status", "listed")
    old = Organisation.objects.filter(pk=organisation.pk).values_list(*shown).first()
    organisation = _save_entry(organisation, data=data, version=version, by=by, reason=reason)
    if tuple(getattr(organisation, name) for name in shown) != old:
        organisations_changed([organisation.pk])
    return organisation


@transaction.atomic
def contact_save(
    *,
    contact: Contact,
    data: Mapping[str, Any],
    version: datetime | None,
    by: User | None,
    reason: str | None = None,
) -> Contact:
    """Create or change a contact person."""
    return _save_entry(contact, data=data, version=version, by=by, reason=reason)


@transaction.atomic
@index_updates()
def location_save(
    *,
    location: Location,
    data: Mapping[str, Any],
    version: datetime | None,
    by: User | None,
    reason: str | None = None,
) -> Location:
    """Create or change a location; the offers held there are found by it, so re-index them."""
    location = _save_entry(location, data=data, version=version, by=by, reason=reason)
    locations_changed([location.pk])
    return location


def _record_place_deleted(cs: audit.Recorder, place: OfferLocation, offer: Offer) -> None:
    """A place goes with its opening hours; the offer's history shows both."""
    for row in place.opening_hours.all():
        cs.deleted(row, root=offer)
    cs.deleted(place, root=offer)


@transaction.atomic
@index_updates()
def entry_delete(
    *,
    entry: Contact | Location,
    version: datetime | None,
    by: User | None,
    reason: str | None = None,
) -> None:
    """Delete a contact or a location (with the offers' places there) after a version check."""
    entry = lock_and_check(entry, version)
    action = f"directory.{entry._meta.model_name}.delete"
    with audit.change_set(by=by, action=action, subject=entry, reason=reason) as cs:
        if isinstance(entry, Location):
            locations_changed([entry.pk])
            places = OfferLocation.objects.filter(location=entry).select_related("offer")
            for place in places.prefetch_related("opening_hours"):
                cs.add_reasons(REASON_PLACES)
                _record_place_deleted(cs, place, place.offer)
        cs.deleted(entry)
        entry.delete()


def _set_languages(cs: audit.Recorder, offer: Offer, codes: Sequence[str]) -> None:
    for language in offer.languages.exclude(code__in=codes):
        cs.deleted(language, root=offer)
        language.delete()
    known = set(offer.languages.values_list("code", flat=True))
    for code in codes:
        if code not in known:
            language = OfferLanguage(offer=offer, code=code)
            language.full_clean()
            language.save()
            cs.created(language, root=offer)


@transaction.atomic
@index_updates()
def offer_save(
    *,
    offer: Offer,
    data: Mapping[str, Any],
    version: datetime | None,
    by: User | None,
    reason: str | None = None,
) -> Offer:
    """Create or change an offer with its topics, target groups and languages.

    Steps: lock and check the version; apply ``data``; save; set the topics
    and target groups and record the offer with them; set the languages;
    keep translations current on a minor edit; re-index.
    """
    with audit.change_set(by=by, action=_action(offer), subject=offer, reason=reason) as cs:
        offer, before, old_texts = _prepare(offer, data, version)
        offer.save()
        offer.topics.set(data["topics"])
        offer.target_groups.set(data["target_groups"])
        _record(cs, offer, before)
        _set_languages(cs, offer, data["languages"])
        _keep_translations_current(offer, old_texts, data)
    offers_changed([offer.pk])
    return offer


@transaction.atomic
@index_updates()
def offer_retire(
    *,
    offer: Offer,
    status: OfferStatus,
    version: datetime | None,
    by: User | None,
    reason: str | None = None,
) -> Offer:
    """Set an offer inactive or defunct: it leaves the public directory, its history stays."""
    if status not in (OfferStatus.INACTIVE, OfferStatus.DEFUNCT):
        raise ValueError(f"An offer is retired as inactive or defunct, not {status!r}.")
    with audit.change_set(
        by=by, action="directory.offer.retire", subject=offer, reason=reason
    ) as cs:
        offer, before, _old_texts = _prepare(offer, {"status": status}, version)
        offer.save()
        cs.changed(offer, before)
    offers_changed([offer.pk])
    return offer


@transaction.atomic
@index_updates()
def offer_confirm(*, offer: Offer, by: User | None, today: date) -> Offer:
    """ "Still correct": set the last-checked date, change nothing else."""
    with audit.change_set(
        by=by, action="directory.offer.confirm", subject=offer, reason=REASON_CONFIRM
    ) as cs:
        offer = lock(offer)
        before = audit.snapshot(offer)
        offer.last_verified = today
        offer.save(update_fields=["last_verified", "updated_at"])
        cs.changed(offer, before)
    offers_changed([offer.pk])
    return offer


def _touch(cs: audit.Recorder, offer: Offer) -> None:
    """Places and hours are the offer's too: a new version, and a reason saying so."""
    cs.add_reasons(REASON_PLACES)
    offer.save(update_fields=["updated_at"])


@transaction.atomic
@index_updates()
def offer_places_update(
    *,
    offer: Offer,
    locations: Iterable[Location],
    version: datetime | None,
    by: User | None,
    reason: str | None = None,
) -> Offer:
    """Hold the offer at exactly the chosen locations of its organisation.

    A place no longer chosen is removed with its opening hours.
    """
    offer = lock_and_check(offer, version)
    wanted = {location.pk: location for location in locations}
    if any(location.organisation_id != offer.organisation_id for location in wanted.values()):
        raise ValidationError(_("Choose only existing locations of the offer's own organisation."))
    with audit.change_set(
        by=by, action="directory.offer.places", subject=offer, reason=reason
    ) as cs:
        _touch(cs, offer)
        gone = OfferLocation.objects.filter(offer=offer).exclude(location_id__in=wanted)
        for place in gone.prefetch_related("opening_hours"):
            _record_place_deleted(cs, place, offer)
            place.delete()
        existing = set(offer.locations.values_list("pk", flat=True))
        for location_id, location in wanted.items():
            if location_id not in existing:
                place = OfferLocation(offer=offer, location=location)
                place.full_clean()
                place.save()
                cs.created(place, root=offer)
    offers_changed([offer.pk])
    return offer


def _hours_row(cs, place: OfferLocation, row: OpeningHours | None, values, offer: Offer) -> None:
    """Create or change one opening-hours row of ``place``."""
    before = None if row is None else audit.snapshot(row)
    row = row or OpeningHours(offer_location=place)
    _assign(row, {name: values[name] for name in ("weekday", "opens_at", "closes_at")})
    row.full_clean()
    row.save()
    if before is None:
        cs.created(row, root=offer)
    else:
        cs.changed(row, before, root=offer)


@transaction.atomic
@index_updates()
def opening_hours_update(
    *,
    place: OfferLocation,
    hours: Sequence[Mapping[str, Any]],
    version: datetime | None,
    by: User | None,
    reason: str | None = None,
) -> OfferLocation:
    """Save the opening hours of one place of an offer (rows added, changed, deleted).

    Each item of ``hours`` has ``weekday``, ``opens_at`` and ``closes_at``,
    ``id`` (the stored row it changes, None for a new one) and ``DELETE``.
    """
    offer = lock_and_check(place.offer, version)
    stored = {row.pk: row for row in place.opening_hours.all()}
    with audit.change_set(
        by=by, action="directory.offer.hours", subject=offer, reason=reason
    ) as cs:
        _touch(cs, offer)
        for values in hours:
            known = values.get("id")
            if known is not None and known.pk not in stored:
                raise ValidationError(
                    _("The opening hours were changed meanwhile. Please open the form again.")
                )
            row = stored.get(known.pk) if known is not None else None
            if values.get("DELETE"):
                if row is not None:
                    cs.deleted(row, root=offer)
                    row.delete()
                continue
            _hours_row(cs, place, row, values, offer)
    offers_changed([offer.pk])
    return place
