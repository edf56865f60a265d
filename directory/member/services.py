"""Writes of the member area: an organisation's profile, contacts, locations and offers.

Every function is atomic; changes to existing entries lock the row and
check the form's version first (``locking``), so nothing is silently
overwritten. Each save is one history record naming ``by`` (the editor;
for an approved review, the author) and, where useful, a reason.
Every write that shows in the search marks it (``directory.search.updates``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.forms.models import construct_instance
from django.utils.translation import gettext as _

from core.translation import TranslatableModel
from directory.member.forms import DeleteForm, EntryForm, OfferForm, OrganisationForm
from directory.member.history import REASON_CONFIRM, REASON_PLACES, m2m_accessors, reasons_join
from directory.member.locking import lock, lock_and_check
from directory.member.place_forms import OfferPlacesForm, OpeningHoursForm
from directory.models import Location, Offer, OfferLanguage, OfferLocation, Organisation
from directory.search.updates import (
    index_updates,
    locations_changed,
    offers_changed,
    organisations_changed,
)


def _stamp(entry: models.Model, *, by, reason: str | None) -> None:
    """Who made the change and why, for the history record of the next save."""
    if by is not None:
        entry._history_user = by
    if reason:
        entry._change_reason = reason


def _apply_form(form: EntryForm, *, by, reason: str | None):
    """The form's entry with the form's values, validated, not yet saved, and the
    digest of its German text before the change (None for a new entry).

    An existing entry is read again with its row locked and refused if it
    changed since the form's version.
    """
    if form.is_new:
        entry, old_digest = form.instance, None
    else:
        entry = lock_and_check(form.instance, form.cleaned_data["version"])
        old_digest = entry.source_digest() if isinstance(entry, TranslatableModel) else None
        construct_instance(form, entry, fields=form._meta.fields)
    entry.full_clean()
    _stamp(entry, by=by, reason=reason)
    return entry, old_digest


def _keep_translations_current(entry: TranslatableModel, old_digest: str | None) -> None:
    """After a minor edit, translations that matched the old German text match the new."""
    new_digest = entry.source_digest()
    if old_digest is None or old_digest == new_digest:
        return
    for row in entry.translations.filter(source_digest=old_digest):
        row.source_digest = new_digest
        row.save(update_fields=["source_digest"])


def _finish(entry: models.Model, form: EntryForm, old_digest: str | None) -> None:
    if form.cleaned_data.get("minor_edit"):
        _keep_translations_current(entry, old_digest)


@transaction.atomic
@index_updates()
def organisation_update(*, form: OrganisationForm, by, reason: str | None = None) -> Organisation:
    """Save the profile; re-index its offers when what the search shows of it
    (the name they are found by, the membership a coordinator may set) changed."""
    shown = ("name", "membership_status", "listed")
    old = Organisation.objects.filter(pk=form.instance.pk).values_list(*shown).first()
    organisation, old_digest = _apply_form(form, by=by, reason=reason)
    organisation.save()
    _finish(organisation, form, old_digest)
    if tuple(getattr(organisation, name) for name in shown) != old:
        organisations_changed([organisation.pk])
    return organisation


@transaction.atomic
def contact_save(*, form: EntryForm, by, reason: str | None = None):
    """Create or change a contact person."""
    contact, old_digest = _apply_form(form, by=by, reason=reason)
    contact.save()
    _finish(contact, form, old_digest)
    return contact


@transaction.atomic
@index_updates()
def location_save(*, form: EntryForm, by, reason: str | None = None) -> Location:
    """Create or change a location; the offers held there are found by it, so re-index them."""
    location, old_digest = _apply_form(form, by=by, reason=reason)
    location.save()
    _finish(location, form, old_digest)
    locations_changed([location.pk])
    return location


@transaction.atomic
@index_updates()
def entry_delete(*, form: DeleteForm, by, reason: str | None = None) -> None:
    """Delete a contact or a location (with the offers' places there) after a version check."""
    entry = lock_and_check(form.instance, form.cleaned_data["version"])
    if isinstance(entry, Location):
        locations_changed([entry.pk])
    _stamp(entry, by=by, reason=reason)
    entry.delete()


@contextmanager
def _without_history(entry: models.Model) -> Iterator[None]:
    """Many-to-many changes write no history records of their own; the
    entry's next save records them together with its fields."""
    entry.skip_history_when_saving = True
    try:
        yield
    finally:
        del entry.skip_history_when_saving


def _snapshot_m2m(entry: models.Model) -> None:
    """Copy a new entry's many-to-many rows into its first history record, as
    simple-history does on save; a new entry's relations can only be set after it."""
    record = entry.history.order_by("-history_date", "-history_id").first()
    for name, (accessor, _column) in m2m_accessors(entry.history.model).items():
        history_rows = getattr(record, accessor).model
        through = getattr(type(entry), name).through
        source = type(entry)._meta.get_field(name).m2m_field_name()
        columns = [field.attname for field in through._meta.concrete_fields]
        history_rows.objects.bulk_create(
            history_rows(history=record, **{column: getattr(row, column) for column in columns})
            for row in through.objects.filter(**{source: entry})
        )


def _set_languages(offer: Offer, codes: list[str]) -> None:
    offer.languages.exclude(code__in=codes).delete()
    known = set(offer.languages.values_list("code", flat=True))
    for code in codes:
        if code not in known:
            language = OfferLanguage(offer=offer, code=code)
            language.full_clean()
            language.save()


@transaction.atomic
@index_updates()
def offer_save(*, form: OfferForm, by, reason: str | None = None) -> Offer:
    """Create or change an offer with its topics, target groups and languages.

    Steps: lock and check the version; apply the form; set the topics and
    target groups, then save, so one history record holds fields and
    relations together; set the languages; keep translations current on
    a minor edit; re-index.
    """
    is_new = form.is_new
    offer, old_digest = _apply_form(form, by=by, reason=reason)
    if is_new:
        offer.save()
    with _without_history(offer):
        offer.topics.set(form.cleaned_data["topics"])
        offer.target_groups.set(form.cleaned_data["target_groups"])
    if is_new:
        _snapshot_m2m(offer)
    else:
        offer.save()
    _set_languages(offer, form.cleaned_data["languages"])
    _finish(offer, form, old_digest)
    offers_changed([offer.pk])
    return offer


@transaction.atomic
@index_updates()
def offer_retire(*, form: EntryForm, by, reason: str | None = None) -> Offer:
    """Set an offer inactive or defunct: it leaves the public directory, its history stays."""
    offer, _old_digest = _apply_form(form, by=by, reason=reason)
    offer.save()
    offers_changed([offer.pk])
    return offer


@transaction.atomic
@index_updates()
def offer_confirm(*, offer: Offer, by, today: date) -> Offer:
    """ "Still correct": set the last-checked date, change nothing else."""
    offer = lock(offer)
    offer.last_verified = today
    _stamp(offer, by=by, reason=REASON_CONFIRM)
    offer.save(update_fields=["last_verified", "updated_at"])
    offers_changed([offer.pk])
    return offer


def _touch(offer: Offer, *, by, reason: str | None) -> None:
    """Places and hours are the offer's too: a new version, and a history record saying so.

    Called before the places or hours rows are written: the history shows
    the rows written right after a record of the offer with that record.
    """
    _stamp(offer, by=by, reason=reasons_join(reason, REASON_PLACES))
    offer.save(update_fields=["updated_at"])


@transaction.atomic
@index_updates()
def offer_places_update(*, form: OfferPlacesForm, by, reason: str | None = None) -> Offer:
    """Hold the offer at exactly the chosen locations of its organisation.

    A place no longer chosen is removed with its opening hours.
    """
    offer = lock_and_check(form.instance, form.cleaned_data["version"])
    wanted = {location.pk: location for location in form.cleaned_data["locations"]}
    if any(location.organisation_id != offer.organisation_id for location in wanted.values()):
        raise ValidationError(_("Choose only existing locations of the offer's own organisation."))
    _touch(offer, by=by, reason=reason)
    for place in OfferLocation.objects.filter(offer=offer).exclude(location_id__in=wanted):
        _stamp(place, by=by, reason=reason)
        place.delete()
    existing = set(offer.locations.values_list("pk", flat=True))
    for location_id, location in wanted.items():
        if location_id not in existing:
            place = OfferLocation(offer=offer, location=location)
            _stamp(place, by=by, reason=reason)
            place.full_clean()
            place.save()
    offers_changed([offer.pk])
    return offer


@transaction.atomic
@index_updates()
def opening_hours_update(*, form: OpeningHoursForm, by, reason: str | None = None):
    """Save the opening hours of one place of an offer (rows added, changed, deleted)."""
    offer = lock_and_check(form.instance.offer, form.cleaned_data["version"])
    _touch(offer, by=by, reason=reason)
    formset = form.formset
    rows = formset.save(commit=False)
    for row in formset.deleted_objects:
        _stamp(row, by=by, reason=reason)
        row.delete()
    for row in rows:
        _stamp(row, by=by, reason=reason)
        row.full_clean()
        row.save()
    offers_changed([offer.pk])
    return form.instance
