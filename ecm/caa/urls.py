from importlib import import_module

from django.urls import path

from ecm.caa import views
from ecm.caa.parts import PARTS

app_name = "caa"
urlpatterns = [path("caa/", views.council_list, name="list")]
# Each part keeps its own pages, named in this namespace ("caa/<la_number>/profile/...", or a
# programme's "caa/unannounced/..."); they come before the council's page so that a part's
# one-word path ("caa/unannounced/") is not taken for a council's number.
for _part in PARTS:
    urlpatterns += import_module(f"ecm.caa.{_part}.urls").urlpatterns
urlpatterns += [path("caa/<str:la_number>/", views.council, name="council")]
