"""Side-by-side translation of directory entries, and machine translation."""

from django.urls import path

from directory.translating import views

app_name = "translating"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<str:kind>/<str:key>/<str:lang>/", views.side_by_side, name="entry"),
    path("<str:kind>/<str:key>/<str:lang>/maschinell/", views.machine_request, name="machine"),
]
