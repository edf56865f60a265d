from django.urls import path

from core.sitecontent import views
from core.sitecontent.models import SitePage

app_name = "sitecontent"

urlpatterns = [
    path("notruf/", views.emergency, name="emergency"),
    path("impressum/", views.legal_page, {"kind": SitePage.Kind.IMPRINT.value}, name="imprint"),
    path("datenschutz/", views.legal_page, {"kind": SitePage.Kind.PRIVACY.value}, name="privacy"),
    path(
        "barrierefreiheit/",
        views.legal_page,
        {"kind": SitePage.Kind.ACCESSIBILITY.value},
        name="accessibility",
    ),
]
