"""Fixtures of the representation tests (002 §J): the letter's fixtures (an APA 2007
assessment whose letter goes through every stage to publication), an APA 2005 assessment at
published with its Step 4 grades, the council's link officer, and registered panel members."""

from datetime import date

import pytest

from ecm.accounts.roles import Role
from ecm.apa import services as apa_services
from ecm.apa.workflow import AssessmentStatus
from ecm.letters.workflow import LetterStage
from ecm.representations.models import Organisation
from ecm.representations.services import panel_member_register

TO_PUBLISHED = (
    AssessmentStatus.SELF_ASSESSMENT,
    AssessmentStatus.ANALYSIS,
    AssessmentStatus.MEETING,
    AssessmentStatus.DRAFT_LETTER,
    AssessmentStatus.FACTUAL_ACCURACY,
    AssessmentStatus.FINAL_LETTER,
    AssessmentStatus.PUBLISHED,
)


def in_time(of) -> date:
    """A day within every representation date of the assessment `of`'s round."""
    return date(of.round.year, 10, 25)


@pytest.fixture
def published_letter(letter, advance):
    """The 2007 letter taken through every stage to publication (002 §I), its assessment at
    published."""
    advance(letter, LetterStage.PUBLISHED)
    letter.assessment.refresh_from_db()
    return letter


@pytest.fixture
def published_2005(make_assessment, other_council, write_steps):
    """An APA 2005 assessment (four judgements: overall, education, social care, capacity to
    improve) with Steps 2-4 at grade 3 and signed, moved on to published."""
    a = make_assessment(council=other_council, year=2005)
    write_steps(a, grade=3)
    for status in TO_PUBLISHED:
        apa_services.assessment_change_status(actor=None, assessment=a, to=status)
    a.refresh_from_db()
    return a


@pytest.fixture
def council_officer_2005(make_user, other_council):
    return make_user(Role.LINK_OFFICER, council=other_council)


@pytest.fixture
def make_panellist(make_user, administrator):
    """A user with the panel member role, registered with their organisation."""

    def make(organisation: str, manager: bool = True):
        user = make_user(Role.PANEL_MEMBER)
        panel_member_register(
            actor=administrator,
            user=user,
            organisation=organisation,
            is_manager=manager and organisation != Organisation.INDEPENDENT,
        )
        return user

    return make


@pytest.fixture
def panels(make_panellist):
    """Enough registered people for every panel of 002 §J."""
    return {
        "csci": [make_panellist(Organisation.CSCI) for _ in range(4)],
        "ofsted": [make_panellist(Organisation.OFSTED) for _ in range(5)],
        "independent": [make_panellist(Organisation.INDEPENDENT)],
    }
