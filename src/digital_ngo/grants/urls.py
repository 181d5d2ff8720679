"""URLs of grants: the project page, agreement, reports, reviews, payments and sanctions."""

from django.urls import path

from digital_ngo.grants import views

app_name = "grants"

urlpatterns = [
    path("grants/", views.grant_list, name="list"),
    path("grants/<int:pk>/", views.grant_detail, name="detail"),
    path("grants/<int:pk>/agreement.pdf", views.agreement, name="agreement"),
    path("applications/<int:application_pk>/agreement/", views.conclude, name="conclude"),
    path("reports/<int:pk>/", views.report_form, name="report"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("evidence/<int:pk>/public/", views.evidence_public, name="evidence_public"),
    path("staff/reports/<int:pk>/review/<slug:decision>/", views.review, name="review"),
    path("staff/tranches/<int:pk>/pay/", views.pay, name="pay"),
    path("staff/tranches/<int:pk>/void/", views.void_payment, name="void_payment"),
    path("staff/grants/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("staff/reports/<int:pk>/sanction/", views.sanction, name="sanction"),
]
