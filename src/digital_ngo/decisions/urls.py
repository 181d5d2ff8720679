"""URLs of decisions and appeals."""

from django.urls import path

from digital_ngo.decisions import views

app_name = "decisions"

urlpatterns = [
    path("staff/calls/<int:call_pk>/ranking/", views.ranking, name="ranking"),
    path("staff/calls/<int:call_pk>/decision/", views.record, name="record"),
    path("applications/<int:pk>/appeal/", views.appeal, name="appeal"),
    path("staff/appeals/<int:pk>/", views.rule, name="rule"),
    path(
        "staff/applications/<int:pk>/withdraw-award/",
        views.withdraw_award,
        name="withdraw_award",
    ),
    path("staff/applications/<int:pk>/settle/", views.settle, name="settle"),
]
