"""Uploads for agenda items: types checked by content, a size limit, the
uploads storage outside the web root, served only to members of the body."""

import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings.attachments import ALLOWED_TYPES
from meetings.enums import MinutesStatus
from meetings.models import Attachment, Minutes

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def en(url: str) -> str:
    return "/en/" + url.split("/", 2)[2]


def upload(client, item, name, content):
    url = en(reverse("meetings:attachment-upload", args=[item.pk]))
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("einladung.pdf", PDF, "application/pdf"),
        ("foto.png", PNG, "image/png"),
        (
            "bericht.docx",
            docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("ohne-endung", PDF, "application/pdf"),  # the name says nothing, the bytes decide
    ],
)
def test_members_upload_pdf_office_and_images(client, owner, item, settings, name, content, mime):
    client.force_login(owner)
    response = upload(client, item, name, content)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    # the extension comes from the detected type (test_upload_types.py)
    stored_name = f"{name.rsplit('.', 1)[0]}.{ALLOWED_TYPES[mime]}"
    assert (attachment.original_name, attachment.content_type) == (stored_name, mime)
    # stored under a random name in the uploads storage, outside the web root
    assert attachment.file.path.startswith(str(settings.UPLOAD_ROOT))
    assert name not in attachment.file.name
    assert not attachment.file.path.startswith(str(settings.STATIC_ROOT))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("protokoll.pdf", ELF),
        ("protokoll.pdf", WINDOWS_EXE),
        ("notiz.pdf", b"just text pretending"),
        ("bild.png", b"<svg onload=alert(1)>"),
    ],
)
def test_an_executable_named_pdf_is_refused_and_nothing_stored(client, owner, item, name, content):
    client.force_login(owner)
    response = upload(client, item, name, content)
    assert response.status_code == 400
    assert (
        "Only PDF, office documents and images can be uploaded; this file is something else."
        in response.content.decode()
    )
    assert Attachment.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(client, owner, item, settings):
    # Stands for the 200 MB upload: the same check with a small limit.
    settings.MEETINGS_UPLOAD_MAX_BYTES = 1024
    client.force_login(owner)
    response = upload(client, item, "gross.pdf", PDF + b"0" * 1024)
    assert response.status_code == 400
    assert "The file is too large (at most 1.0\xa0KB)." in response.content.decode()
    assert Attachment.objects.count() == 0


def test_an_empty_upload_is_refused(client, owner, item):
    client.force_login(owner)
    response = client.post(en(reverse("meetings:attachment-upload", args=[item.pk])), {})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_files_are_served_to_members_only(client, owner, outsider, coordinator, item):
    client.force_login(owner)
    upload(client, item, "folien.pdf", PDF)
    url = reverse("meetings:attachment", args=[Attachment.objects.get().pk])

    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="folien.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"

    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # read to the end: the file is closed


def test_an_outsider_cannot_upload_to_an_item_of_another_body(client, outsider, item):
    client.force_login(outsider)
    assert upload(client, item, "x.pdf", PDF).status_code == 404
    assert Attachment.objects.count() == 0


def test_a_large_upload_is_stopped_while_it_is_read(client, owner, item, settings):
    """The guard stops at the limit: nothing of the file reaches the storage."""
    settings.MEETINGS_UPLOAD_MAX_BYTES = 100 * 1024
    client.force_login(owner)
    before = sorted(settings.UPLOAD_ROOT.rglob("*"))
    response = upload(client, item, "vortrag.pdf", PDF + b"0" * (300 * 1024))
    assert response.status_code == 400
    assert "The file is too large (at most 100.0\xa0KB)." in response.content.decode()
    assert Attachment.objects.count() == 0
    assert sorted(settings.UPLOAD_ROOT.rglob("*")) == before


def test_uploads_still_need_the_csrf_token(owner, item):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = upload(client, item, "folien.pdf", PDF)
    assert response.status_code == 403
    assert Attachment.objects.count() == 0


def test_no_file_can_be_added_once_the_minutes_are_approved(client, coordinator, item):
    Minutes.objects.create(
        meeting=item.meeting, status=MinutesStatus.APPROVED, approved_at=timezone.now()
    )
    client.force_login(coordinator)

    response = upload(client, item, "nachtrag.pdf", PDF)

    assert response.status_code == 400
    assert "These minutes are already approved." in response.content.decode()
    assert Attachment.objects.count() == 0
    assert not any(settings.UPLOAD_ROOT.rglob("*nachtrag*"))


def test_files_can_be_added_while_the_minutes_are_a_draft(client, coordinator, item):
    Minutes.objects.create(meeting=item.meeting, status=MinutesStatus.DRAFT)
    client.force_login(coordinator)

    assert upload(client, item, "entwurf.pdf", PDF).status_code == 302
    assert Attachment.objects.count() == 1
