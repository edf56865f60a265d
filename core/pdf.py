"""PDF rendering: the one way HTML becomes a PDF (WeasyPrint).

Every renderer (meeting minutes, the festival booklet, and the concept and
funding PDFs to come) calls ``render_pdf``. Its URL fetcher loads only the
site's own static files: ``/static/…`` URLs resolved through the static
files finders or ``STATIC_ROOT``, and ``data:`` URLs, which WeasyPrint
decodes in memory. Everything else — ``file:`` (``/etc/passwd``), ``http(s)``
to any host (``http://169.254.169.254/``), other schemes — is refused, so a
hostile reference in a template or in content can neither read the server's
files nor reach the network. A refused resource is left out of the PDF;
the PDF is still made.
"""

from __future__ import annotations

import functools
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.utils._os import safe_join

logger = logging.getLogger(__name__)


class ResourceRefused(ValueError):
    """A PDF asked for something other than the site's own static files."""


def render_pdf(html: str) -> bytes:
    """Render ``html`` to PDF bytes, loading nothing but the site's static files.

    Relative URLs resolve against ``SITE_URL``, so ``{% static %}`` paths and
    links in the PDF work; the fetcher never goes to the network for them.
    """
    from weasyprint import HTML  # loaded only when a PDF is made: it is large

    fetcher = _fetcher_class()()
    return HTML(string=html, base_url=_base_url(), url_fetcher=fetcher).write_pdf()


def static_file_for(url: str) -> Path | None:
    """The static file an absolute ``url`` names, or None if it names none.

    Only the site's own origin with the ``STATIC_URL`` path counts; the path
    must be plain (no ``..``, no backslashes) and is looked up with the
    static files finders (development) and in ``STATIC_ROOT`` (collected,
    with the hashed names of production).
    """
    parts = urlsplit(url)
    static = urlsplit(settings.STATIC_URL)
    origin = static if static.netloc else urlsplit(_base_url())
    if (parts.scheme.lower(), parts.netloc.lower()) != (
        origin.scheme.lower(),
        origin.netloc.lower(),
    ) or not parts.path.startswith(static.path):
        return None
    relative = unquote(parts.path[len(static.path) :])
    segments = relative.split("/")
    if "\\" in relative or "\0" in relative or any(s in {"", ".", ".."} for s in segments):
        return None
    found = finders.find(relative)
    if found:
        return Path(found)
    if settings.STATIC_ROOT:
        try:
            candidate = Path(safe_join(settings.STATIC_ROOT, relative))
        except SuspiciousFileOperation:
            return None
        if candidate.is_file():
            return candidate
    return None


def _base_url() -> str:
    return settings.SITE_URL.rstrip("/") + "/"


@functools.cache
def _fetcher_class():
    """The fetcher class, built on first use so WeasyPrint loads only then.

    WeasyPrint 70 wants a ``URLFetcher`` (it reads attributes of the object
    it is given), not a plain function.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                # Decoded by urllib's data handler: no file, no network.
                return super().fetch(url, headers)
            path = static_file_for(url)
            if path is None:
                # The URL may carry content: log only its scheme.
                logger.warning("PDF: refused to load a resource (scheme %s)", scheme or "none")
                raise ResourceRefused("Only the site's own static files are loaded.")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticFilesOnly
