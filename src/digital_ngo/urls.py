"""The project's URLs: each app's pages, the language switch and the back office."""

from django.contrib import admin
from django.urls import include, path

from digital_ngo.core import views as core_views

urlpatterns = [
    path("", include("digital_ngo.portal.urls")),
    path("", include("digital_ngo.registry.urls")),
    path("", include("digital_ngo.press.urls")),
    path("", include("digital_ngo.funding.urls")),
    path("", include("digital_ngo.applications.urls")),
    path("", include("digital_ngo.reviews.urls")),
    path("", include("digital_ngo.decisions.urls")),
    path("", include("digital_ngo.grants.urls")),
    path("", include("digital_ngo.opendata.urls")),
    path("", include("digital_ngo.programmes.urls")),
    path("", include("digital_ngo.health.urls")),
    path("", include("digital_ngo.events.urls")),
    path("", include("digital_ngo.campaigns.urls")),
    path("", include("digital_ngo.coalitions.urls")),
    path("", include("digital_ngo.media.urls")),
    path("accounts/", include("digital_ngo.accounts.urls")),
    path("api/", include("digital_ngo.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("notifications/", core_views.notifications, name="notifications"),
    path("healthz", core_views.healthz, name="healthz"),
    path("back-office/", admin.site.urls),
]
