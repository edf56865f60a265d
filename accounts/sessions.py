"""How long a login lasts: an absolute lifetime and an idle timeout.

Every login ends ``SESSION_MAX_HOURS`` after it began and
``SESSION_IDLE_MINUTES`` after the last request; coordinators and
superusers (everyone with the admin) have the shorter
``SESSION_MAX_HOURS_STAFF`` and ``SESSION_IDLE_MINUTES_STAFF``. The
session records when the login began and when the person was last seen
(written at most once a minute, not on every request), and its row in the
database expires at the earlier of the two ends: the server never keeps a
login longer. The cookie of a logged-in session ends with the browser and
may outlive the row, so a returning person is told that the session has
ended instead of finding themselves logged out without a word.

Requests a page sends by itself (htmx polling, marked with the
``X-Background-Refresh`` header) do not count as activity: an open tab
must not keep a login alive.

Anonymous sessions are left alone; ``SESSION_COOKIE_AGE`` (the longest
lifetime) bounds them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts.permissions import AnyUser, is_coordinator, requires_mfa

STARTED = "_login_started"  # when the login began (Unix seconds)
SEEN = "_login_seen"  # the last request that counted as activity (Unix seconds)
# Activity is written to the session at most this often, so that most
# requests do not write the session row.
SEEN_WRITE_SECONDS = 60
BACKGROUND_HEADER = "X-Background-Refresh"


@dataclass(frozen=True)
class SessionLimits:
    """The two limits of one person's login, in seconds."""

    absolute: int
    idle: int


def session_limits(user: AnyUser) -> SessionLimits:
    """Coordinators and superusers get the shorter limits (read at call time)."""
    if requires_mfa(user) or is_coordinator(user):
        return SessionLimits(
            absolute=settings.SESSION_MAX_HOURS_STAFF * 3600,
            idle=settings.SESSION_IDLE_MINUTES_STAFF * 60,
        )
    return SessionLimits(
        absolute=settings.SESSION_MAX_HOURS * 3600, idle=settings.SESSION_IDLE_MINUTES * 60
    )


class SessionStore(db.SessionStore):
    """Database sessions whose cookie ends with the browser once someone logs in.

    The row still expires at the login's end (``set_expiry`` with a date);
    only the cookie lives on, so that the next request can say why the
    person is logged out. An anonymous session's cookie and row end
    together (``SESSION_COOKIE_AGE``), so a cookie the server no longer
    knows always belonged to a login.
    """

    def get_expire_at_browser_close(self) -> bool:
        return STARTED in self

    async def aget_expire_at_browser_close(self) -> bool:
        return await self.ahas_key(STARTED)


def _now() -> int:
    return int(timezone.now().timestamp())


def _stamp(session: SessionBase, user: AnyUser, now: int, *, started: int | None = None) -> None:
    """Record activity at ``now`` and let the row expire when the login ends."""
    session[STARTED] = now if started is None else started
    session[SEEN] = now
    limits = session_limits(user)
    end = min(now + limits.idle, session[STARTED] + limits.absolute)
    session.set_expiry(datetime.fromtimestamp(end, tz=UTC))


def login_is_current(request: HttpRequest) -> bool:
    """Check the logged-in person's session against both limits, noting activity.

    1. A session without a record (a login made before these limits
       existed; new logins are recorded by ``login_recorded``) starts its
       record now.
    2. A session past either limit is not current.
    3. Otherwise the activity is written, at most once a minute, and never
       for a request the page sent by itself.
    """
    session, now = request.session, _now()
    started, seen = session.get(STARTED), session.get(SEEN)
    if started is None or seen is None:
        _stamp(session, request.user, now)
        return True
    limits = session_limits(request.user)
    if now >= min(seen + limits.idle, started + limits.absolute):
        return False
    if now - seen >= SEEN_WRITE_SECONDS and not request.headers.get(BACKGROUND_HEADER):
        _stamp(session, request.user, now, started=started)
    return True


def _session_lost(request: HttpRequest) -> bool:
    """The browser sent a session cookie the server no longer holds (it has expired)."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.session.session_key is None


def _next_path(request: HttpRequest) -> str:
    """Where to go after logging in again: this page, or for a form the page it was on."""
    if request.method in ("GET", "HEAD") and not request.headers.get("HX-Request"):
        return request.get_full_path()
    referer = request.headers.get("HX-Current-URL") or request.headers.get("Referer") or ""
    if not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    parts = urlsplit(referer)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _login_url(request: HttpRequest) -> str:
    login_url = resolve_url(settings.LOGIN_URL)
    next_path = _next_path(request)
    return f"{login_url}?{urlencode({REDIRECT_FIELD_NAME: next_path})}" if next_path else login_url


def _login_answer(request: HttpRequest) -> HttpResponse | None:
    """The login page for a browser; ``None`` lets the view answer as to anyone.

    htmx requests get 401 with ``HX-Redirect``, so the whole page moves to
    the login page; API clients, calendar programs and other non-browser
    requests reach the view as anonymous (public data, token feeds and
    ``login_required`` work as they always do).
    """
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=401)
        response["HX-Redirect"] = _login_url(request)
        return response
    if "text/html" not in request.headers.get("Accept", "") or request.path.startswith("/api/"):
        return None
    if request.path == resolve_url(settings.LOGIN_URL):
        return None
    return HttpResponseRedirect(_login_url(request))


def _tell(request: HttpRequest) -> None:
    messages.info(request, _("Your session has ended. Please log in again."))


class SessionLimitMiddleware:
    """Ends logins past their idle or absolute limit and sends the person to log in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            ended = not login_is_current(request)
            if ended:
                logout(request)
        else:
            ended = _session_lost(request)
        if ended:
            answer = _login_answer(request)
            if answer is not None or request.path == resolve_url(settings.LOGIN_URL):
                _tell(request)  # only where a person will read it
            if answer is not None:
                return answer
        return self.get_response(request)


def login_recorded(sender, request: HttpRequest | None, user: AnyUser, **kwargs) -> None:
    """``user_logged_in`` receiver: the login begins now (a new record for every login)."""
    if request is not None and hasattr(request, "session"):
        _stamp(request.session, user, _now())
