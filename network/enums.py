from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicantKind(models.TextChoices):
    """Who asks to join the network."""

    ORGANISATION = "organisation", _("An organisation or institution")
    PROFESSIONAL = "professional", _("A person working professionally with migrants")
    VOLUNTEER = "volunteer", _("A person volunteering with migrants")


class JoinStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the coordinator")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class HelpStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a member organisation")
    TAKEN_UP = "taken_up", _("A member organisation will contact you")


class RoutingStatus(models.TextChoices):
    SENT = "sent", _("Waiting for an answer")
    TAKEN_UP = "taken_up", _("We contact the person")
    PASSED = "passed", _("Declined by the member")


class RoutedBy(models.TextChoices):
    MATCHING = "matching", _("Matched automatically")
    COORDINATOR = "coordinator", _("Routed by the coordinator")


class TimeAvailable(models.TextChoices):
    ONCE = "once", _("Once or every now and then")
    FEW_HOURS_MONTH = "month", _("A few hours a month")
    FEW_HOURS_WEEK = "week", _("A few hours a week")
    MORE = "more", _("More than that")
