"""What is stale, missing or untranslated in the public directory."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from core.enums import TranslationStatus
from core.languages import target_language_codes
from directory.models import Offer, OpeningHours, Organisation
from directory.public import public_contacts, public_offers


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the month's last day where it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stale_before(today: date) -> date:
    """Offers last confirmed before this day are stale."""
    return months_before(today, settings.DIRECTORY_STALE_AFTER_MONTHS)


def _scoped(organisation: Organisation | None) -> QuerySet[Offer]:
    offers = public_offers().select_related("organisation")
    if organisation is not None:
        offers = offers.filter(organisation=organisation)
    return offers.order_by("organisation__name", "name", "id")


def stale_offers(*, today: date, organisation: Organisation | None = None) -> QuerySet[Offer]:
    """Public offers never confirmed, or confirmed before the stale limit."""
    return _scoped(organisation).filter(
        Q(last_verified__isnull=True) | Q(last_verified__lt=stale_before(today))
    )


def offers_without_public_contact(*, organisation: Organisation | None = None) -> QuerySet[Offer]:
    """Public offers whose organisation names nobody the public may contact."""
    public_contact = public_contacts().filter(organisation=OuterRef("organisation"))
    return _scoped(organisation).exclude(Exists(public_contact))


def offers_without_hours(*, organisation: Organisation | None = None) -> QuerySet[Offer]:
    """Public offers with no opening hours at any of their places."""
    hours = OpeningHours.objects.filter(offer_location__offer=OuterRef("pk"))
    return _scoped(organisation).exclude(Exists(hours))


@dataclass
class Coverage:
    """How many public offers have a current, outdated or missing translation."""

    language: str
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(TranslationStatus.values, 0)
    )
    machine: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def current_percent(self) -> int:
        return round(100 * self.counts[TranslationStatus.CURRENT] / self.total) if self.total else 0


def translation_coverage(*, organisation: Organisation | None = None) -> list[Coverage]:
    """Per target language, the translation status of every public offer.

    The status is derived from a digest of the German text, so it is worked
    out here, offer by offer, a chunk at a time.
    """
    coverage = {code: Coverage(language=code) for code in target_language_codes()}
    offers = (
        _scoped(organisation)
        .select_related(None)
        .only("id", *Offer.translated_fields)
        .prefetch_related("translations")
    )
    for offer in offers.iterator(chunk_size=2000):
        for code, status in offer.translation_statuses().items():
            coverage[code].counts[status] += 1
        for row in offer.translations.all():
            if row.machine_translated and row.language in coverage:
                coverage[row.language].machine += 1
    return list(coverage.values())


def offers_due_for_reminder(*, now: datetime) -> QuerySet[Offer]:
    """Stale offers whose last reminder (if any) is older than the reminder period."""
    period = timedelta(days=settings.DIRECTORY_REMINDER_PERIOD_DAYS)
    return stale_offers(today=now.date()).filter(
        Q(reminded_at__isnull=True) | Q(reminded_at__lt=now - period)
    )
