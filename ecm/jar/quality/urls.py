"""The pages of a review's complaints and quality assurance (issue 24 §2), in the jar
namespace (ecm/jar/urls.py)."""

from django.urls import path

from ecm.jar.quality import views

R = "jar/<int:pk>/"
urlpatterns = [
    path(R + "complaints/", views.complaints, name="complaints"),
    path(R + "complaints/add/", views.complaint_add, name="complaint-add"),
    path(R + "complaints/<int:complaint_pk>/", views.complaint, name="complaint"),
    path(R + "quality/", views.quality, name="quality"),
    path(R + "quality/add/", views.quality_add, name="quality-add"),
]
