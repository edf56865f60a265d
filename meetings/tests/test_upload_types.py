"""Attachments are stored and offered under the extension of the type their
bytes show, never under the uploader's (issue 14 item 7)."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.attachments import offered_name
from meetings.models import Attachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
REFUSED = "Only PDF, office documents and images can be uploaded; this file is something else."


def upload(client, item, name, content):
    url = reverse("meetings:attachment-upload", args=[item.pk]).replace("/de/", "/en/", 1)
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def download(client, attachment):
    response = client.get(reverse("meetings:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content)  # read to the end: the file is closed
    return response


def test_a_pdf_named_html_is_stored_and_offered_as_pdf(client, owner, item):
    client.force_login(owner)

    assert upload(client, item, "poly.html", PDF).status_code == 302

    attachment = Attachment.objects.get()
    assert attachment.original_name == "poly.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.file.name.endswith(".pdf")
    response = download(client, attachment)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="poly.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_png_named_svg_is_stored_and_offered_as_png(client, owner, item):
    client.force_login(owner)

    assert upload(client, item, "logo.svg", PNG).status_code == 302

    attachment = Attachment.objects.get()
    assert (attachment.original_name, attachment.content_type) == ("logo.png", "image/png")
    assert attachment.file.name.endswith(".png")
    response = download(client, attachment)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="logo.png"'


@pytest.mark.parametrize("name", ["x.pdf", "x.png", "x.docx", "x.html"])
def test_html_under_any_name_is_refused_and_nothing_stored(client, owner, item, name):
    client.force_login(owner)
    before = sorted(settings.UPLOAD_ROOT.rglob("*"))

    response = upload(client, item, name, HTML)

    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert Attachment.objects.count() == 0
    assert sorted(settings.UPLOAD_ROOT.rglob("*")) == before


def test_a_file_stored_under_the_uploaders_extension_is_offered_under_its_type(client, owner, item):
    """Files stored before the fix keep their row; the offered name is
    recomputed from the detected type at download."""
    attachment = Attachment(
        item=item, original_name="poly.html", content_type="application/pdf", size=len(PDF)
    )
    attachment.file.save("poly.html", ContentFile(PDF), save=False)
    attachment.save()
    client.force_login(owner)

    response = download(client, attachment)

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="poly.pdf"'


def test_a_stored_file_of_a_type_no_longer_allowed_is_offered_as_bytes(client, owner, item):
    attachment = Attachment(item=item, original_name="x.html", content_type="text/html", size=4)
    attachment.file.save("x", ContentFile(b"<b>"), save=False)
    attachment.save()
    client.force_login(owner)

    response = download(client, attachment)

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="x.bin"'


@pytest.mark.parametrize(
    ("name", "mime", "expected"),
    [
        ("poly.html", "application/pdf", "poly.pdf"),
        ("Bericht 2026.final.docx", "application/pdf", "Bericht 2026.final.pdf"),
        ("ohne-endung", "image/png", "ohne-endung.png"),
        ("../../etc/passwd", "application/pdf", "passwd.pdf"),
        ("C:\\Users\\erika\\Protokoll.doc", "application/msword", "Protokoll.doc"),
        (".htaccess", "application/pdf", "htaccess.pdf"),
        ("", "application/pdf", "datei.pdf"),
        ("bild\u202egnp.exe", "image/png", "bildgnp.png"),  # no right-to-left override
        ('a"b\r\nX-Evil: 1.pdf', "application/pdf", "a_b X-Evil_ 1.pdf"),
        ("Übersicht für März.jpeg", "image/jpeg", "Übersicht für März.jpg"),
        ("x" * 300 + ".pdf", "application/pdf", "x" * 150 + ".pdf"),
    ],
)
def test_offered_name_keeps_the_base_name_and_takes_the_types_extension(name, mime, expected):
    assert offered_name(name, mime) == expected
