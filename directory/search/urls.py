from django.urls import path

from directory.search import views

app_name = "unmet"

urlpatterns = [
    path("", views.unmet_searches, name="list"),
]
