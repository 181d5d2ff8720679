"""URLs of the programmes: the public page and the staff area."""

from django.urls import path

from digital_ngo.programmes import views

app_name = "programmes"

urlpatterns = [
    path("programmes/", views.index, name="index"),
    path("programmes/<int:pk>/", views.programme, name="programme"),
    path("programmes/evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("staff/programmes/", views.staff_tasks, name="staff_tasks"),
    path("staff/programmes/tasks/<int:pk>/", views.staff_task, name="staff_task"),
    path("staff/programmes/tasks/<int:pk>/move/", views.move_task, name="move_task"),
    path("staff/programmes/tasks/<int:pk>/evidence/", views.add_evidence, name="add_evidence"),
    path("staff/programmes/import/", views.import_tasks, name="import"),
    path("staff/programmes/report/<int:year>/", views.annual_report, name="annual_report"),
]
