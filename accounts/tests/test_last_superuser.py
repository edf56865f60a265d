"""Nobody takes away the last active superuser (issue 14 item 1).

Demoting, deactivating or deleting the only active superuser is refused
with a translated error, in the admin's forms, its bulk action and the
services, and nothing is saved.
"""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from accounts.enums import Role
from accounts.models import User
from accounts.services import LAST_SUPERUSER, user_delete, user_update
from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def superuser(email: str) -> User:
    user = User.objects.create_superuser(email, PASSWORD, name=email.split("@")[0])
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def root():
    return superuser("root@example.org")


def change(client, user: User, **changes):
    data = {
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "organisation": "",
        "is_active": "on",
        "is_superuser": "on",
        "_save": "Save",
    }
    data.update(changes)
    data = {key: value for key, value in data.items() if value is not None}
    return client.post(reverse("admin:accounts_user_change", args=[user.pk]), data)


def test_last_superuser_cannot_demote_themselves(client, root):
    client.force_login(root)

    response = change(client, root, is_superuser=None)

    assert response.status_code == 200
    assert escape(str(LAST_SUPERUSER)) in response.content.decode()
    root.refresh_from_db()
    assert root.is_superuser


def test_last_superuser_cannot_deactivate_themselves(client, root):
    client.force_login(root)

    response = change(client, root, is_active=None)

    assert response.status_code == 200
    assert escape(str(LAST_SUPERUSER)) in response.content.decode()
    root.refresh_from_db()
    assert root.is_active


def test_last_superuser_cannot_be_deleted_in_the_admin(client, root):
    client.force_login(root)

    response = client.post(
        reverse("admin:accounts_user_delete", args=[root.pk]), {"post": "yes"}, follow=True
    )

    assert response.status_code == 200
    assert escape(str(LAST_SUPERUSER)) in response.content.decode()
    assert User.objects.filter(pk=root.pk).exists()


def test_last_superuser_cannot_be_deleted_by_the_bulk_action(client, root):
    other = User.objects.create_user("gone@example.org", role=Role.COORDINATOR)
    client.force_login(root)

    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {
            "action": "delete_selected",
            ACTION_CHECKBOX_NAME: [str(root.pk), str(other.pk)],
            "post": "yes",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert escape(str(LAST_SUPERUSER)) in response.content.decode()
    assert User.objects.filter(pk__in=[root.pk, other.pk]).count() == 2


def test_a_superuser_may_demote_another_while_one_remains(client, root):
    second = superuser("second@example.org")
    client.force_login(root)

    response = change(client, second, is_superuser=None)

    assert response.status_code == 302
    second.refresh_from_db()
    assert not second.is_superuser


def test_services_refuse_to_remove_the_last_superuser(root):
    for call in (
        lambda: user_update(user=root, data={"is_superuser": False}, by=root),
        lambda: user_update(user=root, data={"is_active": False}, by=root),
        lambda: user_delete(user=root, by=root),
    ):
        with pytest.raises(ValidationError):
            call()
    root.refresh_from_db()
    assert (root.is_superuser, root.is_active) == (True, True)


def test_an_inactive_superuser_does_not_count(root):
    User.objects.create_superuser("asleep@example.org", PASSWORD, is_active=False)

    with pytest.raises(ValidationError):
        user_update(user=root, data={"is_superuser": False}, by=root)
