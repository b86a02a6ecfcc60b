"""The pages of documents built off the request (issue 25 §3), for the person who asked."""

from django.urls import path

from ecm.core import document_views

app_name = "documents"

urlpatterns = [
    path("documents/<uuid:token>/", document_views.build, name="build"),
    path("documents/<uuid:token>/status", document_views.build_status, name="build-status"),
    path("documents/<uuid:token>/file", document_views.build_file, name="build-file"),
]
