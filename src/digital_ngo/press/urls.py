"""URLs of the press archive: the public archive and the staff's upload and review."""

from django.urls import path

from digital_ngo.press import views

app_name = "press"

urlpatterns = [
    path("press/", views.archive, name="archive"),
    path("press/<int:pk>/", views.item_detail, name="detail"),
    path("staff/press/", views.staff_list, name="staff_list"),
    path("staff/press/upload/", views.upload, name="upload"),
    path("staff/press/<int:pk>/", views.review, name="review"),
    path("staff/press/<int:pk>/progress/", views.progress, name="progress"),
    path("staff/press/<int:pk>/edits/<int:index>/", views.decide, name="decide"),
    path("staff/press/<int:pk>/text/", views.save_text, name="save_text"),
    path("staff/press/<int:pk>/reset/", views.reset_text, name="reset_text"),
    path("staff/press/<int:pk>/publish/", views.publish, name="publish"),
    path("staff/press/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("staff/press/<int:pk>/read-again/", views.read_again, name="read_again"),
    path("staff/press/<int:pk>/file/", views.original_file, name="original_file"),
]
