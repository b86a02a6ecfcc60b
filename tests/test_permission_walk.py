"""Every URL of the project, for every role, for an own versus another council.

Quality bar (Security; issue 2): a council's users see only their council, and a refused
object answers 404, the same as a missing one. The walk reads the project's URL patterns
itself, so a page added later without an entry in ACCESS fails here until someone decides
who may open it.
"""

from datetime import date
from importlib import import_module

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ecm.accounts.roles import Role
from ecm.accounts.tests.factories import UserFactory
from ecm.apa import services as apa_services
from ecm.apa.tests.factories import make_round
from ecm.authorities.tests.factories import CouncilFactory
from ecm.caa import parts as caa_parts
from ecm.jar import parts as jar_parts
from ecm.performance.tests.factories import DataImportFactory, IndicatorFactory
from ecm.self_assessment import services as sa_services
from ecm.self_assessment.forms import field_slug
from ecm.self_assessment.models import EvidenceDocument

pytestmark = pytest.mark.django_db

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
SIGNED_IN = frozenset(PERSONAS)
INSPECTORATE = frozenset({"admin", "hmi", "brm", "hmi_other", "reader", "moderator", "panel"})
ACROSS_COUNCILS = frozenset({"admin", "reader", "moderator"})
ASSIGNED = frozenset({"hmi", "brm"})
OWN_COUNCIL = frozenset({"lo_own", "dcs_own"})


def only(*groups) -> dict[str, int]:
    allowed = frozenset().union(*groups)
    return {p: 200 for p in allowed}


POST_ONLY = "post-only"
JAR_PARTS = jar_parts.PARTS
CAA_PARTS = caa_parts.PARTS

# Who may open each page (status 200). Everyone else: 404 when signed in, and a redirect to
# sign-in when not. A URL missing from here fails the walk.
ACCESS: dict[str, dict[str, int] | str] = {
    "accounts:sign-in": {ANON: 200, **{p: 302 for p in SIGNED_IN}},
    "accounts:sign-out": POST_ONLY,
    "accounts:accessibility": {ANON: 200, **only(SIGNED_IN)},
    "accounts:person-list": only({"admin"}),
    "accounts:person-add": only({"admin"}),
    "accounts:person-detail": only({"admin"}),
    "accounts:person-change": only({"admin"}),
    "apa:home": only(SIGNED_IN),
    "apa:round-list": only(ACROSS_COUNCILS),
    "apa:round-add": only({"admin"}),
    "apa:round-detail": only(ACROSS_COUNCILS),
    "apa:assessment-detail": only(ACROSS_COUNCILS, ASSIGNED, OWN_COUNCIL),
    "apa:assessment-status": only({"admin", "hmi"}),
    "apa:assessment-inspectors": only({"admin"}),
    "audit:entry-list": only({"admin"}),
    "authorities:council-list": only(INSPECTORATE),
    "authorities:council-detail": only(INSPECTORATE, OWN_COUNCIL),
    "framework:version-list": only(SIGNED_IN),
    "self_assessment:overview": only(ACROSS_COUNCILS, ASSIGNED, OWN_COUNCIL),
    "self_assessment:part": only(OWN_COUNCIL),
    "self_assessment:cite": only(OWN_COUNCIL),
    "self_assessment:contribute": only(OWN_COUNCIL),
    "self_assessment:citation-remove": POST_ONLY,
    "self_assessment:documents": only(ACROSS_COUNCILS, ASSIGNED, OWN_COUNCIL),
    "self_assessment:document": only(ACROSS_COUNCILS, ASSIGNED, OWN_COUNCIL),
    "self_assessment:check": only(OWN_COUNCIL),
    "self_assessment:version-document": only(ACROSS_COUNCILS, ASSIGNED, OWN_COUNCIL),
    "self_assessment:reading": only(ACROSS_COUNCILS, ASSIGNED),
    "self_assessment:reopen": only({"admin"}, ASSIGNED),
    "performance:index": only(INSPECTORATE),
    "performance:profile": only(INSPECTORATE, OWN_COUNCIL),
    "performance:profile-download": only(INSPECTORATE, OWN_COUNCIL),
    "performance:council-indicator": only(INSPECTORATE, OWN_COUNCIL),
    "performance:indicator-detail": only(INSPECTORATE),
    "performance:indicator-download": only(INSPECTORATE),
    "performance:import-list": only({"admin"}),
    "performance:import-add": only({"admin"}),
    "performance:import-detail": only({"admin"}),
    "framework:version-detail": only(SIGNED_IN),
    "framework:grade-scales": only(SIGNED_IN),
    "framework:judgement-sets": only(SIGNED_IN),
    # Issue 5 §8: council users never reach the analysis stage; its HMI and BRM work on it and
    # those who read across councils (moderators, readers, the programme) may read it.
    "analysis:pack": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:pack-upload": only(ASSIGNED),
    "analysis:pack-item": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:checklist": POST_ONLY,
    "analysis:search": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:notebook": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:share-all": POST_ONLY,
    "analysis:area": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:entry-add": only(ASSIGNED),
    "analysis:entry": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:entry-revise": only(ASSIGNED),
    "analysis:entry-share": POST_ONLY,
    "analysis:evidence-add": only(ASSIGNED),
    "analysis:evidence-withdraw": only(ASSIGNED),
    "analysis:history": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:hypotheses": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:hypothesis": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:step2": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:step3": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:step4": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:sign": POST_ONLY,
    "analysis:step4-judgement": only(ASSIGNED),
    "analysis:export": only(ACROSS_COUNCILS, ASSIGNED),
    # Issue 6: the meeting. The council sees its arrangements and what was sent to it; the
    # Lead arranges and sends; the HMI and BRM run it; those who read across councils read it.
    "apa:meeting": only(ACROSS_COUNCILS, ASSIGNED, OWN_COUNCIL),
    "apa:meeting-date": only({"hmi"}),
    "apa:meeting-date-answer": only(OWN_COUNCIL),
    "apa:meeting-chair": only({"hmi"}),
    "apa:meeting-attendee-add": only(ASSIGNED, OWN_COUNCIL),
    "apa:meeting-attendee-remove": only(ASSIGNED, OWN_COUNCIL),
    "apa:meeting-agenda": only(ASSIGNED),
    "apa:meeting-agenda-draft": only(ASSIGNED),
    "apa:meeting-agenda-send": only({"hmi"}),
    "apa:meeting-record": only(ACROSS_COUNCILS, ASSIGNED, OWN_COUNCIL),
    "apa:meeting-record-answer": only(OWN_COUNCIL),
    "apa:meeting-record-document": only(ACROSS_COUNCILS, ASSIGNED, OWN_COUNCIL),
    "apa:meeting-note-add": only(ASSIGNED),
    "apa:meeting-note-edit": only(ASSIGNED),
    "apa:meeting-interim": only(ASSIGNED),
    "apa:meeting-held": only(ASSIGNED),
    "apa:meeting-notes-share": only({"hmi"}),
    "apa:meeting-document": only(ACROSS_COUNCILS, ASSIGNED),
    # Issue 6: moderation. Never the council's, not even its own; the administrator plans it;
    # those presenting a council on a day see that day; a moderator records outcomes of
    # councils they do not inspect.
    "apa:moderation": only(ACROSS_COUNCILS),
    "apa:moderation-propose": only({"admin"}),
    "apa:moderation-day-add": only({"admin"}),
    "apa:moderation-day": only(ACROSS_COUNCILS, ASSIGNED),
    "apa:moderation-group-add": only({"admin"}),
    "apa:moderation-place": only({"admin"}),
    "apa:moderation-benchmark": only(ACROSS_COUNCILS, ASSIGNED),
    "apa:moderation-choose": only({"admin"}),
    "apa:moderation-form": only(ACROSS_COUNCILS, ASSIGNED),
    "apa:moderation-form-submit": only(ASSIGNED),
    "apa:moderation-form-document": only(ACROSS_COUNCILS, ASSIGNED),
    "apa:moderation-outcome": only({"admin", "moderator"}),
    # Issue 7: the letter. Its HMI and BRM write it; those who read across councils read it
    # and its documents; the council sees none of these pages (its view of the draft comes
    # with the factual accuracy stage, 002 §I stage 2).
    "letters:letter": only(ACROSS_COUNCILS, ASSIGNED),
    "letters:assemble": POST_ONLY,
    "letters:section": only(ASSIGNED),
    "letters:compare": only(ACROSS_COUNCILS, ASSIGNED),
    "letters:preview": only(ACROSS_COUNCILS, ASSIGNED),
    "letters:document": only(ACROSS_COUNCILS, ASSIGNED),
    # The stages (issue 7 §2). The walk's letter is assembled: only the partner (the BRM; the
    # HMI is the Lead) may move it on, to agreed. No reader is assigned, so Moderation Form 2
    # is nobody's page here. The comments are read by the inspectorate and answered by the
    # HMI and the BRM; the round's social care validation is the administrator's.
    "letters:stage": only({"brm"}),
    "letters:reader-answer": {},
    "letters:responses": only(ACROSS_COUNCILS, ASSIGNED),
    "letters:respond": only(ASSIGNED),
    "letters:validation": only({"admin"}),
    "letters:ratings": only(ACROSS_COUNCILS),
    "letters:ratings-download": only(ACROSS_COUNCILS),
    # The council's factual accuracy pages: its own council's users once the draft is sent to
    # it (the walk's letter has a sending to the council), nobody else; closing its comments is
    # a page only while the letter is with the council, which the walk's letter is not.
    "letters:council": only(OWN_COUNCIL),
    "letters:council-comment": only(OWN_COUNCIL),
    "letters:council-close": {},
    # Issue 7 §5: representations (002 §J). The walk's assessments are not published, so the
    # council reaches none of them, even its own; those who read across councils and the
    # assessment's inspectors read them; the administrator sets the window, registers panel
    # members and composes panels. No panel is seated here, so nobody may decide (the
    # seated member's pages are walked in ecm/representations/tests/test_pages.py).
    "representations:assessment": only(ACROSS_COUNCILS, ASSIGNED),
    "representations:intend": {},
    "representations:representation": only(ACROSS_COUNCILS, ASSIGNED),
    "representations:ground-add": {},
    "representations:submit": {},
    "representations:panel": only({"admin"}),
    "representations:decide": {},
    "representations:round": only(ACROSS_COUNCILS),
    "representations:window": only({"admin"}),
    "representations:members": only({"admin"}),
    "representations:member": only({"admin"}),
    # Issue 8: running a round. The round's programme is for those who see across councils,
    # its plan's import for the administrator; a council's individual checklist for its
    # inspectors and those across councils, its dates agreed by its HMI and BRM alone; a
    # council's people never see it (it names moderation). Everyone has their own "what is
    # due" and calendar addresses; a feed is read by its private token without signing in.
    "programme:dashboard": only(ACROSS_COUNCILS),
    "programme:plan-import": only({"admin"}),
    "programme:plan-export": only(ACROSS_COUNCILS),
    "programme:blocks": only(ACROSS_COUNCILS),
    "programme:pre-analysis": only(ACROSS_COUNCILS),
    "programme:checklist": only(ACROSS_COUNCILS, ASSIGNED),
    "programme:agree": only(ASSIGNED),
    "programme:due": only(SIGNED_IN),
    "programme:calendars": only(SIGNED_IN),
    "programme:calendar-create": POST_ONLY,
    "programme:calendar-revoke": POST_ONLY,
    "programme:feed": {ANON: 200, **only(SIGNED_IN)},
    # Issue 9: the JAR. Council A's review has the HMI as its lead inspector; council B's no
    # team. It is read across councils, by its team and by its council's own people; the
    # administrator notifies and composes the team; the lead adds lines and draws cases; only
    # the council's own people list its case files.
    "jar:list": only(SIGNED_IN),
    "jar:notify": only({"admin"}),
    "jar:review": only(ACROSS_COUNCILS, {"hmi"}, OWN_COUNCIL),
    "jar:team-add": only({"admin"}),
    "jar:line-add": only({"admin", "hmi"}),
    "jar:cases-list": only(OWN_COUNCIL),
    "jar:cases-draw": POST_ONLY,
    "jar:case-swap": only({"admin", "hmi"}),
    "jar:case": only(ACROSS_COUNCILS, {"hmi"}, OWN_COUNCIL),
    # Issue 9 §3-§6: each part of the review lists its own pages (ecm/jar/<part>/tests/walk.py).
    **{
        name: access
        for part in JAR_PARTS
        for name, access in import_module(f"ecm.jar.{part}.tests.walk").ACCESS.items()
    },
    # Issue 10: the 2009 framework's council pages, then each part's (ecm/caa/<part>/tests/walk.py).
    "caa:list": only(SIGNED_IN),
    "caa:council": only(INSPECTORATE, OWN_COUNCIL),
    **{
        name: access
        for part in CAA_PARTS
        for name, access in import_module(f"ecm.caa.{part}.tests.walk").ACCESS.items()
    },
}

# Namespaces with their own permission system, walked by their own tests.
NOT_WALKED = {"admin"}

# Seen from another council's object, the assigned inspectors are not assigned and the
# council's own users are strangers, while the other council's user is at home.
AS_SEEN_FROM_OTHER_COUNCIL = {
    "hmi": "hmi_other",
    "brm": "hmi_other",
    "lo_own": "lo_other",
    "dcs_own": "lo_other",
    "lo_other": "lo_own",
}


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in NOT_WALKED:
                continue
            yield from _walk(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", set(entry.pattern.converters)


def project_urls() -> list[tuple[str, set[str]]]:
    return sorted(_walk(get_resolver().url_patterns))


@pytest.fixture
def world(db):
    """Two councils, each with an assessment in one round; A's has an HMI Lead and a BRM."""
    from ecm.framework.services import framework_load_bundled

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
        "apa:meeting": meeting,
        "apa:moderation-day-add": {"pk": (assessment_round.pk, assessment_round.pk)},
        "apa:moderation-propose": {"pk": (assessment_round.pk, assessment_round.pk)},
        "apa:moderation-day": {"pk": (day.pk, day.pk)},
        "apa:moderation-group-add": {"pk": (day.pk, day.pk)},
        "apa:moderation-place": {"pk": (day.pk, day.pk)},
        "apa:moderation-benchmark": {"pk": (day.pk, day.pk)},
        "apa:moderation-form-document": {"pk": (a.pk, b.pk), "fmt": ("docx", "docx")},
        "apa:moderation-": {"pk": (a.pk, b.pk)},
        "apa:moderation": {"pk": (assessment_round.pk, assessment_round.pk)},
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
    import io

    from docx import Document

    from ecm.analysis.services import hypotheses, notebook, pack
    from ecm.framework.models import Outcome

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
    from ecm.apa.services.meetings.agenda import agenda_draft, agenda_save, agenda_send
    from ecm.apa.services.meetings.arrangements import (
        attendee_add,
        meeting_chair_set,
        meeting_date_propose,
    )
    from ecm.apa.services.meetings.notes import meeting_note_add

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
    from ecm.apa.services import moderation

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
    from django.utils import timezone

    from ecm.letters.content import rendition_content
    from ecm.letters.models import CouncilComment, Letter, LetterSending, Rendition, SendingKind
    from ecm.letters.template import template_for

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
    from ecm.representations.models import Representation, RepresentationStatus

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
    from ecm.programme.models import CalendarFeed

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
    from ecm.jar.models import Inspectorate, JointAreaReview, TeamMember

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
    from ecm.jar.models import CaseFile

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


def _kwargs_for(name, converters, kwargs_table, variant):
    if not converters:
        return {}
    for prefix, fillers in kwargs_table.items():
        if name.startswith(prefix) and converters <= set(fillers):
            return {k: fillers[k][variant] for k in converters}
    raise AssertionError(
        f"The permission walk cannot fill {sorted(converters)} for {name}: add the objects "
        "it needs to the world fixture in tests/test_permission_walk.py"
    )


def _variants(name, converters, kwargs_table):
    """Own council's object (0) always; another council's object (1) where they differ."""
    variants = [0]
    if converters:
        filled_own = _kwargs_for(name, converters, kwargs_table, 0)
        if filled_own != _kwargs_for(name, converters, kwargs_table, 1):
            variants.append(1)
    return variants


def test_every_url_has_an_access_rule():
    names = {name for name, _ in project_urls()}
    missing = sorted(names - set(ACCESS))
    assert not missing, f"Add these pages to ACCESS in {__file__}: {missing}"
    stale = sorted(set(ACCESS) - names)
    assert not stale, f"These ACCESS entries name no page: {stale}"


def test_every_role_sees_only_what_it_may_for_own_and_other_council(client, world):
    users, kwargs_table = world
    failures = []
    for name, converters in project_urls():
        rule = ACCESS[name]
        for variant in _variants(name, converters, kwargs_table):
            url = reverse(name, kwargs=_kwargs_for(name, converters, kwargs_table, variant))
            for persona in [ANON, *PERSONAS]:
                client.logout()
                if persona != ANON:
                    client.force_login(users[persona])
                response = client.get(url)
                if rule == POST_ONLY:
                    expected = 302 if persona == ANON else 405
                else:
                    as_who = (
                        AS_SEEN_FROM_OTHER_COUNCIL.get(persona, persona) if variant else persona
                    )
                    default = 302 if persona == ANON else 404
                    expected = rule.get(as_who, default)
                if response.status_code != expected:
                    which = "another council's" if variant else "own council's"
                    failures.append(
                        f"{persona} GET {url} ({name}, {which}): {response.status_code}, "
                        f"expected {expected}"
                    )
                elif persona == ANON and expected == 302:
                    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert not failures, "\n".join(failures)


def test_the_django_admin_is_closed_to_everyone_but_staff(client, world):
    users, _ = world
    client.force_login(users["admin"])  # a programme administrator is not Django staff
    response = client.get("/django-admin/")
    assert response.status_code == 302 and "/django-admin/login/" in response["Location"]
