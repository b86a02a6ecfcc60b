"""Pages of the CAA's unannounced inspections (issue 10 §3), in the "caa" namespace
(ecm.caa.urls). The programme's one-word path comes before the council's pages there."""

from django.urls import path

from ecm.caa.unannounced import views

U = "caa/<str:la_number>/unannounced/"
P = U + "<int:pk>/"

urlpatterns: list = [
    path("caa/unannounced/", views.programme, name="unannounced-programme"),
    path(U + "new/", views.inspection_new, name="unannounced-new"),
    path(P, views.inspection, name="unannounced"),
    path(P + "visit/", views.inspection_visit, name="unannounced-visit"),
    path(P + "aspects/", views.inspection_aspects, name="unannounced-aspects"),
    path(P + "outcome/", views.inspection_outcome, name="unannounced-outcome"),
    path(P + "send/", views.inspection_send, name="unannounced-send"),
    path(P + "letter/", views.inspection_letter, name="unannounced-letter"),
    path(
        P + "letter.<str:fmt>",
        views.inspection_letter_document,
        name="unannounced-letter-document",
    ),
]
