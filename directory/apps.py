from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.demo.registry import register


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from directory.privacy import register_holders

        register_holders()  # what the app holds about a person (core.privacy)
        from directory import signals

        signals.connect(self)
        register("directory.demo", order=10)
