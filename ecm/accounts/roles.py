"""The roles of an assessment (DOMAIN.md §1), as data.

Each role says which side it is on: inspectorate roles never belong to a council; council roles
always belong to exactly one. Names are the domain's own words.
"""

from dataclasses import dataclass

from django.db import models


class Role(models.TextChoices):
    PROGRAMME_ADMINISTRATOR = "programme_administrator", "Programme administrator"
    HMI = "hmi", "Ofsted inspector (HMI)"
    BRM = "brm", "CSCI business relationship manager"
    MANAGEMENT_READER = "management_reader", "Management reader"
    MODERATOR = "moderator", "Moderator"
    PANEL_MEMBER = "panel_member", "Representation panel member"
    # A JAR team's inspectors from the other inspectorates and commissions (003; 001: "drawn
    # from the Healthcare Commission, the Audit Commission (AC) and possibly HMI Constabulary")
    # and the 2009 full inspections' (004: "inspectors from Ofsted and the new Care Quality
    # Commission (CQC)"): they work on the reviews and inspections whose team they are on, and
    # nothing of the APA.
    TEAM_INSPECTOR = "team_inspector", "Inspector from another inspectorate or commission"
    LINK_OFFICER = "link_officer", "Council link officer"
    DIRECTOR = "director", "Director of children's services"


@dataclass(frozen=True)
class Side:
    name: str
    roles: frozenset[str]


INSPECTORATE = Side(
    "inspectorate",
    frozenset(
        {
            Role.PROGRAMME_ADMINISTRATOR,
            Role.HMI,
            Role.BRM,
            Role.MANAGEMENT_READER,
            Role.MODERATOR,
            Role.PANEL_MEMBER,
            Role.TEAM_INSPECTOR,
        }
    ),
)
COUNCIL = Side("council", frozenset({Role.LINK_OFFICER, Role.DIRECTOR}))

# The two roles that analyse and co-own an APA; one of them is the Lead (002 §A).
INSPECTOR_ROLES = frozenset({Role.HMI, Role.BRM})

# Who may be on the team of a 2009 inspection: the APA's inspectors and the other
# inspectorates' (004 "Full inspection": Ofsted and the CQC).
TEAM_ROLES = INSPECTOR_ROLES | frozenset({Role.TEAM_INSPECTOR})
