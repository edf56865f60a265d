from django.urls import path

from directory.freshness import views

app_name = "freshness"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("meldungen/<int:report_id>/erledigt/", views.report_done, name="report-done"),
]
