""" "Minor edit": translations stay current; otherwise a German change outdates them."""

import pytest
from django.urls import reverse

from core.enums import TranslationStatus
from core.services import translation_save
from directory.tests.factories import ContactFactory, LocationFactory, OfferFactory
from directory.tests.test_member_edit import en, submitted

pytestmark = pytest.mark.django_db

CASES = {
    "offer": ("description", "Beratung für Zugewanderte.", "Beratung für Zugewanderte!"),
    "organisation": ("description", "Ein Verein.", "Ein Verein!"),
    "contact": ("role", "Beraterin", "Beraterin."),
    "location": ("accessibility", "Rampe", "Eine Rampe"),
}


def make(kind, organisation):
    field, text, _new = CASES[kind]
    if kind == "organisation":
        organisation.description = text
        organisation.save()
        return organisation
    factory = {"offer": OfferFactory, "contact": ContactFactory, "location": LocationFactory}
    return factory[kind](organisation=organisation, **{field: text})


@pytest.mark.parametrize("kind", CASES)
@pytest.mark.parametrize(
    ("minor", "expected"),
    [(True, TranslationStatus.CURRENT), (False, TranslationStatus.OUTDATED)],
)
def test_translations_after_edit(client, organisation, owner, kind, minor, expected):
    entry = make(kind, organisation)
    field, _text, new_text = CASES[kind]
    names = {"name": "Name"} if kind == "offer" else {}
    translation_save(source=entry, language="en", values={field: "English", **names})
    other = translation_save(source=entry, language="uk", values={field: "Українська", **names})
    # An already outdated translation stays outdated, minor edit or not.
    type(other).objects.filter(pk=other.pk).update(source_texts={})
    client.force_login(owner)
    url = reverse(f"member:{kind}-edit", args=[entry.pk])
    changes = {field: new_text, "minor_edit": "on" if minor else None}

    response = client.post(url, submitted(client.get(url).context["form"], **changes))

    assert response.status_code == 302
    entry.refresh_from_db()
    assert getattr(entry, field) == new_text
    statuses = entry.translation_statuses()
    assert (statuses["en"], statuses["uk"]) == (expected, TranslationStatus.OUTDATED)


def test_minor_edit_box_only_when_editing(client, organisation, owner):
    client.force_login(owner)

    new = client.get(en(reverse("member:offer-create", args=[organisation.pk])))
    offer = OfferFactory(organisation=organisation)
    edit = client.get(en(reverse("member:offer-edit", args=[offer.pk])))

    assert "minor_edit" not in new.context["form"].fields
    assert "Minor edit (no change of meaning)" in edit.content.decode()
