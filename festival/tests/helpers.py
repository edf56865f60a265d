import io

from django.urls import reverse
from django.utils import translation
from PIL import Image

from core.spam import started_token


def en(name: str, *args) -> str:
    """A URL of the English site, where tests read the (English) message ids."""
    with translation.override("en"):
        return reverse(name, args=args)


def png_bytes(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


def event_post(the_venue, **overrides) -> dict:
    data = {
        "title": "Sprachcafé",
        "description": "Deutsch üben bei Kaffee und Kuchen.",
        "category": "food",
        "day": "2026-09-29",
        "starts_at": "15:00",
        "ends_at": "17:00",
        "venue": str(the_venue.pk),
        "contact_name": "Erika Muster",
        "contact_email": "erika@example.org",
        "audience": "everyone",
        "free_of_charge": "on",
        "languages": "de, uk",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def partner_post(the_venue, **overrides) -> dict:
    """The public partner form's data: an event, plus the spam guard's fields."""
    return event_post(
        the_venue,
        **{
            "partner_name": "Kulturverein Oststadt",
            "submitter_email": "kv@example.org",
            "homepage": "",
            "started": started_token(),
            **overrides,
        },
    )
