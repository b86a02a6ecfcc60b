"""Pages of the JAR's judgements and report (issue 9 §6), in the "jar" namespace."""

from django.urls import path

from ecm.jar.report import views

R = "jar/<int:pk>/"
urlpatterns = [
    path(R + "judgements/", views.judgements, name="judgements"),
    path(R + "judgements/evidence/add/", views.evidence_add, name="evidence-add"),
    path(R + "judgements/<slug:code>/", views.judgement, name="judgement"),
    path(R + "report/", views.report, name="report"),
    path(R + "report.<str:fmt>", views.report_document, name="report-document"),
    path(R + "report/edit/", views.report_edit, name="report-edit"),
    path(R + "report/stage/", views.report_stage, name="report-stage"),
    path(R + "report/comment/", views.comment_add, name="report-comment"),
    path(R + "report/comments/<int:comment_pk>/", views.comment_answer, name="report-answer"),
    path(R + "report/no-review/", views.no_review, name="report-no-review"),
    path(R + "report/action-plan/", views.action_plan, name="action-plan"),
    path(R + "report/follow-up/", views.follow_up, name="follow-up"),
]
