"""Pages of the annual questionnaires (issue 24 §3), in the "surveys" namespace."""

from django.urls import path

from ecm.surveys import views

app_name = "surveys"
C = "surveys/council/<str:la_number>/<int:year>/"
S = "surveys/survey/<int:pk>/"
urlpatterns = [
    path(C, views.council_year, name="council"),
    path(C + "open/", views.survey_open, name="open"),
    path(S, views.survey, name="survey"),
    path(S + "issue/", views.links_issue, name="issue"),
    path(S + "close/", views.survey_close, name="close"),
    path("surveys/answer/<str:token>/", views.answer, name="answer"),
]
