from django.urls import path

from ecm.representations.views import council, panels, response

app_name = "representations"
R = "representations/<int:pk>/"
urlpatterns = [
    # The council's side and the representation's page (002 §J)
    path("assessments/<int:pk>/representations/", council.assessment, name="assessment"),
    path("assessments/<int:pk>/representations/intend/", council.intend, name="intend"),
    path(R, council.representation, name="representation"),
    path(R + "grounds/add/", council.ground_add, name="ground-add"),
    path(R + "submit/", council.submit, name="submit"),
    # The inspectorate's side: panels and decisions
    path(R + "panel/", panels.panel, name="panel"),
    path(R + "decision/", panels.decide, name="decide"),
    # The inspectors' response the panel reads before deciding (the handbook, section J)
    path(R + "response/", response.respond, name="response"),
    path("rounds/<int:pk>/representations/", panels.round_representations, name="round"),
    path("rounds/<int:pk>/representations/dates/", panels.window, name="window"),
    path("panel-members/", panels.members, name="members"),
    path("panel-members/<int:pk>/", panels.member, name="member"),
]
