"""Event images are stored and served under the type their bytes show, never
under the uploader's extension (issue 14 item 7)."""

import io

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from festival.models import Event
from festival.tests.factories import EventFactory
from festival.tests.helpers import en, event_post, partner_post, png_bytes

pytestmark = pytest.mark.django_db

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9"/></svg>'
NOT_AN_IMAGE = "This file is not an image. Upload a JPEG, PNG or WebP picture."


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (10, 120, 60)).save(buffer, format="JPEG")
    return buffer.getvalue()


def with_image(venue, name: str, content: bytes, post=event_post) -> dict:
    upload = SimpleUploadedFile(name, content, content_type="text/html")
    return post(venue, image=upload, image_alt="Menschen am Tisch", image_rights="AWO")


def served(client, event):
    response = client.get(en("festival:image", event.pk))
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("name", ["x.svg", "x.html", "x.png.html", "ohne-endung"])
def test_a_png_under_another_name_is_stored_and_served_as_png(
    during_call, client, owner, venue, name
):
    client.force_login(owner)

    response = client.post(
        en("festival:my-event-create", venue.edition.year), with_image(venue, name, png_bytes())
    )

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.image.name.endswith(".png")
    response = served(client, event)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="image.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == png_bytes()


def test_a_partners_jpeg_named_html_is_stored_as_jpg(during_call, client, venue):
    response = client.post(
        en("festival:partner-submit", venue.edition.year),
        with_image(venue, "plakat.html", jpeg_bytes(), post=partner_post),
    )

    assert response.status_code == 302
    assert Event.objects.get().image.name.endswith(".jpg")


@pytest.mark.parametrize("content", [HTML, SVG])
@pytest.mark.parametrize("name", ["x.png", "x.jpg", "x.svg", "x.html"])
def test_html_or_svg_under_any_name_is_refused_and_nothing_stored(
    during_call, client, owner, venue, name, content
):
    client.force_login(owner)
    before = sorted(settings.UPLOAD_ROOT.rglob("*"))

    response = client.post(
        en("festival:my-event-create", venue.edition.year), with_image(venue, name, content)
    )

    assert response.status_code == 400
    assert NOT_AN_IMAGE in response.content.decode()
    assert Event.objects.count() == 0
    assert sorted(settings.UPLOAD_ROOT.rglob("*")) == before


def test_a_png_stored_under_an_html_name_is_served_as_png(client, owner, venue, organisation):
    """A file stored before the fix (or by hand) is served by its bytes."""
    event = EventFactory(edition=venue.edition, venue=venue, organisation=organisation)
    event.image.save("x.html", ContentFile(png_bytes()))
    assert event.image.name.endswith(".html")
    client.force_login(owner)

    response = served(client, event)

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="image.png"'


def test_html_stored_under_an_image_name_is_not_served(client, owner, venue, organisation):
    event = EventFactory(edition=venue.edition, venue=venue, organisation=organisation)
    event.image.save("x.png", ContentFile(HTML))
    client.force_login(owner)

    response = client.get(en("festival:image", event.pk))

    assert response.status_code == 404
    assert HTML not in response.content  # the stored bytes are never sent
