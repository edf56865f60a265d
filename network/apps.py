from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.demo.registry import register


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Joining and helping")

    def ready(self) -> None:
        from network.privacy import register_holders

        register_holders()  # what the app holds about a person (core.privacy)
        register("network.demo", order=40)
