"""Editing the letter one section at a time (002 §I stages 1-3: "redrafted into letter format",
amended after the readers' and the council's comments). Each save is a new rendition."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.audit.services import audit_record
from ecm.core.grade_numbers import WRITE_IT_IN_WORDS, grade_numbers_in, quoted
from ecm.core.locking import stale
from ecm.letters.archive import refuse_if_archived
from ecm.letters.content import rendition_content
from ecm.letters.models import Letter, Rendition
from ecm.letters.template import template_by_urn
from ecm.letters.workflow import LetterStage

UNKNOWN_SECTION = "The letter has no section {code}: choose one of its sections"
NO_CHANGE = "Nothing has changed: change the text before you save, or go back"
NO_REASON = "Enter why you are changing the section"
NOT_NOW = "The letter cannot be edited while it is {stage}: {why}"
# While others read it, the text must stay as they were sent it; from final on, the letter is
# the one with the grades (002 §I stages 1-3).
FROZEN = {
    LetterStage.WITH_READERS: "the readers answer on the version they were sent",
    LetterStage.WITH_COUNCIL: "the council comments on the version it was sent; recall it first",
    LetterStage.FINAL: "the final letter carries the grades; move it back with a reason first",
    LetterStage.PROOF_READ: "it has been proof read; move it back with a reason to put it right",
    LetterStage.CLEARED: "it has been cleared for publication; move it back with a reason first",
    LetterStage.PUBLISHED: "it has been published to the council",
}
GRADE_AS_NUMBER = (
    "{found} gives a grade as a number. The letter gives judgements in words, never as grades, "
    "until the final letter (the handbook, section A): " + WRITE_IT_IN_WORDS
)


@transaction.atomic
def letter_section_save(
    *, actor, letter: Letter, code: str, text: str, reason: str, expected_lock_version: int
) -> Letter:
    """Save one section's new text as the letter's next rendition. Refused from a stale page
    (someone saved first: theirs must not be overwritten), for a section the template does not
    have, when nothing changed, or when the text gives a grade as a number."""
    letter = Letter.objects.select_for_update().select_related("assessment").get(pk=letter.pk)
    refuse_if_archived(letter.assessment.round_id, what="the letter")
    if letter.stage in FROZEN:
        stage = LetterStage(letter.stage).label.lower()
        raise ValidationError(NOT_NOW.format(stage=stage, why=FROZEN[letter.stage]))
    latest = letter.renditions.select_related("made_by").order_by("-number").first()
    if letter.lock_version != expected_lock_version:
        who = latest.made_by.get_full_name() or latest.made_by.email
        raise stale(what="the letter", who=who, when=latest.made_at)
    template = template_by_urn(letter.template_urn)
    if code not in template.codes:
        raise ValidationError(UNKNOWN_SECTION.format(code=code))
    text = text.strip()
    before = letter.sections.get(code, "")
    if text == before.strip():
        raise ValidationError({"text": NO_CHANGE})
    if found := grade_numbers_in(text):
        raise ValidationError({"text": GRADE_AS_NUMBER.format(found=quoted(found))})
    if not reason.strip():
        raise ValidationError({"reason": NO_REASON})
    sections = {c: letter.sections.get(c, "") for c in template.codes} | {code: text}
    content = rendition_content(
        template_urn=template.urn,
        sections=sections,
        judgements=latest.content.get("judgements", []) if latest else [],
    )
    letter.sections = sections
    letter.lock_version += 1
    letter.save(update_fields=["sections", "lock_version"])
    Rendition.objects.create(
        letter=letter,
        number=(latest.number + 1) if latest else 1,
        content=content,
        made_by=actor,
        reason=reason.strip(),
    )
    audit_record(
        actor=actor,
        verb="letter.section_saved",
        target=letter,
        before={"section": code, "text": before},
        after={"section": code, "text": text},
        reason=reason.strip(),
    )
    return letter
