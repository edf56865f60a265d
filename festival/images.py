"""Event images: checked by their content, never by name or declared type."""

from __future__ import annotations

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def stored_image_type(content: bytes) -> tuple[str, str] | None:
    """``(content type, extension)`` of a stored image, read from its first
    bytes (never from its name), or None when it is none of the allowed types.

    Uploads were checked by ``validate_image``; this guards what is served
    against files stored under another name (before names followed the
    type, or by hand), so no browser is ever told a stored file is HTML.
    """
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        extension = "png"
    elif content.startswith(b"\xff\xd8\xff"):
        extension = "jpg"
    elif content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        extension = "webp"
    else:
        return None
    return CONTENT_TYPES[extension], extension


def validate_image(upload) -> str:
    """Return the file extension for ``upload`` or raise ``ValidationError``.

    Steps: refuse files over ``FESTIVAL_IMAGE_MAX_BYTES``; let Pillow read
    and verify the content; accept JPEG, PNG and WebP only.
    """
    # Pillow only where images are checked: not in every web process.
    from PIL import Image, UnidentifiedImageError

    limit = settings.FESTIVAL_IMAGE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The image is too large; at most %(limit)s are allowed.")
            % {"limit": filesizeformat(limit)},
            code="too_large",
        )
    try:
        upload.seek(0)
        # A small file can still claim a huge picture ("decompression bomb"): refuse it.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                image.verify()
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        raise ValidationError(
            _("This file is not an image. Upload a JPEG, PNG or WebP picture."), code="not_image"
        ) from error
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("This file is not an image. Upload a JPEG, PNG or WebP picture."), code="not_image"
        )
    return ALLOWED_FORMATS[image_format]
