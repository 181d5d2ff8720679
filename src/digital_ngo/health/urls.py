"""URLs of sector health: the staff activity list and case, and the NGO's own explanation."""

from django.urls import path

from digital_ngo.health import views

app_name = "health"

urlpatterns = [
    path("staff/activity/", views.activity_list, name="list"),
    path("staff/activity/ngos/<int:pk>/", views.ngo_activity, name="ngo"),
    path("staff/activity/ngos/<int:pk>/<str:action>/", views.act, name="act"),
    path("my/ngo/activity/", views.my_activity, name="my_activity"),
]
