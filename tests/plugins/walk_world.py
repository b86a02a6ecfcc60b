"""The permission walk's world (tests/test_permission_walk.py): two councils, each with an
assessment in one round and every later stage's objects, and one signed-in client per persona,
built once per module and xdist worker inside a transaction rolled back at its end (issue 18
§3). A plugin, so the parts' own walks (ecm/jar/youth/tests/test_walk.py) share it by name."""

import io
from datetime import date
from importlib import import_module

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone
from docx import Document

from ecm.accounts.roles import Role
from ecm.accounts.tests.factories import UserFactory
from ecm.analysis.services import hypotheses, notebook, pack
from ecm.apa import services as apa_services
from ecm.apa.tests.factories import make_round
from ecm.authorities.tests.factories import CouncilFactory
from ecm.caa import parts as caa_parts
from ecm.framework.models import Outcome
from ecm.framework.services import framework_load_bundled
from ecm.jar import parts as jar_parts
from ecm.jar.models import CaseFile, Inspectorate, JointAreaReview, TeamMember
from ecm.letters.content import rendition_content
from ecm.letters.models import CouncilComment, Letter, LetterSending, Rendition, SendingKind
from ecm.letters.template import template_for
from ecm.meetings.services import moderation
from ecm.meetings.services.meetings.agenda import agenda_draft, agenda_save, agenda_send
from ecm.meetings.services.meetings.arrangements import (
    attendee_add,
    meeting_chair_set,
    meeting_date_propose,
)
from ecm.meetings.services.meetings.notes import meeting_note_add
from ecm.performance.tests.factories import DataImportFactory, IndicatorFactory
from ecm.programme.models import CalendarFeed
from ecm.representations.models import Representation, RepresentationStatus
from ecm.self_assessment import services as sa_services
from ecm.self_assessment.forms import field_slug
from ecm.self_assessment.models import EvidenceDocument

JAR_PARTS = jar_parts.PARTS
CAA_PARTS = caa_parts.PARTS
ANON = "anon"

# Personas: who is asking. "hmi" and "brm" are assigned to council A's assessment (the HMI is
# the Lead); "hmi_other" is an HMI on no assessment; "lo_own"/"dcs_own" work for council A and
# "lo_other" for council B.
ANON = "anon"
PERSONAS = {
    "admin": ([Role.PROGRAMME_ADMINISTRATOR], None),
    "hmi": ([Role.HMI], None),
    "brm": ([Role.BRM], None),
    "hmi_other": ([Role.HMI], None),
    "reader": ([Role.MANAGEMENT_READER], None),
    "moderator": ([Role.MODERATOR], None),
    "panel": ([Role.PANEL_MEMBER], None),
    "lo_own": ([Role.LINK_OFFICER], "A"),
    "dcs_own": ([Role.DIRECTOR], "A"),
    "lo_other": ([Role.LINK_OFFICER], "B"),
}


@pytest.fixture(scope="module")
def walk_world(django_db_setup, django_db_blocker):
    """The walk's world, built once per module (and xdist worker) inside a transaction that is
    rolled back at the end; each test runs in a savepoint of it (issue 18 §3)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def walk_clients(walk_world, django_db_blocker) -> dict[str, Client]:
    """A client per persona, signed in once (signing in before every request was a quarter
    of the walk's time)."""
    users, _ = walk_world
    made = {ANON: Client()}
    with django_db_blocker.unblock():
        for persona in PERSONAS:
            made[persona] = Client()
            made[persona].force_login(users[persona])
    return made


def build_world():
    """Two councils, each with an assessment in one round; A's has an HMI Lead and a BRM."""
    council_a, council_b = CouncilFactory(), CouncilFactory()
    councils = {"A": council_a, "B": council_b}
    users = {
        name: UserFactory(roles=roles, council=councils.get(where))
        for name, (roles, where) in PERSONAS.items()
    }
    (version,) = framework_load_bundled()  # the outcomes and judgement sets analysis needs
    assessment_round = make_round(framework_version=version)
    a, b = apa_services.assessments_create_for_round(
        actor=None, assessment_round=assessment_round, councils=[council_a, council_b]
    )
    apa_services.assessment_assign_inspectors(
        actor=None, assessment=a, hmi=users["hmi"], brm=users["brm"], lead="hmi"
    )
    indicator, data_import = IndicatorFactory(), DataImportFactory()
    sa_a, sa_b = (sa_services.self_assessment_start(assessment=x, actor=None) for x in (a, b))
    doc_a, doc_b = (
        EvidenceDocument.objects.create(
            self_assessment=sa,
            title="Children and Young People's Plan",
            kind="cypp",
            file=SimpleUploadedFile("cypp.pdf", b"%PDF-1.4 plan"),
            file_name="cypp.pdf",
            content_kind="pdf",
            size=13,
            sha256="0" * 64,
        )
        for sa in (sa_a, sa_b)
    )
    part_a = sa_services.template_of(sa_a).parts[0]
    field_a = part_a.sections[0].fields[0]
    slug_a = field_slug(part_a.sections[0], field_a)
    cite_a, cite_b = (
        sa_services.citation_add(
            version=sa.versions.get(), field_urn=field_a.urn, actor=None,
            kind="inspection", inspection="JAR report, March 2006",
        )
        for sa in (sa_a, sa_b)
    )  # fmt: skip
    analysis = _analysis_world(a, b, users, version)
    meeting = _meeting_world(a, b, users)
    day = _moderation_world(a, b, users)
    letters = _letters_world(a, b, users)
    kwargs = {
        # url name prefix -> kwarg -> (own council's object, other council's object)
        "apa:assessment": {"pk": (a.pk, b.pk)},
        "meetings:meeting": meeting,
        "meetings:moderation-day-add": {"pk": (assessment_round.pk, assessment_round.pk)},
        "meetings:moderation-propose": {"pk": (assessment_round.pk, assessment_round.pk)},
        "meetings:moderation-day": {"pk": (day.pk, day.pk)},
        "meetings:moderation-group-add": {"pk": (day.pk, day.pk)},
        "meetings:moderation-place": {"pk": (day.pk, day.pk)},
        "meetings:moderation-benchmark": {"pk": (day.pk, day.pk)},
        "meetings:moderation-form-document": {"pk": (a.pk, b.pk), "fmt": ("docx", "docx")},
        "meetings:moderation-": {"pk": (a.pk, b.pk)},
        "meetings:moderation": {"pk": (assessment_round.pk, assessment_round.pk)},
        "self_assessment:": {
            "pk": (a.pk, b.pk),
            "code": (part_a.code.lower(), part_a.code.lower()),
            "field_key": (slug_a, slug_a),
            "citation_pk": (cite_a.pk, cite_b.pk),
            "document_pk": (doc_a.pk, doc_b.pk),
            "number": (1, 1),
            "fmt": ("docx", "docx"),
        },
        "analysis:step4-judgement": {
            "pk": analysis["pk"],
            "code": ("overall_effectiveness", "overall_effectiveness"),
        },
        "analysis:": analysis,
        "letters:validation": {"pk": (assessment_round.pk, assessment_round.pk)},
        "letters:ratings-download": {
            "pk": (assessment_round.pk, assessment_round.pk),
            "fmt": ("csv", "csv"),
        },
        "letters:ratings": {"pk": (assessment_round.pk, assessment_round.pk)},
        "letters:": letters,
        **_representations_world(a, b, users),
        **_programme_world(a, b, assessment_round, users),
        **_jar_world(council_a, council_b, users),
        **_caa_world(council_a, council_b, users),
        "apa:round": {"pk": (assessment_round.pk, assessment_round.pk)},
        "accounts:person": {"pk": (users["hmi"].pk, users["hmi"].pk)},
        "authorities:council": {"la_number": (council_a.la_number, council_b.la_number)},
        "framework:": {"pk": (version.pk, version.pk)},
        "performance:": {
            "la_number": (council_a.la_number, council_b.la_number),
            "code": (indicator.code, indicator.code),
            "pk": (data_import.pk, data_import.pk),
            "fmt": ("csv", "csv"),
        },
    }
    return users, kwargs


def _analysis_world(a, b, users, version) -> dict:
    """A shared entry with evidence, a hypothesis and a pack briefing in each assessment."""

    outcome = Outcome.objects.get(version=version, code="being_healthy")
    made = []
    for assessment in (a, b):
        document, out = Document(), io.BytesIO()
        document.add_paragraph("Briefing text")
        document.save(out)
        item = pack.pack_item_upload(
            assessment=assessment,
            actor=users["hmi"],
            upload=SimpleUploadedFile("csci.docx", out.getvalue()),
            category="briefing",
            source_type="csci",
            title="CSCI briefing",
            source="CSCI",
            dated=date(2007, 5, 1),
            shared_with_council=True,
        )
        entry = notebook.entry_add(
            assessment=assessment,
            outcome=outcome,
            actor=users["hmi"],
            finding="Immunisation is well above similar councils",
            kind="strength",
        )
        notebook.entry_share(entry=entry, actor=users["hmi"])
        evidence = notebook.evidence_add(
            entry=entry, actor=users["hmi"], kind="briefing", note="Says so", pack_item=item
        )
        hypothesis = hypotheses.hypothesis_raise(
            assessment=assessment,
            actor=users["hmi"],
            statement="Health is a strength",
            raised_from="data",
        )
        made.append((assessment, item, entry, evidence, hypothesis))
    (_, item_a, entry_a, ev_a, hyp_a), (_, item_b, entry_b, ev_b, hyp_b) = made
    return {
        "pk": (a.pk, b.pk),
        "category": ("briefing", "briefing"),
        "item_pk": (item_a.pk, item_b.pk),
        "code": ("being_healthy", "being_healthy"),
        "entry_pk": (entry_a.pk, entry_b.pk),
        "kind": ("briefing", "briefing"),
        "evidence_pk": (ev_a.pk, ev_b.pk),
        "subject": ("entry", "entry"),
        "subject_id": (entry_a.pk, entry_b.pk),
        "hypothesis_pk": (hyp_a.pk, hyp_b.pk),
        "steps": ("1-4", "1-4"),
        "fmt": ("docx", "docx"),
    }  # fmt: skip


def _meeting_world(a, b, users) -> dict:
    """Each assessment's meeting with a proposed date, an attendee, a sent agenda, a note and
    shared notes (issue 6 §1-3)."""
    made = []
    for assessment, council_user in ((a, users["lo_own"]), (b, users["lo_other"])):
        lead = users["hmi"]
        meeting_date_propose(actor=lead, assessment=assessment, day=date(2007, 7, 10))
        meeting_chair_set(actor=lead, assessment=assessment, chair="ofsted")
        attendee = attendee_add(
            actor=council_user, assessment=assessment, role="director", name="A Director"
        )
        agenda_draft(actor=lead, assessment=assessment)
        agenda_save(
            actor=lead,
            assessment=assessment,
            texts={n: f"Item {n} of the walk" for n in range(1, 9)},
            expected_lock_version=None,
        )
        agenda = agenda_send(actor=lead, assessment=assessment)
        note = meeting_note_add(
            actor=lead, assessment=assessment, agenda_item=2, raised_by="Director", issue="Why?"
        )
        made.append((attendee, agenda, note))
    (att_a, rec_a, note_a), (att_b, rec_b, note_b) = made
    return {
        "pk": (a.pk, b.pk),
        "attendee_pk": (att_a.pk, att_b.pk),
        "record_pk": (rec_a.pk, rec_b.pk),
        "note_pk": (note_a.pk, note_b.pk),
        "kind": ("agenda", "agenda"),
        "fmt": ("docx", "docx"),
    }


def _moderation_world(a, b, users):
    """Both assessments selected for moderation and placed on one day, A's Lead presenting."""
    for assessment in (a, b):
        moderation.moderation_choose(
            actor=users["admin"], assessment=assessment, selected=True, reason="For the walk"
        )
    day = moderation.moderation_day_add(
        actor=users["admin"], assessment_round=a.round, day=date(2007, 9, 12), groups=2
    )
    group = day.groups.first()
    for assessment in (a, b):
        moderation.moderation_place(actor=users["admin"], assessment=assessment, group=group)
    return day


def _letters_world(a, b, users) -> dict:
    """Each assessment's letter with two renditions, made directly: assembling needs a signed
    notebook and a moderation outcome, which the letter's own tests cover (issue 7). Each
    letter has rendition 2 sent to its council and one comment from the council on it, so the
    council's pages exist; the letter stays assembled (the stages' own tests walk them)."""

    comments = []

    template = template_for(regime=a.round.regime, year=a.round.year)
    for assessment in (a, b):
        sections = {
            s.code: s.starts_with or f"The {s.title} of the walk" for s in template.sections
        }
        letter = Letter.objects.create(
            assessment=assessment,
            template_urn=template.urn,
            sections=sections,
            assembled_by=users["hmi"],
        )
        for number in (1, 2):
            content = rendition_content(template_urn=template.urn, sections=sections, judgements=[])
            Rendition.objects.create(
                letter=letter, number=number, content=content, made_by=users["hmi"], reason="Walk"
            )
        LetterSending.objects.create(
            letter=letter,
            kind=SendingKind.COUNCIL,
            rendition_number=2,
            sent_to=["lo@example.org"],
            sent_by=users["hmi"],
            sent_at=timezone.now(),
            deadline=date(2007, 9, 10),
            deadline_rule="Walk",
        )
        comments.append(
            CouncilComment.objects.create(
                letter=letter,
                rendition_number=2,
                section="staying_safe",
                paragraph=1,
                paragraph_text=sections["staying_safe"],
                comment="Walk",
                made_by=users["hmi"],
                made_at=timezone.now(),
            )
        )
    return {
        "pk": (a.pk, b.pk),
        "code": ("staying_safe", "staying_safe"),
        "fmt": ("docx", "docx"),
        "to": ("agreed", "agreed"),
        "comment": (comments[0].pk, comments[1].pk),
        "paragraph": (1, 1),
    }


def _representations_world(a, b, users) -> dict:
    """Each assessment with a representation intended (its council's pages to add grounds)
    and one submitted (the panel's pages), made directly: the services need a published
    letter, which the representations' own tests make."""
    made = {}
    for status in (RepresentationStatus.INTENDED, RepresentationStatus.SUBMITTED):
        made[status] = [
            Representation.objects.create(
                assessment=assessment,
                judgement="children_services",
                judgement_urn="urn:walk",
                judgement_title="Walk",
                status=status,
            ).pk
            for assessment in (a, b)
        ]
    intended = {"pk": tuple(made[RepresentationStatus.INTENDED])}
    submitted = {"pk": tuple(made[RepresentationStatus.SUBMITTED])}
    same_round = {"pk": (a.round_id, a.round_id)}
    return {
        "representations:assessment": {"pk": (a.pk, b.pk)},
        "representations:intend": {"pk": (a.pk, b.pk)},
        "representations:ground-add": intended,
        "representations:submit": intended,
        "representations:round": same_round,
        "representations:window": same_round,
        "representations:member": {"pk": (users["panel"].pk, users["panel"].pk)},
        "representations:": submitted,
    }


def _programme_world(a, b, assessment_round, users) -> dict:
    """A calendar address of the HMI's (its token is the only key to the feed)."""
    token = CalendarFeed.objects.create(owner=users["hmi"]).token
    same_round = {"pk": (assessment_round.pk, assessment_round.pk)}
    return {
        "programme:checklist": {"pk": (a.pk, b.pk)},
        "programme:agree": {"pk": (a.pk, b.pk), "code": ("draft_to_council",) * 2},
        "programme:plan-export": {**same_round, "fmt": ("csv", "csv")},
        "programme:feed": {"token": (token, token)},
        "programme:calendar-revoke": {"pk": (1, 1)},
        "programme:": same_round,
    }


def _jar_world(council_a, council_b, users) -> dict:
    reviews = [
        JointAreaReview.objects.create(
            council=council,
            notified_on=date(2007, 4, 13),
            setup_meeting=date(2007, 6, 15),
            analysis_starts=date(2007, 9, 24),
            fieldwork_starts=date(2007, 10, 15),
        )
        for council in (council_a, council_b)
    ]
    TeamMember.objects.create(
        review=reviews[0], user=users["hmi"], name="Lead", inspectorate=Inspectorate.OFSTED,
        is_lead=True,
    )  # fmt: skip

    cases = [
        CaseFile.objects.create(
            review=r, reference="LAC-0001", category="looked_after", tracked=True
        ).pk
        for r in reviews
    ]
    parts = {}
    for part in JAR_PARTS:
        parts.update(import_module(f"ecm.jar.{part}.tests.walk").world(reviews, users))
    return {
        **parts,
        "jar:case": {"pk": (reviews[0].pk, reviews[1].pk), "case_pk": tuple(cases)},
        "jar:": {"pk": (reviews[0].pk, reviews[1].pk)},
    }


def _caa_world(council_a, council_b, users) -> dict:
    parts = {}
    for part in CAA_PARTS:
        module = import_module(f"ecm.caa.{part}.tests.walk")
        parts.update(module.world((council_a, council_b), users))
    return {**parts, "caa:": {"la_number": (council_a.la_number, council_b.la_number)}}
