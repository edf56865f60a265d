"""The import: all or nothing.

``exchange_import`` reads an uploaded file, checks every row of it, and
writes only when no row has a problem: then everything in one transaction,
and the search index of every offer concerned is brought up to date in it.
Rows are created or updated, never deleted; a list cell (topics, languages,
opening hours) replaces the stored list. Importing the same file again
changes nothing: records keep their ids (the ``id`` column, or the stable id
derived from ``external_id``), and a row that matches the stored record is
not written at all. ``exchange_tables_import`` imports tables made
elsewhere (the demo data) the same way, with their rows' translations.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core import audit
from core.services import translation_save
from core.translation import TranslatableModel, source_changes_record
from directory.exchange.columns import EXCHANGE_TABLES
from directory.exchange.entries import UNSET, Entry, Plan, stable_id
from directory.exchange.plan import build_plan
from directory.exchange.readers import read_upload
from directory.exchange.tables import ImportRefused, Problem, Table
from directory.models import Offer, OfferLanguage, OfferLocation, OpeningHours
from directory.search.updates import (
    index_updates,
    locations_changed,
    offers_changed,
    organisations_changed,
    places_changed,
)

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class ImportResult:
    """Counts per kind (created / updated / unchanged) when written, else the problems."""

    counts: dict[str, Counter] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def exchange_import(
    *, name: str, data: bytes, kind_key: str = "", by: User | None = None
) -> ImportResult:
    """Import an uploaded file (CSV, ZIP of CSV files, XLSX or HSDS JSON).

    Steps: read the file into tables, refusing it as a whole if it is too
    large, has too many rows, or is not what its name says; import the
    tables (``exchange_tables_import``), recorded as one change set of the
    audit log naming ``by``.
    """
    try:
        tables, problems = read_upload(name=name, data=data, kind_key=kind_key)
    except ImportRefused as refused:
        return ImportResult(problems=[refused.problem])
    if not problems and not any(table.rows for table in tables):
        message = _("The file holds no rows to import.")
        return ImportResult(problems=[Problem(name, "", "", message)])
    return exchange_tables_import(tables=tables, problems=problems, source=name, by=by)


def exchange_tables_import(
    *,
    tables: list[Table],
    source: str,
    problems: list[Problem] | None = None,
    by: User | None = None,
) -> ImportResult:
    """Import tables of records, all or nothing (``source`` names them in problems).

    Steps: check every row (``plan``), together with the ``problems`` the
    reader found; with any problem, write nothing and return the problems;
    else write the plan in one transaction, with the rows' translations.
    """
    plan = build_plan(tables, problems or [])
    if plan.problems:
        return ImportResult(problems=plan.problems)
    try:
        return ImportResult(counts=_write(plan, by))
    except IntegrityError:
        # Someone changed the directory between the check and the write (e.g. took a
        # slug); the transaction is rolled back, so nothing was written.
        message = _(
            "The directory changed while the file was imported, so nothing was written. "
            "Please upload the file again."
        )
        return ImportResult(problems=[Problem(source, "", "", message)])


@transaction.atomic
@index_updates()
def _write(plan: Plan, by: User | None) -> dict[str, Counter]:
    """Save what changed, kind by kind in import order, and mark it for the search.

    The whole import is one change set. New spoken languages and opening
    hours are created in bulk: a large import creates thousands of them.
    """
    counts: dict[str, Counter] = {}
    new_rows: dict[type, list] = {OfferLanguage: [], OpeningHours: []}
    with audit.change_set(by=by, action="directory.exchange.import") as cs:
        before = _stored_values(plan)
        for kind in EXCHANGE_TABLES:
            counts[kind.key] = Counter({CREATED: 0, UPDATED: 0, UNCHANGED: 0})
            for item in plan.entries[kind.key]:
                if not item.changed:
                    counts[kind.key][UNCHANGED] += 1
                    continue
                counts[kind.key][CREATED if item.is_new else UPDATED] += 1
                if isinstance(item.instance, TranslatableModel):
                    source_changes_record(item.instance, before.get(item.instance.pk))
                item.instance.save()
                if kind.key == "offers":
                    new_rows[OfferLanguage] += _save_offer_links(cs, item)
                elif kind.key == "offer_locations":
                    new_rows[OpeningHours] += _save_hours(cs, item)
                _record(cs, item.instance, before.get(item.instance.pk))
        for model, rows in new_rows.items():
            model.objects.bulk_create(rows, batch_size=500)
            for row in rows:
                cs.created(row, root=_root(row))
        _save_statements(cs, plan.entries["organisations"])
    _save_translations(plan)
    _mark_changed(plan)
    return counts


def _stored_values(plan: Plan) -> dict:
    """The recorded values of the records the import changes, as stored before it."""
    values = {}
    for kind in EXCHANGE_TABLES:
        ids = [
            item.instance.pk for item in plan.entries[kind.key] if item.changed and not item.is_new
        ]
        for start in range(0, len(ids), 500):
            for stored in kind.model.objects.filter(pk__in=ids[start : start + 500]):
                values[stored.pk] = audit.snapshot(stored)
    return values


def _root(record) -> Offer | None:
    """The entry whose history shows ``record``: the offer, for its places, hours and languages."""
    if isinstance(record, OfferLocation | OfferLanguage):
        return Offer(pk=record.offer_id)
    if isinstance(record, OpeningHours):
        return Offer(pk=record.offer_location.offer_id)
    return None


def _record(cs: audit.Recorder, record, before: audit.Values | None) -> None:
    if before is None:
        cs.created(record, root=_root(record))
    else:
        cs.changed(record, before, root=_root(record))


def _save_statements(cs: audit.Recorder, entries: list[Entry]) -> None:
    """Statements point at contacts, which are saved after their organisations."""
    for item in entries:
        organisation = item.instance
        if item.statement_by is not UNSET and item.statement_by != organisation.statement_by_id:
            before = audit.snapshot(organisation)
            organisation.statement_by_id = item.statement_by
            organisation.save(update_fields=["statement_by", "updated_at"])
            cs.changed(organisation, before)


def _save_translations(plan: Plan) -> None:
    """The rows' texts in other languages, made from the German just saved."""
    for kind in EXCHANGE_TABLES:
        for item in plan.entries[kind.key]:
            for language, values in sorted(item.row.translations.items()):
                translation_save(source=item.instance, language=language, values=values)


def _save_offer_links(cs: audit.Recorder, item: Entry) -> list[OfferLanguage]:
    """Set the offer's topics and target groups; return the spoken languages to create."""
    offer: Offer = item.instance
    for name in ("topics", "target_groups"):
        wanted = getattr(item, name)
        if wanted is UNSET or (item.is_new and not wanted):
            continue
        manager = getattr(offer, name)
        if item.is_new:
            manager.add(*wanted)  # saves set()'s look at what is stored
        else:
            manager.set(wanted)
    if item.languages is UNSET:
        return []
    stored: set[str] = set()
    if not item.is_new:
        for language in offer.languages.exclude(code__in=item.languages):
            cs.deleted(language, root=offer)
            language.delete()
        stored = set(offer.languages.values_list("code", flat=True))
    return [OfferLanguage(offer=offer, code=code) for code in sorted(item.languages - stored)]


def _save_hours(cs: audit.Recorder, item: Entry) -> list[OpeningHours]:
    """Delete the place's opening hours the row no longer has; return those to create."""
    if item.hours is UNSET:
        return []
    place: OfferLocation = item.instance
    stored = {}
    if not item.is_new:
        stored = {
            (row.weekday, row.opens_at, row.closes_at): row for row in place.opening_hours.all()
        }
    wanted = {(opening.weekday, opening.opens_at, opening.closes_at) for opening in item.hours}
    for key, row in stored.items():
        if key not in wanted:
            cs.deleted(row, root=_root(place))
            row.delete()
    return [
        OpeningHours(
            id=stable_id("hours", str(place.pk), str(weekday), opens_at.isoformat()),
            offer_location=place,
            weekday=weekday,
            opens_at=opens_at,
            closes_at=closes_at,
        )
        for weekday, opens_at, closes_at in sorted(wanted - set(stored))
    ]


def _mark_changed(plan: Plan) -> None:
    """The index holds words of offers, their organisations, locations and places."""

    def changed(kind: str) -> list:
        return [
            item.instance.pk for item in plan.entries[kind] if item.changed or item.row.translations
        ]

    organisations_changed(changed("organisations"))
    locations_changed(changed("locations"))
    offers_changed(changed("offers"))
    places_changed(changed("offer_locations"))
