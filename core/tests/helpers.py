"""Checks shared by the tests of every app."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.http import HttpResponse
from django.test import Client

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


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
