"""URLs of evaluation: the evaluator's work and the staff's overview."""

from django.urls import path

from digital_ngo.reviews import views

app_name = "reviews"

urlpatterns = [
    path("reviews/", views.my_reviews, name="mine"),
    path("reviews/<int:pk>/declaration/", views.declare, name="declare"),
    path("reviews/<int:pk>/scores/", views.score, name="score"),
    path("staff/calls/<int:call_pk>/evaluation/", views.call_evaluation, name="call_evaluation"),
    path("staff/calls/<int:call_pk>/evaluation/assign/", views.assign, name="assign"),
]
