"""URLs of applications: the NGO's preparation and the staff's technical check."""

from django.urls import path

from digital_ngo.applications import views

app_name = "applications"

urlpatterns = [
    path("my/applications/", views.my_applications, name="mine"),
    path("calls/<int:call_pk>/apply/", views.start, name="start"),
    path("applications/<int:pk>/", views.detail, name="detail"),
    path("applications/<int:pk>/edit/<slug:section>/", views.edit_section, name="edit_section"),
    path("applications/<int:pk>/attachments/", views.attachments, name="attachments"),
    path("applications/<int:pk>/submit/", views.submit, name="submit"),
    path("applications/attachments/<int:pk>/", views.attachment_file, name="attachment_file"),
    path(
        "staff/calls/<int:call_pk>/applications/", views.call_applications, name="call_applications"
    ),
    path("staff/applications/<int:pk>/check/<slug:decision>/", views.technical_check, name="check"),
]
