"""Personal data of the directory: the contact persons of organisations.

An organisation's own address (``Organisation.email``) is a functional
address of the organisation, not a person's: it is exported and kept.
Registered in ``core.privacy`` by ``DirectoryConfig.ready()``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core import audit
from core.privacy import Holder, Person, register
from directory.models import Contact, Organisation, SearchWish


def _contacts(person: Person) -> QuerySet[Contact]:
    """By address; by name only a contact without an address (a namesake
    with another address is another person)."""
    condition = Q(email__iexact=person.email)
    if person.name:
        condition |= Q(email="", name__iexact=person.name)
    return Contact.objects.filter(condition)


def contacts_export(person: Person) -> list[dict[str, Any]]:
    contacts = _contacts(person).select_related("organisation")
    return [
        {
            "organisation": contact.organisation.name,
            "name": contact.name,
            "role": contact.role,
            "email": contact.email,
            "phone": str(contact.phone) if contact.phone else "",
            "public": contact.public,
            "network_role": contact.network_role,
        }
        for contact in contacts.order_by("organisation__name", "position")
    ]


def contacts_erase(person: Person, cs: audit.Recorder) -> int:
    """Delete the contact persons (a statement by them loses its author)."""
    count = 0
    for contact in _contacts(person).select_related("organisation"):
        cs.erased(contact)
        contact.delete()
        count += 1
    return count


def organisations_export(person: Person) -> list[dict[str, Any]]:
    organisations = Organisation.objects.filter(email__iexact=person.email).order_by("name")
    return [{"organisation": item.name, "email": item.email} for item in organisations]


def mistake_reports_export(person: Person) -> list[dict[str, Any]]:
    """Nothing: a report names nobody who sent it."""
    return []


def register_holders() -> None:
    register(
        Holder(
            key="directory.contacts",
            label=_("Contact persons of organisations"),
            covers=(
                "directory.Contact.email",
                "directory.Contact.name",
                "directory.Contact.phone",
            ),
            export=contacts_export,
            erase=contacts_erase,
            order=20,
        )
    )
    register(
        Holder(
            key="directory.mistake_reports",
            label=_("Reports of mistakes on offer pages"),
            covers=("directory.MistakeReport.message",),
            export=mistake_reports_export,
            kept=_(
                "Reports are anonymous: the form asks for no name and no address, so no "
                "report can be found by person. Editors mark them done; done reports are "
                "deleted after the retention period."
            ),
            order=22,
        )
    )
    register(
        Holder(
            key="directory.organisations",
            label=_("Addresses of organisations"),
            covers=("directory.Organisation.email",),
            export=organisations_export,
            kept=_(
                "An organisation's address belongs to the organisation, not to a person: it "
                "stays. Its editors change it in the directory."
            ),
            order=21,
        )
    )
    register(
        Holder(
            key="directory.search-wishes",
            label=_("What people were looking for in the search"),
            covers=("directory.SearchWish.text", "directory.SearchWish.query"),
            export=search_wishes_export,
            erase=search_wishes_erase,
            note=_(
                "Sent without a name or address; only a text that mentions the person is "
                "theirs. Deleted after the retention period."
            ),
            order=22,
        )
    )


def search_wishes_export(person: Person) -> list[dict[str, Any]]:
    """Wishes are anonymous; one that mentions the person's address or name is theirs."""
    return [
        {"month": wish.month.isoformat(), "language": wish.language, "text": wish.text}
        for wish in _wishes(person)
    ]


def search_wishes_erase(person: Person, cs: audit.Recorder) -> int:
    count = 0
    for wish in _wishes(person):
        cs.erased(wish)
        wish.delete()
        count += 1
    return count


def _wishes(person: Person) -> list[SearchWish]:
    return [
        wish
        for wish in SearchWish.objects.order_by("created_at")
        if person.mentioned_in(wish.text) or person.mentioned_in(wish.query)
    ]
