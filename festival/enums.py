from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EditionStatus(models.TextChoices):
    """Where an edition of the Intercultural Week stands in its year."""

    PREPARING = "preparing", _("preparing")
    CALL_OPEN = "call_open", _("call for events open")
    REVIEWING = "reviewing", _("reviewing")
    PUBLISHED = "published", pgettext_lazy("edition status", "published")
    ARCHIVED = "archived", _("archived")


class EventState(models.TextChoices):
    """The state of one submitted event (see ``services.TRANSITIONS``)."""

    SUBMITTED = "submitted", pgettext_lazy("event state", "submitted")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("event state", "changes requested")
    ACCEPTED = "accepted", pgettext_lazy("event state", "accepted")
    DECLINED = "declined", pgettext_lazy("event state", "declined")
    PUBLISHED = "published", pgettext_lazy("event state", "published")
    WITHDRAWN = "withdrawn", pgettext_lazy("event state", "withdrawn")


class Category(models.TextChoices):
    TALK = "talk", _("talk")
    WORKSHOP = "workshop", _("workshop")
    FESTIVAL = "festival", _("festival")
    FILM = "film", _("film")
    MUSIC = "music", _("music")
    SPORT = "sport", _("sport")
    FOOD = "food", _("food")
    EXHIBITION = "exhibition", _("exhibition")
    NEWCOMER_SERVICE = "newcomer_service", _("service for newcomers")
    RELIGION = "religion", _("encounter of religions")
    OTHER = "other", _("other")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("everyone")
    FAMILIES = "families", _("families")
    CHILDREN = "children", _("children")
    YOUTH = "youth", _("young people")
    ADULTS = "adults", _("adults")
    WOMEN = "women", _("women")
    SENIORS = "seniors", _("older people")
    NEWCOMERS = "newcomers", _("newcomers")
    PROFESSIONALS = "professionals", _("professionals and volunteers")


class ChangeKind(models.TextChoices):
    """What happened to a published event, for the public list of programme changes."""

    ADDED = "added", _("added")
    CHANGED = "changed", _("changed")
    CANCELLED = "cancelled", _("cancelled")

    @property
    def reason(self) -> str:
        """The reason code of a festival change set that puts it into the list."""
        return f"programme.{self.value}"
