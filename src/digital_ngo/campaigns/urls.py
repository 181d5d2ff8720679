"""URLs of statements: public pages and signing, unsubscribe, staff pages."""

from django.urls import path

from digital_ngo.campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("statements/", views.statement_list, name="list"),
    path("statements/<int:pk>/", views.statement_detail, name="detail"),
    path("statements/<int:pk>/sign/", views.sign, name="sign"),
    path("statements/<int:pk>/sign-as-ngo/", views.sign_as_ngo, name="sign_as_ngo"),
    path("statements/<int:pk>/confirm/<str:token>/", views.confirm, name="confirm"),
    path("statements/<int:pk>/signatures.<str:kind>", views.export, name="export"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("staff/statements/", views.staff_list, name="staff_list"),
    path("staff/statements/new/", views.staff_edit, name="staff_new"),
    path("staff/statements/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/statements/<int:pk>/edit/", views.staff_edit, name="staff_edit"),
    path("staff/statements/<int:pk>/progress/", views.staff_progress, name="staff_progress"),
    path("staff/statements/<int:pk>/<str:action>/", views.staff_step, name="staff_step"),
    path(
        "staff/signatures/<int:pk>/<str:action>/",
        views.staff_signature_step,
        name="staff_signature_step",
    ),
]
