from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    PLENARY = "plenary", _("plenary network")
    WORKING_GROUP = "working_group", _("working group")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    CANCELLED = "cancelled", _("cancelled")


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    MERGED = "merged", _("merged into another item")


class Answer(models.TextChoices):
    YES = "yes", _("yes, I will attend")
    NO = "no", _("no")
    MAYBE = "maybe", _("maybe")
    DEPUTY = "deputy", _("a deputy attends for me")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPROVED = "approved", _("approved")


class AnnouncementKind(models.TextChoices):
    OFFER = "offer", _("new offer")
    LEGAL = "legal", _("legal change")
    EVENT = "event", _("event")
    VACANCY = "vacancy", _("vacancy")
    OTHER = "other", _("other")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("each announcement at once")
    WEEKLY = "weekly", _("a weekly digest")
    NONE = "none", _("no e-mails")


class ReminderStage(models.TextChoices):
    BEFORE = "before", _("before the due date")
    DUE = "due", _("on the due date")
