"""The action-item board and the reminder mails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.models import OutgoingMail
from core.tests.worker import run_worker
from meetings.tasks import action_reminders_send
from meetings.tests.factories import ActionItemFactory, AgendaItemFactory, BodyFactory

pytestmark = pytest.mark.django_db


def en(url: str) -> str:
    return "/en/" + url.split("/", 2)[2]


@pytest.fixture
def actions(item, other_body, organisation, other_organisation, owner):
    today = timezone.localdate()
    elsewhere = AgendaItemFactory(meeting__body=other_body)
    return {
        "open": ActionItemFactory(item=item, title="Offen", responsible_organisation=organisation),
        "overdue": ActionItemFactory(
            item=item,
            title="Überfällig",
            due_date=today - timedelta(days=3),
            responsible_organisation=None,
            responsible_user=owner,
        ),
        "done": ActionItemFactory(
            item=item,
            title="Erledigt",
            done_at=timezone.now(),
            done_by=owner,
            responsible_organisation=other_organisation,
        ),
        "elsewhere": ActionItemFactory(item=elsewhere, title="Fremd"),
    }


def titles(response):
    return [action.title for action in response.context["actions"]]


def test_board_filters_by_state(client, owner, actions):
    client.force_login(owner)
    url = reverse("meetings:actions")
    assert titles(client.get(url)) == ["Überfällig", "Offen"]  # open is the default
    assert titles(client.get(url, {"status": "overdue"})) == ["Überfällig"]
    assert titles(client.get(url, {"status": "done"})) == ["Erledigt"]
    assert titles(client.get(url, {"status": "all"})) == ["Überfällig", "Offen", "Erledigt"]


def test_board_filters_by_body_and_organisation(
    client, coordinator, body, other_body, organisation, actions
):
    client.force_login(coordinator)
    url = reverse("meetings:actions")
    everything = {"status": "all"}
    assert titles(client.get(url, {**everything, "gremium": other_body.pk})) == ["Fremd"]
    by_org = titles(client.get(url, {**everything, "organisation": organisation.pk}))
    assert by_org == ["Überfällig", "Offen"]  # the owner's item counts for their organisation
    assert titles(client.get(url, {"gremium": "kaputt", "status": "kaputt"})) == [
        "Überfällig",
        "Offen",
        "Fremd",
        "Erledigt",
    ]


def test_board_shows_overdue_and_who_marked_done(client, owner, actions):
    client.force_login(owner)
    page = client.get(en(reverse("meetings:actions")), {"status": "all"}).content.decode()
    assert "<strong>overdue</strong>" in page
    assert f"done by {owner.name} on" in page


def test_marking_done_records_who_and_when(client, owner, actions):
    client.force_login(owner)
    action = actions["open"]
    assert client.post(reverse("meetings:action-done", args=[action.pk])).status_code == 302
    action.refresh_from_db()
    assert action.done_by == owner
    assert timezone.now() - action.done_at < timedelta(minutes=1)
    first = action.done_at
    client.post(reverse("meetings:action-done", args=[action.pk]))  # twice: unchanged
    action.refresh_from_db()
    assert action.done_at == first


def test_board_query_count_does_not_grow(client, owner, item, django_assert_max_num_queries):
    client.force_login(owner)
    ActionItemFactory(item=item)
    # 6, and the emergency numbers of the header (cold cache)
    with django_assert_max_num_queries(7):
        client.get(reverse("meetings:actions"))
    ActionItemFactory(item=item)
    ActionItemFactory(item=item, responsible_user=owner)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("meetings:actions"))
    assert len(response.context["actions"]) == 3


def test_reminders_before_and_on_the_due_date_once_per_stage(
    owner, colleague, item, organisation, settings, django_capture_on_commit_callbacks
):
    settings.MEETINGS_REMINDER_DAYS_BEFORE = 3
    settings.LANGUAGE_CODE = "en"  # mails are written in the site language
    today = timezone.localdate()
    soon = ActionItemFactory(
        item=item,
        title="Bald",
        due_date=today + timedelta(days=2),
        responsible_organisation=None,
        responsible_user=owner,
    )
    ActionItemFactory(item=item, title="Später", due_date=today + timedelta(days=10))
    ActionItemFactory(
        item=item, title="Fertig", due_date=today, done_at=timezone.now(), done_by=owner
    )
    by_org = ActionItemFactory(
        item=item, title="Heute", due_date=today, responsible_organisation=organisation
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert action_reminders_send(today=today) == 3  # Bald; Heute to owner and colleague
        assert action_reminders_send(today=today) == 0  # idempotent
    run_worker()
    sent = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert sent == [
        (colleague.email, "Due today: Heute"),
        (owner.email, "Due soon: Bald"),
        (owner.email, "Due today: Heute"),
    ]

    # on the due date of "Bald" the second stage goes out, once
    with django_capture_on_commit_callbacks(execute=True):
        assert action_reminders_send(today=soon.due_date) == 1
        assert action_reminders_send(today=soon.due_date) == 0
    assert OutgoingMail.objects.filter(purpose="meetings:reminder").count() == 4
    assert by_org.pk  # reminders never change the item itself


def test_the_reminder_task_is_registered_with_the_worker():
    from core.periodic import PERIODIC

    assert "meetings.tasks.action_reminders" in PERIODIC


def test_reminder_in_the_language_of_the_responsible_person(owner, item, settings):
    owner.language = "uk"
    owner.save(update_fields=["language"])
    ActionItemFactory(
        item=item,
        title="Heute",
        due_date=timezone.localdate(),
        responsible_organisation=None,
        responsible_user=owner,
    )
    assert action_reminders_send() == 1
    reminder = OutgoingMail.objects.get(to=owner.email)
    assert reminder.subject == "Термін виконання – сьогодні: Heute"
    assert "/uk/" in reminder.body


def test_board_offers_the_organisations_of_the_users_bodies_once(
    client, owner, body, other_body, organisation, other_organisation
):
    working_group = BodyFactory(name="Arbeitskreis", short_code="AK")
    working_group.members.add(owner)
    working_group.organisations.add(organisation)
    client.force_login(owner)

    response = client.get(reverse("meetings:actions"))

    assert list(response.context["organisations"]) == [organisation]
