from django.urls import path

from directory import views
from directory.search import views as search_views

app_name = "directory"

urlpatterns = [
    path("", views.home, name="home"),
    path("suche/", views.search, name="search"),
    path("suche/wunsch/", search_views.search_wish, name="search-wish"),
    path("suche/karte/", views.search_map, name="search-map"),
    path("angebote/<uuid:offer_id>/", views.offer_page, name="offer-detail"),
    path("angebote/<uuid:offer_id>/drucken/", views.offer_print, name="offer-print"),
    path("organisationen/<slug:slug>/", views.organisation_page, name="organisation-detail"),
    path("netzwerk/", views.network, name="network"),
    path("angebote/<uuid:offer_id>/fehler-melden/", views.offer_report, name="offer-report"),
]
