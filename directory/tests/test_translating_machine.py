"""Machine translation of directory entries: requested on the page, done by the worker."""

import logging

import pytest
from django_tasks_db.models import DBTaskResult

from core.enums import TranslationStatus
from core.services import translation_save
from core.tests.translation_server import FakeTranslationServer
from core.tests.worker import run_worker
from directory.models import OfferTranslation, TopicTranslation
from directory.tasks import machine_translation_request
from directory.tests.factories import OfferFactory, TopicFactory
from directory.translating.kinds import TRANSLATABLE_KINDS
from directory.translating.services import _machine_store, fill_plan, machine_translation_fill

pytestmark = pytest.mark.django_db

TASK = "directory.tasks.machine_translate"
BUTTON = "Fill missing and outdated fields by machine translation"


def url(kind: str, key, lang: str = "en") -> str:
    return f"/en/verwaltung/uebersetzungen/{kind}/{key}/{lang}/"


def queued() -> list[dict]:
    return [
        result.args_kwargs["kwargs"]
        for result in DBTaskResult.objects.filter(task_path=TASK).order_by("enqueued_at")
    ]


@pytest.fixture
def server():
    with FakeTranslationServer() as fake:
        yield fake


@pytest.fixture
def libretranslate(settings, server):
    settings.MACHINE_TRANSLATION_PROVIDER = "libretranslate"
    settings.MACHINE_TRANSLATION_URL = server.url
    settings.MACHINE_TRANSLATION_TIMEOUT = 1
    return server


@pytest.fixture
def deepl(settings, server):
    settings.MACHINE_TRANSLATION_PROVIDER = "deepl"
    settings.MACHINE_TRANSLATION_URL = server.url
    settings.MACHINE_TRANSLATION_API_KEY = "key"
    settings.MACHINE_TRANSLATION_TIMEOUT = 1
    return server


@pytest.fixture
def offer(organisation):
    return OfferFactory(
        organisation=organisation,
        name="Sprachcafé",
        description="Jeden Montag.",
        eligibility="Für alle.",
    )


def request_machine_translation(client, offer, lang="en", capture=None):
    with capture(execute=True):
        return client.post(url("offer", offer.id, lang) + "maschinell/")


def test_the_request_only_queues_a_task_and_the_worker_fills_the_fields(
    client, owner, offer, libretranslate, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    assert BUTTON in client.get(url("offer", offer.id)).content.decode()

    response = request_machine_translation(
        client, offer, capture=django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    assert response["Location"] == url("offer", offer.id)
    assert queued() == [{"kind": "offer", "key": str(offer.id), "language": "en"}]
    assert libretranslate.requests == []  # nothing is translated inside the request
    assert not OfferTranslation.objects.exists()
    page = client.get(url("offer", offer.id)).content.decode()
    assert "is waiting for the background worker" in page

    run_worker()

    [sent] = libretranslate.requests
    assert sent.body["q"] == ["Sprachcafé", "Jeden Montag.", "Für alle."]
    row = OfferTranslation.objects.get(source=offer, language="en")
    assert (row.name, row.description, row.eligibility, row.cost) == (
        "[en] Sprachcafé",
        "[en] Jeden Montag.",
        "[en] Für alle.",
        "",
    )
    assert (row.machine_translated, row.status()) == (True, TranslationStatus.CURRENT)
    assert DBTaskResult.objects.get(task_path=TASK).status == "SUCCESSFUL"
    page = client.get(url("offer", offer.id)).content.decode()
    assert "The last machine translation ran at" in page
    assert page.count("machine translation, not yet confirmed") == 3
    overview = client.get("/en/verwaltung/uebersetzungen/", {"status": "machine"})
    assert "Sprachcafé" in overview.content.decode()


def test_a_person_confirming_the_text_removes_the_mark(
    client, owner, offer, libretranslate, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    request_machine_translation(client, offer, capture=django_capture_on_commit_callbacks)
    run_worker()
    row = OfferTranslation.objects.get()
    version = row.updated_at.isoformat()

    client.post(url("offer", offer.id), {"updated_at": version, "name": "Language café"})

    row.refresh_from_db()
    assert (row.name, row.description, row.machine_translated) == (
        "Language café",
        "[en] Jeden Montag.",
        False,
    )


def test_current_text_a_person_confirmed_is_never_overwritten(
    client, owner, offer, libretranslate, django_capture_on_commit_callbacks
):
    translation_save(source=offer, language="en", values={"name": "Language café"})
    client.force_login(owner)

    request_machine_translation(client, offer, capture=django_capture_on_commit_callbacks)
    run_worker()

    assert libretranslate.requests[0].body["q"] == ["Jeden Montag.", "Für alle."]
    row = OfferTranslation.objects.get()
    assert (row.name, row.description, row.eligibility) == (
        "Language café",
        "[en] Jeden Montag.",
        "[en] Für alle.",
    )


def test_an_outdated_translation_is_translated_anew(
    client, owner, offer, libretranslate, django_capture_on_commit_callbacks
):
    translation_save(
        source=offer,
        language="en",
        values={"name": "Language café", "description": "Mondays.", "eligibility": "All."},
    )
    offer.description = "Jeden Dienstag."
    offer.eligibility = ""
    offer.save()
    client.force_login(owner)

    request_machine_translation(client, offer, capture=django_capture_on_commit_callbacks)
    run_worker()

    # Only the outdated field is translated anew; the current name stays.
    assert libretranslate.requests[0].body["q"] == ["Jeden Dienstag."]
    row = OfferTranslation.objects.get()
    assert (row.name, row.description, row.eligibility) == (
        "Language café",
        "[en] Jeden Dienstag.",
        "",  # its German text is gone
    )
    assert row.status() == TranslationStatus.CURRENT


def test_a_complete_current_translation_needs_no_request(offer, libretranslate):
    translation_save(
        source=offer,
        language="en",
        values={"name": "Café", "description": "Mondays.", "eligibility": "All."},
    )
    assert (
        machine_translation_fill(kind=TRANSLATABLE_KINDS["offer"], key=str(offer.id), language="en")
        == []
    )
    assert libretranslate.requests == []


def test_a_person_saving_during_the_translation_wins(offer, libretranslate):
    plan = fill_plan(offer, "en")
    translation_save(source=offer, language="en", values={"name": "Language café"})
    stale = OfferFactory._meta.model.objects.prefetch_related("translations").get(pk=offer.pk)

    written = _machine_store(
        kind=TRANSLATABLE_KINDS["offer"],
        source=stale,
        language="en",
        plan=plan,
        values={"name": "[en] X"},
    )

    assert written == []
    row = OfferTranslation.objects.get()
    assert (row.name, row.machine_translated) == ("Language café", False)


def test_a_machine_translated_offer_name_is_found_by_the_search(
    client, owner, offer, libretranslate, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    request_machine_translation(client, offer, capture=django_capture_on_commit_callbacks)
    run_worker()

    response = client.get("/en/suche/", {"q": "Sprachcafé"})
    assert "[en] Sprachcafé" in response.content.decode()


def test_the_coordinator_machine_translates_a_topic(
    client, coordinator, owner, deepl, django_capture_on_commit_callbacks
):
    topic = TopicFactory(name="Wohnen", keywords="Wohnung\nMiete")
    client.force_login(owner)
    assert client.post(url("topic", topic.pk, "uk") + "maschinell/").status_code == 403
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("topic", topic.pk, "uk") + "maschinell/")
    run_worker()

    [sent] = deepl.requests
    assert sent.headers["Authorization"] == "DeepL-Auth-Key key"
    assert sent.body == {
        "text": ["Wohnen", "Wohnung\nMiete"],
        "source_lang": "DE",
        "target_lang": "UK",
    }
    row = TopicTranslation.objects.get()
    assert (row.name, row.keywords, row.machine_translated) == (
        "[UK] Wohnen",
        "[UK] Wohnung\nMiete",
        True,
    )


# --- failures ------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["error", "slow", "wrong-count", "not-json"])
def test_a_failing_service_fails_the_task_visibly_and_writes_nothing(
    client, owner, offer, libretranslate, django_capture_on_commit_callbacks, caplog, mode
):
    translation_save(source=offer, language="en", values={"name": "Language café"})
    offer.name = "Sprachcafé am Markt"
    offer.save()
    libretranslate.mode = mode
    client.force_login(owner)

    request_machine_translation(client, offer, capture=django_capture_on_commit_callbacks)
    with caplog.at_level(logging.INFO):
        run_worker()

    result = DBTaskResult.objects.get(task_path=TASK)
    assert result.status == "FAILED"
    assert result.exception_class_path == "core.machine_translation.MachineTranslationError"
    row = OfferTranslation.objects.get()
    assert (row.name, row.description, row.machine_translated) == ("Language café", "", False)
    assert row.status() == TranslationStatus.OUTDATED
    assert "machine translation of offer" in caplog.text
    for text in ("Sprachcafé", "Jeden Montag", "Für alle", "Language café"):
        assert text not in caplog.text
        assert text not in result.traceback
    page = client.get(url("offer", offer.id)).content.decode()
    assert "failed; nothing was changed" in page


def test_a_translation_too_long_for_its_field_fails_and_writes_nothing(
    offer, libretranslate, django_capture_on_commit_callbacks
):
    offer.name = "N" * 196  # "[en] " makes it 201 characters
    offer.save()
    with django_capture_on_commit_callbacks(execute=True):
        machine_translation_request(kind=TRANSLATABLE_KINDS["offer"], source=offer, language="en")
    run_worker()

    result = DBTaskResult.objects.get(task_path=TASK)
    assert result.status == "FAILED"
    assert "does not fit the field(s) name" in result.traceback
    assert not OfferTranslation.objects.exists()


def test_deepl_cannot_translate_into_farsi_and_says_so(
    client, owner, offer, deepl, django_capture_on_commit_callbacks
):
    client.force_login(owner)

    page = client.get(url("offer", offer.id, "fa")).content.decode()
    assert "DeepL cannot translate into Persian. Please translate this language by hand." in page
    assert BUTTON not in page

    response = request_machine_translation(
        client, offer, "fa", capture=django_capture_on_commit_callbacks
    )
    assert response.status_code == 400
    assert "Machine translation could not be requested for this language." in (
        response.content.decode()
    )
    assert queued() == []


def test_when_machine_translation_is_off_there_is_nothing_to_request(
    client, owner, offer, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    response = request_machine_translation(
        client, offer, capture=django_capture_on_commit_callbacks
    )
    assert response.status_code == 404
    assert queued() == []


def test_a_task_queued_before_it_was_turned_off_fails(
    client, owner, offer, libretranslate, settings, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    request_machine_translation(client, offer, capture=django_capture_on_commit_callbacks)
    settings.MACHINE_TRANSLATION_PROVIDER = ""

    run_worker()

    assert DBTaskResult.objects.get(task_path=TASK).status == "FAILED"
    assert not OfferTranslation.objects.exists()


# --- who may request it ------------------------------------------------------------


def test_anonymous_and_other_organisations_cannot_request_it(
    client, outsider, offer, libretranslate, django_capture_on_commit_callbacks
):
    response = request_machine_translation(
        client, offer, capture=django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/en/konto/login/")

    client.force_login(outsider)
    response = request_machine_translation(
        client, offer, capture=django_capture_on_commit_callbacks
    )
    assert response.status_code == 404
    assert queued() == []


def test_the_coordinator_requests_it_for_any_organisation(
    client, coordinator, offer, libretranslate, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    response = request_machine_translation(
        client, offer, "ar", capture=django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert queued() == [{"kind": "offer", "key": str(offer.id), "language": "ar"}]


@pytest.mark.parametrize("lang", ["de", "xx"])
def test_the_source_language_and_unknown_languages_are_not_found(
    client, owner, offer, libretranslate, django_capture_on_commit_callbacks, lang
):
    client.force_login(owner)
    response = request_machine_translation(
        client, offer, lang, capture=django_capture_on_commit_callbacks
    )
    assert response.status_code == 404
    assert queued() == []


def test_the_request_must_be_a_post(client, owner, offer, libretranslate):
    client.force_login(owner)
    assert client.get(url("offer", offer.id) + "maschinell/").status_code == 405
    assert queued() == []


def test_a_line_break_from_the_service_is_folded_in_one_line_fields_only(offer, libretranslate):
    """One-line fields refuse line breaks (issue 14 item 4); a service answering
    with one must not make the whole translation fail."""
    libretranslate.mode = "line-breaks"

    written = machine_translation_fill(
        kind=TRANSLATABLE_KINDS["offer"], key=str(offer.id), language="en"
    )

    row = OfferTranslation.objects.get(source=offer, language="en")
    assert "name" in written
    assert row.name == "[en] Sprachcafé"
    assert row.description == "[en]\r\nJeden Montag."
