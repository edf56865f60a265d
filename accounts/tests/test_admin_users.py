"""The admin's user pages: who may change which account (issue 14 item 1).

The cast: anonymous; ``owner`` (member editor); ``coordinator``; a second
coordinator ``colleague``; ``root``, a superuser. Only superusers change
accounts that open the admin (coordinators and superusers); coordinators
change member editors' accounts and may not make anyone staff.
"""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from accounts.enums import Role
from accounts.models import User
from accounts.tests.factories import PASSWORD, CoordinatorFactory
from core.models import OutgoingMail

pytestmark = pytest.mark.django_db


@pytest.fixture
def root():
    user = User.objects.create_superuser("root@example.org", PASSWORD, name="Root")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def fresh_root():
    """A superuser as ``createsuperuser`` leaves it: no allauth address, no TOTP yet."""
    return User.objects.create_superuser("fresh@example.org", PASSWORD)


@pytest.fixture
def colleague():
    user = CoordinatorFactory(email="colleague@example.org", name="Colleague")
    TOTP.activate(user, generate_totp_secret())
    return user


def change_url(user: User) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


def form_data(user: User, **changes) -> dict:
    """The admin change form of ``user`` as it is, with ``changes``."""
    data = {
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "organisation": str(user.organisation_id or ""),
        "is_active": "on" if user.is_active else "",
        "_save": "Save",
    }
    if user.is_superuser:
        data["is_superuser"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# --- The attack: a coordinator takes over a superuser's or a colleague's account ---


def test_coordinator_cannot_change_a_superusers_email(client, coordinator, root):
    client.force_login(coordinator)

    response = client.post(change_url(root), form_data(root, email="evil@example.org"))

    assert response.status_code == 403
    root.refresh_from_db()
    assert root.email == "root@example.org"
    assert not EmailAddress.objects.filter(email="evil@example.org").exists()
    assert not OutgoingMail.objects.filter(to="evil@example.org").exists()


def test_coordinator_cannot_change_or_deactivate_another_coordinator(
    client, coordinator, colleague
):
    client.force_login(coordinator)

    response = client.post(
        change_url(colleague),
        form_data(colleague, email="evil@example.org", is_active=None),
    )

    assert response.status_code == 403
    colleague.refresh_from_db()
    assert (colleague.email, colleague.is_active) == ("colleague@example.org", True)


def test_coordinator_sees_staff_accounts_read_only(client, coordinator, root, colleague):
    client.force_login(coordinator)

    for account in (root, colleague, coordinator):
        response = client.get(change_url(account))
        assert response.status_code == 200
        assert 'name="email"' not in response.content.decode()


def test_coordinator_cannot_delete_a_superuser(client, coordinator, fresh_root):
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:accounts_user_delete", args=[fresh_root.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert User.objects.filter(pk=fresh_root.pk).exists()


def test_coordinator_cannot_delete_staff_through_the_bulk_action(client, coordinator, fresh_root):
    client.force_login(coordinator)
    bare_colleague = User.objects.create_user("bare@example.org", role=Role.COORDINATOR)

    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {
            "action": "delete_selected",
            ACTION_CHECKBOX_NAME: [str(bare_colleague.pk), str(fresh_root.pk)],
            "post": "yes",
        },
    )

    assert response.status_code == 403
    assert User.objects.filter(pk__in=[bare_colleague.pk, fresh_root.pk]).count() == 2


def test_coordinator_cannot_make_a_member_editor_coordinator(client, coordinator, owner):
    client.force_login(coordinator)

    response = client.post(change_url(owner), form_data(owner, role=Role.COORDINATOR))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["role"]
    owner.refresh_from_db()
    assert owner.role == Role.MEMBER_EDITOR
    assert not owner.is_staff


def test_coordinator_cannot_make_anyone_superuser(client, coordinator, owner):
    client.force_login(coordinator)

    client.post(change_url(owner), form_data(owner, is_superuser="on"))

    owner.refresh_from_db()
    assert not owner.is_superuser


def test_coordinator_cannot_create_a_coordinator(client, coordinator):
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:accounts_user_add"),
        {"email": "new@example.org", "name": "New", "role": Role.COORDINATOR, "is_active": "on"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["role"]
    assert not User.objects.filter(email="new@example.org").exists()


def test_coordinator_changes_a_member_editors_name(client, coordinator, owner):
    client.force_login(coordinator)

    response = client.post(change_url(owner), form_data(owner, name="Neuer Name"))

    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.name == "Neuer Name"


def test_superuser_changes_a_coordinator(client, root, colleague):
    client.force_login(root)

    response = client.post(change_url(colleague), form_data(colleague, is_active=None))

    assert response.status_code == 302
    colleague.refresh_from_db()
    assert not colleague.is_active


def test_coordinator_cannot_open_the_email_addresses_of_the_admin(client, coordinator, root):
    client.force_login(coordinator)
    address = EmailAddress.objects.get(user=root)

    response = client.get(reverse("admin:account_emailaddress_change", args=[address.pk]))

    assert response.status_code == 403


# --- Who opens the user pages ---


def test_user_pages_anonymous_go_to_login(client, owner):
    for url in (reverse("admin:accounts_user_changelist"), change_url(owner)):
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


def test_user_pages_refused_to_member_editors(client, owner, outsider):
    client.force_login(outsider)

    for url in (reverse("admin:accounts_user_changelist"), change_url(owner)):
        assert client.get(url, follow=True).status_code == 403
    response = client.post(change_url(owner), form_data(owner, email="x@example.org"), follow=True)
    assert response.status_code == 403
    owner.refresh_from_db()
    assert owner.email == "owner@example.org"


def test_user_pages_for_coordinator_and_superuser(client, coordinator, root, owner):
    for person in (coordinator, root):
        client.force_login(person)
        assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
        page = client.get(change_url(owner))
        assert page.status_code == 200
        assert 'name="email"' in page.content.decode()
    page = client.get(change_url(coordinator))
    assert 'name="email"' in page.content.decode()  # a superuser changes coordinators
