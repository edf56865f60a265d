"""Background tasks of the directory: machine translation of one entry, and
the daily reminder about entries nobody has checked for a long time, and the
daily deletion of unmet searches past their retention."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from core.machine_translation import MachineTranslationError, provider
from core.periodic import periodic_task
from core.translation import TranslatableModel
from directory.freshness.reports import done_reports_delete
from directory.freshness.services import stale_reminders_send
from directory.search.unmet import unmet_searches_forget
from directory.translating.kinds import TRANSLATABLE_KINDS, Kind
from directory.translating.services import machine_translation_fill

logger = logging.getLogger(__name__)


@task()
def machine_translate(*, kind: str, key: str, language: str) -> list[str]:
    """Fill the missing and outdated fields of one entry in ``language``.

    A failure is logged (without any text) and re-raised, so the task
    result shows it as failed; nothing is written then.
    """
    try:
        return machine_translation_fill(kind=TRANSLATABLE_KINDS[kind], key=key, language=language)
    except MachineTranslationError as error:
        logger.warning(
            "machine translation of %s %s into %s failed: %s", kind, key, language, error
        )
        raise


def machine_translation_request(*, kind: Kind, source: TranslatableModel, language: str) -> None:
    """Ask the worker to fill the entry's missing and outdated fields in
    ``language``, once the current transaction commits. Nothing is
    translated inside the request."""
    service = provider()
    if service is None or not service.supports(language):
        raise MachineTranslationError(f"No machine translation into “{language}”.")
    kwargs = {"kind": kind.key, "key": str(source.pk), "language": language}
    transaction.on_commit(lambda: machine_translate.enqueue(**kwargs))


@periodic_task(every=timedelta(hours=24))
def stale_reminders() -> int:
    """Remind member editors of entries that were not checked for too long."""
    return stale_reminders_send(now=timezone.now())


@periodic_task(every=timedelta(hours=24))
def done_reports_retention() -> int:
    """Delete reports of mistakes marked done longer ago than the retention period."""
    return done_reports_delete(now=timezone.now())


@periodic_task(every=timedelta(hours=24))
def unmet_searches_expire() -> int:
    """Delete counts of unmet searches and search wishes past their retention."""
    return unmet_searches_forget(today=timezone.localdate())
