"""Where a representation goes and who responds to it before the panel decides, for each
judgement, as the handbook, section J "Representation procedures" sets it out.

- Social care: "The representation should be sent to CSCI Corporate Office and copied to the
  relevant Regional Director"; the panel reads it "in the light of the recorded evidence and any
  response from the relevant Regional Director and BRM".
- Education: "copied in writing to the Divisional Manager of the Children's Services Inspection
  Division at Ofsted"; the panel reads it with "any response from HMI".
- Children's services: "copied in writing to the Divisional Manager of the Children's service
  Inspection Division at Ofsted. Both Ofsted and CSCI will contribute to a joint response";
  the panel reads it with "any response form HMI or BRM".

The inspectors who respond are the assessment's own HMI or BRM, as the judgement names them.
"""

from dataclasses import dataclass

from ecm.apa.models import AssignmentRole
from ecm.representations.models import RepresentedJudgement

SECTION_J = "the handbook, section J"


@dataclass(frozen=True)
class Route:
    sent_to: str
    copied_to: str
    # The assessment's inspectors whose response the panel reads.
    responders: tuple[AssignmentRole, ...]
    responders_words: str


ROUTES: dict[RepresentedJudgement, Route] = {
    RepresentedJudgement.SOCIAL_CARE: Route(
        sent_to="CSCI Corporate Office",
        copied_to="the relevant CSCI Regional Director",
        responders=(AssignmentRole.BRM,),
        responders_words="the BRM, with the relevant Regional Director",
    ),
    RepresentedJudgement.EDUCATION: Route(
        sent_to="Ofsted",
        copied_to="the Divisional Manager of the Children's Services Inspection Division at Ofsted",
        responders=(AssignmentRole.HMI,),
        responders_words="the HMI",
    ),
    RepresentedJudgement.CHILDREN_SERVICES: Route(
        sent_to="Ofsted and CSCI",
        copied_to="the Divisional Manager of the Children's Services Inspection Division at Ofsted",
        responders=(AssignmentRole.HMI, AssignmentRole.BRM),
        responders_words="the HMI or the BRM, for a joint response of Ofsted and CSCI",
    ),
}


def route_of(judgement: str) -> Route:
    return ROUTES[RepresentedJudgement(judgement)]


def responds_to(user, representation) -> bool:
    """Whether `user` is one of the assessment's inspectors who respond to this representation."""
    if user is None or not user.is_authenticated:
        return False
    roles = route_of(representation.judgement).responders
    return any(
        a.user_id == user.pk and a.role in roles
        for a in representation.assessment.assignments.all()
    )
