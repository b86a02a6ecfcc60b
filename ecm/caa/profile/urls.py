"""Pages of the CAA's profile part (issue 10), in the "caa" namespace (ecm.caa.urls)."""

from django.urls import path

from ecm.caa.profile import views

_AT = "caa/<str:la_number>/profile/"

# The fixed words ("refresh", "indicators") come before the quarter, which would take them.
urlpatterns: list = [
    path(_AT, views.profile, name="profile"),
    path(f"{_AT}refresh/", views.profile_refresh, name="profile-refresh"),
    path(f"{_AT}indicators/<int:ni>/", views.profile_indicator, name="profile-indicator"),
    path(f"{_AT}<str:quarter>/", views.profile_quarter, name="profile-quarter"),
    path(
        f"{_AT}<str:quarter>/profile.<str:fmt>",
        views.profile_document,
        name="profile-document",
    ),
]
