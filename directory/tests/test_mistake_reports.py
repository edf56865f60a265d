"""Reports of mistakes: the anonymous form, the editors' mail, the freshness page, done, deleted."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import UserFactory
from core.models import ChangeSet, OutgoingMail
from core.periodic import PERIODIC
from core.spam import started_token
from core.tests.worker import run_worker
from directory.enums import MembershipStatus, MistakeTopic, OfferStatus, ReportStatus
from directory.freshness.reports import done_reports_delete, mistake_report_submit
from directory.models import MistakeReport
from directory.models.reports import MESSAGE_MAX_LENGTH
from directory.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/en/verwaltung/aktualitaet/"


@pytest.fixture
def offer(organisation):
    return OfferFactory(organisation=organisation, name="Migrationsberatung")


def report_url(offer, language="en"):
    with translation.override(language):
        return reverse("directory:offer-report", args=[offer.id])


def report_data(**overrides) -> dict:
    data = {
        "topic": "hours",
        "message": "Dienstags ist jetzt bis 16 Uhr geöffnet.",
        "homepage": "",
        "started": started_token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_form_says_no_name_or_address_is_asked(client, offer):
    with translation.override("en"):
        response = client.get(report_url(offer))
    content = response.content.decode()

    assert response.status_code == 200
    assert "We do not ask for your name or e-mail address" in content
    assert 'name="email"' not in content and 'name="name"' not in content
    assert 'class="form-trap" aria-hidden="true"' in content


def test_the_offer_page_links_to_the_form(client, offer):
    content = client.get(f"/en/angebote/{offer.id}/").content.decode()

    assert f'href="{report_url(offer)}"' in content
    assert "Report a mistake" in content


def test_an_anonymous_report_is_stored_and_mailed_to_the_owning_editors_only(
    client, offer, owner, outsider, coordinator
):
    colleague = UserFactory(organisation=offer.organisation, email="colleague@example.org")
    UserFactory(organisation=offer.organisation, email="gone@example.org", is_active=False)

    response = client.post(report_url(offer), report_data())

    assert response.status_code == 302
    assert response["Location"] == f"/en/angebote/{offer.id}/"
    report = MistakeReport.objects.get()
    assert (report.offer, report.topic, report.status) == (offer, "hours", ReportStatus.OPEN)
    assert report.message == "Dienstags ist jetzt bis 16 Uhr geöffnet."
    mails = OutgoingMail.objects.filter(purpose="mistake-report").order_by("to")
    assert [mail.to for mail in mails] == [colleague.email, owner.email]
    body = mails[0].body
    assert "Migrationsberatung" in mails[0].subject
    assert "/verwaltung/aktualitaet/" in body
    assert "Dienstags" not in body  # the text waits on the freshness page, not in mailboxes
    followed = client.get(response["Location"])
    assert "Thank you. The organisation will check the offer." in followed.content.decode()


def test_the_mail_is_in_each_editors_language(client, offer, owner):
    owner.language = "ar"
    owner.save()

    client.post(report_url(offer), report_data(topic="address"))

    mail = OutgoingMail.objects.get(purpose="mistake-report")
    with translation.override("ar"):
        assert str(MistakeTopic.ADDRESS.label) in mail.body


def test_without_editors_the_report_waits_for_the_coordinators(client, offer, coordinator):
    assert client.post(report_url(offer), report_data()).status_code == 302

    assert MistakeReport.objects.count() == 1
    assert OutgoingMail.objects.count() == 0
    client.force_login(coordinator)
    assert "1 open report of a mistake" in client.get(DASHBOARD).content.decode()


@pytest.mark.parametrize(("language", "queries"), [("de", 6), ("en", 8)])
def test_the_form_page_query_count_is_bounded(
    client, offer, django_assert_max_num_queries, language, queries
):
    url = report_url(offer, language)
    client.get(url)  # fills the taxonomy cache, as any earlier visit does

    with django_assert_max_num_queries(queries):
        assert client.get(url).status_code == 200


def test_the_report_stores_nothing_about_the_sender(client, offer, owner):
    client.post(
        report_url(offer), report_data(), REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Bot/1.0"
    )

    report = MistakeReport.objects.get()
    stored = str(MistakeReport.objects.filter(pk=report.pk).values().get())
    assert "203.0.113.7" not in stored and "Bot/1.0" not in stored
    change_set = ChangeSet.objects.get(action="directory.report.submit")
    assert change_set.actor is None
    assert "Dienstags" not in str([change.fields for change in change_set.changes.all()])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"topic": None, "message": None}, "Please choose what is wrong."),
        ({"message": ""}, "Please tell us briefly what is wrong."),
        ({"message": "x" * (MESSAGE_MAX_LENGTH + 1)}, "Please use at most 1000 characters."),
        ({"topic": "weather"}, "Please choose one of the listed answers."),
        ({"message": "Falsch\x00"}, "Control characters are not allowed."),
        ({"homepage": "http://spam.example"}, "Please leave the last field empty."),
        ({"started": "forged"}, "This form has expired."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(client, offer, owner, data, message):
    response = client.post(report_url(offer), report_data(**data))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert MistakeReport.objects.count() == 0
    assert OutgoingMail.objects.count() == 0


def test_bad_input_is_explained_in_german(client, offer):
    response = client.post(report_url(offer, "de"), report_data(message=""))

    assert response.status_code == 400
    assert 'lang="de"' in response.content.decode()


def test_reports_are_rate_limited(client, offer, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(report_url(offer), report_data()).status_code == 302

    response = client.post(report_url(offer), report_data())

    assert response.status_code == 429
    assert "Too many requests were sent." in response.content.decode()
    assert MistakeReport.objects.count() == 2


@pytest.mark.parametrize("status", [OfferStatus.INACTIVE, OfferStatus.DEFUNCT])
def test_a_hidden_offer_cannot_be_reported(client, offer, status):
    offer.status = status
    offer.save()

    assert client.get(report_url(offer)).status_code == 404
    assert client.post(report_url(offer), report_data()).status_code == 404
    assert MistakeReport.objects.count() == 0


def test_an_offer_of_an_unpublished_member_cannot_be_reported(client, offer):
    offer.organisation.membership_status = MembershipStatus.FORMER
    offer.organisation.save()

    assert client.post(report_url(offer), report_data()).status_code == 404


def test_an_unknown_offer_cannot_be_reported(client):
    url = "/en/angebote/00000000-0000-0000-0000-000000000000/fehler-melden/"

    assert client.post(url, report_data()).status_code == 404


def test_other_methods_are_refused(client, offer):
    assert client.put(report_url(offer)).status_code == 405


# --- the freshness page ----------------------------------------------------


@pytest.fixture
def report(offer):
    return mistake_report_submit(offer=offer, topic="gone", message="Gibt es nicht mehr.")


def test_owner_and_coordinator_see_the_report(client, report, owner, coordinator):
    for user in (owner, coordinator):
        client.force_login(user)
        content = client.get(DASHBOARD).content.decode()
        assert "1 open report of a mistake" in content, user
        assert "Gibt es nicht mehr." in content
        assert f'data-report="{report.pk}"' in content


def test_another_organisations_member_does_not_see_the_report(client, report, outsider):
    client.force_login(outsider)
    content = client.get(DASHBOARD).content.decode()

    assert "0 open reports of mistakes" in content
    assert "Gibt es nicht mehr." not in content


def test_the_freshness_page_needs_a_login(client, report):
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_freshness_page_query_count_does_not_grow_with_reports(
    client, coordinator, offer, django_assert_max_num_queries
):
    client.force_login(coordinator)
    client.get(DASHBOARD)
    mistake_report_submit(offer=offer, topic="other", message="Eins")
    with django_assert_max_num_queries(30) as captured:
        client.get(DASHBOARD)
    few = len(captured)
    for number in range(10):
        other = OfferFactory(name=f"Angebot {number}")
        mistake_report_submit(offer=other, topic="other", message=f"Meldung {number}")

    with django_assert_max_num_queries(few):
        assert client.get(DASHBOARD).status_code == 200


def done_url(report):
    return f"/en/verwaltung/aktualitaet/meldungen/{report.pk}/erledigt/"


def test_anonymous_cannot_mark_done(client, report):
    response = client.post(done_url(report))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN


def test_another_organisations_member_gets_404(client, report, outsider):
    client.force_login(outsider)

    assert client.post(done_url(report)).status_code == 404
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN


def test_a_deactivated_editor_of_the_organisation_is_refused(client, report, owner):
    client.force_login(owner)
    owner.is_active = False
    owner.save()

    response = client.post(done_url(report))

    assert response.status_code in (302, 403)
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN


@pytest.mark.parametrize("who", ["owner", "coordinator"])
def test_owner_and_coordinator_mark_done(client, report, who, request):
    user = request.getfixturevalue(who)
    client.force_login(user)

    response = client.post(done_url(report))

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.closed_by) == (ReportStatus.DONE, user)
    assert report.closed_at is not None
    change_set = ChangeSet.objects.get(action="directory.report.close")
    assert change_set.actor == user
    change = change_set.changes.get()
    assert change.fields["status"] == ["open", "done"]
    content = client.get(DASHBOARD).content.decode()
    assert "The report was marked as done." in content
    assert "Gibt es nicht mehr." not in content


def test_marking_done_twice_changes_nothing_more(client, report, owner):
    client.force_login(owner)
    client.post(done_url(report))
    client.post(done_url(report))

    assert ChangeSet.objects.filter(action="directory.report.close").count() == 1


def test_mark_done_needs_post(client, report, owner):
    client.force_login(owner)

    assert client.get(done_url(report)).status_code == 405


def test_an_unknown_report_is_404(client, owner):
    client.force_login(owner)

    assert client.post("/en/verwaltung/aktualitaet/meldungen/999/erledigt/").status_code == 404


# --- retention -----------------------------------------------------------------


def test_done_reports_are_deleted_after_the_retention_period(client, offer, owner, settings):
    settings.DIRECTORY_REPORT_RETENTION_MONTHS = 12
    start = datetime.datetime(2026, 1, 10, 9, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        done = mistake_report_submit(offer=offer, topic="other", message="Erledigt")
        still_open = mistake_report_submit(offer=offer, topic="other", message="Offen")
        client.force_login(owner)
        client.post(done_url(done))

    assert done_reports_delete(now=start + datetime.timedelta(days=360)) == 0
    assert done_reports_delete(now=start + datetime.timedelta(days=370)) == 1

    assert list(MistakeReport.objects.all()) == [still_open]
    change_set = ChangeSet.objects.get(action="directory.report.retention")
    assert change_set.actor is None


def test_retention_runs_as_a_periodic_task(offer):
    name = "directory.tasks.done_reports_retention"
    assert name in PERIODIC
    report = mistake_report_submit(offer=offer, topic="other", message="Alt")
    MistakeReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.DONE, closed_at=timezone.now() - datetime.timedelta(days=800)
    )

    PERIODIC[name][0].enqueue()
    run_worker()

    assert MistakeReport.objects.count() == 0
