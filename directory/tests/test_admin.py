"""The Django admin is the coordinators' tool for all directory data."""

import pytest
from django.urls import reverse

from core.models import ChangeSet
from directory.models import Organisation, Topic
from directory.tests.factories import ContactFactory, LocationFactory, TopicFactory

pytestmark = pytest.mark.django_db

EMPTY_INLINES = {
    "translations-TOTAL_FORMS": "0",
    "translations-INITIAL_FORMS": "0",
    "contacts-TOTAL_FORMS": "0",
    "contacts-INITIAL_FORMS": "0",
}


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:directory_organisation_changelist",
        "admin:directory_offer_changelist",
        "admin:directory_contact_changelist",
        "admin:directory_location_changelist",
        "admin:directory_topic_changelist",
        "admin:accounts_user_changelist",
    ],
)
def test_admin_changelists_permissions(
    client, organisation, owner, outsider, coordinator, url_name
):
    url = reverse(url_name)

    anonymous = client.get(url, follow=True)
    assert anonymous.redirect_chain[-1][0].startswith(reverse("account_login"))

    client.force_login(outsider)
    assert client.get(url, follow=True).status_code == 403

    client.force_login(owner)
    assert client.get(url, follow=True).status_code == 403

    client.force_login(coordinator)
    assert client.get(url).status_code == 200


def test_admin_change_page_of_organisation_for_coordinator_only(
    client, organisation, owner, coordinator
):
    url = reverse("admin:directory_organisation_change", args=[organisation.pk])

    client.force_login(owner)
    assert client.get(url, follow=True).status_code == 403

    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert organisation.name in response.content.decode()


def organisation_form(**overrides):
    data = {
        "name": "Neuer Verein",
        "slug": "neuer-verein",
        "kind": "association",
        "membership_status": "applicant",
        "member_since": "",
        "description": "",
        "statement": "",
        "statement_by": "",
        "email": "info@example.org",
        "phone": "0395 5550199",
        "website": "",
        **EMPTY_INLINES,
    }
    data.update(overrides)
    return data


def test_admin_creates_organisation_with_valid_data(client, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("admin:directory_organisation_add"), organisation_form())

    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="neuer-verein")
    assert organisation.phone.as_e164 == "+493955550199"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12ab", "gültige Telefonnummer"),
        ("email", "not-an-address", "Bitte gültige E-Mail-Adresse eingeben."),
        ("name", "", "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_admin_organisation_form_rejects_bad_input(client, coordinator, field, value, message):
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:directory_organisation_add"),
        organisation_form(**{field: value}),
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert message in response.content.decode()
    assert not Organisation.objects.filter(slug="neuer-verein").exists()


def test_admin_contact_form_rejects_bad_phone_and_email(client, coordinator):
    contact = ContactFactory(email="old@example.org")
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:directory_contact_change", args=[contact.pk]),
        {
            "organisation": contact.organisation.pk,
            "name": contact.name,
            "role": contact.role,
            "email": "nobody@@example",
            "phone": "+49 12",
            "position": "0",
            "translations-TOTAL_FORMS": "0",
            "translations-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"email", "phone"}
    contact.refresh_from_db()
    assert contact.email == "old@example.org"


@pytest.mark.parametrize(
    ("latitude", "longitude"), [("91", "13.26"), ("53.55", "200"), ("abc", "13.26")]
)
def test_admin_location_form_rejects_bad_coordinates(client, coordinator, latitude, longitude):
    location = LocationFactory(latitude="53.550000", longitude="13.260000")
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:directory_location_change", args=[location.pk]),
        {
            "organisation": location.organisation.pk,
            "name": location.name,
            "street": location.street,
            "postal_code": location.postal_code,
            "city": location.city,
            "district": "",
            "latitude": latitude,
            "longitude": longitude,
            "accessibility": "",
            "translations-TOTAL_FORMS": "0",
            "translations-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) & {"latitude", "longitude"}
    location.refresh_from_db()
    assert str(location.latitude) == "53.550000"


def test_admin_topic_form_rejects_empty_german_name(client, coordinator):
    topic = TopicFactory(name="Wohnen")
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:directory_topic_change", args=[topic.pk]),
        topic_form(topic, name="   "),
    )

    assert response.status_code == 200
    assert "name" in response.context["adminform"].form.errors
    assert Topic.objects.get(pk=topic.pk).name == "Wohnen"


def topic_form(topic, **overrides):
    data = {
        "slug": topic.slug,
        "name": topic.name,
        "keywords": "",
        "icon": topic.icon,
        "position": "0",
        "translations-TOTAL_FORMS": "0",
        "translations-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_admin_translation_inline_marks_translation_current(client, coordinator):
    topic = TopicFactory(name="Wohnen", keywords="Wohnung")
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:directory_topic_change", args=[topic.pk]),
        topic_form(
            topic,
            keywords="Wohnung\nMiete",
            **{
                "translations-TOTAL_FORMS": "1",
                "translations-0-language": "uk",
                "translations-0-name": "Житло",
                "translations-0-keywords": "житло\nквартира",
            },
        ),
    )

    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.translation_statuses()["uk"] == "current"
    assert topic.translation_for("uk").name == "Житло"


def test_admin_translation_inline_rejects_unknown_language(client, coordinator):
    topic = TopicFactory(name="Wohnen")
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:directory_topic_change", args=[topic.pk]),
        topic_form(
            topic,
            **{
                "translations-TOTAL_FORMS": "1",
                "translations-0-language": "xx",
                "translations-0-name": "Foo",
                "translations-0-keywords": "",
            },
        ),
    )

    assert response.status_code == 200
    assert not topic.translations.exists()


def test_admin_saves_are_recorded_in_the_history(client, coordinator):
    client.force_login(coordinator)
    client.post(reverse("admin:directory_organisation_add"), organisation_form())
    organisation = Organisation.objects.get(slug="neuer-verein")
    url = reverse("admin:directory_organisation_change", args=[organisation.pk])

    client.post(url, organisation_form(name="Verein Neu"))

    change_sets = ChangeSet.objects.order_by("created_at")
    assert [(cs.action, cs.actor) for cs in change_sets] == [
        ("directory.organisation.admin-add", coordinator),
        ("directory.organisation.admin-change", coordinator),
    ]
    assert change_sets[1].changes.get().fields["name"] == ["Neuer Verein", "Verein Neu"]


def test_coordinator_picks_a_topic_picture_from_the_list(client, coordinator):
    topic = TopicFactory(name="Wohnen")
    client.force_login(coordinator)
    url = reverse("admin:directory_topic_change", args=[topic.pk])

    response = client.post(url, topic_form(topic, icon="home"))
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.icon == "home"

    response = client.post(url, topic_form(topic, icon="../../etc/passwd"))
    assert response.status_code == 200
    assert "icon" in response.context["adminform"].form.errors
    topic.refresh_from_db()
    assert topic.icon == "home"
