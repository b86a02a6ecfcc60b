from django.urls import path

from ecm.performance import views

app_name = "performance"
urlpatterns = [
    path("", views.index, name="index"),
    path("councils/<str:la_number>/", views.profile, name="profile"),
    path(
        "councils/<str:la_number>/profile.<str:fmt>",
        views.profile_download,
        name="profile-download",
    ),
    path(
        "councils/<str:la_number>/indicators/<path:code>/",
        views.council_indicator,
        name="council-indicator",
    ),
    path("indicators/<path:code>/", views.indicator_detail, name="indicator-detail"),
    path(
        "indicators/<path:code>/data.<str:fmt>", views.indicator_download, name="indicator-download"
    ),
    path("imports/", views.import_list, name="import-list"),
    path("imports/new/", views.import_add, name="import-add"),
    path("imports/<int:pk>/", views.import_detail, name="import-detail"),
    path("imports/<int:pk>/progress/", views.import_progress, name="import-progress"),
]
