"""Pages of the annual rating (issue 10 §2), in the "caa" namespace."""

from django.urls import path

from ecm.caa.rating import views

R = "caa/<str:la_number>/rating/<int:year>/"
urlpatterns = [
    path(R, views.rating, name="rating"),
    path(R + "draft/", views.rating_draft, name="rating-draft"),
    path(R + "finalise/", views.rating_finalise, name="rating-finalise"),
    path("caa/rating/<int:year>/key-areas/", views.key_areas, name="rating-key-areas"),
]
