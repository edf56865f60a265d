"""Machine translation behind one small interface, off unless configured.

``provider()`` returns the configured service (``settings.MACHINE_TRANSLATION_PROVIDER``:
"libretranslate" or "deepl") or ``None`` when machine translation is off.
Every provider has ``translate(texts, source, target) -> list[str]``, one
translation per text in the same order, and raises ``MachineTranslationError``
when the service cannot be reached, is too slow, refuses, or answers with
something that is not a translation.

Only the standard library talks to the services, with a timeout on every
request. Error messages name the service and what went wrong, never the
text: they end up in logs and task results.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Largest answer read from a service; a translation of our texts is far smaller.
MAX_ANSWER_BYTES = 5 * 1024 * 1024


class MachineTranslationError(Exception):
    """The service could not translate; the message never contains the text."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A translation API does not redirect; following one could carry the
    API key and the text to another host. A redirect is an HTTP error here."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


class Provider:
    """A machine-translation service. Subclasses implement ``_request``."""

    name = ""

    def __init__(self, *, url: str, api_key: str, timeout: float) -> None:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ImproperlyConfigured(
                f"MACHINE_TRANSLATION_URL must be an http(s) URL for {self.name}."
            )
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    def supports(self, language: str) -> bool:
        """Whether the service can translate German into ``language``."""
        return True

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        """``texts`` translated from ``source`` into ``target``, in the same order."""
        if not texts:
            return []
        if not self.supports(target):
            raise MachineTranslationError(f"{self.name} does not translate into “{target}”.")
        translated = self._request(texts, source, target)
        if len(translated) != len(texts) or not all(isinstance(t, str) for t in translated):
            raise MachineTranslationError(
                f"{self.name} sent {len(translated)} translations for {len(texts)} texts."
            )
        return translated

    def _request(self, texts: list[str], source: str, target: str) -> list:
        raise NotImplementedError

    def _post(self, path: str, payload: dict[str, Any], headers: dict[str, str]) -> Any:
        """POST ``payload`` as JSON and return the decoded JSON answer."""
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked in __init__
            self.url + path,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json", **headers},
            method="POST",
        )
        try:
            with _OPENER.open(request, timeout=self.timeout) as answer:
                body = answer.read(MAX_ANSWER_BYTES + 1)
        except urllib.error.HTTPError as error:
            error.close()
            raise MachineTranslationError(
                f"{self.name} answered with HTTP status {error.code}."
            ) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                raise MachineTranslationError(
                    f"{self.name} did not answer within {self.timeout} seconds."
                ) from None
            raise MachineTranslationError(
                f"{self.name} could not be reached ({type(reason).__name__})."
            ) from None
        if len(body) > MAX_ANSWER_BYTES:
            raise MachineTranslationError(f"{self.name} sent an answer that is too large.")
        try:
            return json.loads(body)
        except ValueError:
            raise MachineTranslationError(f"{self.name} sent an answer that is not JSON.") from None


class LibreTranslate(Provider):
    """A LibreTranslate server, usually the city's own: the text stays in its hands.

    ``POST {url}/translate`` with ``q`` as a list answers
    ``{"translatedText": [...]}`` in the same order.
    """

    name = "LibreTranslate"

    def _request(self, texts: list[str], source: str, target: str) -> list:
        payload = {"q": texts, "source": source, "target": target, "format": "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        answer = self._post("/translate", payload, {})
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if not isinstance(translated, list):
            raise MachineTranslationError(f"{self.name} sent an answer without translations.")
        return translated


class DeepL(Provider):
    """The DeepL API (v2). Its language codes are its own, and not every
    language of ours is one of its target languages (see ``TARGETS``).

    ``POST {url}/v2/translate`` with ``text`` as a list answers
    ``{"translations": [{"text": ...}, ...]}`` in the same order.
    """

    name = "DeepL"

    # Our (Django) language codes → DeepL's target codes, from DeepL's list of
    # supported target languages. Farsi/Dari is not among them.
    TARGETS = {
        "ar": "AR",
        "bg": "BG",
        "cs": "CS",
        "da": "DA",
        "de": "DE",
        "el": "EL",
        "en": "EN-GB",
        "es": "ES",
        "et": "ET",
        "fi": "FI",
        "fr": "FR",
        "hu": "HU",
        "id": "ID",
        "it": "IT",
        "ja": "JA",
        "ko": "KO",
        "lt": "LT",
        "lv": "LV",
        "nb": "NB",
        "nl": "NL",
        "pl": "PL",
        "pt": "PT-PT",
        "pt-br": "PT-BR",
        "ro": "RO",
        "ru": "RU",
        "sk": "SK",
        "sl": "SL",
        "sv": "SV",
        "tr": "TR",
        "uk": "UK",
        # Only with DeepL's newer ("next-gen") models; an account without
        # them answers with an error, which fails the task visibly.
        "vi": "VI",
        "zh-hans": "ZH-HANS",
        "zh-hant": "ZH-HANT",
    }

    def supports(self, language: str) -> bool:
        return language in self.TARGETS

    def _request(self, texts: list[str], source: str, target: str) -> list:
        payload = {
            "text": texts,
            # Source codes are the bare language ("DE", "EN"), without variants.
            "source_lang": source.split("-")[0].upper(),
            "target_lang": self.TARGETS[target],
        }
        answer = self._post(
            "/v2/translate", payload, {"Authorization": f"DeepL-Auth-Key {self.api_key}"}
        )
        items = answer.get("translations") if isinstance(answer, dict) else None
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise MachineTranslationError(f"{self.name} sent an answer without translations.")
        return [item.get("text") for item in items]


def deepl_default_url(api_key: str) -> str:
    """DeepL's free plan has its own host; its keys end in ":fx"."""
    return "https://api-free.deepl.com" if api_key.endswith(":fx") else "https://api.deepl.com"


def provider() -> Provider | None:
    """The configured machine-translation service, or ``None`` when it is off."""
    name = settings.MACHINE_TRANSLATION_PROVIDER
    if not name:
        return None
    url, key = settings.MACHINE_TRANSLATION_URL, settings.MACHINE_TRANSLATION_API_KEY
    timeout = settings.MACHINE_TRANSLATION_TIMEOUT
    if name == "libretranslate":
        if not url:
            raise ImproperlyConfigured(
                "MACHINE_TRANSLATION_URL must name the LibreTranslate server."
            )
        return LibreTranslate(url=url, api_key=key, timeout=timeout)
    if name == "deepl":
        if not key:
            raise ImproperlyConfigured("MACHINE_TRANSLATION_API_KEY is needed for DeepL.")
        return DeepL(url=url or deepl_default_url(key), api_key=key, timeout=timeout)
    raise ImproperlyConfigured(f"Unknown MACHINE_TRANSLATION_PROVIDER “{name}”.")


def translate(texts: list[str], source: str, target: str) -> list[str]:
    """Translate with the configured service; an error when machine translation is off."""
    service = provider()
    if service is None:
        raise MachineTranslationError("Machine translation is turned off.")
    return service.translate(texts, source, target)
