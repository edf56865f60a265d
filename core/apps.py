from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self) -> None:
        from core.privacy_holders import register_holders

        register_holders()  # what the app holds about a person (core.privacy)
        # Every app keeps its background tasks in ``<app>/tasks.py``; importing
        # them here registers the periodic ones (``core.periodic``) in every
        # process, so the worker and the tests see the same tasks.
        autodiscover_modules("tasks")
        from core.demo.registry import register

        # The legal pages and emergency numbers (core.sitecontent); need no other app.
        register("core.sitecontent.demo", order=5)
