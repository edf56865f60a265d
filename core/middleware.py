"""Site-wide answers that no view should have to give itself."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.utils.cache import add_never_cache_headers

# The site reads with GET/HEAD, writes with POST (forms), and answers CORS
# preflights of the read API with OPTIONS; TRACE, PUT, DELETE, WebDAV verbs
# and anything else get 405 before any view or middleware state is touched.
ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")

# No page uses the camera, the microphone or the visitor's position (the map
# shows places, it does not locate the visitor), so no page or frame may ask.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Refused access is a security event (ASVS 16.3.2): one line with the path
# (never the query string, which may carry an address) and the account's
# number, never its e-mail address.
REFUSALS = {401: "not logged in", 403: "forbidden", 405: "method not allowed", 429: "rate limited"}
security_log = logging.getLogger("integrationsnetz.security")


class SecurityHeadersMiddleware:
    """Refuse unexpected HTTP methods with 405 and plain http to the API with
    403 (where https is required); send ``Permissions-Policy``;
    forbid caching of every answer to a logged-in person; log refusals.

    Member pages, exports, minutes, attachments and the two-factor pages hold
    personal or internal data: no browser, proxy or shared computer may keep
    them (``Cache-Control: no-store``). Anonymous public pages stay cacheable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ALLOWED_METHODS:
            response: HttpResponse = HttpResponseNotAllowed(ALLOWED_METHODS)
        elif _plain_http_to_the_api(request):
            response = JsonResponse({"detail": "HTTPS required"}, status=403)
        else:
            response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        if response.status_code in REFUSALS:
            _log_refusal(request, response.status_code, user)
        return response


def _plain_http_to_the_api(request: HttpRequest) -> bool:
    """Where the site sends browsers to https, the API refuses plain http
    instead (the API's path is exempt from the redirect)."""
    return (
        settings.SECURE_SSL_REDIRECT
        and not request.is_secure()
        and request.path_info.startswith("/api/")
    )


def _log_refusal(request: HttpRequest, status: int, user) -> None:
    account = f"user {user.pk}" if user is not None and user.is_authenticated else "anonymous"
    security_log.warning(
        "%s %s refused with %s (%s), %s",
        request.method,
        request.path,
        status,
        REFUSALS[status],
        account,
    )
