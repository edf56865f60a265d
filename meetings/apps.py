from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.demo.registry import register


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from meetings.privacy import register_holders

        register_holders()  # what the app holds about a person (core.privacy)
        register("meetings.demo", order=20)
