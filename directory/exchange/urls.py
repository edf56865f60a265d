"""Import and export of the directory: CSV, XLSX and HSDS JSON (coordinators)."""

from django.urls import path

from directory.exchange import views

app_name = "exchange"

urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views.import_upload, name="import"),
    path("export.zip", views.export_zip, name="export-zip"),
    path("export.xlsx", views.export_xlsx, name="export-xlsx"),
    path("export.json", views.export_json, name="export-json"),
    path("vorlage.xlsx", views.template_xlsx, name="template-xlsx"),
    path("<slug:kind>/vorlage.csv", views.template_csv, name="template-csv"),
]
