"""URLs of the events app: the public calendar, registration links and the staff pages."""

from django.urls import path

from digital_ngo.events import views

app_name = "events"

urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/calendar.ics", views.calendar_feed, name="feed"),
    path("events/statistics/", views.statistics, name="statistics"),
    path("events/statistics.xlsx", views.statistics_xlsx, name="statistics_xlsx"),
    path("events/<int:pk>/", views.event_detail, name="detail"),
    path("events/photos/<int:pk>/", views.photo, name="photo"),
    path("events/<int:pk>/event.ics", views.event_ics, name="ics"),
    path("events/<int:pk>/register/", views.register, name="register"),
    path("events/r/<str:token>/", views.registration, name="registration"),
    path("events/r/<str:token>/confirm/", views.confirm, name="confirm"),
    path("events/r/<str:token>/cancel/", views.cancel, name="cancel"),
    path("events/r/<str:token>/ticket.pdf", views.ticket_pdf, name="ticket"),
    path("staff/events/", views.staff_list, name="staff_list"),
    path("staff/events/new/", views.edit_event, name="create"),
    path("staff/events/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/events/<int:pk>/edit/", views.edit_event, name="edit"),
    path("staff/events/<int:pk>/step/<str:action>/", views.event_step, name="step"),
    path("staff/events/<int:pk>/codes/", views.add_codes, name="add_codes"),
    path("staff/events/<int:pk>/photos/", views.add_photo, name="add_photo"),
    path("staff/events/<int:pk>/check-in/", views.check_in, name="check_in"),
    path("staff/events/<int:pk>/attendance.xlsx", views.attendance_xlsx, name="attendance"),
]
