"""Shared pieces of the network tests: valid form data and the mails in the outbox."""

from core.models import OutgoingMail
from core.spam import started_token


def join_data(**overrides) -> dict:
    data = {
        "kind": "organisation",
        "name": "Amina Example",
        "organisation_name": "Sprachcafé Oststadt e. V.",
        "activity": "Wir treffen uns jede Woche zum Deutschsprechen.",
        "email": "amina@example.org",
        "phone": "0395 555 0101",
        "message": "",
        "consent": "on",
        "homepage": "",
        "started": started_token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def help_data(topic_list, **overrides) -> dict:
    data = {
        "topics": [str(topic.pk) for topic in topic_list],
        "languages": ["de", "ar"],
        "time_available": "week",
        "name": "Karim Example",
        "email": "karim@example.org",
        "phone": "",
        "message": "Ich kann dienstags.",
        "consent": "on",
        "homepage": "",
        "started": started_token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def mails_to(address: str) -> list[OutgoingMail]:
    return list(OutgoingMail.objects.filter(to=address).order_by("created_at"))
