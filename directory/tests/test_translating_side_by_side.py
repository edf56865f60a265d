"""The side-by-side translation view: German next to the translation, field by field."""

import re

import pytest

from core.enums import TranslationStatus
from core.models import Change
from core.services import translation_save
from directory.models import (
    ContactTranslation,
    OfferTranslation,
    TargetGroupTranslation,
    TopicTranslation,
)
from directory.tests.factories import (
    ContactFactory,
    OfferFactory,
    TargetGroupFactory,
    TopicFactory,
)
from directory.translating.forms import TEXT_MAX_LENGTH

pytestmark = pytest.mark.django_db


def url(kind: str, key, lang: str = "en", ui: str = "en") -> str:
    return f"/{ui}/verwaltung/uebersetzungen/{kind}/{key}/{lang}/"


@pytest.fixture
def offer(organisation):
    return OfferFactory(
        organisation=organisation,
        name="Sprachcafé",
        description="Jeden Montag\nim Haus der Kulturen.",
        cost="",
    )


def version(response) -> str:
    """The hidden version of the form ("" when there was no translation yet)."""
    hidden = re.search(r'<input type="hidden" name="updated_at"[^>]*>', response.content.decode())
    value = re.search(r'value="([^"]*)"', hidden.group(0))
    return value.group(1) if value else ""


def form_data(offer_translation_version: str = "", **values) -> dict:
    data = {
        "updated_at": offer_translation_version,
        "name": "",
        "description": "",
        "cost": "",
        "eligibility": "",
        "how_to_apply": "",
    }
    data.update(values)
    return data


# --- who may open and save it ------------------------------------------------


def test_anonymous_is_sent_to_login_and_saves_nothing(client, offer):
    assert client.get(url("offer", offer.id))["Location"].startswith("/en/konto/login/")
    response = client.post(url("offer", offer.id), form_data(name="Language café"))

    assert response.status_code == 302
    assert not OfferTranslation.objects.exists()


def test_another_organisations_editor_gets_not_found_and_saves_nothing(client, outsider, offer):
    client.force_login(outsider)

    assert client.get(url("offer", offer.id)).status_code == 404
    assert client.post(url("offer", offer.id), form_data(name="Hacked")).status_code == 404
    assert not OfferTranslation.objects.exists()


def test_another_organisations_internal_contact_stays_hidden(client, outsider, organisation):
    contact = ContactFactory(organisation=organisation, name="Frau Interna", public=False)
    client.force_login(outsider)

    response = client.get(url("contact", contact.id))

    assert response.status_code == 404
    assert "Frau Interna" not in response.content.decode()


@pytest.mark.parametrize("person", ["owner", "coordinator"])
def test_the_owner_and_the_coordinator_translate(request, client, offer, person):
    client.force_login(request.getfixturevalue(person))

    assert client.get(url("offer", offer.id)).status_code == 200
    response = client.post(url("offer", offer.id), form_data(name=f"Language café {person}"))

    assert response.status_code == 302
    assert OfferTranslation.objects.get(source=offer, language="en").name == (
        f"Language café {person}"
    )


@pytest.mark.parametrize("kind", ["organisation", "contact", "location", "offer"])
def test_every_kind_of_an_organisations_entry_opens(client, owner, organisation, kind):
    from directory.tests.factories import LocationFactory

    entry = {
        "organisation": lambda: organisation,
        "contact": lambda: ContactFactory(organisation=organisation),
        "location": lambda: LocationFactory(organisation=organisation, accessibility="Rampe"),
        "offer": lambda: OfferFactory(organisation=organisation),
    }[kind]()
    client.force_login(owner)

    response = client.get(url(kind, entry.pk, "uk"))

    assert response.status_code == 200
    assert f'<h1 class="kern-heading-x-large">{kind.capitalize()}: {entry.name}</h1>' in (
        response.content.decode()
    )


@pytest.mark.parametrize("kind", ["topic", "group"])
def test_the_taxonomy_is_for_coordinators_only(client, owner, outsider, coordinator, kind):
    entry = TopicFactory(name="Wohnen") if kind == "topic" else TargetGroupFactory(name="Familien")
    model = TopicTranslation if kind == "topic" else TargetGroupTranslation

    client.force_login(owner)
    assert client.get(url(kind, entry.pk)).status_code == 403
    assert client.post(url(kind, entry.pk), {"name": "Housing"}).status_code == 403
    assert not model.objects.exists()

    client.force_login(coordinator)
    assert client.get(url(kind, entry.pk)).status_code == 200
    response = client.post(url(kind, entry.pk), {"updated_at": "", "name": "Housing"})
    assert response.status_code == 302
    assert model.objects.get().name == "Housing"


@pytest.mark.parametrize(
    ("kind", "key", "lang"),
    [
        ("offer", "{offer}", "xx"),
        ("offer", "{offer}", "de"),
        ("offer", "{offer}", "EN"),
        ("offer", "not-a-uuid", "en"),
        ("offer", "00000000-0000-0000-0000-000000000000", "en"),
        ("angebot", "{offer}", "en"),
        ("translations", "{offer}", "en"),
        ("group", "abc", "en"),
        ("group", "99999999999999999999999", "en"),
        ("group", "-1", "en"),
        ("group", "٣", "en"),
        ("topic", "{offer}", "en"),
    ],
)
def test_unknown_kinds_ids_and_languages_are_not_found(client, coordinator, offer, kind, key, lang):
    client.force_login(coordinator)
    response = client.get(url(kind, key.format(offer=offer.id), lang))
    assert response.status_code == 404
    response = client.post(url(kind, key.format(offer=offer.id), lang), form_data(name="X"))
    assert response.status_code == 404


def test_other_methods_are_refused(client, owner, offer):
    client.force_login(owner)
    assert client.put(url("offer", offer.id)).status_code == 405


# --- what it shows ------------------------------------------------------------


def test_german_and_the_target_language_stand_side_by_side_with_lang_and_dir(client, owner, offer):
    client.force_login(owner)

    html = client.get(url("offer", offer.id, "ar")).content.decode()

    assert (
        '<div class="kern-body translation-source" id="source-description" lang="de" dir="ltr">'
        "Jeden Montag<br>im Haus der Kulturen.</div>" in html
    )
    textarea = re.search(r"<textarea[^>]*name=\"description\"[^>]*>", html).group(0)
    assert 'lang="ar"' in textarea
    assert 'dir="rtl"' in textarea
    assert 'aria-describedby="source-description status-description"' in textarea
    assert 'maxlength="20000"' in textarea
    name_input = re.search(r"<input[^>]*name=\"name\"[^>]*>", html).group(0)
    assert 'maxlength="200"' in name_input
    assert "required" in name_input
    assert '<label class="kern-label" for="id_description">Description in Arabic</label>' in html
    # no German costs: nothing to translate there
    assert "There is no German text; nothing to translate." in html


@pytest.mark.parametrize(("lang", "direction"), [("en", "ltr"), ("fa", "rtl"), ("vi", "ltr")])
def test_the_input_direction_follows_the_language(client, owner, offer, lang, direction):
    client.force_login(owner)
    html = client.get(url("offer", offer.id, lang)).content.decode()
    name_input = re.search(r"<input[^>]*name=\"name\"[^>]*>", html).group(0)
    assert f'lang="{lang}"' in name_input
    assert f'dir="{direction}"' in name_input


def field_statuses(html: str) -> dict[str, list[str]]:
    sections = re.findall(
        r'<p class="kern-body" id="status-(\w+)">(.*?)</p>', html, flags=re.DOTALL
    )
    return {
        name: re.findall(r'kern-label--small">([^<]+)</span>', content)
        for name, content in sections
    }


def test_each_field_shows_its_status_and_the_machine_mark(client, owner, offer):
    translation_save(source=offer, language="en", values={"name": "Language café"})
    OfferTranslation.objects.update(machine_translated=True)
    client.force_login(owner)

    html = client.get(url("offer", offer.id)).content.decode()

    assert field_statuses(html) == {
        "name": ["current", "machine translation, not yet confirmed"],
        "description": ["missing"],
        "cost": ["no German text"],
        "eligibility": ["no German text"],
        "how_to_apply": ["no German text"],
    }

    offer.name = "Sprachcafé am Markt"
    offer.save()
    html = client.get(url("offer", offer.id)).content.decode()
    assert field_statuses(html)["name"] == ["outdated", "machine translation, not yet confirmed"]


def test_html_is_kept_as_text_and_shown_escaped(client, owner, offer):
    client.force_login(owner)
    hostile = '<script>alert("x")</script><b>fett</b>'

    response = client.post(url("offer", offer.id), form_data(name="Café", description=hostile))
    assert response.status_code == 302
    assert OfferTranslation.objects.get().description == hostile

    html = client.get(url("offer", offer.id)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;fett&lt;/b&gt;" in html


# --- saving --------------------------------------------------------------------


def test_saving_stores_a_current_translation_and_says_so(client, owner, offer):
    client.force_login(owner)
    response = client.post(
        url("offer", offer.id),
        form_data(name="  Language café ", description="Every Monday\r\nat the house."),
        follow=True,
    )

    row = OfferTranslation.objects.get(source=offer, language="en")
    assert (row.name, row.description) == ("Language café", "Every Monday\nat the house.")
    assert row.status() == TranslationStatus.CURRENT
    assert row.machine_translated is False
    assert "The translation was saved." in response.content.decode()
    assert response.redirect_chain == [(url("offer", offer.id), 302)]


def test_saving_keeps_fields_that_were_not_changed_or_not_sent(client, owner, offer):
    translation_save(
        source=offer, language="en", values={"name": "Language café", "description": "Mondays."}
    )
    client.force_login(owner)
    loaded = client.get(url("offer", offer.id))

    response = client.post(
        url("offer", offer.id), {"updated_at": version(loaded), "name": "Language Café"}
    )

    assert response.status_code == 302
    row = OfferTranslation.objects.get()
    assert (row.name, row.description) == ("Language Café", "Mondays.")


def test_saving_confirms_a_machine_translation_and_an_outdated_one(client, owner, offer):
    translation_save(source=offer, language="en", values={"name": "Language cafe"})
    OfferTranslation.objects.update(machine_translated=True)
    offer.name = "Sprachcafé!"
    offer.save()
    client.force_login(owner)
    loaded = client.get(url("offer", offer.id))
    assert OfferTranslation.objects.get().status() == TranslationStatus.OUTDATED

    client.post(
        url("offer", offer.id),
        {"updated_at": version(loaded), "name": "Language café", "description": "Tuesdays."},
    )

    row = OfferTranslation.objects.get()
    assert (row.machine_translated, row.status()) == (False, TranslationStatus.CURRENT)
    change = Change.objects.get(object_id=str(row.pk), change_set__actor=owner)
    assert change.fields["machine_translated"] == [True, False]
    html = client.get(url("offer", offer.id)).content.decode()
    assert "machine translation, not yet confirmed" not in html


def test_a_saved_offer_name_is_found_by_the_search(client, owner, offer):
    client.force_login(owner)
    client.post(url("offer", offer.id), form_data(name="Conversation corner"))

    response = client.get("/en/suche/", {"q": "conversation"})
    assert "Conversation corner" in response.content.decode()


def test_a_saved_topic_name_is_found_by_the_search(client, coordinator, organisation):
    topic = TopicFactory(name="Wohnen")
    OfferFactory(organisation=organisation, name="Wohnungsberatung").topics.add(topic)
    client.force_login(coordinator)
    assert "Wohnungsberatung" not in client.get("/en/suche/", {"q": "lodging"}).content.decode()

    client.post(url("topic", topic.pk), {"updated_at": "", "name": "Lodging"})

    assert "Wohnungsberatung" in client.get("/en/suche/", {"q": "lodging"}).content.decode()


def test_a_saved_target_group_name_is_found_by_the_search(client, coordinator, organisation):
    group = TargetGroupFactory(name="Familien")
    OfferFactory(organisation=organisation, name="Familientreff").target_groups.add(group)
    client.force_login(coordinator)

    client.post(url("group", group.pk), {"updated_at": "", "name": "Households"})

    assert "Familientreff" in client.get("/en/suche/", {"q": "households"}).content.decode()


# --- two people at once ----------------------------------------------------------


def test_a_save_over_someone_elses_is_refused_with_both_texts_shown(client, owner, offer):
    translation_save(source=offer, language="en", values={"name": "Language café"})
    client.force_login(owner)
    loaded = client.get(url("offer", offer.id))
    translation_save(source=offer, language="en", values={"name": "Talk café"})  # someone else

    response = client.post(
        url("offer", offer.id), form_data(version(loaded), name="Chat café", description="Mon.")
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this translation while you were editing it" in html
    assert 'value="Chat café"' in html  # the person's text is still there
    assert "Talk café" in html  # and what is stored now
    assert OfferTranslation.objects.get().name == "Talk café"

    again = client.post(
        url("offer", offer.id), form_data(version(response), name="Chat café", description="Mon.")
    )
    assert again.status_code == 302
    assert OfferTranslation.objects.get().name == "Chat café"


def test_a_translation_created_meanwhile_is_a_conflict_too(client, owner, offer):
    client.force_login(owner)
    loaded = client.get(url("offer", offer.id))
    assert version(loaded) == ""
    translation_save(source=offer, language="en", values={"name": "Talk café"})

    response = client.post(url("offer", offer.id), form_data(version(loaded), name="Chat café"))

    assert response.status_code == 409
    assert OfferTranslation.objects.get().name == "Talk café"


def test_a_made_up_version_is_a_conflict(client, owner, offer):
    client.force_login(owner)
    response = client.post(url("offer", offer.id), form_data("2001-01-01T00:00:00", name="X"))
    assert response.status_code == 409
    assert not OfferTranslation.objects.exists()


# --- bad input -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"name": "x" * 201}, "name", "Ensure this value has at most 200 characters (it has 201)."),
        (
            {"name": "Café", "description": "x" * (TEXT_MAX_LENGTH + 1)},
            "description",
            "Ensure this value has at most 20000 characters (it has 20001).",
        ),
        ({"name": "Café", "cost": "€" * 301}, "cost", "at most 300 characters"),
        ({"name": "   "}, "name", "This field is required."),
        (
            {"name": "Language\r\ncafé"},
            "name",
            "Line breaks and control characters are not allowed here.",
        ),
        (
            {"name": "Café", "cost": "free\u2028X-EVIL: 1"},
            "cost",
            "Line breaks and control characters are not allowed here.",
        ),
    ],
)
def test_bad_input_is_refused_with_a_linked_message_and_nothing_saved(
    client, owner, offer, values, field, message
):
    client.force_login(owner)
    response = client.post(url("offer", offer.id), form_data(**values))

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'<p class="kern-error" id="id_{field}_error">' in html
    widget = re.search(rf'<(input|textarea)[^>]*name="{field}"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in widget
    assert f'aria-describedby="source-{field} status-{field} id_{field}_error"' in widget
    assert not OfferTranslation.objects.exists()


def test_an_empty_translation_is_refused(client, owner, organisation):
    contact = ContactFactory(organisation=organisation, role="Beraterin")
    client.force_login(owner)

    response = client.post(url("contact", contact.id), {"updated_at": "", "role": ""})

    assert response.status_code == 400
    assert "Enter a translation in at least one field." in response.content.decode()
    assert not ContactTranslation.objects.exists()


def test_a_garbage_version_is_refused(client, owner, offer):
    client.force_login(owner)
    response = client.post(url("offer", offer.id), form_data("x" * 65, name="Café"))
    assert response.status_code == 400
    assert not OfferTranslation.objects.exists()


def test_no_machine_translation_button_when_it_is_off(client, owner, offer):
    client.force_login(owner)
    html = client.get(url("offer", offer.id)).content.decode()
    assert "Fill missing and outdated fields by machine translation" not in html
    assert "/maschinell/" not in html
