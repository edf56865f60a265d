"""The kinds of change a member editor can make, each tying a form to its service.

The edit pages and the review use the same table: a change waiting for
review is stored as the kind's name plus the submitted data, and approving
it binds the kind's form to that data again and applies it through the
kind's service, exactly as if the author had saved it then.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.enums import Weekday
from directory.member import services
from directory.member.display import EMPTY, FieldChange, value_display
from directory.member.forms import (
    ContactForm,
    DeleteForm,
    LocationForm,
    OfferForm,
    OfferRetireForm,
    OrganisationForm,
)
from directory.member.place_forms import OfferPlacesForm, OpeningHoursForm
from directory.models import Contact, Location, Offer, OfferLocation, Organisation
from directory.translating.review import TranslationChangeKind

# Form fields that steer the save but are no part of the entry.
CONTROL_FIELDS = {"version", "minor_edit"}


@dataclass(frozen=True)
class EntryKind:
    name: str
    label: Promise
    model: type[models.Model]
    form_class: type
    # Calls the kind's service with the valid form's cleaned data:
    # ``apply(form=form, by=user, reason=None)``.
    apply: Callable[..., Any]
    deletes: bool = False

    def form(self, data, *, organisation: Organisation, entry, full_access: bool = False):
        return self.form_class(
            data, organisation=organisation, instance=entry, full_access=full_access
        )

    def entry(self, organisation: Organisation, object_id: UUID | None):
        """The entry a stored change is about, as it is now; a new one for ``None``.

        None if it no longer exists (or never belonged to ``organisation``).
        """
        if object_id is None:
            return self.model(organisation=organisation)
        entries = self.model._default_manager.filter(pk=object_id)
        if self.model is Organisation:
            return entries.filter(pk=organisation.pk).first()
        if self.model is OfferLocation:
            return entries.select_related("offer").filter(offer__organisation=organisation).first()
        return entries.filter(organisation=organisation).first()

    def versioned(self, entry):
        """The entry whose ``updated_at`` is the form's version."""
        return entry.offer if isinstance(entry, OfferLocation) else entry

    def diff(self, form, entry) -> list[FieldChange]:
        """What the (valid) form would change in ``entry``: current → proposed."""
        if self.deletes:
            return [FieldChange(label=str(self.label), old=str(entry), new=_("deleted"))]
        if isinstance(form, OfferPlacesForm):
            return _places_diff(form, entry)
        if isinstance(form, OpeningHoursForm):
            return _hours_diff(form, entry)
        return _model_form_diff(form, entry)


def _names(objects) -> str:
    return ", ".join(sorted(str(obj) for obj in objects)) or EMPTY


def _model_form_diff(form, entry) -> list[FieldChange]:
    """Field by field; ``entry`` is the stored entry, ``form.instance`` holds the proposal."""
    model = type(entry)
    new = entry._state.adding
    changes = []
    for name, field in form.fields.items():
        if name in CONTROL_FIELDS:
            continue
        proposed = form.cleaned_data.get(name)
        if name not in form._meta.fields:  # a form-only field (an offer's languages)
            old = EMPTY if new else field.initial or EMPTY
            new_value = ", ".join(proposed) if isinstance(proposed, list) else proposed
            changes.append(FieldChange(str(field.label), str(old), str(new_value or EMPTY)))
            continue
        model_field = model._meta.get_field(name)
        if model_field.many_to_many:
            old = EMPTY if new else _names(getattr(entry, name).all())
            changes.append(FieldChange(str(field.label), old, _names(proposed or [])))
        else:
            old = EMPTY if new else value_display(model_field, getattr(entry, name))
            changes.append(FieldChange(str(field.label), old, value_display(model_field, proposed)))
    return [change for change in changes if change.old != change.new]


def _places_diff(form: OfferPlacesForm, offer: Offer) -> list[FieldChange]:
    old = _names(offer.locations.all())
    new = _names(form.cleaned_data["locations"])
    return [FieldChange(str(form.fields["locations"].label), old, new)] if old != new else []


def _hours_text(rows) -> str:
    lines = [f"{Weekday(day).label} {opens:%H:%M}–{closes:%H:%M}" for day, opens, closes in rows]
    return "; ".join(lines) or EMPTY


def _hours_diff(form: OpeningHoursForm, place: OfferLocation) -> list[FieldChange]:
    old = sorted(place.opening_hours.values_list("weekday", "opens_at", "closes_at"))
    new = sorted(
        (data["weekday"], data["opens_at"], data["closes_at"])
        for data in form.formset.cleaned_data
        if data and not data.get("DELETE")
    )
    label = _("Opening hours at %(place)s") % {"place": place.location.name}
    return [FieldChange(label, _hours_text(old), _hours_text(new))] if old != new else []


def _organisation_update(*, form, by, reason: str | None = None):
    data = form.cleaned_data
    return services.organisation_update(
        organisation=form.instance, data=data, version=data["version"], by=by, reason=reason
    )


def _contact_save(*, form, by, reason: str | None = None):
    data = form.cleaned_data
    return services.contact_save(
        contact=form.instance, data=data, version=data.get("version"), by=by, reason=reason
    )


def _location_save(*, form, by, reason: str | None = None):
    data = form.cleaned_data
    return services.location_save(
        location=form.instance, data=data, version=data.get("version"), by=by, reason=reason
    )


def _entry_delete(*, form, by, reason: str | None = None):
    version = form.cleaned_data["version"]
    return services.entry_delete(entry=form.instance, version=version, by=by, reason=reason)


def _offer_save(*, form, by, reason: str | None = None):
    data = form.cleaned_data
    return services.offer_save(
        offer=form.instance, data=data, version=data.get("version"), by=by, reason=reason
    )


def _offer_retire(*, form, by, reason: str | None = None):
    data = form.cleaned_data
    return services.offer_retire(
        offer=form.instance, status=data["status"], version=data["version"], by=by, reason=reason
    )


def _offer_places_update(*, form, by, reason: str | None = None):
    data = form.cleaned_data
    return services.offer_places_update(
        offer=form.instance,
        locations=data["locations"],
        version=data["version"],
        by=by,
        reason=reason,
    )


def _opening_hours_update(*, form, by, reason: str | None = None):
    return services.opening_hours_update(
        place=form.instance,
        hours=[row for row in form.formset.cleaned_data if row],
        version=form.cleaned_data["version"],
        by=by,
        reason=reason,
    )


EDITABLE_ENTRIES = {
    kind.name: kind
    for kind in (
        EntryKind(
            "organisation",
            gettext_lazy("Organisation profile"),
            Organisation,
            OrganisationForm,
            _organisation_update,
        ),
        EntryKind("contact", gettext_lazy("Contact"), Contact, ContactForm, _contact_save),
        EntryKind(
            "contact-delete",
            gettext_lazy("Contact"),
            Contact,
            DeleteForm,
            _entry_delete,
            deletes=True,
        ),
        EntryKind("location", gettext_lazy("Location"), Location, LocationForm, _location_save),
        EntryKind(
            "location-delete",
            gettext_lazy("Location"),
            Location,
            DeleteForm,
            _entry_delete,
            deletes=True,
        ),
        EntryKind("offer", gettext_lazy("Offer"), Offer, OfferForm, _offer_save),
        EntryKind(
            "offer-retire",
            gettext_lazy("Retiring an offer"),
            Offer,
            OfferRetireForm,
            _offer_retire,
        ),
        EntryKind(
            "offer-places",
            gettext_lazy("Places of an offer"),
            Offer,
            OfferPlacesForm,
            _offer_places_update,
        ),
        EntryKind(
            "opening-hours",
            gettext_lazy("Opening hours"),
            OfferLocation,
            OpeningHoursForm,
            _opening_hours_update,
        ),
        # A translation (entry and language come with the stored data).
        TranslationChangeKind(),
    )
}


def with_kind_labels(changes):
    """``changes`` (pending changes) with ``kind_label`` set, for listing them."""
    changes = list(changes)
    for change in changes:
        kind = EDITABLE_ENTRIES.get(change.kind)
        change.kind_label = kind.label if kind else change.kind
    return changes
