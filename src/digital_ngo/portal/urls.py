"""URLs of the public portal."""

from django.urls import path

from digital_ngo.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("projects/", views.projects, name="projects"),
    path("projects/<str:number>/", views.project, name="project"),
    path("projects/<str:number>/evidence/<int:pk>/", views.public_evidence, name="public_evidence"),
]
