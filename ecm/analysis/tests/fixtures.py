"""Fixtures of the analysis stage's tests: an APA 2007 assessment on the bundled framework, with
its HMI (Lead) and BRM, an information pack, a submitted self-assessment and notebook entries.

Fixtures are factories where a test needs more than one of a thing (`make_entry`,
`make_upload`), so every test module of ecm/analysis/tests can build what it needs.
"""

import functools
import io
from datetime import date

import pytest
import weasyprint
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from ecm.accounts.roles import Role
from ecm.analysis.models import EntryKind
from ecm.analysis.pack import BriefingSource, PackCategory, SupportingType
from ecm.analysis.services import notebook
from ecm.analysis.services.pack import pack_item_upload
from ecm.apa import services as apa_services
from ecm.apa.models import AssessmentRound, AssignmentRole
from ecm.apa.tests.factories import make_round
from ecm.self_assessment import services as sa_services
from ecm.self_assessment.models import DocumentKind
from ecm.self_assessment.tests.helpers import answer_every_required
from tests.plugins.framework_once import bundled_framework

SA = "urn:ecm:self-assessment:apa-2007"
SA_PART_B = f"{SA}:part-b"
SA_PART_D = f"{SA}:part-d"
SA_GRADES = f"{SA_PART_B}:summary-statement:grades"
SA_HEALTHY = f"{SA_PART_D}:being-healthy:how-good-are-the-outcomes"
SA_SAFE = f"{SA_PART_D}:staying-safe:how-good-are-the-outcomes"
SA_HEALTHY_TEXT = "Immunisation uptake has risen every year since 2004 across all localities."
SA_SAFE_TEXT = "Child protection reviews were held on time and re-registrations fell."

CYPP_PAGES = ("Our vision for every child.", "Priority three: reduce teenage conceptions.")
BRIEFING_TEXT = "The youth offending team reduced first-time entrants to the justice system."


def docx_bytes(*paragraphs: str) -> bytes:
    """A Word document written by python-docx, one paragraph per argument."""
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@functools.cache
def pdf_bytes(*pages: str) -> bytes:
    """A PDF written by WeasyPrint, one paragraph per page."""
    html = "".join(
        f'<p style="break-before: {"page" if n else "auto"}">{text}</p>'
        for n, text in enumerate(pages)
    )
    return weasyprint.HTML(string=html).write_pdf()


@pytest.fixture
def framework(db):
    """The bundled framework version (outcomes, key judgements, scales, judgement sets)."""
    version = bundled_framework()  # loaded once per worker, copied after
    return version


@pytest.fixture
def make_assessment(framework, hmi, brm):
    """An APA assessment of a council in the round of `year` (made on first use), with `hmi`
    as Lead and `brm` assigned."""

    def make(*, council, year: int = 2007):
        assessment_round = AssessmentRound.objects.filter(regime="apa", year=year).first()
        if assessment_round is None:
            assessment_round = make_round(year=year, framework_version=framework)
        (assessment,) = apa_services.assessments_create_for_round(
            actor=None, assessment_round=assessment_round, councils=[council]
        )
        apa_services.assessment_assign_inspectors(
            actor=None, assessment=assessment, hmi=hmi, brm=brm, lead="hmi"
        )
        return assessment

    return make


@pytest.fixture
def assessment(make_assessment, council):
    """An APA 2007 assessment of `council`, with `hmi` (Lead) and `brm` assigned."""
    return make_assessment(council=council)


@pytest.fixture
def other_assessment(make_assessment, other_council, assessment):
    """Another council's assessment in the same round, with the same inspectors."""
    return make_assessment(council=other_council)


@pytest.fixture
def outcomes(assessment) -> dict:
    """The round's framework areas by code: the five outcomes, service management and
    capacity to improve."""
    return {o.code: o for o in assessment.round.framework_version.outcomes.all()}


@pytest.fixture
def key_judgement_urns(outcomes) -> list[str]:
    return list(
        outcomes["being_healthy"].key_judgements.order_by("order").values_list("urn", flat=True)
    )


@pytest.fixture
def management_reader(make_user):
    return make_user(Role.MANAGEMENT_READER)


@pytest.fixture
def reader_assigned(assessment, management_reader):
    """A management reader assigned to the assessment: an inspectorate reader, not one of the
    two inspectors who co-own it (002 §A, §I stage 1)."""
    apa_services.assessment_assign(
        actor=None,
        assessment=assessment,
        user=management_reader,
        role=AssignmentRole.MANAGEMENT_READER,
    )
    return management_reader


@pytest.fixture
def make_upload():
    def make(content: bytes, name: str = "briefing.docx") -> SimpleUploadedFile:
        return SimpleUploadedFile(name, content, content_type="application/octet-stream")

    return make


@pytest.fixture
def upload_item(hmi, make_upload):
    """Upload a pack item through the service, with sensible defaults."""

    def upload(assessment, content: bytes | None = None, name="briefing.docx", **fields):
        values = {
            "upload": make_upload(content or docx_bytes(BRIEFING_TEXT), name),
            "category": PackCategory.BRIEFING,
            "source_type": BriefingSource.YOUTH_JUSTICE_BOARD,
            "title": "Youth Justice Board briefing",
            "source": "Youth Justice Board",
            "dated": date(2007, 5, 1),
            "shared_with_council": False,
        }
        return pack_item_upload(assessment=assessment, actor=hmi, **values | fields)

    return upload


@pytest.fixture
def pack_briefing(assessment, upload_item):
    """A briefing (002 §C.i: the Youth Justice Board) uploaded as a DOCX."""
    return upload_item(assessment)


@pytest.fixture
def pack_document(assessment, upload_item):
    """A supporting document (002 §C.ii: the annual audit letter) uploaded as a two-page PDF."""
    return upload_item(
        assessment,
        pdf_bytes("Audit letter first page.", "Use of resources is adequate."),
        name="audit-letter.pdf",
        category=PackCategory.SUPPORTING,
        source_type=SupportingType.ANNUAL_AUDIT_LETTER,
        title="Annual audit letter",
        source="Audit Commission",
    )


@pytest.fixture
def upload_council_document(link_officer, make_upload):
    """The council's Children and Young People's Plan (000 §13), uploaded with its
    self-assessment as a two-page PDF."""

    def upload(assessment, *pages: str):
        self_assessment = sa_services.self_assessment_start(
            assessment=assessment, actor=link_officer
        )
        return sa_services.document_upload(
            self_assessment=self_assessment,
            actor=link_officer,
            upload=make_upload(pdf_bytes(*(pages or CYPP_PAGES)), "cypp.pdf"),
            title="Children and Young People's Plan",
            kind=DocumentKind.CYPP,
        )

    return upload


@pytest.fixture
def submit_self_assessment(link_officer):
    """Write answers into the assessment's self-assessment and submit it (000 §15); the
    submitted version. `grades` are Part B's self-assessment grades by outcome code."""

    def submit(assessment, *, texts: dict[str, str] | None = None, grades: dict | None = None):
        self_assessment = sa_services.self_assessment_start(
            assessment=assessment, actor=link_officer
        )
        version = sa_services.version_current(self_assessment)
        values = {
            urn: {"text": text}
            for urn, text in (texts or {SA_HEALTHY: SA_HEALTHY_TEXT, SA_SAFE: SA_SAFE_TEXT}).items()
        }
        if grades:
            values[SA_GRADES] = {"text": "", "items": {k: str(v) for k, v in grades.items()}}
        sa_services.answers_save(
            version=version,
            actor=link_officer,
            values=values,
            lock_versions={a.field_urn: a.lock_version for a in version.answers.all()},
        )
        # A part is completed only with its required answers (issue 23 §2): the rest are
        # answered with neutral words, the test's own answers kept.
        answer_every_required(version, link_officer, sa_services.template_of(self_assessment))
        for part in sa_services.template_of(self_assessment).parts:
            sa_services.part_mark(
                version=version, part_urn=part.urn, completed=True, actor=link_officer
            )
        return sa_services.version_submit(
            version=version, actor=link_officer, declaration_confirmed=True
        )

    return submit


@pytest.fixture
def submitted(assessment, submit_self_assessment):
    """The council's submitted self-assessment (version 1)."""
    return submit_self_assessment(assessment)


@pytest.fixture
def make_entry(assessment, outcomes, hmi):
    """Write a Step 1 entry through the service; shared when `shared`."""

    def make(
        *,
        outcome: str = "being_healthy",
        actor=None,
        finding: str = "Immunisation is well above similar councils and still rising.",
        kind: str = EntryKind.STRENGTH,
        shared: bool = False,
        on=None,
        **fields,
    ):
        actor = actor or hmi
        entry = notebook.entry_add(
            assessment=on or assessment,
            outcome=outcomes[outcome],
            actor=actor,
            finding=finding,
            kind=kind,
            **fields,
        )
        if shared:
            entry = notebook.entry_share(entry=entry, actor=actor)
        return entry

    return make
