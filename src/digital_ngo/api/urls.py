"""URLs of the API, its OpenAPI schema and interactive docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from digital_ngo.api import events, outreach, views
from digital_ngo.programmes import api as programmes_api

router = DefaultRouter()
router.register("ngos", views.NGOViewSet, basename="ngo")
router.register("calls", views.CallViewSet, basename="call")
router.register("projects", views.ProjectViewSet, basename="project")
router.register("applications", views.ApplicationViewSet, basename="application")
router.register("reports", views.ReportViewSet, basename="report")
router.register("programmes", programmes_api.ProgrammeViewSet, basename="programme")
router.register("tasks", programmes_api.TaskViewSet, basename="task")
router.register("events", events.EventViewSet, basename="event")
router.register("statements", outreach.StatementViewSet, basename="statement")
router.register("coalitions", outreach.CoalitionViewSet, basename="coalition")

app_name = "api"

urlpatterns = [
    path("", include(router.urls)),
    path("token/", views.ThrottledTokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
