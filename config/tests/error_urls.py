"""The site's addresses plus two that fail on purpose, for the error page tests."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import SuspiciousOperation
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("broken on purpose")


def not_understood(request):
    raise SuspiciousOperation("not understood on purpose")


urlpatterns = [
    *site_urlpatterns,
    *i18n_patterns(path("kaputt/", broken), path("unverstaendlich/", not_understood)),
]
