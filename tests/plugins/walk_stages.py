"""The permission walk's world, stage by stage of the APA (issue 18 §3): what each stage adds
to the two councils' assessments so that every page of that stage exists to be walked."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document

from ecm.analysis.services import hypotheses, notebook, pack
from ecm.framework.models import Outcome
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
from ecm.representations.models import Representation, RepresentationStatus


def analysis_world(a, b, users, version) -> dict:
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


def meeting_world(a, b, users) -> dict:
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


def moderation_world(a, b, users):
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


def letters_world(a, b, users) -> dict:
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


def representations_world(a, b, users) -> dict:
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
