from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        # Registers the periodic tasks (reminders, digests) with the worker.
        from meetings import tasks  # noqa: F401
