import factory
from django.utils import timezone

from directory.tests.factories import OrganisationFactory
from network.enums import ApplicantKind, TimeAvailable
from network.models import HelpOffer, JoinRequest, Routing, VolunteerNeed


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    language = "de"
    kind = ApplicantKind.ORGANISATION
    name = factory.Sequence(lambda n: f"Antragstellerin {n}")
    organisation_name = factory.Sequence(lambda n: f"Neuer Verein {n}")
    activity = "Sprachcafé für Geflüchtete"
    email = factory.Sequence(lambda n: f"join{n}@example.org")
    consent_at = factory.LazyFunction(timezone.now)
    fingerprint = factory.Sequence(lambda n: f"join-{n}")


class HelpOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpOffer
        skip_postgeneration_save = True

    language = "de"
    name = factory.Sequence(lambda n: f"Helferin {n}")
    email = factory.Sequence(lambda n: f"help{n}@example.org")
    languages = ["de", "en"]
    time_available = TimeAvailable.FEW_HOURS_WEEK
    consent_at = factory.LazyFunction(timezone.now)
    fingerprint = factory.Sequence(lambda n: f"help-{n}")

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class VolunteerNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerNeed
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Ehrenamt {n}")
    languages = []

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class RoutingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Routing

    help_offer = factory.SubFactory(HelpOfferFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    routed_by = "matching"
