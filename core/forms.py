"""Form helpers every app shares."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_validation_error(
    form: forms.BaseForm, error: ValidationError, *, field: str | None = None
) -> None:
    """Show a service's ``ValidationError`` on ``form``.

    Messages for a field the form shows go to that field, the others to the
    top of the form. With ``field`` every message goes to that field (``None``
    for the top of the form when the error names no fields).
    """
    if field is None and hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(field, error.messages)
