from django.urls import path

from ecm.framework import views

app_name = "framework"
urlpatterns = [
    path("", views.version_list, name="version-list"),
    path("<int:pk>/", views.version_detail, name="version-detail"),
    path("<int:pk>/grade-scales/", views.grade_scales, name="grade-scales"),
    path("<int:pk>/judgement-sets/", views.judgement_sets, name="judgement-sets"),
]
