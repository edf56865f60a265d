"""How the privacy tests ask the coordinator's page to export or erase."""

import json

from django.urls import reverse
from django.utils import translation

PERSON = "pia.partner@example.org"
PERSON_NAME = "Pia Partner"
OTHER = "otto.other@example.org"
OTHER_NAME = "Otto Other"


def privacy_url(language: str = "en") -> str:
    with translation.override(language):
        return reverse("network:privacy")


def export_page(client, coordinator, email: str = PERSON, name: str = "") -> dict:
    """The JSON export the coordinator downloads for ``email`` (and ``name``)."""
    client.force_login(coordinator)
    response = client.post(privacy_url(), {"email": email, "name": name, "action": "export"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def erase_page(client, coordinator, email: str = PERSON, name: str = ""):
    """The answer to the coordinator's erase request for ``email`` (and ``name``)."""
    client.force_login(coordinator)
    return client.post(
        privacy_url(), {"email": email, "name": name, "action": "erase"}, HTTP_ACCEPT_LANGUAGE="en"
    )


def records(export: dict, holder: str) -> list[dict]:
    return export["holders"][holder]["records"]
