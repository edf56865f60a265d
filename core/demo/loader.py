"""The demo data set: the network as the city's page describes it.

Organisations, contact persons, roles and statements come from the seed
text; every e-mail address and phone number is invented (example.org,
0395 555 …). Demo logins are created here and nowhere else, and never in
production mode.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from accounts.enums import Role
from accounts.models import User
from accounts.services import user_create
from core.models import DemoDataset
from core.services import demo_dataset_mark_loaded
from directory.models import Organisation
from directory.services import organisations_import, taxonomy_import

DEMO_DIR = Path(__file__).resolve().parent
DEMO_FILES = ("taxonomy.json", "organisations.json")
# Later modules add their demo data in ``<app>/demo.py`` with a ``demo_load()``
# function that is safe to run again; it runs after the directory's data.
DEMO_MODULES = ("meetings.demo", "festival.demo", "network.demo")
DEMO_PASSWORD = "Demo-Passwort-2026"  # noqa: S105 - published demo login, never in production


@dataclass(frozen=True)
class DemoLogin:
    email: str
    name: str
    role: Role
    organisation_slug: str | None = None


DEMO_LOGINS = (
    DemoLogin("koordination@example.org", "Koordination (Demo)", Role.COORDINATOR),
    DemoLogin("vhs@example.org", "VHS-Redaktion (Demo)", Role.MEMBER_EDITOR, "volkshochschule-mse"),
    DemoLogin(
        "awo@example.org", "AWO-Redaktion (Demo)", Role.MEMBER_EDITOR, "awo-migrationszentrum"
    ),
    DemoLogin("neuwoges@example.org", "NEUWOGES-Redaktion (Demo)", Role.MEMBER_EDITOR, "neuwoges"),
)


def demo_digest() -> str:
    """Fingerprint of the demo files, so an unchanged data set is not reloaded."""
    digest = hashlib.sha256()
    for name in DEMO_FILES:
        digest.update((DEMO_DIR / name).read_bytes())
    for module in _demo_modules():
        digest.update(inspect.getsource(module).encode())
    return digest.hexdigest()


def _demo_modules() -> list:
    modules = []
    for path in DEMO_MODULES:
        try:
            modules.append(importlib.import_module(path))
        except ModuleNotFoundError as exc:
            if exc.name != path:  # the module exists but fails inside: say so
                raise
    return modules


def demo_load(*, force: bool = False) -> bool:
    """Load (or refresh) the demo data; return False when it was already current.

    Steps: refuse in production; skip when the files are unchanged; import
    taxonomy and organisations (upserts, so nothing is duplicated); create
    the demo logins that do not exist yet; mark the data set as loaded.
    """
    if settings.PRODUCTION:
        raise ImproperlyConfigured("Demo data is never loaded when DJANGO_ENV is production.")
    digest = demo_digest()
    if not force and DemoDataset.objects.filter(digest=digest).exists():
        return False
    with transaction.atomic():
        taxonomy_import(data=_read("taxonomy.json"))
        organisations_import(data=_read("organisations.json"))
        _create_demo_logins()
        for module in _demo_modules():
            module.demo_load()
        demo_dataset_mark_loaded(digest=digest)
    return True


def _read(name: str):
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def _create_demo_logins() -> None:
    for login in DEMO_LOGINS:
        if User.objects.filter(email=login.email).exists():
            continue
        organisation = (
            Organisation.objects.get(slug=login.organisation_slug)
            if login.organisation_slug
            else None
        )
        user_create(
            email=login.email,
            name=login.name,
            role=login.role,
            organisation=organisation,
            password=DEMO_PASSWORD,
            email_verified=True,
        )
