from django.urls import path

from ecm.letters.views import documents, pages

app_name = "letters"
P = "assessments/<int:pk>/letter/"
urlpatterns = [
    path(P, pages.letter, name="letter"),
    path(P + "assemble/", pages.assemble, name="assemble"),
    path(P + "sections/<str:code>/", pages.section, name="section"),
    path(P + "compare/", pages.compare, name="compare"),
    path(P + "preview/", documents.preview, name="preview"),
    path(P + "letter.<str:fmt>", documents.download, name="document"),
]
