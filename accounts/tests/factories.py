import factory
from allauth.account.models import EmailAddress

from accounts.enums import Role
from accounts.models import User
from directory.tests.factories import OrganisationFactory

PASSWORD = "Test-Passwort-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    name = factory.Sequence(lambda n: f"User {n}")
    role = Role.MEMBER_EDITOR
    organisation = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)


class CoordinatorFactory(UserFactory):
    role = Role.COORDINATOR
    organisation = None
