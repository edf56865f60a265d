"""Helpers every app's forms share: showing a service's ``ValidationError`` (on the
form, or as a message) and form fields that validate like their model fields."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest


def formfield_with_validators(model_field: models.Field, **kwargs) -> forms.Field | None:
    """The form field for ``model_field``, running the model field's validators too.

    A ``formfield_callback`` for ``fields_for_model`` in a plain ``Form``: unlike a
    ``ModelForm``, such a form never runs the model's validation, so without this a
    title with a line break would only be refused later by the service.
    """
    field = model_field.formfield(**kwargs)
    if field is not None:
        field.validators.extend(v for v in model_field.validators if v not in field.validators)
    return field


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


def performed(request: HttpRequest, action: Callable[[], object]) -> bool:
    """Call ``action``, a service behind a button; True when it went through.

    A ``ValidationError`` it raises becomes one error message on the next
    page: a button has no form to show it on.
    """
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    return True
