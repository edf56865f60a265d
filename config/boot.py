"""Start-up guard shared by ``manage.py`` and ``wsgi.py``."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured


def load_settings_or_exit() -> None:
    """Load settings; on a configuration error print one line and exit.

    An operator who starts the site with a missing ``SECRET_KEY`` or a broken
    ``DATABASE_URL`` should read which variable is wrong, not a traceback.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # noqa: B018 - forces the settings module to load
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"Configuration error: {exc}\n")
        raise SystemExit(2) from None
