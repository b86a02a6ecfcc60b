"""Pages of the JAR's voluntary part (issue 9 §4), included in the "jar" namespace by
ecm.jar.urls."""

from django.urls import path

from ecm.jar.voluntary import views

V = "jar/<int:pk>/voluntary/"
urlpatterns: list = [
    path(V, views.partners, name="partners"),
    path(V + "partners/add/", views.partner_add, name="partner-add"),
    path(V + "partners/upload/", views.partners_upload, name="partners-upload"),
    path(V + "partners/<int:partner_pk>/", views.partner_change, name="partner-change"),
    path(V + "partners/<int:partner_pk>/move/", views.partner_move, name="partner-move"),
    path(V + "questionnaires/send/", views.questionnaire_send, name="questionnaire-send"),
    path(V + "questionnaires/", views.questionnaire_summary, name="questionnaire-summary"),
    path(
        V + "questionnaires/<int:questionnaire_pk>/withdraw/",
        views.questionnaire_revoke,
        name="questionnaire-revoke",
    ),
    path("jar/respond/<str:token>/", views.respond, name="respond"),
]
