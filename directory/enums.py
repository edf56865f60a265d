from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    AUTHORITY = "authority", _("Public authority")
    CHARITY = "charity", _("Charity")
    EDUCATION = "education", _("Education provider")
    UNIVERSITY = "university", _("University")
    CHURCH = "church", _("Church")
    COMPANY = "company", _("Company")
    POLICE = "police", _("Police")
    ASSOCIATION = "association", _("Association")


class MembershipStatus(models.TextChoices):
    """Where an organisation stands in the network."""

    APPLICANT = "applicant", _("Applicant")
    ACTIVE = "active", _("Active member")
    FORMER = "former", _("Former member")


class OfferStatus(models.TextChoices):
    """HSDS 3.0 service status."""

    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Defunct")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class NetworkRole(models.TextChoices):
    """A contact's role for the whole network, shown on the network overview."""

    MODERATOR = "moderator", _("Moderator of the network")
    COORDINATOR = "coordinator", _("Coordination of the network")


class TopicIcon(models.TextChoices):
    """Pictures for topic tiles: names of Material Symbols (the icon family of KERN UX).

    The tiles show the topic's name beside the picture, so the picture is
    decorative; the names here are what the coordinator picks from.
    """

    CATEGORY = "category", _("General (shapes)")
    HOME = "home", _("House")
    APARTMENT = "apartment", _("Apartment building")
    TRANSLATE = "translate", _("Languages")
    SUPPORT_AGENT = "support_agent", _("Counsellor")
    BADGE = "badge", _("Identity card")
    WORK = "work", _("Briefcase")
    SCHOOL = "school", _("School")
    ACCOUNT_BALANCE = "account_balance", _("Public building")
    MEDICAL_SERVICES = "medical_services", _("Medical case")
    RECORD_VOICE_OVER = "record_voice_over", _("Speaking person")
    DIVERSITY = "diversity_3", _("Group of people")
    VOLUNTEER_ACTIVISM = "volunteer_activism", _("Helping hand")
    LOCAL_POLICE = "local_police", _("Police badge")
    BALANCE = "balance", _("Scales")
    FAMILY = "family_restroom", _("Family")
    WOMAN = "woman", _("Woman")
    CHILD_CARE = "child_care", _("Child")
    PAYMENTS = "payments", _("Money")


class MistakeTopic(models.TextChoices):
    """What a visitor says is wrong on an offer page."""

    CONTACT = "contact", _("Phone number or e-mail address")
    HOURS = "hours", _("Opening hours")
    ADDRESS = "address", _("Address")
    GONE = "gone", _("The offer no longer exists")
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")
