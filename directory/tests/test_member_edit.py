"""Member area: editing the profile, contacts and locations, with hostile input."""

import pytest
from django.urls import reverse

from core.models import Change, ChangeSet
from directory.enums import MembershipStatus
from directory.models import Contact, Location, Organisation
from directory.tests.factories import (
    ContactFactory,
    DistrictFactory,
    LocationFactory,
    OfferFactory,
    OfferLocationFactory,
)

pytestmark = pytest.mark.django_db


def submitted(form, **changes):
    """What a browser sends for ``form`` as shown, with ``changes``."""
    data = {}
    for field in form:
        value = field.value()
        if field.widget_type == "checkbox":
            if value:
                data[field.html_name] = "on"
            continue
        if isinstance(value, list | tuple):
            data[field.html_name] = [str(item) for item in value]
        else:
            data[field.html_name] = "" if value is None else str(value)
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def en(url):
    return "/en/" + url.split("/", 2)[2]


def open_and_post(client, url, **changes):
    form = client.get(url).context["form"]
    return client.post(url, submitted(form, **changes))


# --- organisation profile ---------------------------------------------------


def test_profile_edit_by_owner(client, organisation, owner):
    client.force_login(owner)
    url = reverse("member:organisation-edit", args=[organisation.pk])

    response = open_and_post(client, url, name="AWO Zentrum", website="https://awo.example")

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.website) == ("AWO Zentrum", "https://awo.example")
    assert ChangeSet.objects.get().actor == owner


def test_profile_rename_reindexes_offers(client, organisation, owner):
    offer = OfferFactory(organisation=organisation)
    client.force_login(owner)

    open_and_post(
        client, reverse("member:organisation-edit", args=[organisation.pk]), name="Lotsenhaus"
    )

    response = client.get(reverse("directory:search"), {"q": "Lotsenhaus"})
    assert [found.pk for found in response.context["offers"]] == [offer.pk]


def test_profile_member_cannot_change_slug_or_membership(client, organisation, owner):
    client.force_login(owner)
    url = reverse("member:organisation-edit", args=[organisation.pk])
    form = client.get(url).context["form"]
    assert "slug" not in form.fields and "membership_status" not in form.fields

    client.post(url, submitted(form, slug="neu", membership_status=MembershipStatus.FORMER))

    organisation.refresh_from_db()
    assert (organisation.slug, organisation.membership_status) == ("awo", MembershipStatus.ACTIVE)


def test_profile_coordinator_changes_membership(client, organisation, coordinator):
    client.force_login(coordinator)
    url = reverse("member:organisation-edit", args=[organisation.pk])

    response = open_and_post(client, url, slug="awo-nb", membership_status=MembershipStatus.FORMER)

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.slug, organisation.membership_status) == (
        "awo-nb",
        MembershipStatus.FORMER,
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("website", "javascript:alert(1)", "Enter a web address starting with http://"),
        ("website", "ftp://files.example.org/", "Enter a web address starting with http://"),
        ("email", "not-an-address", "Enter a valid email address."),
        ("phone", "12ab", "Enter a valid phone number"),
        ("name", "x" * 201, "Ensure this value has at most 200 characters"),
        ("description", "x" * 5001, "Ensure this value has at most 5000 characters"),
        ("name", "", "This field is required."),
    ],
)
def test_profile_bad_input_refused(client, organisation, owner, field, value, message):
    client.force_login(owner)
    url = en(reverse("member:organisation-edit", args=[organisation.pk]))
    before = Organisation.objects.values().get(pk=organisation.pk)

    response = open_and_post(client, url, **{field: value})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Organisation.objects.values().get(pk=organisation.pk) == before
    assert f'aria-describedby="id_{field}_error"' in response.content.decode()


def test_profile_text_is_stored_as_text_and_shown_escaped(client, organisation, owner):
    client.force_login(owner)
    url = reverse("member:organisation-edit", args=[organisation.pk])

    open_and_post(client, url, description="<script>alert('x')</script>")

    organisation.refresh_from_db()
    assert organisation.description == "<script>alert('x')</script>"
    content = client.get(reverse("member:organisation", args=[organisation.pk])).content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in content


def test_profile_statement_by_contact_of_other_organisation_refused(
    client, organisation, other_organisation, owner
):
    foreign = ContactFactory(organisation=other_organisation)
    client.force_login(owner)
    url = reverse("member:organisation-edit", args=[organisation.pk])

    response = open_and_post(client, url, statement_by=str(foreign.pk))

    assert response.status_code == 400
    organisation.refresh_from_db()
    assert organisation.statement_by_id is None


# --- contacts ---------------------------------------------------------------


def test_contact_create(client, organisation, owner):
    client.force_login(owner)
    url = reverse("member:contact-create", args=[organisation.pk])

    response = client.post(
        url,
        {
            "name": "Ingo Intern",
            "role": "Leitung",
            "email": "ingo@example.org",
            "phone": "0395 5551234",
            "position": "0",
        },
    )

    assert response.status_code == 302
    contact = Contact.objects.get(name="Ingo Intern")
    assert (contact.organisation, contact.public, str(contact.phone)) == (
        organisation,
        False,
        "+49 395 5551234",
    )


def test_contact_create_cannot_choose_another_organisation(
    client, organisation, other_organisation, owner
):
    client.force_login(owner)
    url = reverse("member:contact-create", args=[organisation.pk])

    client.post(
        url, {"name": "Kuckuck", "position": "0", "organisation": str(other_organisation.pk)}
    )

    assert Contact.objects.get(name="Kuckuck").organisation == organisation


def test_contact_edit_public_flag(client, organisation, owner):
    contact = ContactFactory(organisation=organisation, public=False)
    client.force_login(owner)
    url = reverse("member:contact-edit", args=[contact.pk])

    response = open_and_post(client, url, public="on")

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.public is True


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "+49 123", "Enter a valid phone number"),
        ("email", "a@b", "Enter a valid email address."),
        ("position", "-1", "Ensure this value is greater than or equal to 0."),
        ("name", "", "This field is required."),
    ],
)
def test_contact_bad_input_refused(client, organisation, owner, field, value, message):
    contact = ContactFactory(organisation=organisation)
    client.force_login(owner)
    before = Contact.objects.values().get(pk=contact.pk)

    response = open_and_post(
        client, en(reverse("member:contact-edit", args=[contact.pk])), **{field: value}
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Contact.objects.values().get(pk=contact.pk) == before


def test_contact_delete(client, organisation, owner):
    contact = ContactFactory(organisation=organisation)
    client.force_login(owner)

    response = open_and_post(client, reverse("member:contact-delete", args=[contact.pk]))

    assert response.status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()
    deleted = Change.objects.get(object_id=str(contact.pk))
    assert (deleted.operation, deleted.change_set.actor) == ("deleted", owner)


def test_contact_delete_without_version_refused(client, organisation, owner):
    contact = ContactFactory(organisation=organisation)
    client.force_login(owner)

    response = client.post(reverse("member:contact-delete", args=[contact.pk]), {})

    assert response.status_code == 400
    assert Contact.objects.filter(pk=contact.pk).exists()


# --- locations --------------------------------------------------------------


def location_data(**changes):
    data = {
        "name": "Treffpunkt",
        "street": "Marktplatz 2",
        "postal_code": "17033",
        "city": "Neubrandenburg",
        "latitude": "53.557",
        "longitude": "13.261",
        "accessibility": "Rampe am Eingang",
    }
    data.update(changes)
    return data


def test_location_create(client, organisation, owner):
    district = DistrictFactory()
    client.force_login(owner)
    url = reverse("member:location-create", args=[organisation.pk])

    response = client.post(
        url, location_data(district=str(district.pk), wheelchair_accessible="on")
    )

    assert response.status_code == 302
    location = Location.objects.get(name="Treffpunkt")
    assert (location.organisation, location.district, location.wheelchair_accessible) == (
        organisation,
        district,
        True,
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"latitude": "91"}, "Latitude must be between -90 and 90."),
        ({"longitude": "-181"}, "Longitude must be between -180 and 180."),
        ({"latitude": "abc"}, "Enter a number."),
        ({"longitude": ""}, "Give both latitude and longitude"),
        ({"street": ""}, "This field is required."),
    ],
)
def test_location_bad_input_refused(client, organisation, owner, changes, message):
    client.force_login(owner)
    url = en(reverse("member:location-create", args=[organisation.pk]))

    response = client.post(url, location_data(**changes))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Location.objects.exists()


def test_location_edit_reindexes_offers_held_there(client, organisation, owner):
    location = LocationFactory(organisation=organisation, city="Neubrandenburg")
    offer = OfferFactory(organisation=organisation)
    OfferLocationFactory(offer=offer, location=location)
    client.force_login(owner)

    open_and_post(client, reverse("member:location-edit", args=[location.pk]), city="Woldegk")

    response = client.get(reverse("directory:search"), {"q": "Woldegk"})
    assert [o.pk for o in response.context["offers"]] == [offer.pk]


def test_location_delete_removes_places(client, organisation, owner):
    location = LocationFactory(organisation=organisation)
    place = OfferLocationFactory(offer=OfferFactory(organisation=organisation), location=location)
    client.force_login(owner)
    url = reverse("member:location-delete", args=[location.pk])
    assert place.offer.name in client.get(url).content.decode()

    response = open_and_post(client, url)

    assert response.status_code == 302
    assert not Location.objects.filter(pk=location.pk).exists()
    assert place.offer.locations.count() == 0
