"""Data migration from one digest per translation row to German texts per field.

Used by the migrations ``directory.0011`` and ``festival.0004``; the digest
rule is the one rows were made with before (a SHA-256 of each translated
field's name and German text), kept here as it was.
"""

from __future__ import annotations

import hashlib


def old_digest(source, fields: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for field in fields:
        digest.update(field.encode())
        digest.update(b"\x00")
        digest.update(str(getattr(source, field) or "").encode())
        digest.update(b"\x00")
    return digest.hexdigest()


def digests_to_source_texts(apps, app_label: str, models: dict[str, tuple[str, ...]]) -> None:
    """A row whose digest matched the German text now remembers that text for
    every field (current); any other row remembers nothing (outdated in
    every translated field, the earlier text not known).

    ``models`` maps a translation model's name to the source's translated fields.
    """
    for name, fields in models.items():
        model = apps.get_model(app_label, name)
        for row in model.objects.select_related("source").iterator(chunk_size=500):
            source = row.source
            if row.source_digest == old_digest(source, fields):
                row.source_texts = {field: str(getattr(source, field) or "") for field in fields}
            else:
                row.source_texts = {}
            row.save(update_fields=["source_texts"])


def source_texts_to_digests(apps, app_label: str, models: dict[str, tuple[str, ...]]) -> None:
    """Back: a row remembering the German text now for every field gets its digest."""
    for name, fields in models.items():
        model = apps.get_model(app_label, name)
        for row in model.objects.select_related("source").iterator(chunk_size=500):
            source = row.source
            texts = row.source_texts or {}
            current = all(texts.get(f) == str(getattr(source, f) or "") for f in fields)
            row.source_digest = old_digest(source, fields) if current else ""
            row.save(update_fields=["source_digest"])
