from django.urls import path

from ecm.self_assessment import views, views_documents, views_sharing

app_name = "self_assessment"
P = "assessments/<int:pk>/self-assessment/"
urlpatterns = [
    path(P, views.overview, name="overview"),
    path(P + "parts/<str:code>/", views.part_edit, name="part"),
    path(P + "parts/<str:code>/<str:field_key>/cite/", views.cite, name="cite"),
    path(P + "parts/<str:code>/<str:field_key>/partners/", views.contribute, name="contribute"),
    path(P + "citations/<int:citation_pk>/remove/", views.citation_remove, name="citation-remove"),
    path(P + "documents/", views_documents.documents, name="documents"),
    path(P + "documents/<int:document_pk>/", views_documents.document_download, name="document"),
    path(P + "check/", views.check_answers, name="check"),
    path(
        P + "versions/<int:number>/document.<str:fmt>",
        views_documents.version_document,
        name="version-document",
    ),
    path(P + "reading/", views.reading, name="reading"),
    path(P + "reopen/", views.reopen, name="reopen"),
    path(P + "shared/", views_sharing.share, name="share"),
]
