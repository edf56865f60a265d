from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.demo.registry import register


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        register("meetings.demo", order=20)
