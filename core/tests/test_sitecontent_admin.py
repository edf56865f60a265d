"""Coordinators edit the legal pages and emergency numbers in the admin; nobody else.

Every save is one change set with the translations in it, and the cached
emergency numbers are read afresh after it.
"""

import pytest

from core.enums import TranslationStatus
from core.models import Change, ChangeSet
from core.sitecontent.models import (
    EmergencyNumber,
    EmergencyNumberTranslation,
    SitePage,
    SitePageTranslation,
)
from core.tests.sitecontent_helpers import numbers_create, page_create

pytestmark = pytest.mark.django_db

PAGES = "/de/admin/core/sitepage/"
NUMBERS = "/de/admin/core/emergencynumber/"


def _inline(rows: list[dict], initial: int = 0) -> dict:
    data = {
        "translations-TOTAL_FORMS": str(len(rows)),
        "translations-INITIAL_FORMS": str(initial),
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"translations-{index}-{name}": value for name, value in row.items()})
    return data


def _page_data(**changes) -> dict:
    data = {"kind": "privacy", "title": "Datenschutzerklärung", "body": "Wir speichern wenig."}
    data.update(changes)
    return data


def _number_data(**changes) -> dict:
    data = {"label": "Polizei", "number": "110", "note": "", "position": "1", "active": "on"}
    data.update(changes)
    return data


def test_admin_for_coordinators_only(client, owner, outsider, coordinator):
    # Member editors are never staff (accounts.User.is_staff follows the role):
    # the admin sends them to its login page.
    for url in (f"{PAGES}add/", f"{NUMBERS}add/"):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
        for user in (owner, outsider):
            client.force_login(user)
            response = client.get(url)
            assert response.status_code == 302 and "/login/" in response["Location"]
        client.force_login(coordinator)
        assert client.get(url).status_code == 200
        client.logout()


def test_others_cannot_post_a_page(client, owner, outsider):
    for user in (None, owner, outsider):
        if user:
            client.force_login(user)
        response = client.post(f"{PAGES}add/", {**_page_data(), **_inline([])})
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert not SitePage.objects.exists()


def test_coordinator_adds_a_page_with_a_translation_in_one_change_set(client, coordinator):
    client.force_login(coordinator)
    rows = [{"language": "ar", "title": "بيان حماية البيانات", "body": "نحفظ القليل."}]

    response = client.post(f"{PAGES}add/", {**_page_data(), **_inline(rows)})

    assert response.status_code == 302
    page = SitePage.objects.get()
    translation = SitePageTranslation.objects.get()
    assert translation.status() == TranslationStatus.CURRENT
    assert translation.source_texts == page.german_texts()
    change_set = ChangeSet.objects.get()
    assert change_set.action == "core.sitepage.admin-add"
    assert change_set.actor == coordinator
    operations = {(c.content_type.model, c.operation) for c in change_set.changes.all()}
    assert operations == {("sitepage", "created"), ("sitepagetranslation", "created")}
    assert {c.root_id for c in change_set.changes.all()} == {str(page.pk)}
    assert "بيان حماية البيانات" in client.get("/ar/datenschutz/").content.decode()


def test_coordinator_changes_and_deletes_translations_recorded(client, coordinator):
    page = page_create(
        kind=SitePage.Kind.PRIVACY,
        ar={"title": "قديم", "body": "نص"},
        en={"title": "Old", "body": "Text"},
    )
    ar, en = page.translations.order_by("language")
    client.force_login(coordinator)
    rows = [
        {"id": str(ar.pk), "source": str(page.pk), "language": "ar", "title": "جديد", "body": "نص"},
        {
            "id": str(en.pk),
            "source": str(page.pk),
            "language": "en",
            "title": "Old",
            "body": "Text",
            "DELETE": "on",
        },
    ]

    response = client.post(f"{PAGES}{page.pk}/change/", {**_page_data(), **_inline(rows, 2)})

    assert response.status_code == 302
    assert list(page.translations.values_list("language", "title")) == [("ar", "جديد")]
    changes = Change.objects.filter(change_set__action="core.sitepage.admin-change")
    recorded = {(c.content_type.model, c.operation) for c in changes}
    assert ("sitepagetranslation", "changed") in recorded
    assert ("sitepagetranslation", "deleted") in recorded
    changed = changes.get(operation="changed", content_type__model="sitepagetranslation")
    assert changed.fields["title"] == ["قديم", "جديد"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (_page_data(title=""), "title"),
        (_page_data(title="Zwei\nZeilen"), "title"),
        (_page_data(body=""), "body"),
        (_page_data(kind="blog"), "kind"),
    ],
)
def test_bad_page_input_is_refused_and_nothing_stored(client, coordinator, data, field):
    client.force_login(coordinator)

    response = client.post(f"{PAGES}add/", {**data, **_inline([])})

    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not SitePage.objects.exists() and not ChangeSet.objects.exists()


def test_second_page_of_the_same_kind_is_refused(client, coordinator):
    page_create(kind=SitePage.Kind.PRIVACY)
    client.force_login(coordinator)

    response = client.post(f"{PAGES}add/", {**_page_data(), **_inline([])})

    assert response.status_code == 200
    assert "kind" in response.context["adminform"].form.errors
    assert SitePage.objects.count() == 1


@pytest.mark.parametrize("number", ["11a", "", "+", "call 110", "110\n112", "--110"])
def test_bad_number_is_refused(client, coordinator, number):
    client.force_login(coordinator)

    response = client.post(f"{NUMBERS}add/", {**_number_data(number=number), **_inline([])})

    assert response.status_code == 200
    assert "number" in response.context["adminform"].form.errors
    assert not EmergencyNumber.objects.exists()


def test_bad_translation_language_is_refused(client, coordinator):
    client.force_login(coordinator)
    rows = [{"language": "xx", "label": "Police", "note": ""}]

    response = client.post(f"{NUMBERS}add/", {**_number_data(), **_inline(rows)})

    assert response.status_code == 200
    assert not EmergencyNumber.objects.exists()
    assert not EmergencyNumberTranslation.objects.exists()


def test_number_change_shows_at_once_in_the_box(client, coordinator):
    police, *_ = numbers_create()
    assert 'href="tel:110"' in client.get("/de/").content.decode()  # now cached
    client.force_login(coordinator)

    response = client.post(
        f"{NUMBERS}{police.pk}/change/",
        {**_number_data(number="+49 110", position="1"), **_inline([])},
    )

    assert response.status_code == 302
    client.logout()
    content = client.get("/de/").content.decode()
    assert 'href="tel:+49110" dir="ltr">+49 110</a>' in content
    change = Change.objects.get(change_set__action="core.emergencynumber.admin-change")
    assert change.fields["number"] == ["110", "+49 110"]


def test_number_deleted_leaves_the_box(client, coordinator):
    police, *_ = numbers_create()
    client.get("/de/")
    client.force_login(coordinator)

    response = client.post(f"{NUMBERS}{police.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert 'href="tel:110"' not in client.get("/de/").content.decode()
    assert ChangeSet.objects.filter(action="core.emergencynumber.admin-delete").exists()


def test_bulk_delete_is_recorded_and_forgets_the_cache(client, coordinator):
    police, helpline, _hidden = numbers_create()
    client.get("/de/")
    client.force_login(coordinator)

    client.post(
        NUMBERS,
        {
            "action": "delete_selected",
            "_selected_action": [str(police.pk), str(helpline.pk)],
            "post": "yes",
        },
    )

    assert not EmergencyNumber.objects.filter(active=True).exists()
    assert ChangeSet.objects.filter(action="core.emergencynumber.admin-delete").count() == 2
    assert "emergency-box" not in client.get("/de/").content.decode()


def test_lists_show_translation_status(client, coordinator):
    page_create(ar={"title": "بيانات الناشر", "body": "نص"})
    numbers_create()
    client.force_login(coordinator)

    pages = client.get(PAGES).content.decode()
    numbers = client.get(NUMBERS).content.decode()

    assert "ar✓" in pages and "en–" in pages
    assert "116 016" in numbers and "ar✓" in numbers
