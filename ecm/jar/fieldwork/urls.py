"""Pages of the JAR's fieldwork (issue 24 §2), included in the "jar" namespace by ecm.jar.urls."""

from django.urls import path

from ecm.jar.fieldwork import views

F = "jar/<int:pk>/fieldwork/"
urlpatterns: list = [
    path(F, views.plan_page, name="fieldwork"),
    path(F + "add/", views.activity_add, name="fieldwork-add"),
    path(F + "<int:activity_pk>/withdraw/", views.activity_withdraw, name="fieldwork-withdraw"),
    path(F + "meetings/add/", views.meeting_add, name="case-meeting-add"),
]
