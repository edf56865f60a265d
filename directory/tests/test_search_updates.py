"""Every write path brings the search up to date, through ``directory.search.updates``.

Each test writes through a real service (the member area, the admin, the
translation services, both imports, the network) and asks the search what
it finds; none calls the indexer itself.
"""

from __future__ import annotations

import weakref

import pytest
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from core.tests.translation_server import FakeTranslationServer
from directory.demo import demo_tables, taxonomy_import
from directory.enums import OfferStatus
from directory.exchange.services import exchange_import, exchange_tables_import
from directory.models import Location, Offer, Organisation, TargetGroup, Topic
from directory.search.index import search_index_offers
from directory.search.updates import index_updates, offers_changed
from directory.selectors import OfferFilters, offer_search
from directory.services import member_organisation_publish
from directory.tests.factories import (
    ContactFactory,
    DistrictFactory,
    LocationFactory,
    OfferFactory,
    OfferLocationFactory,
    TargetGroupFactory,
    TopicFactory,
)
from directory.tests.test_member_edit import open_and_post, submitted
from directory.translating.kinds import TRANSLATABLE_KINDS
from directory.translating.services import machine_translation_fill, translation_confirm

pytestmark = pytest.mark.django_db


def found(query: str) -> list[str]:
    """The names of the offers the search finds for ``query``."""
    ids = offer_search(query=query, filters=OfferFilters()).offer_ids
    names = dict(Offer.objects.filter(id__in=ids).values_list("id", "name"))
    return [names[offer_id] for offer_id in ids]


@pytest.fixture
def offer(organisation):
    """An indexed offer at a location in Neubrandenburg, about one topic, for one group."""
    offer = OfferFactory(organisation=organisation, name="Sprachcafé", description="Montags.")
    offer.topics.set([TopicFactory(name="Deutsch", keywords="Sprache")])
    offer.target_groups.set([TargetGroupFactory(name="Familien")])
    OfferLocationFactory(
        offer=offer,
        location=LocationFactory(organisation=organisation, city="Neubrandenburg"),
    )
    search_index_offers([offer.pk])
    assert found("Sprachcafe") == ["Sprachcafé"]
    return offer


# --- the mechanism ---------------------------------------------------------------------


def test_marking_outside_index_updates_is_refused(offer):
    with pytest.raises(RuntimeError):
        offers_changed([offer.pk])


def test_nested_blocks_update_the_index_once_at_the_outermost_end(offer):
    with index_updates():
        with index_updates():
            Offer.objects.filter(pk=offer.pk).update(name="Lesecafé")
            offers_changed([offer.pk])
        assert found("Lesecafe") == []  # the inner end does not update
    assert found("Lesecafe") == ["Lesecafé"]


def test_a_failed_write_changes_neither_data_nor_index(offer):
    with pytest.raises(ValueError), transaction.atomic(), index_updates():
        Offer.objects.filter(pk=offer.pk).update(name="Lesecafé")
        offers_changed([offer.pk])
        raise ValueError

    assert found("Lesecafe") == []
    assert found("Sprachcafe") == ["Sprachcafé"]


def test_no_signal_of_the_directory_acts_on_saves_or_deletes():
    def receivers(signal) -> list[str]:
        found = [
            ref() if isinstance(ref, weakref.ref) else ref for _key, ref, *_ in signal.receivers
        ]
        return [receiver.__module__ for receiver in found if receiver is not None]

    modules = receivers(post_save) + receivers(post_delete)
    assert [module for module in modules if module.startswith("directory")] == []


# --- the member area -------------------------------------------------------------------


def test_member_profile_rename_is_found(client, owner, organisation, offer):
    client.force_login(owner)
    open_and_post(client, reverse("member:organisation-edit", args=[organisation.pk]), name="Lotse")
    assert found("Lotse") == ["Sprachcafé"]


def test_member_location_edit_and_delete_are_found(client, owner, offer):
    location = offer.locations.get()
    client.force_login(owner)

    open_and_post(client, reverse("member:location-edit", args=[location.pk]), city="Woldegk")
    assert found("Woldegk") == ["Sprachcafé"]

    open_and_post(client, reverse("member:location-delete", args=[location.pk]))
    assert found("Woldegk") == []


def test_member_offer_edit_places_and_retire_are_found(client, owner, organisation, offer):
    client.force_login(owner)
    open_and_post(client, reverse("member:offer-edit", args=[offer.pk]), name="Lesecafé")
    assert found("Lesecafe") == ["Lesecafé"]

    elsewhere = LocationFactory(organisation=organisation, city="Friedland")
    open_and_post(
        client, reverse("member:offer-places", args=[offer.pk]), locations=[str(elsewhere.pk)]
    )
    assert found("Friedland") == ["Lesecafé"]
    assert found("Neubrandenburg") == []

    open_and_post(
        client, reverse("member:offer-retire", args=[offer.pk]), status=OfferStatus.DEFUNCT
    )
    assert found("Lesecafe") == []


# --- the admin -------------------------------------------------------------------------


def admin_post(client, url: str, **changes):
    """Post the admin's change form as shown, with its inlines, and ``changes``."""
    page = client.get(url)
    data = submitted(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        data |= submitted(inline.formset.management_form)
        for form in inline.formset.initial_forms:
            data |= submitted(form)
    data["_save"] = "Save"
    response = client.post(url, data | changes)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def change_url(entry) -> str:
    meta = entry._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[entry.pk])


def test_admin_offer_organisation_and_location_changes_are_found(client, coordinator, offer):
    client.force_login(coordinator)

    admin_post(client, change_url(offer), name="Lesecafé")
    assert found("Lesecafe") == ["Lesecafé"]

    admin_post(client, change_url(offer.organisation), name="Lotsenhaus")
    assert found("Lotsenhaus") == ["Lesecafé"]

    admin_post(client, change_url(offer.locations.get()), city="Woldegk")
    assert found("Woldegk") == ["Lesecafé"]


def test_admin_taxonomy_changes_are_found(client, coordinator, offer):
    district = DistrictFactory(name="Oststadt")
    Location.objects.update(district=district)
    search_index_offers([offer.pk])
    client.force_login(coordinator)

    admin_post(client, change_url(Topic.objects.get()), keywords="Konversation")
    assert found("Konversation") == ["Sprachcafé"]

    admin_post(client, change_url(TargetGroup.objects.get()), name="Alleinerziehende")
    assert found("Alleinerziehende") == ["Sprachcafé"]

    admin_post(client, change_url(district), name="Datzeberg")
    assert found("Datzeberg") == ["Sprachcafé"]


def test_admin_places_and_deletes_are_found(client, coordinator, organisation, offer):
    elsewhere = LocationFactory(organisation=organisation, city="Friedland")
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:directory_offerlocation_add"),
        {
            "offer": str(offer.pk),
            "location": str(elsewhere.pk),
            "opening_hours-TOTAL_FORMS": "0",
            "opening_hours-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert found("Friedland") == ["Sprachcafé"]

    delete = reverse("admin:directory_location_delete", args=[elsewhere.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert found("Friedland") == []

    delete = reverse("admin:directory_topic_delete", args=[Topic.objects.get().pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert found("Sprache") == []


# --- translations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "source", "values", "query"),
    [
        ("offer", lambda offer: offer, {"name": "Language café"}, "cafe language"),
        ("topic", lambda offer: offer.topics.get(), {"name": "German"}, "German"),
        ("group", lambda offer: offer.target_groups.get(), {"name": "Families"}, "Families"),
    ],
)
def test_confirmed_translations_are_found(offer, kind, source, values, query):
    translation_confirm(
        kind=TRANSLATABLE_KINDS[kind],
        source=source(offer),
        language="en",
        values=values,
        version="",
    )
    assert found(query) == ["Sprachcafé"]


def test_machine_translations_are_found(settings, offer):
    with FakeTranslationServer() as server:
        settings.MACHINE_TRANSLATION_PROVIDER = "libretranslate"
        settings.MACHINE_TRANSLATION_URL = server.url
        settings.MACHINE_TRANSLATION_TIMEOUT = 1
        machine_translation_fill(kind=TRANSLATABLE_KINDS["offer"], key=str(offer.pk), language="en")

    translated = offer.translations.get(language="en").name
    assert found(translated) == ["Sprachcafé"]


# --- imports and the network ---------------------------------------------------------------


def test_exchange_import_is_found(offer):
    content = f"id;organisation;name\n{offer.pk};{offer.organisation_id};Lesecafé\n"

    result = exchange_import(name="offers.csv", data=content.encode(), kind_key="offers")

    assert result.ok, result.problems
    assert found("Lesecafe") == ["Lesecafé"]


def taxonomy(keywords: list[str]) -> dict:
    return {
        "topics": [{"slug": "deutsch", "name": {"de": "Deutsch"}, "keywords": {"de": keywords}}],
        "target_groups": [],
        "districts": [],
    }


def test_taxonomy_import_is_found(offer):
    taxonomy_import(data=taxonomy(["Sprache"]))
    offer.topics.set(Topic.objects.filter(slug="deutsch"))
    search_index_offers([offer.pk])

    taxonomy_import(data=taxonomy(["Konversation"]))

    assert found("Konversation") == ["Sprachcafé"]


def test_demo_import_is_found():
    organisation = {
        "slug": "awo",
        "name": "AWO",
        "kind": "charity",
        "status": "active",
        "member_since": "2020-01-01",
        "offers": [{"slug": "cafe", "name": {"de": "Sprachcafé"}}],
    }
    assert exchange_tables_import(tables=demo_tables([organisation]), source="demo").ok
    assert found("Sprachcafe") == ["Sprachcafé"]

    renamed = organisation | {"name": "Lotsenhaus"}
    assert exchange_tables_import(tables=demo_tables([renamed]), source="demo").ok
    assert found("Lotsenhaus") == ["Sprachcafé"]


def test_publishing_a_member_is_found(offer):
    ContactFactory(organisation=offer.organisation, public=True)
    Organisation.objects.filter(pk=offer.organisation_id).update(listed=False)
    search_index_offers([offer.pk])
    assert found("Sprachcafe") == []

    member_organisation_publish(organisation=Organisation.objects.get(pk=offer.organisation_id))

    assert found("Sprachcafe") == ["Sprachcafé"]
