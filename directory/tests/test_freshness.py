"""Freshness: the dashboard of stale, incomplete and untranslated offers; reminders."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import OutgoingMail
from core.services import translation_save
from core.tests.worker import run_worker
from directory.enums import OfferStatus
from directory.freshness.selectors import months_before, translation_coverage
from directory.freshness.services import stale_reminders_send
from directory.models import OfferTranslation, OpeningHours
from directory.tests.factories import ContactFactory, OfferFactory, OfferLocationFactory

pytestmark = pytest.mark.django_db

URL = "/en/verwaltung/aktualitaet/"
TODAY = datetime.date(2026, 11, 26)
NOW = datetime.datetime(2026, 11, 26, 6, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 11, 26), 6, datetime.date(2026, 5, 26)),
        (datetime.date(2026, 8, 31), 6, datetime.date(2026, 2, 28)),
        (datetime.date(2028, 8, 31), 6, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 3, 15), 6, datetime.date(2025, 9, 15)),
        (datetime.date(2026, 1, 1), 13, datetime.date(2024, 12, 1)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


@pytest.fixture
def entries(organisation, other_organisation):
    """Offers of two organisations, fresh and stale, with and without contact and hours."""
    fresh = OfferFactory(organisation=organisation, name="Frisch", last_verified=TODAY)
    stale = OfferFactory(
        organisation=organisation, name="Alt", last_verified=datetime.date(2026, 1, 2)
    )
    never = OfferFactory(organisation=other_organisation, name="Nie geprüft", last_verified=None)
    OfferFactory(organisation=organisation, name="Eingestellt", status=OfferStatus.DEFUNCT)
    ContactFactory(organisation=organisation, public=True)
    ContactFactory(organisation=other_organisation, public=False)
    OpeningHours.objects.create(
        offer_location=OfferLocationFactory(offer=fresh, location__organisation=organisation),
        weekday=0,
        opens_at=datetime.time(9),
        closes_at=datetime.time(12),
    )
    return {"fresh": fresh, "stale": stale, "never": never}


def test_dashboard_needs_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_coordinator_sees_every_organisation(client, coordinator, entries):
    client.force_login(coordinator)
    content = client.get(URL).content.decode()

    assert "2 stale offers" in content
    assert "Alt" in content and "Nie geprüft" in content
    assert "1 offer without a public contact" in content  # only the other organisation's
    assert "2 offers without opening hours" in content
    assert "Eingestellt" not in content  # not public


def test_member_editor_sees_only_their_own_organisation(client, owner, outsider, entries):
    client.force_login(owner)
    content = client.get(URL).content.decode()
    assert "1 stale offer" in content
    assert "Alt" in content
    assert "Nie geprüft" not in content
    assert "0 offers without a public contact" in content

    client.force_login(outsider)
    content = client.get(URL).content.decode()
    assert "Nie geprüft" in content
    assert "Alt" not in content


def test_dashboard_query_count_does_not_grow_with_offers(client, coordinator, organisation):
    client.force_login(coordinator)
    client.get(URL)  # the first page in a language keeps it for the coordinator's e-mails

    def queries_for(count):
        for number in range(count):
            OfferFactory(organisation=organisation, name=f"Angebot {number}")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    assert queries_for(2) == queries_for(20)


def test_translation_coverage_counts_each_status(organisation):
    current = OfferFactory(organisation=organisation)
    outdated = OfferFactory(organisation=organisation)
    OfferFactory(organisation=organisation)  # no translation at all
    translation_save(source=current, language="en", values={"name": "Current"})
    translation_save(source=outdated, language="en", values={"name": "Outdated"})
    outdated.name = "Neuer Name"
    outdated.save()
    OfferTranslation.objects.filter(source=current, language="en").update(machine_translated=True)

    english = next(row for row in translation_coverage() if row.language == "en")
    ukrainian = next(row for row in translation_coverage() if row.language == "uk")

    assert english.counts == {"current": 1, "outdated": 1, "missing": 1}
    assert (english.machine, english.current_percent) == (1, 33)
    assert ukrainian.counts == {"current": 0, "outdated": 0, "missing": 3}


def test_reminders_go_to_the_editors_once_per_period(
    entries, owner, outsider, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert stale_reminders_send(now=NOW) == 2  # one editor in each organisation
    queued = {mail.to: mail for mail in OutgoingMail.objects.all()}
    assert set(queued) == {"owner@example.org", "outsider@example.org"}
    assert "Alt" in queued["owner@example.org"].body
    assert "Frisch" not in queued["owner@example.org"].body
    assert "/de/verwaltung/aktualitaet/" in queued["owner@example.org"].body

    later = NOW + datetime.timedelta(days=settings.DIRECTORY_REMINDER_PERIOD_DAYS - 1)
    assert stale_reminders_send(now=later) == 0
    after_period = NOW + datetime.timedelta(days=settings.DIRECTORY_REMINDER_PERIOD_DAYS + 1)
    entries["stale"].last_verified = after_period.date()  # confirmed in the meantime
    entries["stale"].save()
    assert stale_reminders_send(now=after_period) == 1  # only "Nie geprüft" is still stale
    assert OutgoingMail.objects.count() == 3


def test_offers_of_organisations_without_editors_are_not_marked_reminded(entries):
    assert stale_reminders_send(now=NOW) == 0

    entries["stale"].refresh_from_db()
    assert entries["stale"].reminded_at is None


def test_the_worker_sends_reminders_even_when_the_mail_server_was_down(
    entries, owner, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with django_capture_on_commit_callbacks(execute=True):
        run_worker()  # the daily run stores the reminder
    with django_capture_on_commit_callbacks(execute=True):
        run_worker()  # sending it fails: the server is down
    reminder = OutgoingMail.objects.get(purpose="stale-offer-reminder")
    assert (reminder.status, reminder.attempts) == (OutgoingMail.Status.QUEUED, 1)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(status="READY", task_path__endswith="deliver_mail").update(
        run_after=timezone.now()
    )
    run_worker()

    reminder.refresh_from_db()
    assert reminder.status == OutgoingMail.Status.SENT
    assert [message.to for message in mail.outbox] == [["owner@example.org"]]


def test_member_area_links_to_the_tools_each_role_may_use(client, owner, coordinator):
    client.force_login(owner)
    page = client.get(reverse("member:organisation", args=[owner.organisation_id])).content
    assert reverse("freshness:dashboard").encode() in page
    assert reverse("translating:overview").encode() in page
    assert reverse("network:member-home").encode() in page
    assert reverse("festival:my-events").encode() in page
    assert reverse("meetings:home").encode() in page
    assert reverse("meetings:actions").encode() in page
    assert reverse("exchange:index").encode() not in page

    client.force_login(coordinator)
    page = client.get(reverse("member:home")).content
    assert reverse("exchange:index").encode() in page
    assert reverse("admin:core_outgoingmail_changelist").encode() in page
    assert reverse("network:member-home").encode() in page
    assert reverse("festival:manage").encode() in page


def test_reminders_in_the_language_each_editor_uses(entries, owner, outsider):
    owner.language = "uk"
    owner.save(update_fields=["language"])

    stale_reminders_send(now=NOW)

    queued = {mail.to: mail.body for mail in OutgoingMail.objects.all()}
    assert "/uk/verwaltung/aktualitaet/" in queued["owner@example.org"]
    assert "/de/verwaltung/aktualitaet/" in queued["outsider@example.org"]
