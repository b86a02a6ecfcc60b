"""Loading the demo, idempotently: running it twice changes nothing the second time."""

import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from ecm.accounts.models import User
from ecm.accounts.roles import Role
from ecm.accounts.services import user_create
from ecm.apa import services as apa_services
from ecm.apa.models import AssessmentRound, AssignmentRole
from ecm.apa.workflow import AssessmentStatus
from ecm.authorities.models import Council, Region, StatisticalNeighbourModel
from ecm.authorities.selectors import councils_active_on
from ecm.authorities.services import councils_load
from ecm.demo.analysis import demo_pack_write
from ecm.demo.caa import demo_caa_load
from ecm.demo.cycle_2007 import demo_cycle_2007_load
from ecm.demo.jar import demo_jar_load
from ecm.demo.notebooks import demo_notebook_write
from ecm.demo.people import (
    DEMO_PANEL_MEMBERS,
    DEMO_PEOPLE,
    LEICESTERSHIRE_LA_NUMBER,
    SHARPSTON_LA_NUMBER,
)
from ecm.demo.performance_data import demo_context, demo_files
from ecm.demo.programme import demo_programme_load
from ecm.demo.self_assessment import demo_self_assessment_write
from ecm.framework.selectors import framework_version_current
from ecm.framework.services import framework_load_bundled
from ecm.performance.models import ImportStatus
from ecm.performance.services import observations_import
from ecm.performance.services.neighbours import neighbour_model_compute
from ecm.representations.models import PanelMember
from ecm.representations.services import panel_member_register

DEMO_YEAR = 2007
DEMO_NEIGHBOURS = "demo-computed"
# A few real councils for the demo's assessments beside Sharpston (LA numbers, DfE).
DEMO_COUNCILS = [LEICESTERSHIRE_LA_NUMBER, "202", "352", "908"]  # Camden, Manchester, Cornwall
# Ten councils with written, signed notebooks at the meeting stage: enough for a moderation
# day of seven to ten (002 §H). Camden's meeting is the one the demo runs (issue 6).
DEMO_MODERATION_COUNCILS = ["202", "352", "908", "330", "373", "341", "831", "892", "886", "919"]
DEMO_CSCI_MANAGER = "csci.manager@csci.example"
AT_MEETING = [AssessmentStatus.SELF_ASSESSMENT, AssessmentStatus.ANALYSIS, AssessmentStatus.MEETING]
# Where each demo assessment stands, so every page has something to show.
DEMO_STAGES = {
    SHARPSTON_LA_NUMBER: [AssessmentStatus.SELF_ASSESSMENT, AssessmentStatus.ANALYSIS],
    LEICESTERSHIRE_LA_NUMBER: [AssessmentStatus.SELF_ASSESSMENT],
    **{la_number: AT_MEETING for la_number in DEMO_MODERATION_COUNCILS},
}


@dataclass
class DemoResult:
    created: list[str] = field(default_factory=list)

    def note(self, what: str) -> None:
        self.created.append(what)


def _sharpston() -> tuple[Council, bool]:
    """Sharpston Metropolitan Council, the exemplar of 002 Appendix B (made up)."""
    return Council.objects.get_or_create(
        la_number=SHARPSTON_LA_NUMBER,
        defaults={
            "ons_code": "E08999990",
            "name": "Sharpston Metropolitan Council",
            "region": Region.objects.get(name="Yorkshire and The Humber"),
            "council_type": "MD",
            "is_demo": True,
        },
    )


def _people(result: DemoResult) -> dict[str, User]:
    people = {}
    for person in DEMO_PEOPLE:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            council = (
                Council.objects.get(la_number=person.council_la_number)
                if person.council_la_number
                else None
            )
            user = user_create(
                actor=None,
                email=person.email,
                first_name=person.first_name,
                last_name=person.last_name,
                job_title=person.job_title,
                roles=person.roles,
                council=council,
                is_demo=True,
                inspectorate=person.inspectorate,
            )
            result.note(f"person {person.email}")
        people[person.email] = user
    return people


@transaction.atomic
def demo_load() -> DemoResult:
    """The current framework, all councils, a round with every council, Sharpston and a few
    real councils with inspectors assigned and stages reached, and one person per role."""
    result = DemoResult()
    for version in framework_load_bundled():
        if not version.already_loaded:
            result.note(f"framework {version}")
    if councils_load().changed:
        result.note("councils of England")
    sharpston, made = _sharpston()
    if made:
        result.note("council Sharpston Metropolitan Council")
    people = _people(result)

    demo_round = AssessmentRound.objects.filter(regime="apa", year=DEMO_YEAR).first()
    if demo_round is None:
        demo_round = apa_services.round_create(
            actor=None, year=DEMO_YEAR, framework_version=framework_version_current()
        )
        result.note(f"round {demo_round}")
        councils = [*councils_active_on(date(DEMO_YEAR, 5, 1)), sharpston]  # deduplicated
        apa_services.assessments_create_for_round(
            actor=None, assessment_round=demo_round, councils=councils
        )
        _assign_and_advance(demo_round, people)
    _performance_data(
        result, councils=list(demo_round.assessments.values_list("council__la_number", flat=True))
    )
    _self_assessment(result, demo_round, people)
    _information_packs(result, demo_round, people)
    _notebooks(result, demo_round)
    _csci_managers(result, demo_round, people)
    _panel_members(result, people)
    _programme(result, demo_round, people)
    _cycle_2007(result, people)
    _joint_area_review(result, sharpston, people)
    _from_2009(result, people)
    return result


def _cycle_2007(result: DemoResult, people) -> None:
    """The demo's round in the 2007 cycle (issue 23 §1), beside the 2007 round's handbook one."""
    if demo_cycle_2007_load(people=people, framework_version=framework_version_current()):
        result.note("APA 2008 in the 2007 cycle: Hampshire at its review of the CYPP")


def _from_2009(result: DemoResult, people) -> None:
    for what in demo_caa_load(people=people):
        result.note(what)


def _joint_area_review(result: DemoResult, sharpston, people) -> None:
    if demo_jar_load(council=sharpston, people=people):
        result.note("joint area review of Sharpston, its draft report with the council")


def _csci_managers(result: DemoResult, demo_round, people) -> None:
    """The CSCI manager beside the Ofsted management reader for the councils with signed
    notebooks, so their draft letters can go to both readers (002 §I stage 1). Checked one by
    one rather than at the round's creation, so a demo loaded before issue 7 gains them."""
    manager = people[DEMO_CSCI_MANAGER]
    for assessment in demo_round.assessments.filter(
        council__la_number__in=DEMO_MODERATION_COUNCILS
    ).select_related("council"):
        if assessment.assignments.filter(role=AssignmentRole.CSCI_MANAGER).exists():
            continue
        apa_services.assessment_assign(
            actor=None,
            assessment=assessment,
            user=manager,
            role=AssignmentRole.CSCI_MANAGER,
            reason="Demo: the CSCI manager who reads the draft letter",
        )
        result.note(f"CSCI manager of {assessment.council.name}")


def _programme(result: DemoResult, demo_round, people) -> None:
    """The round's plan: blocks, meeting dates and council contacts (issue 8)."""
    if demo_programme_load(demo_round, people["admin@ofsted.example"]):
        result.note("the round's plan: four blocks with their analysis windows")


def _panel_members(result: DemoResult, people) -> None:
    """Register the demo's panel members with their organisation (002 §J), once each."""
    administrator = people["admin@ofsted.example"]
    for email, (organisation, manager) in DEMO_PANEL_MEMBERS.items():
        user = people[email]
        if Role.PANEL_MEMBER not in user.roles or PanelMember.objects.filter(user=user).exists():
            continue
        panel_member_register(
            actor=administrator, user=user, organisation=organisation, is_manager=manager
        )
        result.note(f"panel member {email}")


def _notebooks(result: DemoResult, demo_round) -> None:
    """Signed notebooks for the councils of the demo moderation day (issue 6)."""
    for la_number in DEMO_MODERATION_COUNCILS:
        assessment = demo_round.assessments.prefetch_related("assignments__user").get(
            council__la_number=la_number
        )
        people = {a.role: a.user for a in assessment.assignments.all()}
        if demo_notebook_write(
            assessment=assessment, hmi=people[AssignmentRole.HMI], brm=people[AssignmentRole.BRM]
        ):
            result.note(f"evidence notebook of {assessment.council.name}")


def _information_packs(result: DemoResult, demo_round, people) -> None:
    """Briefings for Sharpston's and Leicestershire's analysis (issue 5 §1)."""
    for la_number in (SHARPSTON_LA_NUMBER, LEICESTERSHIRE_LA_NUMBER):
        assessment = demo_round.assessments.get(council__la_number=la_number)
        if demo_pack_write(assessment=assessment, author=people["hmi@ofsted.example"]):
            result.note(f"information pack of {assessment.council.name}")


def _self_assessment(result: DemoResult, demo_round, people) -> None:
    """Leicestershire's self-assessment, written and submitted, for the inspectors' reading;
    Sharpston's is left for the demo's council users to write from nothing (issue 4)."""
    assessment = demo_round.assessments.get(council__la_number=LEICESTERSHIRE_LA_NUMBER)
    if demo_self_assessment_write(
        assessment=assessment, author=people["link.officer@leicestershire.example"]
    ):
        result.note("self-assessment of Leicestershire (submitted)")


def _performance_data(result: DemoResult, *, councils: list[str]) -> None:
    """Indicator definitions, computed neighbours and five years of values (issue 3 §7)."""
    with tempfile.TemporaryDirectory() as folder:
        definitions, values = demo_files(folder=Path(folder), councils=councils)
        if not StatisticalNeighbourModel.objects.filter(code=DEMO_NEIGHBOURS).exists():
            neighbour_model_compute(
                actor=None,
                context_path=demo_context(folder=Path(folder), councils=councils),
                weights={"children": 1.0, "free_school_meals": 2.0, "minority_ethnic": 1.0},
                code=DEMO_NEIGHBOURS,
                title="Demo neighbours computed from made-up context data",
                is_invented=True,  # never used for real data outside the demo (decision 0040)
            )
            result.note("statistical neighbours (computed)")
        for path, kind in ((definitions, "definitions"), (values, "long")):
            done = observations_import(actor=None, path=path, file_format=kind)
            if done.status != ImportStatus.DONE:
                raise RuntimeError(f"The demo's {path.name} was refused: {done.problems[:5]}")
            if not done.already_imported:
                result.note(f"performance data {path.name}")


def _assign_and_advance(demo_round, people) -> None:
    pairs = {
        SHARPSTON_LA_NUMBER: ("hmi@ofsted.example", "brm@csci.example", AssignmentRole.HMI),
        LEICESTERSHIRE_LA_NUMBER: ("hmi@ofsted.example", "brm2@csci.example", AssignmentRole.BRM),
        "202": ("hmi2@ofsted.example", "brm@csci.example", AssignmentRole.HMI),
        "352": ("hmi2@ofsted.example", "brm2@csci.example", AssignmentRole.BRM),
        "908": ("hmi@ofsted.example", "brm2@csci.example", AssignmentRole.HMI),
        "330": ("hmi@ofsted.example", "brm@csci.example", AssignmentRole.BRM),  # Birmingham
        "373": ("hmi2@ofsted.example", "brm@csci.example", AssignmentRole.HMI),  # Sheffield
        "341": ("hmi@ofsted.example", "brm2@csci.example", AssignmentRole.BRM),  # Liverpool
        "831": ("hmi2@ofsted.example", "brm2@csci.example", AssignmentRole.HMI),  # Derby
        "892": ("hmi@ofsted.example", "brm@csci.example", AssignmentRole.HMI),  # Nottingham
        "886": ("hmi2@ofsted.example", "brm@csci.example", AssignmentRole.BRM),  # Kent
        "919": ("hmi@ofsted.example", "brm2@csci.example", AssignmentRole.HMI),  # Hertfordshire
    }
    for la_number, (hmi, brm, lead) in pairs.items():
        assessment = demo_round.assessments.get(council__la_number=la_number)
        apa_services.assessment_assign_inspectors(
            actor=None,
            assessment=assessment,
            hmi=people[hmi],
            brm=people[brm],
            lead=lead,
            reason="Demo: assigned by the programme plan",
        )
        apa_services.assessment_assign(
            actor=None,
            assessment=assessment,
            user=people["reader@ofsted.example"],
            role=AssignmentRole.MANAGEMENT_READER,
        )
        for stage in DEMO_STAGES.get(la_number, []):
            apa_services.assessment_change_status(actor=None, assessment=assessment, to=stage)
