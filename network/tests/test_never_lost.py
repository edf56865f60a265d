"""Never lost: a submission while the mail server is down is stored, the failed
mail is visible, and it is delivered once the server is back."""

import socket

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from core.models import OutgoingMail
from core.tests.worker import run_worker
from directory.tests.factories import ContactFactory, TopicFactory
from network.models import HelpOffer, JoinRequest, Routing
from network.tests.factories import VolunteerNeedFactory
from network.tests.helpers import help_data, join_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_server_down(settings):
    """SMTP pointed at a local port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    return settings


def time_passes() -> None:
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def test_help_offer_while_the_mail_server_is_down_is_kept_and_delivered_later(
    client, coordinator, organisation, mail_server_down, django_capture_on_commit_callbacks
):
    topic = TopicFactory()
    VolunteerNeedFactory(organisation=organisation, topics=[topic])
    ContactFactory(organisation=organisation, email="kontakt@awo.example.org")
    with translation.override("ar"):
        form = reverse("network:help")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form, help_data([topic], email="karim@example.org"))
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        run_worker()

    # stored, routed, and the mails wait with their error
    assert HelpOffer.objects.count() == 1
    assert Routing.objects.get().organisation == organisation
    waiting = OutgoingMail.objects.filter(status=OutgoingMail.Status.QUEUED)
    assert sorted(waiting.values_list("to", flat=True)) == [
        "karim@example.org",
        "kontakt@awo.example.org",
    ]
    assert set(waiting.values_list("last_error", flat=True)) == {"ConnectionRefusedError"}
    assert mail.outbox == []

    # the coordinator sees the mails that could not be sent yet in the admin outbox
    client.force_login(coordinator)
    outbox = client.get(reverse("admin:core_outgoingmail_changelist"))
    assert outbox.status_code == 200
    assert "ConnectionRefusedError" in outbox.content.decode()

    # the server is back
    mail_server_down.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    time_passes()
    run_worker()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "karim@example.org",
        "kontakt@awo.example.org",
    ]
    assert OutgoingMail.objects.filter(status=OutgoingMail.Status.SENT).count() == 2


def test_join_request_while_the_mail_server_is_down_is_kept(
    client, mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:join"), join_data())
    with django_capture_on_commit_callbacks(execute=True):
        run_worker()
    assert JoinRequest.objects.count() == 1
    assert OutgoingMail.objects.get().attempts == 1

    mail_server_down.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    time_passes()
    run_worker()
    assert [message.to for message in mail.outbox] == [["amina@example.org"]]
