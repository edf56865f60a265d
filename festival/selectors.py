"""Reads of the festival app."""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.enums import TranslationStatus
from core.models import Change
from core.translation import source_changes, translations_prefetch
from directory.models import District, Location, Organisation
from directory.public import public_locations, public_organisations
from directory.selectors import district_choices
from festival.enums import Category, ChangeKind, EditionStatus, EventState
from festival.models import (
    Edition,
    Event,
    EventComment,
    EventTranslation,
    SubmissionLink,
    Venue,
)
from festival.schedule import Conflict, Slot, Window, find_conflicts

PUBLIC_STATUSES = [EditionStatus.PUBLISHED, EditionStatus.ARCHIVED]


def edition_get(*, year: int) -> Edition | None:
    return Edition.objects.filter(year=year).first()


def public_edition_get(*, year: int) -> Edition | None:
    return Edition.objects.filter(year=year, status__in=PUBLIC_STATUSES).first()


def public_editions() -> QuerySet[Edition]:
    """Published and archived editions, newest first (the archive)."""
    return Edition.objects.filter(status__in=PUBLIC_STATUSES).order_by("-year")


def current_public_edition() -> Edition | None:
    return (
        Edition.objects.filter(status=EditionStatus.PUBLISHED).order_by("-year").first()
        or public_editions().first()
    )


def open_editions() -> QuerySet[Edition]:
    """Editions members can see in their submission area."""
    return Edition.objects.exclude(status=EditionStatus.ARCHIVED).order_by("-year")


def _events(language: str) -> QuerySet[Event]:
    return Event.objects.select_related(
        "edition", "venue", "venue__district", "organisation"
    ).prefetch_related(
        "languages",
        "co_organisers",
        *translations_prefetch(EventTranslation, language),
    )


@dataclass(frozen=True)
class ProgrammeFilters:
    category: str = ""
    audience: str = ""
    language: str = ""
    accessible: bool = False
    free: bool = False
    district: str = ""
    day: object = None


def programme(*, edition: Edition, filters: ProgrammeFilters, language: str) -> QuerySet[Event]:
    """The published events of a public edition that match ``filters``."""
    events = _events(language).filter(edition=edition, state=EventState.PUBLISHED)
    if filters.category:
        events = events.filter(category=filters.category)
    if filters.audience:
        events = events.filter(audience=filters.audience)
    if filters.language:
        events = events.filter(languages__code=filters.language)
    if filters.accessible:
        events = events.filter(wheelchair_accessible=True)
    if filters.free:
        events = events.filter(free_of_charge=True)
    if filters.district:
        events = events.filter(venue__district__slug=filters.district)
    if filters.day:
        events = events.filter(day=filters.day)
    return events.order_by("day", "starts_at", "title", "id")


def public_event_get(*, event_id, language: str) -> Event | None:
    return (
        _events(language)
        .filter(pk=event_id, state=EventState.PUBLISHED, edition__status__in=PUBLIC_STATUSES)
        .first()
    )


def programme_languages(*, edition: Edition) -> list[str]:
    return list(
        edition.events.filter(state=EventState.PUBLISHED)
        .values_list("languages__code", flat=True)
        .exclude(languages__code=None)
        .order_by("languages__code")
        .distinct()
    )


def programme_districts(*, edition: Edition) -> QuerySet[District]:
    return (
        district_choices()
        .filter(pk__in=edition.venues.filter(events__state=EventState.PUBLISHED).values("district"))
        .order_by("name")
    )


# What a visitor reads for each changed field of a published event.
CHANGED_FIELD_LABELS = {
    "title": _("title"),
    "description": _("description"),
    "category": _("category"),
    "day": _("date"),
    "starts_at": _("time"),
    "ends_at": _("time"),
    "venue": _("venue"),
    "audience": _("target audience"),
    "wheelchair_accessible": _("accessibility"),
    "sign_language": _("accessibility"),
    "child_care": _("accessibility"),
    "free_of_charge": _("price"),
    "price": _("price"),
    "registration_required": _("registration"),
    "registration_how": _("registration"),
    "image": _("image"),
}
PROGRAMME_KINDS = {kind.reason: kind for kind in ChangeKind}


@dataclass(frozen=True)
class ProgrammeChange:
    """One line of the public list of programme changes."""

    created_at: datetime.datetime
    kind: ChangeKind
    event_id: uuid.UUID
    event_title: str  # the title at the time
    fields: tuple[str, ...]

    def field_labels(self) -> list[str]:
        """What changed, in words a visitor understands."""
        labels = [str(CHANGED_FIELD_LABELS.get(name, "")) for name in self.fields]
        return list(dict.fromkeys(label for label in labels if label))


def _in_label_order(fields: dict) -> tuple[str, ...]:
    """Changed field names in the order visitors read them (PostgreSQL's jsonb
    keeps no key order)."""
    order = {name: index for index, name in enumerate(CHANGED_FIELD_LABELS)}
    return tuple(sorted(fields, key=lambda name: (order.get(name, len(order)), name)))


def changes(*, edition: Edition) -> list[ProgrammeChange]:
    """Published events added, changed or cancelled after the programme went
    online, newest first: the change sets of the edition's events whose
    reasons say so (``ChangeKind.reason``), two queries."""
    # Only a published event has programme changes; it stays published or is withdrawn.
    once_public = edition.events.filter(state__in=[EventState.PUBLISHED, EventState.WITHDRAWN])
    event_ids = {str(pk): pk for pk in once_public.values_list("pk", flat=True)}
    rows = (
        Change.objects.filter(
            content_type=ContentType.objects.get_for_model(Event),
            object_id__in=event_ids,
            change_set__action__startswith="festival.",
        )
        .select_related("change_set")
        .order_by("-change_set__created_at", "-id")
    )
    result = []
    for row in rows:
        kind = next(
            (PROGRAMME_KINDS[code] for code in row.change_set.reasons if code in PROGRAMME_KINDS),
            None,
        )
        if kind is not None:
            result.append(
                ProgrammeChange(
                    created_at=row.change_set.created_at,
                    kind=kind,
                    event_id=event_ids[row.object_id],
                    event_title=row.label,
                    fields=_in_label_order(row.fields) if kind == ChangeKind.CHANGED else (),
                )
            )
    return result


def member_events(*, organisation_id) -> QuerySet[Event]:
    """The events an organisation submitted, every edition, newest first."""
    return (
        Event.objects.filter(organisation_id=organisation_id)
        .select_related("edition", "venue")
        .order_by("-edition__year", "day", "starts_at", "id")
    )


def event_with_thread(*, event_id) -> Event | None:
    return (
        Event.objects.select_related("edition", "venue", "organisation", "submitted_by")
        .prefetch_related(
            "languages",
            "co_organisers",
            "translations",
            Prefetch("comments", queryset=EventComment.objects.select_related("author")),
        )
        .filter(pk=event_id)
        .first()
    )


@dataclass(frozen=True)
class BoardFilters:
    state: str = ""
    category: str = ""
    organisation: object = None
    day: object = None
    q: str = ""


def board(*, edition: Edition, filters: BoardFilters) -> QuerySet[Event]:
    """Every submission of an edition for the coordinators' board."""
    events = (
        Event.objects.filter(edition=edition)
        .select_related("venue", "organisation")
        .annotate(comment_count=Count("comments"))
    )
    if filters.state:
        events = events.filter(state=filters.state)
    if filters.category:
        events = events.filter(category=filters.category)
    if filters.organisation:
        events = events.filter(
            Q(organisation=filters.organisation) | Q(co_organisers=filters.organisation)
        ).distinct()
    if filters.day:
        events = events.filter(day=filters.day)
    if filters.q:
        events = events.filter(Q(title__icontains=filters.q) | Q(partner_name__icontains=filters.q))
    return events.order_by("day", "starts_at", "title", "id")


def export_events(*, edition: Edition) -> QuerySet[Event]:
    return _events("de").filter(edition=edition).order_by("day", "starts_at", "title", "id")


SCHEDULED_STATES = [
    EventState.SUBMITTED,
    EventState.CHANGES_REQUESTED,
    EventState.ACCEPTED,
    EventState.PUBLISHED,
]


def schedule(*, edition: Edition) -> tuple[list[Event], dict, list[Conflict]]:
    """Events still in play, grouped by day and venue, with their conflicts.

    Returns the events (each with ``conflicts``, a list of labels), a
    mapping day → venue → events, and the conflicts found.
    """
    events = list(
        Event.objects.filter(edition=edition, state__in=SCHEDULED_STATES)
        .select_related("venue")
        .order_by("day", "venue__name", "starts_at", "id")
    )
    availability: dict = defaultdict(list)
    for venue in edition.venues.prefetch_related("availability"):
        for window in venue.availability.all():
            availability[venue.pk].append(Window(window.day, window.opens_at, window.closes_at))
    conflicts = find_conflicts(
        [
            Slot(e.pk, e.day, e.starts_at, e.ends_at, e.venue_id, e.contact_email or e.contact_name)
            for e in events
        ],
        first_day=edition.starts_on,
        last_day=edition.ends_on,
        availability=availability,
    )
    by_key = {event.pk: event for event in events}
    for event in events:
        event.conflicts = []
    for conflict in conflicts:
        for key in conflict.keys:
            by_key[key].conflicts.append(conflict.label)
    grid: dict = defaultdict(lambda: defaultdict(list))
    for event in events:
        grid[event.day][event.venue].append(event)
    return events, {day: dict(venues) for day, venues in sorted(grid.items())}, conflicts


def event_conflicts(*, event: Event) -> list[str]:
    """The schedule warnings that concern ``event`` (for the review page)."""
    events, _grid, _conflicts = schedule(edition=event.edition)
    for scheduled in events:
        if scheduled.pk == event.pk:
            return scheduled.conflicts
    return []


def conflicted_event_ids(*, edition: Edition) -> set:
    _events, _grid, conflicts = schedule(edition=edition)
    return {key for conflict in conflicts for key in conflict.keys}


def statistics(*, edition: Edition) -> dict[str, list]:
    """Counts of the events in play: per organiser, category, day and language."""
    events = Event.objects.filter(edition=edition, state__in=SCHEDULED_STATES)
    return {
        "organisers": list(
            events.values("organisation__name", "partner_name")
            .annotate(count=Count("id"))
            .order_by("-count", "organisation__name", "partner_name")
        ),
        "categories": [
            {**row, "label": Category(row["category"]).label}
            for row in events.values("category")
            .annotate(count=Count("id"))
            .order_by("-count", "category")
        ],
        "days": list(events.values("day").annotate(count=Count("id")).order_by("day")),
        "languages": list(
            events.values("languages__code")
            .exclude(languages__code=None)
            .annotate(count=Count("id"))
            .order_by("-count", "languages__code")
        ),
    }


def edition_venues(*, edition: Edition) -> QuerySet[Venue]:
    return edition.venues.select_related("district", "location").prefetch_related("availability")


def submitting_organisations() -> QuerySet[Organisation]:
    """The directory's public members: they may submit and co-organise events."""
    return public_organisations().order_by("name")


def directory_locations() -> QuerySet[Location]:
    """The directory's public places, to take over as venues (read only)."""
    return public_locations().select_related("organisation").order_by("name")


def edition_links(*, edition: Edition) -> QuerySet[SubmissionLink]:
    return edition.links.select_related("organisation")


def event_translation_changes(*, event, row) -> list[dict]:
    """The outdated fields of an event's translation ``row`` (None: no row yet)
    with the change of their German text since it was made, for the translator."""
    if row is None or row.pk is None:
        return []
    outdated = []
    for name, status in row.field_statuses(event).items():
        if status != TranslationStatus.OUTDATED:
            continue
        changes, then_known = source_changes(row, event, name)
        label = type(row)._meta.get_field(name).verbose_name
        outdated.append(
            {"name": name, "label": label, "changes": changes, "then_known": then_known}
        )
    return outdated
