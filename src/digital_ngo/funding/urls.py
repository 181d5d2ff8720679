"""URLs of calls: the public list and pages, and the staff's editing."""

from django.urls import path

from digital_ngo.funding import views

app_name = "funding"

urlpatterns = [
    path("calls/", views.call_list, name="call_list"),
    path("calls/<int:pk>/", views.call_detail, name="call_detail"),
    path("staff/calls/", views.staff_calls, name="staff_calls"),
    path("staff/calls/new/", views.edit_call, name="new_call"),
    path("staff/calls/<int:pk>/", views.edit_call, name="edit_call"),
    path("staff/calls/<int:pk>/publish/", views.publish_call, name="publish_call"),
]
