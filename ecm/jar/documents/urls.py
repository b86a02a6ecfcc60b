"""Pages of the JAR's documents part (issue 9 §3), included in the "jar" namespace by
ecm.jar.urls."""

from django.urls import path

from ecm.jar.documents import views

D = "jar/<int:pk>/documents/"
urlpatterns: list = [
    path(D, views.documents, name="documents"),
    path(D + "add/", views.document_add, name="document-add"),
    path(D + "files/<int:file_pk>/", views.document_download, name="document-download"),
    path(D + "<int:document_pk>/", views.document, name="document"),
    path(D + "<int:document_pk>/upload/", views.document_upload, name="document-upload"),
    path(D + "<int:document_pk>/not-held/", views.document_not_held, name="document-not-held"),
    path(D + "<int:document_pk>/accept/", views.document_accept, name="document-accept"),
]
