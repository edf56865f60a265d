"""Uploads for the import are kept in memory, and only up to the import's size limit.

Django writes larger uploads to a temporary file; an import file never
touches the disk. Past the limit the handler drops the file's data (the
request body is still read to its end, so the rest of the form, with its
CSRF token, arrives) and says so in ``too_large``.
"""

from __future__ import annotations

from io import BytesIO

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers


class LimitedMemoryUploadHandler(FileUploadHandler):
    """Keeps each uploaded file in memory while it is at most ``max_bytes`` long."""

    def __init__(self, request=None, *, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.too_large = False
        self.buffer: BytesIO | None = None
        self.size = 0

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = BytesIO()
        self.size = 0
        raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.size += len(raw_data)
        if self.size > self.max_bytes:
            self.too_large = True
            self.buffer = None  # nothing more is kept of this file
        if self.buffer is not None:
            self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile | None:
        if self.buffer is None:
            return None
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
