from django.urls import path

from ecm.letters.views import closing, council, documents, pages, ratings, stages

app_name = "letters"
P = "assessments/<int:pk>/letter/"
urlpatterns = [
    path(P, pages.letter, name="letter"),
    path(P + "assemble/", pages.assemble, name="assemble"),
    path(P + "sections/<str:code>/", pages.section, name="section"),
    path(P + "compare/", pages.compare, name="compare"),
    path(P + "preview/", documents.preview, name="preview"),
    path(P + "letter.<str:fmt>", documents.download, name="document"),
    # The stages (issue 7 §2)
    path(P + "stage/<str:to>/", stages.stage, name="stage"),
    path(P + "moderation-form-2/", stages.reader_answer, name="reader-answer"),
    path(P + "council-comments/", stages.responses, name="responses"),
    path(P + "council-comments/<int:comment>/", stages.respond, name="respond"),
    path("rounds/<int:pk>/letters/validation/", stages.validation, name="validation"),
    # A closed round archived, read-only until its retention date (the handbook, section I)
    path("rounds/<int:pk>/letters/archive/", closing.archive, name="archive"),
    # The council presents, publishes and copies its published letter (the handbook, section J)
    path(P + "publication/", closing.publication, name="publication"),
    # The round's final ratings for the Audit Commission (issue 7 §4)
    path("rounds/<int:pk>/ratings/", ratings.ratings, name="ratings"),
    path("rounds/<int:pk>/ratings.<str:fmt>", ratings.ratings_download, name="ratings-download"),
    # The council's factual accuracy pages (002 §I stages 2-3)
    path(P + "factual-accuracy/", council.letter, name="council"),
    path(
        P + "factual-accuracy/<str:code>/<int:paragraph>/",
        council.comment,
        name="council-comment",
    ),
    path(P + "factual-accuracy/no-more-comments/", council.close, name="council-close"),
    # The published letter for the council (issue 20 §5)
    path(P + "published/", council.published_letter, name="council-published"),
    path(P + "published.<str:fmt>", council.published_download, name="council-published-document"),
]
