from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.demo.registry import register


class FestivalConfig(AppConfig):
    name = "festival"
    verbose_name = _("Intercultural Week")

    def ready(self) -> None:
        register("festival.demo", order=30)
