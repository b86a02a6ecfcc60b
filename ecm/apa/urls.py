from django.urls import path

from ecm.apa.views import cypp_review
from ecm.apa.views import rounds as views

app_name = "apa"
urlpatterns = [
    path("", views.home, name="home"),
    path("rounds/", views.round_list, name="round-list"),
    path("rounds/add/", views.round_add, name="round-add"),
    path("rounds/<int:pk>/", views.round_detail, name="round-detail"),
    path("rounds/<int:pk>/dates/", views.round_dates, name="round-dates"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment-detail"),
    path("assessments/<int:pk>/status/", views.assessment_status_change, name="assessment-status"),
    path(
        "assessments/<int:pk>/cypp-review/",
        cypp_review.cypp_review,
        name="assessment-cypp-review",
    ),
    path(
        "assessments/<int:pk>/cypp-review/submit/",
        cypp_review.cypp_review_submit,
        name="assessment-cypp-review-submit",
    ),
    path(
        "assessments/<int:pk>/inspectors/",
        views.assessment_inspectors,
        name="assessment-inspectors",
    ),
]
