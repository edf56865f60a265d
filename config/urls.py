from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from directory.api.api import api as hsds_api

# The admin logs in through allauth, so rate limits and two factors apply there too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("Integrationsnetz administration")
admin.site.site_title = _("Integrationsnetz")

urlpatterns = [
    # The HSDS API has one URL for all languages: ?lang= or Accept-Language chooses.
    path("api/hsds/", hsds_api.urls),
    *i18n_patterns(
        path("", include("directory.urls")),
        path("", include("core.sitecontent.urls")),
        path("verwaltung/", include("directory.member.urls")),
        path("verwaltung/austausch/", include("directory.exchange.urls")),
        path("verwaltung/uebersetzungen/", include("directory.translating.urls")),
        path("verwaltung/aktualitaet/", include("directory.freshness.urls")),
        path("verwaltung/unerfuellte-suchen/", include("directory.search.urls")),
        path("sitzungen/", include("meetings.urls")),
        path("interkulturelle-woche/", include("festival.urls")),
        path("mitmachen/", include("network.urls")),
        path("konto/", include("allauth.urls")),
        path("admin/", admin.site.urls),
    ),
]
