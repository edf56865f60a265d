"""The permission vocabulary: every predicate and decorator for the whole cast.

The cast: anonymous; an inactive coordinator and an inactive member editor
of ``organisation``; ``owner`` (member editor of ``organisation``);
``outsider`` (member editor of another organisation); ``coordinator``; and
a superuser without a role, who may use the admin and nothing else.
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.template import Context, Template
from django.test import RequestFactory

from accounts.permissions import (
    can_approve_minutes,
    can_edit_organisation,
    can_manage_body,
    coordinator_required,
    is_body_member,
    is_coordinator,
    is_member_area_user,
    is_member_editor,
    member_required,
    permission_required,
    require,
)
from accounts.tests.factories import CoordinatorFactory, UserFactory
from meetings.access import visible_bodies
from meetings.tests.factories import BodyFactory

pytestmark = pytest.mark.django_db

CAST = (
    "anonymous",
    "inactive_coordinator",
    "inactive_editor",
    "owner",
    "outsider",
    "coordinator",
    "superuser",
)


@pytest.fixture
def people(organisation, owner, outsider):
    return {
        "anonymous": AnonymousUser(),
        "inactive_coordinator": CoordinatorFactory(email="gone@example.org", is_active=False),
        "inactive_editor": UserFactory(
            organisation=organisation, email="left@example.org", is_active=False
        ),
        "owner": owner,
        "outsider": outsider,
        "coordinator": CoordinatorFactory(email="coordinator@example.org"),
        "superuser": UserFactory(
            email="root@example.org", role="", organisation=None, is_superuser=True
        ),
    }


def answers(predicate, people, *args) -> set[str]:
    """The names of the cast for whom ``predicate`` says yes."""
    return {name for name in CAST if predicate(people[name], *args)}


def test_is_coordinator_only_for_active_coordinators(people):
    assert answers(is_coordinator, people) == {"coordinator"}


def test_is_member_editor_only_for_active_member_editors(people):
    assert answers(is_member_editor, people) == {"owner", "outsider"}


def test_is_member_area_user_for_coordinators_and_member_editors(people):
    assert answers(is_member_area_user, people) == {"owner", "outsider", "coordinator"}


def test_can_edit_organisation_for_its_editor_and_coordinators(people, organisation):
    assert answers(can_edit_organisation, people, organisation.pk) == {"owner", "coordinator"}


def test_can_edit_organisation_without_organisation_only_for_coordinators(people):
    assert answers(can_edit_organisation, people, None) == {"coordinator"}


@pytest.fixture
def body(people, organisation):
    """Owner and the inactive editor are members; the outsider chairs it."""
    chair = people["outsider"]
    runner = UserFactory(organisation=organisation, email="runner@example.org")
    body = BodyFactory(chair=chair, coordinator=runner)
    body.members.add(people["owner"], people["inactive_editor"])
    people["runner"] = runner
    return body


BODY_CAST = (*CAST, "runner")


def body_answers(predicate, people, body) -> set[str]:
    return {name for name in BODY_CAST if predicate(people[name], body)}


def test_is_body_member_for_members_chair_coordinators(people, body):
    assert body_answers(is_body_member, people, body) == {
        "owner",
        "outsider",
        "runner",
        "coordinator",
    }


def test_is_body_member_agrees_with_visible_bodies(people, body):
    BodyFactory().members.add(people["owner"])

    for name in BODY_CAST:
        person = people[name]
        assert is_body_member(person, body) == visible_bodies(person).filter(pk=body.pk).exists()


def test_can_manage_body_for_its_coordinator_and_coordinators(people, body):
    assert body_answers(can_manage_body, people, body) == {"runner", "coordinator"}


def test_can_approve_minutes_also_for_the_chair(people, body):
    assert body_answers(can_approve_minutes, people, body) == {
        "outsider",
        "runner",
        "coordinator",
    }


def test_require_passes_when_allowed():
    assert require(True) is None


def test_require_answers_403_when_refused():
    with pytest.raises(PermissionDenied):
        require(False)


def view(request):
    return HttpResponse("ok")


def outcome(decorated, user) -> str:
    """What a view behind ``decorated`` answers ``user``: ok, login or 403."""
    request = RequestFactory().get("/somewhere/")
    request.user = user
    try:
        response = decorated(view)(request)
    except PermissionDenied:
        return "403"
    if response.status_code == 302:
        assert response.url == f"{resolve_url(settings.LOGIN_URL)}?next=/somewhere/"
        return "login"
    assert response.content == b"ok"
    return "ok"


def outcomes(decorated, people) -> dict[str, str]:
    return {name: outcome(decorated, people[name]) for name in CAST}


def test_member_required_lets_in_coordinators_and_member_editors(people):
    assert outcomes(member_required, people) == {
        "anonymous": "login",
        "inactive_coordinator": "403",
        "inactive_editor": "403",
        "owner": "ok",
        "outsider": "ok",
        "coordinator": "ok",
        "superuser": "403",
    }


def test_coordinator_required_lets_in_coordinators_only(people):
    assert outcomes(coordinator_required, people) == {
        "anonymous": "login",
        "inactive_coordinator": "403",
        "inactive_editor": "403",
        "owner": "403",
        "outsider": "403",
        "coordinator": "ok",
        "superuser": "403",
    }


def test_permission_required_asks_the_predicate(people):
    assert outcomes(permission_required(is_member_editor), people) == {
        "anonymous": "login",
        "inactive_coordinator": "403",
        "inactive_editor": "403",
        "owner": "ok",
        "outsider": "ok",
        "coordinator": "403",
        "superuser": "403",
    }


def test_decorated_view_keeps_its_name():
    assert coordinator_required(view).__name__ == "view"


def test_template_filters_are_the_predicates(people):
    template = Template(
        "{% load permissions %}"
        "{% if user|is_coordinator %}C{% endif %}"
        "{% if user|is_member_editor %}E{% endif %}"
        "{% if user|is_member_area_user %}M{% endif %}"
    )

    shown = {name: template.render(Context({"user": people[name]})) for name in CAST}

    assert shown == {
        "anonymous": "",
        "inactive_coordinator": "",
        "inactive_editor": "",
        "owner": "EM",
        "outsider": "EM",
        "coordinator": "CM",
        "superuser": "",
    }
