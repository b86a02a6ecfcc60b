"""Assembling the draft letter from the evidence notebook (002 §I stage 1 and template item 2:
"the key points can be cut and pasted across into the letter template in the first instance and
then redrafted into letter format").

Only what both inspectors can see goes in (shared entries, Steps 2-4, hypotheses): private
entries never appear. Judgements go in words from the grade's `wording`, never as a number
(002 §A: the draft goes to the council in words only).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.accounts.roles import Role
from ecm.accounts.selectors import user_list
from ecm.analysis.content import Strand
from ecm.analysis.models import EntryKind, HypothesisStatus
from ecm.analysis.selectors import (
    area_summaries,
    entries_shared,
    hypotheses_of,
    required_judgements,
    signatures,
    summative_judgements,
)
from ecm.apa.models import (
    Assessment,
    Meeting,
    ModerationOutcome,
    ModerationSelection,
    SingleConversation,
)
from ecm.apa.selectors import lead_of
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.core.document_check import without_repeats
from ecm.core.grade_numbers import states_a_grade
from ecm.letters.content import rendition_content
from ecm.letters.models import Letter, Rendition
from ecm.letters.template import (
    LetterTemplate,
    LetterTemplateNotFound,
    Section,
    SectionKind,
    template_for,
)

NOT_THE_LEAD = (
    "Only the Lead inspector assembles the letter (the handbook, section I stage 1): ask "
    "{lead} to assemble it"
)
NO_LEAD = "The assessment has no Lead inspector: assign one, then assemble the letter"
ALREADY_ASSEMBLED = "The letter was already assembled by {who} at {when}: edit its sections instead"
NO_JUDGEMENTS = (
    "The round's framework has no judgement set for {regime} {year}, so the letter has no "
    "provisional judgements to state: load a framework version with one"
)
STEP_4_UNGRADED = (
    "Step 4 of the evidence notebook has no grade for {missing}: grade every judgement and have "
    "both inspectors sign them, then assemble the letter"
)
STEP_4_UNSIGNED = (
    "Step 4 of the evidence notebook is not signed by both the HMI and the BRM: both sign the "
    "judgements, then assemble the letter"
)
MODERATION_PENDING = (
    "{council} is selected for moderation and its outcome is not recorded yet (the handbook, "
    "section H): "
    "assemble the letter once the moderation outcome is recorded"
)
ASSEMBLED = "Assembled from the evidence notebook"
LEFT_OUT = (
    "{count} notebook text(s) left out because they give a grade as a number; the draft goes to "
    "the council in words only (the handbook, section A)"
)
NO_MEETING_DATE = "[the date of the meeting]"
NO_DIRECTOR = "[Name]"
OTHER_AREAS = "Other areas"

# The exemplar's wording of the services assessed (Appendix B, 2005): a round that grades
# education on its own names both services; later rounds assess children's services.
SERVICES_WITH_EDUCATION = "education and social care services"
CHILDRENS_SERVICES = "children's services"


def _refuse_unless_ready(*, actor, assessment, judgements: list) -> None:
    lead = lead_of(assessment)
    if lead is None:
        raise ValidationError(NO_LEAD)
    if lead.user_id != actor.pk:
        raise NotYourRole(NOT_THE_LEAD.format(lead=lead.user.get_full_name() or lead.user))
    existing = Letter.objects.filter(assessment=assessment).select_related("assembled_by").first()
    if existing is not None:
        who = existing.assembled_by.get_full_name() or existing.assembled_by.email
        when = timezone.localtime(existing.assembled_at).strftime("%H:%M on %d %B %Y")
        raise ValidationError(ALREADY_ASSEMBLED.format(who=who, when=when))
    if not judgements:
        assessment_round = assessment.round
        raise ValidationError(
            NO_JUDGEMENTS.format(regime=assessment_round.regime, year=assessment_round.year)
        )
    step4 = summative_judgements(assessment=assessment)
    ungraded = [
        j.title
        for j in judgements
        if not (step4.get(j.pk) and step4[j.pk].current.content.get("grade"))
    ]
    if ungraded:
        raise ValidationError(STEP_4_UNGRADED.format(missing="; ".join(ungraded)))
    if len(signatures(assessment=assessment)) < 2:
        raise ValidationError(STEP_4_UNSIGNED)
    if (
        ModerationSelection.objects.filter(assessment=assessment, selected=True).exists()
        and not ModerationOutcome.objects.filter(assessment=assessment).exists()
    ):
        raise ValidationError(MODERATION_PENDING.format(council=assessment.council.name))


def judgements_in_words(*, assessment, judgements: list) -> list[dict]:
    """Each Step 4 judgement with its grade's words (its `wording`, else its label)."""
    step4 = summative_judgements(assessment=assessment)
    found = []
    for judgement in judgements:
        saved = step4.get(judgement.pk)
        grade = saved.current.content.get("grade") if saved else None
        scale = {g.value: g for g in judgement.scale.grades.all()}
        words = (scale[grade].wording or scale[grade].label) if grade in scale else ""
        found.append({"urn": judgement.urn, "title": judgement.title, "words": words})
    return found


class _Draft:
    """What the notebook holds for the letter, read once, and the texts left out."""

    def __init__(self, *, assessment):
        self.assessment = assessment
        self.left_out = 0
        self.outcomes = {o.code: o for o in assessment.round.framework_version.outcomes.all()}
        self.summaries = {s.outcome.code: s for s in area_summaries(assessment=assessment).values()}
        self.entries: dict[str, list] = {}
        for entry in entries_shared(assessment=assessment).order_by("created_at", "pk"):
            self.entries.setdefault(entry.outcome.code, []).append(entry)
        self.jar = [
            h
            for h in hypotheses_of(assessment=assessment)
            if h.status == HypothesisStatus.JAR_FIELDWORK
        ]

    def words_only(self, texts) -> list[str]:
        """The texts with any that give a grade as a number left out (and counted)."""
        kept = []
        for text in texts:
            text = (text or "").strip()
            if not text:
                continue
            if states_a_grade(text):
                self.left_out += 1
            else:
                kept.append(text)
        return kept

    def findings(self, code: str, kind: str) -> list[str]:
        found = self.entries.get(code, [])
        return self.words_only(
            e.current.content["finding"] for e in found if e.current.content["kind"] == kind
        )

    def area(self, code: str) -> str:
        """Step 2's key points for the area, then its shared Step 1 strengths, then its areas
        for improvement (findings tagged looked after children or LDD among them)."""
        summary = self.summaries.get(code)
        content = summary.current.content if summary else {}
        key_points = self.words_only((content.get(s) or {}).get("text") for s in Strand.values)
        paragraphs = [*key_points]
        for kind in (EntryKind.STRENGTH, EntryKind.AREA_FOR_IMPROVEMENT):
            found = self.findings(code, kind)
            if found:
                paragraphs.append(" ".join(found))
        # A key point often repeats the finding it came from; the letter says it once (issue
        # 20: the assembled letter said every sentence twice in four sections).
        return "\n\n".join(without_repeats(paragraphs))

    def summary(self, template: LetterTemplate) -> str:
        """The table of strengths and areas for improvement, outcome by outcome (Appendix B)."""
        blocks = []
        for section in template.sections:
            if section.kind != SectionKind.OUTCOME:
                continue
            columns = [
                (label, self.findings(section.outcome, kind))
                for label, kind in (
                    ("Strengths", EntryKind.STRENGTH),
                    ("Areas for improvement", EntryKind.AREA_FOR_IMPROVEMENT),
                )
            ]
            lines = [
                f"{label}:\n" + "\n".join(f"- {f}" for f in found)
                for label, found in columns
                if found
            ]
            if lines:
                blocks.append("\n".join([section.title, *lines]))
        return "\n\n".join(blocks)

    def areas_for_the_jar(self) -> str:
        """Hypotheses left for JAR fieldwork, by outcome (002 §I template 1; Appendix B)."""
        by_area: dict[str, list[str]] = {}
        order: dict[str, int] = {}
        for hypothesis in self.jar:
            outcome = hypothesis.outcome
            title = outcome.title if outcome else OTHER_AREAS
            order.setdefault(title, outcome.order if outcome else 999)
            by_area.setdefault(title, []).extend(self.words_only([hypothesis.statement]))
        blocks = [
            "\n".join([title, *(f"- {s}" for s in by_area[title])])
            for title in sorted(by_area, key=order.get)
            if by_area[title]
        ]
        return "\n\n".join(blocks)


def _meeting_date(assessment) -> str:
    # The round's cycle says which discussion the letter follows (issue 23 §1): the APA
    # meeting, or the 2007 briefing's single conversation.
    single = assessment.round.the_cycle.has_single_conversation
    meeting = (
        (SingleConversation if single else Meeting).objects.filter(assessment=assessment).first()
    )
    held = meeting and (meeting.held_on or meeting.date)
    return f"{held:%-d %B %Y}" if held else NO_MEETING_DATE


def _section_text(section: Section, *, draft: _Draft, template, fill: dict, judged) -> str:
    kind = section.kind
    if kind in (SectionKind.OUTCOME, SectionKind.SERVICE_MANAGEMENT):
        return draft.area(section.outcome)
    if kind == SectionKind.SUMMARY:
        return draft.summary(template)
    if kind == SectionKind.JAR:
        return draft.areas_for_the_jar()
    if kind == SectionKind.JUDGEMENTS:
        lines = [f"- {j['title']}: {j['words']}." for j in judged]
        return "\n".join([section.starts_with.format(**fill), *lines]).strip()
    return section.starts_with.format(**fill)


def director_of(council) -> str:
    """The council's Director of Children's Services by name, when the council has one active
    director account; otherwise the placeholder the check before sending will ask to fill."""
    directors = [u for u in user_list(role=Role.DIRECTOR, council=council) if u.is_active]
    if len(directors) == 1 and directors[0].get_full_name().strip():
        return directors[0].get_full_name().strip()
    return NO_DIRECTOR


def services_of(assessment, judgements: list | None = None) -> str:
    """The exemplar's words for the services assessed (Appendix B, 2005)."""
    judgements = required_judgements(assessment) if judgements is None else judgements
    if any(j.code == "education" for j in judgements):
        return SERVICES_WITH_EDUCATION
    return CHILDRENS_SERVICES


def letter_draft(
    *, assessment, template: LetterTemplate, judgements: list
) -> tuple[dict, list, int]:
    """Every section's first text, the judgements in words, and how many notebook texts were
    left out for giving a grade as a number."""
    draft = _Draft(assessment=assessment)
    judged = judgements_in_words(assessment=assessment, judgements=judgements)
    fill = {
        "council": assessment.council.name,
        "year": assessment.round.year,
        "services": services_of(assessment, judgements),
        "meeting_date": _meeting_date(assessment),
        "discussion": assessment.round.the_cycle.letter_discussion_words,
        "director": director_of(assessment.council),
    }
    sections = {
        s.code: _section_text(s, draft=draft, template=template, fill=fill, judged=judged)
        for s in template.sections
    }
    return sections, judged, draft.left_out


@transaction.atomic
def letter_assemble(*, actor, assessment) -> Letter:
    """The Lead assembles the draft letter from the notebook into the round's letter template
    (002 §I stage 1). Refused until Step 4 is graded and signed by both inspectors, and, if
    the council is selected for moderation, until its outcome is recorded (002 §H). Creates
    the letter and its rendition 1."""
    assessment = (
        Assessment.objects.select_for_update()
        .select_related("council", "round")
        .get(pk=assessment.pk)
    )
    judgements = required_judgements(assessment)
    _refuse_unless_ready(actor=actor, assessment=assessment, judgements=judgements)
    try:
        template = template_for(regime=assessment.round.regime, year=assessment.round.year)
    except LetterTemplateNotFound as exc:
        raise ValidationError(str(exc)) from exc
    sections, judged, left_out = letter_draft(
        assessment=assessment, template=template, judgements=judgements
    )
    reason = ASSEMBLED + (f"; {LEFT_OUT.format(count=left_out)}" if left_out else "")
    letter = Letter.objects.create(
        assessment=assessment, template_urn=template.urn, sections=sections, assembled_by=actor
    )
    content = rendition_content(template_urn=template.urn, sections=sections, judgements=judged)
    Rendition.objects.create(letter=letter, number=1, content=content, made_by=actor, reason=reason)
    audit_record(actor=actor, verb="letter.assembled", target=letter, after=content, reason=reason)
    return letter
