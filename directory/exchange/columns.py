"""The column layout of the import and export files: one definition for all.

The importer reads these columns, the exporter writes them, the downloadable
templates and their help sheet are generated from them, and a test checks that
``docs/import-format.md`` names every one of them: the parts cannot drift apart.

A file (CSV), a sheet (XLSX) or a part of an HSDS document holds one *kind*
of record. Kinds are imported in the order listed here, so that a record
can refer to one of an earlier kind in the same upload.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from directory.enums import MembershipStatus, NetworkRole, OfferStatus, OrganisationKind
from directory.models import Contact, Location, Offer, OfferLocation, Organisation

# The key under which an HSDS document carries what HSDS has no field for
# (an organisation's slug, kind and membership; a contact's public flag; a
# location's district identifier). HSDS allows extra properties.
HSDS_EXTENSION = "x_integrationsnetz"

# Longest text accepted in a free-text column (descriptions and the like).
LONG_TEXT_MAX_LENGTH = 10_000


class ValueType(StrEnum):
    """How a cell is written and read (see ``cells``)."""

    UUID = "uuid"
    KEY = "key"  # an external key of the source system
    TEXT = "text"
    SLUG = "slug"
    CHOICE = "choice"
    BOOL = "bool"
    DATE = "date"
    DECIMAL = "decimal"
    INTEGER = "integer"
    EMAIL = "email"
    PHONE = "phone"
    URL = "url"
    REFERENCE = "reference"  # id or external key of another record
    DISTRICT = "district"  # a district's identifier (slug)
    TOPICS = "topics"  # topic identifiers, comma-separated
    TARGET_GROUPS = "target_groups"  # target group identifiers, comma-separated
    LANGUAGES = "languages"  # language codes, comma-separated
    HOURS = "hours"  # "Mo 09:00-12:00; Di 14:00-16:00"


@dataclass(frozen=True)
class Column:
    """One column: its header, how its cells are read, and the model field it fills."""

    name: str
    type: ValueType
    help: Promise
    required: bool = False  # the header must contain it
    field: str = ""  # model field (empty: handled by the importer itself)
    max_length: int = 0
    choices: type[models.Choices] | None = None
    refers_to: str = ""  # the kind a REFERENCE column points at

    @property
    def is_text(self) -> bool:
        """Written as text in spreadsheets, so guarded against formula injection."""
        return self.type not in (ValueType.DECIMAL, ValueType.INTEGER, ValueType.DATE)


@dataclass(frozen=True)
class Kind:
    """A kind of record: its file name (without extension), sheet name and columns."""

    key: str
    singular: str  # the name in ``stable_id(singular, external key)``
    model: type[models.Model]
    label: Promise
    columns: tuple[Column, ...] = field(default_factory=tuple)

    @property
    def file_name(self) -> str:
        return f"{self.key}.csv"

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def required_names(self) -> list[str]:
        return [column.name for column in self.columns if column.required]

    @property
    def has_external_id(self) -> bool:
        return any(column.type == ValueType.KEY for column in self.columns)


def _id_columns() -> tuple[Column, Column]:
    return (
        Column(
            "id",
            ValueType.UUID,
            _("The record's UUID, as exported. Empty for a new record with an external_id."),
        ),
        Column(
            "external_id",
            ValueType.KEY,
            _(
                "Your own stable key for the record (e.g. from another system), used when "
                "there is no id. The same key always gives the same record."
            ),
            max_length=200,
        ),
    )


def _text(name: str, help_text: Promise, *, max_length: int, required: bool = False) -> Column:
    return Column(
        name, ValueType.TEXT, help_text, required=required, field=name, max_length=max_length
    )


def _organisation_reference() -> Column:
    return Column(
        "organisation",
        ValueType.REFERENCE,
        _("The organisation: its id, its external_id or its slug."),
        required=True,
        refers_to="organisations",
    )


ORGANISATIONS = Kind(
    key="organisations",
    singular="organisation",
    model=Organisation,
    label=_("Organisations"),
    columns=(
        *_id_columns(),
        Column(
            "slug",
            ValueType.SLUG,
            _("Short name in the web address: lower-case letters, digits and hyphens."),
            required=True,
            field="slug",
            max_length=80,
        ),
        _text("name", _("Name of the organisation."), max_length=200, required=True),
        Column(
            "kind",
            ValueType.CHOICE,
            _("Kind of organisation."),
            required=True,
            field="kind",
            choices=OrganisationKind,
        ),
        Column(
            "membership_status",
            ValueType.CHOICE,
            _("Membership in the network; only active members are public."),
            required=True,
            field="membership_status",
            choices=MembershipStatus,
        ),
        Column(
            "member_since",
            ValueType.DATE,
            _("Member since (YYYY-MM-DD); required for active members."),
            field="member_since",
        ),
        _text("description", _("Description (German)."), max_length=LONG_TEXT_MAX_LENGTH),
        _text("statement", _("Public statement (German)."), max_length=LONG_TEXT_MAX_LENGTH),
        Column(
            "statement_by",
            ValueType.REFERENCE,
            _("The contact person who made the statement: id or external_id of a contact."),
            refers_to="contacts",
        ),
        Column("email", ValueType.EMAIL, _("E-mail address."), field="email", max_length=254),
        Column("phone", ValueType.PHONE, _("Phone number."), field="phone"),
        Column("website", ValueType.URL, _("Website (http or https)."), field="website"),
    ),
)

CONTACTS = Kind(
    key="contacts",
    singular="contact",
    model=Contact,
    label=_("Contact persons"),
    columns=(
        *_id_columns(),
        _organisation_reference(),
        _text("name", _("Name of the person."), max_length=200, required=True),
        _text("role", _("Role or job title (German)."), max_length=200),
        Column("email", ValueType.EMAIL, _("E-mail address."), field="email", max_length=254),
        Column("phone", ValueType.PHONE, _("Phone number."), field="phone"),
        Column(
            "public",
            ValueType.BOOL,
            _("Shown to the public: ja or nein. Internal contacts only members see."),
            field="public",
        ),
        Column(
            "network_role",
            ValueType.CHOICE,
            _("Role for the whole network, if any."),
            field="network_role",
            choices=NetworkRole,
        ),
        Column(
            "position",
            ValueType.INTEGER,
            _("Order among the organisation's contacts (0, 1, 2, …)."),
            field="position",
        ),
    ),
)

LOCATIONS = Kind(
    key="locations",
    singular="location",
    model=Location,
    label=_("Locations"),
    columns=(
        *_id_columns(),
        _organisation_reference(),
        _text("name", _("Name of the place."), max_length=200, required=True),
        _text("street", _("Street and number."), max_length=200, required=True),
        _text("postal_code", _("Postal code."), max_length=10, required=True),
        _text("city", _("Town."), max_length=100, required=True),
        Column("district", ValueType.DISTRICT, _("District: its identifier."), field="district"),
        Column("latitude", ValueType.DECIMAL, _("Latitude, e.g. 53.5568."), field="latitude"),
        Column("longitude", ValueType.DECIMAL, _("Longitude, e.g. 13.2610."), field="longitude"),
        Column(
            "wheelchair_accessible",
            ValueType.BOOL,
            _("Wheelchair accessible: ja or nein."),
            field="wheelchair_accessible",
        ),
        _text(
            "accessibility",
            _("Accessibility details (German)."),
            max_length=LONG_TEXT_MAX_LENGTH,
        ),
    ),
)

OFFERS = Kind(
    key="offers",
    singular="offer",
    model=Offer,
    label=_("Offers"),
    columns=(
        *_id_columns(),
        _organisation_reference(),
        _text("name", _("Name of the offer (German)."), max_length=200, required=True),
        _text("description", _("Description (German)."), max_length=LONG_TEXT_MAX_LENGTH),
        Column(
            "status",
            ValueType.CHOICE,
            _("Status; active and temporarily closed offers are public."),
            field="status",
            choices=OfferStatus,
        ),
        Column(
            "free_of_charge",
            ValueType.BOOL,
            _("Free of charge: ja or nein."),
            field="free_of_charge",
        ),
        _text("cost", _("Costs (German)."), max_length=300),
        _text("eligibility", _("Who can use it (German)."), max_length=LONG_TEXT_MAX_LENGTH),
        _text("how_to_apply", _("How to apply (German)."), max_length=LONG_TEXT_MAX_LENGTH),
        Column(
            "last_verified",
            ValueType.DATE,
            _("Last checked on (YYYY-MM-DD)."),
            field="last_verified",
        ),
        Column(
            "topics",
            ValueType.TOPICS,
            _("Topic identifiers, separated by commas."),
        ),
        Column(
            "target_groups",
            ValueType.TARGET_GROUPS,
            _("Target group identifiers, separated by commas."),
        ),
        Column(
            "languages",
            ValueType.LANGUAGES,
            _("Languages spoken, as ISO 639 codes separated by commas (de, en, ar, fa_AF …)."),
        ),
    ),
)

OFFER_LOCATIONS = Kind(
    key="offer_locations",
    singular="offer-location",
    model=OfferLocation,
    label=_("Offers at locations, with opening hours"),
    columns=(
        Column("id", ValueType.UUID, _("The UUID of the offer at this location, as exported.")),
        Column(
            "offer",
            ValueType.REFERENCE,
            _("The offer: its id or external_id."),
            required=True,
            refers_to="offers",
        ),
        Column(
            "location",
            ValueType.REFERENCE,
            _("The location: its id or external_id."),
            required=True,
            refers_to="locations",
        ),
        Column(
            "opening_hours",
            ValueType.HOURS,
            _("Weekly opening hours, e.g. “Mo 09:00-12:00, 13:00-15:00; Di-Do 14:00-16:00”."),
        ),
    ),
)

EXCHANGE_TABLES: tuple[Kind, ...] = (ORGANISATIONS, CONTACTS, LOCATIONS, OFFERS, OFFER_LOCATIONS)
EXCHANGE_TABLES_BY_KEY = {kind.key: kind for kind in EXCHANGE_TABLES}
