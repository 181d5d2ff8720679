"""URLs of the public portal."""

from django.urls import path

from digital_ngo.portal import views

app_name = "portal"

urlpatterns = [path("", views.home, name="home")]
