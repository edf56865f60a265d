"""Background work of translating: machine translation of one entry."""

from __future__ import annotations

import logging

from django_tasks import task

from core.machine_translation import MachineTranslationError
from directory.translating.kinds import KINDS
from directory.translating.services import machine_translation_fill

logger = logging.getLogger(__name__)


@task()
def machine_translate(*, kind: str, key: str, language: str) -> list[str]:
    """Fill the missing and outdated fields of one entry in ``language``.

    A failure is logged (without any text) and re-raised, so the task
    result shows it as failed; nothing is written then.
    """
    try:
        return machine_translation_fill(kind=KINDS[kind], key=key, language=language)
    except MachineTranslationError as error:
        logger.warning(
            "machine translation of %s %s into %s failed: %s", kind, key, language, error
        )
        raise
