"""Machine translation: LibreTranslate and DeepL against a local fake server."""

import socket

import pytest
from django.core.exceptions import ImproperlyConfigured

from core import machine_translation
from core.machine_translation import (
    DeepL,
    LibreTranslate,
    MachineTranslationError,
    provider,
    translate,
)
from core.tests.translation_server import FakeTranslationServer

SECRET = "Wohnung für Familie Nowak"  # a text that must never show in an error


@pytest.fixture
def server():
    with FakeTranslationServer() as fake:
        yield fake


@pytest.fixture
def libretranslate(settings, server):
    settings.MACHINE_TRANSLATION_PROVIDER = "libretranslate"
    settings.MACHINE_TRANSLATION_URL = server.url + "/"
    settings.MACHINE_TRANSLATION_API_KEY = "libre-key"
    settings.MACHINE_TRANSLATION_TIMEOUT = 1
    return server


@pytest.fixture
def deepl(settings, server):
    settings.MACHINE_TRANSLATION_PROVIDER = "deepl"
    settings.MACHINE_TRANSLATION_URL = server.url
    settings.MACHINE_TRANSLATION_API_KEY = "deepl-key:fx"
    settings.MACHINE_TRANSLATION_TIMEOUT = 1
    return server


def test_machine_translation_is_off_by_default(settings):
    assert settings.MACHINE_TRANSLATION_PROVIDER == ""
    assert provider() is None
    with pytest.raises(MachineTranslationError, match="turned off"):
        translate(["Hallo"], "de", "en")


def test_libretranslate_sends_all_texts_in_one_request_and_keeps_their_order(libretranslate):
    assert isinstance(provider(), LibreTranslate)

    result = translate(["Beratung", "Wohnung <b>suchen</b>"], "de", "uk")

    assert result == ["[uk] Beratung", "[uk] Wohnung <b>suchen</b>"]
    [request] = libretranslate.requests
    assert request.path == "/translate"
    assert request.headers["Content-Type"] == "application/json"
    assert request.body == {
        "q": ["Beratung", "Wohnung <b>suchen</b>"],
        "source": "de",
        "target": "uk",
        "format": "text",
        "api_key": "libre-key",
    }


def test_libretranslate_without_key_sends_none(libretranslate, settings):
    settings.MACHINE_TRANSLATION_API_KEY = ""
    translate(["Beratung"], "de", "ar")
    assert "api_key" not in libretranslate.requests[0].body


def test_deepl_uses_its_own_language_codes_and_key_header(deepl):
    assert isinstance(provider(), DeepL)

    assert translate(["Beratung", "Kurs"], "de", "en") == ["[EN-GB] Beratung", "[EN-GB] Kurs"]
    assert translate(["Beratung"], "de", "uk") == ["[UK] Beratung"]

    first, second = deepl.requests
    assert first.path == "/v2/translate"
    assert first.headers["Authorization"] == "DeepL-Auth-Key deepl-key:fx"
    assert first.body == {"text": ["Beratung", "Kurs"], "source_lang": "DE", "target_lang": "EN-GB"}
    assert second.body["target_lang"] == "UK"


def test_deepl_translates_into_our_languages_but_farsi(deepl):
    service = provider()
    supported = {
        code: service.supports(code) for code in ["en", "uk", "ru", "ar", "tr", "vi", "fa"]
    }

    assert supported == {
        "en": True,
        "uk": True,
        "ru": True,
        "ar": True,
        "tr": True,
        "vi": True,
        "fa": False,
    }
    with pytest.raises(MachineTranslationError, match="does not translate into “fa”"):
        translate(["Beratung"], "de", "fa")
    assert deepl.requests == []


def test_libretranslate_is_asked_for_every_language(libretranslate):
    assert all(provider().supports(code) for code in ["en", "uk", "ru", "ar", "fa", "tr", "vi"])


def test_no_texts_no_request(libretranslate):
    assert translate([], "de", "en") == []
    assert libretranslate.requests == []


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("error", "answered with HTTP status 500"),
        ("forbidden", "answered with HTTP status 403"),
        ("not-json", "not JSON"),
        ("wrong-count", "sent 1 translations for 2 texts"),
        ("no-translations", "without translations"),
        ("redirect", "answered with HTTP status 302"),
    ],
)
@pytest.mark.parametrize("service", ["libretranslate", "deepl"])
def test_bad_answers_raise_a_clear_error_without_the_text(request, service, mode, message):
    server = request.getfixturevalue(service)
    server.mode = mode

    with pytest.raises(MachineTranslationError, match=message) as raised:
        translate([SECRET, "Kurs"], "de", "en")

    assert SECRET not in str(raised.value)
    assert raised.value.__cause__ is None  # nothing of the answer is chained on
    assert len(server.requests) == 1  # a redirect is not followed


def test_a_slow_service_times_out(libretranslate):
    libretranslate.mode = "slow"
    with pytest.raises(MachineTranslationError, match="did not answer within 1 seconds"):
        translate([SECRET], "de", "en")


def test_a_service_that_is_down_is_an_error(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.MACHINE_TRANSLATION_PROVIDER = "libretranslate"
    settings.MACHINE_TRANSLATION_URL = f"http://127.0.0.1:{port}"

    with pytest.raises(MachineTranslationError, match="could not be reached"):
        translate([SECRET], "de", "en")


def test_an_oversized_answer_is_refused(libretranslate, monkeypatch):
    monkeypatch.setattr(machine_translation, "MAX_ANSWER_BYTES", 20)
    with pytest.raises(MachineTranslationError, match="too large"):
        translate(["Beratung"], "de", "en")


@pytest.mark.parametrize(
    ("name", "url", "key", "message"),
    [
        ("libretranslate", "", "", "must name the LibreTranslate server"),
        ("libretranslate", "file:///etc/passwd", "", "must be an http"),
        ("libretranslate", "ftp://translate.example.org", "", "must be an http"),
        ("deepl", "", "", "needed for DeepL"),
    ],
)
def test_incomplete_settings_fail_loudly(settings, name, url, key, message):
    settings.MACHINE_TRANSLATION_PROVIDER = name
    settings.MACHINE_TRANSLATION_URL = url
    settings.MACHINE_TRANSLATION_API_KEY = key
    with pytest.raises(ImproperlyConfigured, match=message):
        provider()


@pytest.mark.parametrize(
    ("key", "url"),
    [("abc:fx", "https://api-free.deepl.com"), ("abc", "https://api.deepl.com")],
)
def test_deepl_finds_its_host_from_the_key(settings, key, url):
    settings.MACHINE_TRANSLATION_PROVIDER = "deepl"
    settings.MACHINE_TRANSLATION_URL = ""
    settings.MACHINE_TRANSLATION_API_KEY = key
    assert provider().url == url
