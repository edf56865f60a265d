import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from accounts.enums import Role
from accounts.models import User
from accounts.permissions import can_edit_organisation, is_coordinator, requires_mfa
from accounts.services import user_create
from accounts.tests.factories import CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked against their English msgids here."""
    with translation.override("en"):
        yield


def test_member_editor_without_organisation_is_rejected():
    with pytest.raises(ValidationError) as error:
        user_create(email="x@example.org", name="X", role=Role.MEMBER_EDITOR)

    assert "A member editor must belong to an organisation." in str(error.value)
    assert not User.objects.exists()


def test_member_editor_without_organisation_is_rejected_by_database(organisation):
    user = UserFactory(organisation=organisation)

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=user.pk).update(organisation=None)


def test_user_email_is_normalised_to_lower_case(organisation):
    user = user_create(
        email="Someone@Example.ORG", name="S", role=Role.MEMBER_EDITOR, organisation=organisation
    )

    assert user.email == "someone@example.org"


def test_staff_status_follows_role(organisation):
    editor = UserFactory(organisation=organisation)
    coordinator = CoordinatorFactory()

    assert editor.is_staff is False
    assert coordinator.is_staff is True


def test_inactive_coordinator_is_not_staff():
    coordinator = CoordinatorFactory(is_active=False)

    assert coordinator.is_staff is False
    assert is_coordinator(coordinator) is False


def test_can_edit_organisation_matrix(organisation, owner, outsider, coordinator):
    from django.contrib.auth.models import AnonymousUser

    assert can_edit_organisation(AnonymousUser(), organisation.pk) is False
    assert can_edit_organisation(outsider, organisation.pk) is False
    assert can_edit_organisation(owner, organisation.pk) is True
    assert can_edit_organisation(coordinator, organisation.pk) is True


def test_requires_mfa_only_for_staff(owner, coordinator):
    assert requires_mfa(owner) is False
    assert requires_mfa(coordinator) is True


def test_superuser_gets_coordinator_role():
    user = User.objects.create_superuser("root@example.org", "Long-Password-2026")

    assert user.role == Role.COORDINATOR
    assert user.is_staff is True
