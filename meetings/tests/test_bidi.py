"""File names and times on meeting pages read correctly in right-to-left pages."""

import pytest
from django.core.files.base import ContentFile

from meetings.models import Attachment

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_meeting_page_isolates_file_names_and_start_times(client, owner, meeting, item, language):
    attachment = Attachment(
        item=item, original_name="Folien 2026.png", content_type="image/png", size=len(PNG)
    )
    attachment.file.save("folien.png", ContentFile(PNG), save=True)
    client.force_login(owner)

    html = client.get(f"/{language}/sitzungen/{meeting.pk}/").content.decode()

    assert 'dir="rtl"' in html
    assert "<bdi>Folien 2026.png</bdi>" in html
