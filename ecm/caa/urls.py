from importlib import import_module

from django.urls import path

from ecm.caa import views
from ecm.caa.parts import PARTS

app_name = "caa"
urlpatterns = [
    path("caa/", views.council_list, name="list"),
    path("caa/<str:la_number>/", views.council, name="council"),
]
# Each part keeps its own pages, named in this namespace; their paths begin with a word
# ("caa/<la_number>/profile/...") so none is taken for another.
for _part in PARTS:
    urlpatterns += import_module(f"ecm.caa.{_part}.urls").urlpatterns
