from django.db import models
from django.utils.translation import gettext_lazy as _


class EditionStatus(models.TextChoices):
    """Where an edition of the Intercultural Week stands in its year."""

    PREPARING = "preparing", _("preparing")
    CALL_OPEN = "call_open", _("call for events open")
    REVIEWING = "reviewing", _("reviewing")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


class EventState(models.TextChoices):
    """The state of one submitted event (see ``services.TRANSITIONS``)."""

    SUBMITTED = "submitted", _("submitted")
    CHANGES_REQUESTED = "changes_requested", _("changes requested")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")


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
    """What happened to a published event, for the public change log."""

    ADDED = "added", _("added")
    CHANGED = "changed", _("changed")
    CANCELLED = "cancelled", _("cancelled")
