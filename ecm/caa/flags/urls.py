"""Pages of the CAA's area assessment (issue 10 §5), in the "caa" namespace (ecm.caa.urls)."""

from django.urls import path

from ecm.caa.flags import views

AREA = "caa/<str:la_number>/area/<int:year>/"

urlpatterns: list = [
    path(AREA, views.area, name="area"),
    path(f"{AREA}report/", views.area_report, name="area-report"),
    path(f"{AREA}edit/", views.area_edit, name="area-edit"),
    path(f"{AREA}publish/", views.area_publish, name="area-publish"),
    path(f"{AREA}reopen/", views.area_reopen, name="area-reopen"),
    path(f"{AREA}flags/add/", views.flag_add, name="flag-add"),
    path(f"{AREA}flags/<int:pk>/", views.flag, name="flag"),
    path(f"{AREA}flags/<int:pk>/withdraw/", views.flag_withdraw, name="flag-withdraw"),
    path(f"{AREA}organisations/add/", views.organisation_add, name="organisation-add"),
    path(f"{AREA}organisations/<int:pk>/", views.organisation, name="organisation"),
    path(f"{AREA}organisations/<int:pk>/edit/", views.organisation_edit, name="organisation-edit"),
]
