"""Pages of the JAR's youth part (issue 9 §5), included in the "jar" namespace by ecm.jar.urls."""

from django.urls import path

from ecm.jar.youth import views

Y = "jar/<int:pk>/youth/"
urlpatterns: list = [
    path(Y, views.overview, name="youth"),
    path(Y + "self-assessment/", views.self_assessment, name="youth-self-assessment"),
    path(
        Y + "self-assessment/check/",
        views.self_assessment_check,
        name="youth-self-assessment-check",
    ),
    path(Y + "activities/add/", views.activity_add, name="youth-activity-add"),
    path(Y + "observations/add/", views.observation_add, name="youth-observation-add"),
    path(Y + "observations/<int:observation_pk>/", views.observation, name="youth-observation"),
    path(Y + "report/", views.report, name="youth-report"),
    path(Y + "report/print/", views.report_print, name="youth-report-print"),
    path(Y + "report/finalise/", views.report_finalise, name="youth-report-finalise"),
]
