"""The permission walk's world (tests/test_permission_walk.py): two councils, each with an
assessment in one round and every later stage's objects, and one signed-in client per persona,
built once per module and xdist worker inside a transaction rolled back at its end (issue 18
§3). A plugin, so the parts' own walks (ecm/jar/youth/tests/test_walk.py) share it by name."""

from datetime import date
from importlib import import_module

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from ecm.accounts.roles import Role
from ecm.accounts.tests.factories import UserFactory
from ecm.apa import services as apa_services
from ecm.apa.tests.factories import make_round
from ecm.authorities.tests.factories import CouncilFactory
from ecm.caa import parts as caa_parts
from ecm.core.models import DocumentBuild, DocumentRequest
from ecm.framework.services import framework_load_bundled
from ecm.jar import parts as jar_parts
from ecm.jar.models import CaseFile, Inspectorate, JointAreaReview, TeamMember
from ecm.performance.tests.factories import DataImportFactory, IndicatorFactory
from ecm.programme.models import CalendarFeed
from ecm.self_assessment import services as sa_services
from ecm.self_assessment.forms import field_slug
from ecm.self_assessment.models import EvidenceDocument
from tests.plugins.walk_stages import (
    analysis_world,
    letters_world,
    meeting_world,
    moderation_world,
    representations_world,
)

JAR_PARTS = jar_parts.PARTS
CAA_PARTS = caa_parts.PARTS

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
    analysis = analysis_world(a, b, users, version)
    meeting = meeting_world(a, b, users)
    day = moderation_world(a, b, users)
    letters = letters_world(a, b, users)
    kwargs = {
        # url name prefix -> kwarg -> (own council's object, other council's object)
        "apa:assessment": {"pk": (a.pk, b.pk)},
        "meetings:meeting": meeting,
        "meetings:conversation": {"pk": (a.pk, b.pk)},
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
        "analysis:round-days": {"pk": (assessment_round.pk, assessment_round.pk)},
        "analysis:day-remove": {"pk": analysis["pk"], "day_pk": (1, 1)},
        "analysis:": analysis,
        "letters:validation": {"pk": (assessment_round.pk, assessment_round.pk)},
        "letters:archive": {"pk": (assessment_round.pk, assessment_round.pk)},
        "letters:ratings-download": {
            "pk": (assessment_round.pk, assessment_round.pk),
            "fmt": ("csv", "csv"),
        },
        "letters:ratings": {"pk": (assessment_round.pk, assessment_round.pk)},
        "letters:": letters,
        **representations_world(a, b, users),
        **_programme_world(a, b, assessment_round, users),
        **_jar_world(council_a, council_b, users),
        **_caa_world(council_a, council_b, users),
        **import_module("ecm.surveys.tests.walk").world(council_a, council_b, users),
        "apa:round": {"pk": (assessment_round.pk, assessment_round.pk)},
        "accounts:person": {"pk": (users["hmi"].pk, users["hmi"].pk)},
        # A link of an invitation or a password reset: not a good one (issue 21 §3).
        "accounts:": {"uidb64": ("MQ",) * 2, "token": ("cz0fs0-0123456789abcdef",) * 2},
        "authorities:council": {"la_number": (council_a.la_number, council_b.la_number)},
        "framework:": {"pk": (version.pk, version.pk)},
        **_documents_world(users),
        "performance:": {
            "la_number": (council_a.la_number, council_b.la_number),
            "code": (indicator.code, indicator.code),
            "pk": (data_import.pk, data_import.pk),
            "fmt": ("csv", "csv"),
        },
    }
    return users, kwargs


def _documents_world(users) -> dict:
    """A PDF built off the request that the HMI asked for (issue 25 §3): its pages are the
    HMI's alone."""
    build = DocumentBuild.objects.create(key="0" * 64, status=DocumentBuild.Status.READY)
    build.file.save("walk.pdf", ContentFile(b"%PDF-1.4 walk"), save=True)
    token = DocumentRequest.objects.create(build=build, user=users["hmi"], file_name="w.pdf").token
    return {"documents:": {"token": (token, token)}}


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
