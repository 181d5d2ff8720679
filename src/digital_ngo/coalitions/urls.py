"""URLs of the public coalition pages."""

from django.urls import path

from digital_ngo.coalitions import views

app_name = "coalitions"
urlpatterns = [
    path("coalitions/", views.coalition_list, name="list"),
    path("coalitions/<slug:slug>/", views.coalition_detail, name="detail"),
]
