from django.urls import path

from ecm.authorities import views

app_name = "authorities"
urlpatterns = [
    path("", views.council_list_view, name="council-list"),
    # Before the council's page, whose <la_number> would take "neighbours" (issue 22 §5).
    path("neighbours/", views.neighbour_model_list, name="neighbour-models"),
    path("neighbours/upload/", views.neighbour_model_upload, name="neighbour-upload"),
    path("neighbours/use/", views.neighbour_model_use, name="neighbour-use"),
    path("<str:la_number>/", views.council_detail_view, name="council-detail"),
]
