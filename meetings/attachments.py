"""Uploads for agenda items: checked by their bytes, never by their name."""

from __future__ import annotations

import re
import unicodedata

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
# What a file whose stored type is not (or no longer) allowed is offered as.
UNKNOWN_TYPE = ("application/octet-stream", "bin")
# Characters some systems treat specially in file names.
_RESERVED = re.compile(r'[<>:"|?*]')
_BASE_NAME_LENGTH = 150


def offered_name(name: str, content_type: str) -> str:
    """The file name to store and offer: the uploader's base name, sanitised,
    with the extension of the detected type instead of the uploader's.

    Steps: drop any folder part (``/`` and ``\\``); drop control and
    formatting characters (line breaks, right-to-left overrides); replace
    characters reserved on common systems; cut the uploader's extension and
    leading dots; shorten; append the extension of ``content_type``.
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(
        " " if char in "\r\n\t" else char
        for char in base
        if char in "\r\n\t" or not unicodedata.category(char).startswith("C")
    )
    base = _RESERVED.sub("_", base)
    base = " ".join(base.split())
    stem, dot, _extension = base.rpartition(".")
    base = (stem if dot and stem.strip(".") else base).lstrip(". ")
    base = base[:_BASE_NAME_LENGTH].rstrip(". ") or "datei"
    extension = ALLOWED_TYPES.get(content_type, UNKNOWN_TYPE[1])
    return f"{base}.{extension}"


def offered_type(content_type: str) -> str:
    """The Content-Type a stored file is served with: its detected type while
    that is allowed, else plain bytes (never a type a browser would run)."""
    return content_type if content_type in ALLOWED_TYPES else UNKNOWN_TYPE[0]


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
    record the uploader's base name with the detected type's extension,
    the type and the size.
    """
    if Minutes.objects.filter(meeting_id=item.meeting_id, status=MinutesStatus.APPROVED).exists():
        raise ValidationError(_("These minutes are already approved."))
    limit = settings.MEETINGS_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (at most %(size)s).") % {"size": filesizeformat(limit)}
        )
    mime = detect_type(upload)
    name = offered_name(upload.name or "", mime)
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
