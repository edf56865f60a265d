from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.demo.registry import register


class FestivalConfig(AppConfig):
    name = "festival"
    verbose_name = _("Intercultural Week")

    def ready(self) -> None:
        from festival.privacy import register_holders

        register_holders()  # what the app holds about a person (core.privacy)
        register("festival.demo", order=30)
