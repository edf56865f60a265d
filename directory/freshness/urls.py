from django.urls import path

from directory.freshness import views

app_name = "freshness"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
