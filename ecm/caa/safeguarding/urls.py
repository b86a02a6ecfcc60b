"""Pages of the full inspection of safeguarding and looked after children (issue 10 §4), in the
"caa" namespace (ecm.caa.urls): the programme first ("caa/safeguarding/" comes before the
council's page, so it is not taken for a council's number)."""

from django.urls import path

from ecm.caa.safeguarding import views, views_judging

INSPECTION = "caa/<str:la_number>/safeguarding/<int:pk>/"

urlpatterns: list = [
    path("caa/safeguarding/", views.programme, name="safeguarding-programme"),
    path("caa/<str:la_number>/safeguarding/new/", views.notify, name="safeguarding-notify"),
    path(INSPECTION, views.inspection, name="safeguarding-inspection"),
    path(f"{INSPECTION}visit/", views.visit, name="safeguarding-visit"),
    path(
        f"{INSPECTION}judgements/<str:section>/",
        views_judging.judgements,
        name="safeguarding-judgements",
    ),
    path(f"{INSPECTION}evidence/add/", views.evidence_add, name="safeguarding-evidence-add"),
    path(
        f"{INSPECTION}recommendations/add/",
        views_judging.recommendation_add,
        name="safeguarding-recommendation-add",
    ),
    path(f"{INSPECTION}publish/", views_judging.publish, name="safeguarding-publish"),
    path(f"{INSPECTION}report/", views.report, name="safeguarding-report"),
    path(
        f"{INSPECTION}report.<str:fmt>",
        views.report_document,
        name="safeguarding-report-document",
    ),
]
