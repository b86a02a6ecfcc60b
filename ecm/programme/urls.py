from django.urls import path

from ecm.programme.views import people, rounds

app_name = "programme"
R = "rounds/<int:pk>/programme/"
urlpatterns = [
    # The round's programme (issue 8 §1, §2, §4)
    path(R, rounds.dashboard, name="dashboard"),
    path(R + "plan/import/", rounds.plan_upload, name="plan-import"),
    path(R + "plan.<str:fmt>", rounds.plan_export, name="plan-export"),
    path(R + "blocks/", rounds.blocks, name="blocks"),
    path(R + "pre-analysis/", rounds.pre_analysis, name="pre-analysis"),
    # A council's individual checklist (002 §B item 4)
    path("assessments/<int:pk>/checklist/", people.checklist, name="checklist"),
    path("assessments/<int:pk>/checklist/<str:code>/agree/", people.agree, name="agree"),
    # A person's own (issue 8 §4, §5)
    path("due/", people.due, name="due"),
    path("calendars/", people.calendars, name="calendars"),
    path("calendars/new/", people.calendar_create, name="calendar-create"),
    path("calendars/<int:pk>/revoke/", people.calendar_revoke, name="calendar-revoke"),
    path("calendars/<str:token>.ics", people.feed, name="feed"),
]
