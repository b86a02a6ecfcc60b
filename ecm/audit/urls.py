from django.urls import path

from ecm.audit import views

app_name = "audit"
urlpatterns = [path("audit/", views.entry_list, name="entry-list")]
