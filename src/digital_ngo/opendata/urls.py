"""URLs of the open-data pages and downloads."""

from django.urls import path

from digital_ngo.opendata import views

app_name = "opendata"

urlpatterns = [
    path("opendata/", views.index, name="index"),
    path("opendata/360giving.json", views.download_json, name="json"),
    path("opendata/360giving.csv", views.download_csv, name="csv"),
    path("opendata/360giving.xlsx", views.download_xlsx, name="xlsx"),
    path("opendata/iati-activities.xml", views.download_xml, name="xml"),
    path("opendata/open-data.zip", views.download_zip, name="zip"),
    path("opendata/grants/<slug:number>.json", views.grant_json, name="grant"),
    path("opendata/regenerate/", views.regenerate, name="regenerate"),
]
