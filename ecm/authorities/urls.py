from django.urls import path

from ecm.authorities import views

app_name = "authorities"
urlpatterns = [
    path("", views.council_list_view, name="council-list"),
    path("<str:la_number>/", views.council_detail_view, name="council-detail"),
]
