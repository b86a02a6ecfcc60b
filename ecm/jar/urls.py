from importlib import import_module

from django.urls import path

from ecm.jar import views
from ecm.jar.parts import PARTS

app_name = "jar"
R = "jar/<int:pk>/"
urlpatterns = [
    path("jar/", views.review_list, name="list"),
    path("jar/notify/", views.notify, name="notify"),
    path("jar/programme/", views.programme_page, name="programme"),
    path(R, views.review, name="review"),
    path(R + "team/add/", views.team_add, name="team-add"),
    path(R + "lines/add/", views.line_add, name="line-add"),
    path(R + "lines/carry/", views.line_carry, name="line-carry"),
    path(R + "cases/list/", views.cases_list, name="cases-list"),
    path(R + "cases/draw/", views.cases_draw, name="cases-draw"),
    path(R + "cases/swap/", views.case_swap, name="case-swap"),
    path(R + "cases/<int:case_pk>/", views.tracked_case, name="case"),
]

# Each part of the review keeps its own pages (issue 9 §3-§6), named in this namespace.
for _part in PARTS:
    urlpatterns += import_module(f"ecm.jar.{_part}.urls").urlpatterns
