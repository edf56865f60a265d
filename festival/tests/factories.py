import datetime
import zoneinfo

import factory

from directory.tests.factories import OrganisationFactory
from festival.enums import Category, EditionStatus, EventState
from festival.models import Edition, Event, Venue

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        django_get_or_create = ("year",)

    year = 2026
    title = "Interkulturelle Woche"
    motto = "DAFÜR!"
    starts_on = datetime.date(2026, 9, 20)
    ends_on = datetime.date(2026, 10, 31)
    national_starts_on = datetime.date(2026, 9, 27)
    national_ends_on = datetime.date(2026, 10, 4)
    submissions_open_at = datetime.datetime(2026, 6, 1, tzinfo=BERLIN)
    submission_deadline = datetime.datetime(2026, 8, 15, tzinfo=BERLIN)
    status = EditionStatus.CALL_OPEN


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Saal {n}")
    street = "Marktplatz 1"
    postal_code = "17033"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    edition = factory.SubFactory(EditionFactory)
    state = EventState.SUBMITTED
    title = factory.Sequence(lambda n: f"Begegnung {n}")
    description = "Ein Abend der Begegnung."
    category = Category.FESTIVAL
    day = datetime.date(2026, 9, 28)
    starts_at = datetime.time(18, 0)
    ends_at = datetime.time(20, 0)
    venue = factory.SubFactory(VenueFactory, edition=factory.SelfAttribute("..edition"))
    organisation = factory.SubFactory(OrganisationFactory)
    contact_name = "Erika Muster"
    contact_email = factory.Sequence(lambda n: f"kontakt{n}@example.org")
    submitter_email = "submitter@example.org"
