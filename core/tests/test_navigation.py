"""Every page's header leads to the public parts of each module."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

PUBLIC_ENTRIES = ["directory:search", "directory:network", "festival:home", "network:index"]


@pytest.mark.parametrize("language", ["de", "ar"])
def test_header_links_to_every_public_module(client, language):
    with translation.override(language):
        page = client.get(reverse("directory:home")).content.decode()
        links = [reverse(name) for name in PUBLIC_ENTRIES]

    assert [link for link in links if f'href="{link}"' not in page] == []


def test_header_links_members_to_their_meetings(client, owner):
    client.force_login(owner)

    page = client.get(reverse("directory:home")).content.decode()

    assert f'href="{reverse("meetings:home")}"' in page


def test_the_public_sees_no_meetings_link(client):
    page = client.get(reverse("directory:home")).content.decode()

    assert reverse("meetings:home") not in page
