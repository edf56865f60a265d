"""Uploads for agenda items: checked by their bytes, never by their name."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from accounts.models import User
from core import audit
from meetings.enums import MinutesStatus
from meetings.models import AgendaItem, Attachment, Minutes

ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
}


def detect_type(upload: UploadedFile) -> str:
    """The file's type from its first bytes; refuses everything not allowed."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    import filetype  # only where files are checked: 2 MB less in every process

    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("Only PDF, office documents and images can be uploaded; this file is something else.")
        )
    return kind.mime


@transaction.atomic
def attachment_add(*, item: AgendaItem, upload: UploadedFile, by: User) -> Attachment:
    """Store an upload for an agenda item.

    Steps: refuse once the meeting's minutes are approved (they are final:
    what follows is an amendment); refuse files over the size limit; detect
    the type by content; store under a random name in the uploads storage;
    record name, type, size.
    """
    if Minutes.objects.filter(meeting_id=item.meeting_id, status=MinutesStatus.APPROVED).exists():
        raise ValidationError(_("These minutes are already approved."))
    limit = settings.MEETINGS_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (at most %(size)s).") % {"size": filesizeformat(limit)}
        )
    mime = detect_type(upload)
    name = (upload.name or "datei").rsplit("/", 1)[-1][:150]
    attachment = Attachment(
        item=item, original_name=name, content_type=mime, size=upload.size, uploaded_by=by
    )
    with audit.change_set(by=by, action="meetings.attachment.add", subject=attachment) as cs:
        attachment.file.save(name, upload, save=False)
        attachment.save()
        cs.created(attachment, root=item.meeting)
    return attachment


class UploadLimitHandler(FileUploadHandler):
    """Stops reading an upload as soon as it passes the size limit.

    Without it a 200 MB upload would be written to a temporary file in
    full before the form could refuse it. The rest of the request is read
    and thrown away (not stored), so the browser gets the answer; the view
    sees ``too_large`` and answers with the size message.
    """

    def __init__(self, request=None) -> None:
        super().__init__(request)
        self.received = 0
        self.too_large = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.MEETINGS_UPLOAD_MAX_BYTES:
            self.too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int):
        return None  # the next handler stores the file
