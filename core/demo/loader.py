"""The demo data set: the network as the city's page describes it.

Every app brings its own part (see ``core.demo.registry``); this module
loads them in order, together with the coordinator's login. Every e-mail
address and phone number is invented (example.org, 0395 555 …). Demo logins
are created with the demo data and nowhere else, and never in production
mode.
"""

from __future__ import annotations

import hashlib
import inspect

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from accounts.enums import Role
from core.demo.logins import DemoLogin, demo_login_create
from core.demo.registry import demo_modules
from core.models import DemoDataset
from core.services import demo_dataset_mark_loaded

COORDINATOR_LOGIN = DemoLogin("koordination@example.org", "Koordination (Demo)", Role.COORDINATOR)


def demo_logins() -> list[DemoLogin]:
    """Every demo login: the coordinator's, then those the apps bring."""
    logins = [COORDINATOR_LOGIN]
    for module in demo_modules():
        logins += getattr(module, "DEMO_LOGINS", ())
    return logins


def demo_digest() -> str:
    """Fingerprint of the demo modules and their files, so an unchanged data set
    is not reloaded."""
    digest = hashlib.sha256()
    for module in demo_modules():
        digest.update(inspect.getsource(module).encode())
        for path in getattr(module, "DEMO_FILES", ()):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def demo_load(*, force: bool = False) -> bool:
    """Load (or refresh) the demo data; return False when it was already current.

    Steps: refuse in production; skip when the modules and files are
    unchanged; create the coordinator's login if it does not exist; let each
    registered app load its demo data, in order (upserts, so nothing is
    duplicated); mark the data set as loaded.
    """
    if settings.PRODUCTION:
        raise ImproperlyConfigured("Demo data is never loaded when DJANGO_ENV is production.")
    digest = demo_digest()
    if not force and DemoDataset.objects.filter(digest=digest).exists():
        return False
    with transaction.atomic():
        demo_login_create(COORDINATOR_LOGIN)
        for module in demo_modules():
            module.demo_load()
        demo_dataset_mark_loaded(digest=digest)
    return True
