"""Writes that every domain shares: content translations and the demo marker."""

from __future__ import annotations

from django.db import transaction

from core.models import DemoDataset
from core.recheck import forget
from core.selectors import DEMO_KEY
from core.translation import TranslatableModel, Translation


@transaction.atomic
def translation_save(
    *, source: TranslatableModel, language: str, values: dict[str, str]
) -> Translation:
    """Create or update the translation of ``source`` into ``language``.

    Steps: reject field names that are not translated; fill the row; record,
    for the fields in ``values`` only, the German text they were made from
    (so those fields are *current*, the others keep their status); validate;
    save.
    """
    unknown = set(values) - set(source.translated_fields)
    if unknown:
        raise ValueError(f"Not translated fields: {', '.join(sorted(unknown))}")
    model = source.translations.model
    row = model.objects.filter(source=source, language=language).first()
    if row is None:
        row = model(source=source, language=language)
    for field, value in values.items():
        setattr(row, field, value)
    row.remember_source(source, values)
    row.full_clean()
    row.save()
    return row


def demo_dataset_mark_loaded(*, digest: str) -> None:
    DemoDataset.objects.update_or_create(pk=1, defaults={"digest": digest})
    forget(DEMO_KEY)


def demo_dataset_clear() -> None:
    DemoDataset.objects.all().delete()
    forget(DEMO_KEY)
