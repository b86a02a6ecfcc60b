"""What the JAR's services share (issue 9): their refusals, the rules of 001 they apply, and
who may act."""

from ecm.accounts.roles import Role
from ecm.core.access import NotYourRole
from ecm.jar.rules import leads

NOT_AN_ADMINISTRATOR = "Only a programme administrator notifies a council of its review"
NOT_THE_TEAM = "Only the review's lead inspector or the programme administrator does this"
NOT_THE_COUNCIL = "Only the council's own link officer or director lists its case files"
DATES_OUT_OF_ORDER = (
    "The dates must follow one another: notification, then the set-up meeting, then the "
    "analysis stage, then fieldwork"
)
NOT_A_WORKING_DAY = "{what} falls on {why}: choose a working day"
LEAD_NOT_OFSTED = "The review is led by Ofsted (001): choose an Ofsted inspector as the lead"
NO_REASON = "Say why: the reason is kept in the audit trail"
ALREADY_DRAWN = (
    "The cases to track were drawn on {day}: the list can no longer change. Ask the lead "
    "inspector to swap a case with a reason instead"
)
NOT_LISTED = "The council has not listed its 100 case files yet: nothing to draw from"
SWAP_NOT_TRACKED = "{reference} is not one of the tracked cases"
SWAP_NOT_LISTED = "{reference} is not in the council's list, or is already tracked"
SWAP_OTHER_CATEGORY = (
    "Swap a case for one of the same category ({category}), so that the tracked cases keep "
    "their mix"
)

# The three lines every review follows (001: "safeguarding, looked after children and disabled
# children"; DOMAIN.md §4).
CORE_LINES = (
    ("safeguarding", "Safeguarding"),
    ("looked_after_children", "Looked after children"),
    ("ldd", "Children and young people with learning difficulties and/or disabilities"),
)
# The additional lines by APA grade and the team they ask for: ecm.jar.services.setup, with
# the numbers 001 does not give in the settings of ours (issue 24 §1).


def _is_administrator(actor) -> bool:
    return Role.PROGRAMME_ADMINISTRATOR in actor.roles


def _require_team(actor, review) -> None:
    if not (_is_administrator(actor) or leads(actor, review)):
        raise NotYourRole(NOT_THE_TEAM)


NOT_TRACKED = "Only the ten tracked cases are followed: this case was not drawn"
RETURN_BEFORE_SENT = "A form cannot come back before it was sent: check the dates"
NO_AGENCY = "Enter the agency the questionnaire goes to"
SECOND_LEAD = "The lead professional's questionnaire is already recorded for this case"
ALREADY_RETURNED = "The questionnaire came back on {day}: there is nothing to chase"


def _require_council(actor, review) -> None:
    if not (
        actor.council_id == review.council_id and actor.roles & {Role.LINK_OFFICER, Role.DIRECTOR}
    ):
        raise NotYourRole(NOT_THE_COUNCIL)
