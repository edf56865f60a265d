import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings

from accounts.models import User
from core.demo.loader import demo_load
from core.demo.logins import DEMO_PASSWORD
from core.models import DemoDataset
from directory.models import (
    Contact,
    Location,
    Offer,
    OfferLocation,
    OpeningHours,
    Organisation,
    OrganisationTranslation,
    TargetGroup,
    Topic,
)

pytestmark = pytest.mark.django_db

COUNTED = [
    Organisation,
    Contact,
    Location,
    Offer,
    OfferLocation,
    OpeningHours,
    Topic,
    TargetGroup,
    User,
]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_demo_is_idempotent(demo_loaded_once):
    before = counts()
    translations = OrganisationTranslation.objects.count()

    assert demo_load() is False  # unchanged files: nothing to do
    assert demo_load(force=True) is True

    assert counts() == before
    assert OrganisationTranslation.objects.count() == translations
    assert DemoDataset.objects.count() == 1


def test_demo_reload_repairs_changed_rows(demo_loaded_once):
    Organisation.objects.filter(slug="neuwoges").update(name="Kaputt")

    demo_load(force=True)

    assert Organisation.objects.get(slug="neuwoges").name == (
        "Neubrandenburger Wohnungsgesellschaft mbH (NEUWOGES)"
    )


def test_demo_is_refused_in_production():
    with override_settings(PRODUCTION=True), pytest.raises(ImproperlyConfigured):
        demo_load()

    assert not Organisation.objects.exists()
    assert not User.objects.exists()


def test_demo_command_prints_logins(capsys):
    call_command("load_demo")

    output = capsys.readouterr().out
    assert "koordination@example.org" in output
    assert DEMO_PASSWORD in output


def test_demo_notice_shown_only_while_demo_data_is_loaded(client):
    assert "Demo data" not in client.get("/en/netzwerk/").content.decode()

    demo_load()

    content = client.get("/en/netzwerk/").content.decode()
    assert "Demo data" in content
    assert "NEUWOGES" in content
