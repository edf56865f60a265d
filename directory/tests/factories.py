import datetime

import factory

from directory.enums import MembershipStatus, OrganisationKind
from directory.models import (
    Contact,
    District,
    Location,
    Offer,
    OfferLocation,
    OpeningHours,
    Organisation,
    TargetGroup,
    Topic,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Verein {n}")
    slug = factory.Sequence(lambda n: f"verein-{n}")
    kind = OrganisationKind.ASSOCIATION
    membership_status = MembershipStatus.ACTIVE
    member_since = datetime.date(2020, 1, 1)
    description = "Beratung für Zugewanderte."


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    role = "Beraterin"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = "0395 5550100"
    public = True


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.Sequence(lambda n: f"Thema {n}")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    slug = factory.Sequence(lambda n: f"district-{n}")
    name = factory.Sequence(lambda n: f"Stadtteil {n}")
    municipality = "Neubrandenburg"


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory)
    name = "Beratungsstelle"
    street = "Marktplatz 1"
    postal_code = "17033"
    city = "Neubrandenburg"


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Angebot {n}")
    description = "Ein Angebot."


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup

    slug = factory.Sequence(lambda n: f"group-{n}")
    name = factory.Sequence(lambda n: f"Zielgruppe {n}")


class OfferLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfferLocation

    offer = factory.SubFactory(OfferFactory)
    location = factory.SubFactory(
        LocationFactory, organisation=factory.SelfAttribute("..offer.organisation")
    )


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    offer_location = factory.SubFactory(OfferLocationFactory)
    weekday = 0
    opens_at = datetime.time(9, 0)
    closes_at = datetime.time(12, 0)


def recorded_as_created(*entries, by=None):
    """Record ``entries`` (made by factories) as created in one change set of
    the audit log, as the services that create them would."""
    from core import audit

    with audit.change_set(by=by, action="test.create") as change_set:
        for entry in entries:
            change_set.created(entry)
    return entries[0]
