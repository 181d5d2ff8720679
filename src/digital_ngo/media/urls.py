"""URLs of the media registry's staff pages."""

from django.urls import path

from digital_ngo.media import views

app_name = "media"
urlpatterns = [
    path("staff/media/", views.outlet_list, name="list"),
    path("staff/media/import/", views.import_register, name="import"),
    path("staff/media/<int:pk>/", views.outlet_detail, name="detail"),
]
