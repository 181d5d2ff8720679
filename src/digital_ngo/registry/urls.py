"""URLs of the registry: public directory, the NGO's own area and the staff area."""

from django.urls import path

from digital_ngo.registry import views

app_name = "registry"

urlpatterns = [
    path("ngos/", views.ngo_directory, name="directory"),
    path("ngos/<int:pk>/", views.ngo_profile, name="profile"),
    path("my/ngo/", views.my_ngo, name="my_ngo"),
    path("my/ngo/register/", views.register_ngo, name="register_ngo"),
    path("my/ngo/edit/", views.edit_registration, name="edit_registration"),
    path("documents/<int:pk>/", views.download_document, name="document"),
    path("staff/", views.staff_dashboard, name="staff_dashboard"),
    path("staff/ngos/", views.staff_ngo_list, name="staff_ngo_list"),
    path("staff/ngos/<int:pk>/", views.staff_ngo_detail, name="staff_ngo_detail"),
    path("staff/ngos/<int:pk>/verify/", views.verify_ngo, name="verify"),
    path("staff/ngos/<int:pk>/return/", views.return_registration, name="return"),
    path("staff/ngos/<int:pk>/sanctions/", views.impose_sanction, name="impose_sanction"),
    path("staff/ngos/<int:pk>/history/", views.ngo_history, name="history"),
    path("staff/sanctions/<int:pk>/void/", views.void_sanction, name="void_sanction"),
    path("ngos/<int:pk>/people/", views.ngo_people, name="ngo_people"),
    path("affiliations/<int:pk>/", views.edit_affiliation, name="edit_affiliation"),
    path("affiliations/<int:pk>/void/", views.void_affiliation, name="void_affiliation"),
    path("my/affiliations/", views.my_affiliations, name="my_affiliations"),
]
