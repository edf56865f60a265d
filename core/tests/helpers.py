"""Checks shared by the tests of every app."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.apps import AppConfig, apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.forms.models import BaseModelForm
from django.http import HttpResponse
from django.test import Client

from core.validators import validate_single_line

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def our_app_configs() -> list[AppConfig]:
    """The project's own apps, not installed packages (a ``.venv`` may sit
    inside the project folder): for tests that walk every model or form."""
    base = Path(settings.BASE_DIR).resolve()
    return [
        config
        for config in apps.get_app_configs()
        if base in Path(config.path).resolve().parents
        and not {".venv", "site-packages"} & set(Path(config.path).resolve().parts)
    ]


def axe_violations(page) -> list[str]:
    """The WCAG 2.1 A and AA violations axe-core finds on the page, one line each.

    The test injects axe itself; the site's CSP rightly forbids such scripts,
    so the browser context must be opened with ``bypass_csp``.
    """
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    return [
        f"{violation['id']}: {node['target']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def post_creates_one_or_refuses(
    client: Client, url: str, data: dict, model: type[models.Model]
) -> HttpResponse:
    """POST hostile ``data``: either one new ``model`` row and a redirect, or a 400
    and nothing stored — never a 500."""
    before = model._default_manager.count()
    response = client.post(url, data)
    assert response.status_code in (302, 400)
    assert model._default_manager.count() == before + (response.status_code == 302)
    return response


def _model_field_checks(form_class, name: str) -> bool:
    """A model form's field whose model field has the validator: the model
    form runs the model's validation too."""
    if not issubclass(form_class, BaseModelForm) or form_class._meta.model is None:
        return False
    try:
        model_field = form_class._meta.model._meta.get_field(name)
    except FieldDoesNotExist:  # a field the form adds itself
        return False
    return validate_single_line in getattr(model_field, "validators", ())


def unchecked_form_fields(form_class, fields: dict[str, forms.Field]) -> list[str]:
    """The one-line text fields among ``fields`` that let a line break through.

    A field counts as one-line unless its widget is a ``Textarea``; it is checked
    when it runs ``validate_single_line`` itself or, in a model form, when its
    model field does.
    """
    return [
        f"{form_class.__module__}.{form_class.__name__}.{name}"
        for name, field in fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field.widget, forms.Textarea)
        and validate_single_line not in field.validators
        and not _model_field_checks(form_class, name)
    ]
