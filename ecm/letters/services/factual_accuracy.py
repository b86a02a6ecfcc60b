"""The council's factual accuracy check (002 §I stages 2-3; 002 §A "five working days").

The link officer comments on the rendition sent, paragraph by paragraph, until the end of the
fifth working day after sending (England's calendar, ecm.workdays). Each comment gets the
inspectors' response and the rendition that made any change; the council is then told what was
done about each point (the move to `responses_given`).
"""

import re
from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.apa.rules import is_inspector_of
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.core.grade_numbers import WRITE_IT_IN_WORDS, grade_numbers_in, quoted
from ecm.core.once import AlreadyDone, once_claim, once_done
from ecm.letters.models import CouncilComment, Letter, LetterSending, SendingKind
from ecm.letters.services.sending import latest_sending
from ecm.letters.workflow import RESPONSES_MAY_BE_RECORDED, LetterStage
from ecm.workdays.calendar import Deadline, deadline_after_working_days

FACTUAL_ACCURACY_DAYS = 5
DEADLINE_RULE = (
    "5 working days from sending, the day of sending not counted (the handbook, sections A and "
    "I stage 2)"
)

NOT_THE_COUNCIL = "Only {council}'s link officer or director comments on its draft letter"
NOT_WITH_COUNCIL = "The letter is {stage}: the council comments while it is with the council"
PAST_DEADLINE = (
    "The five working days for comments ended at the end of {deadline} ({rule}). The letter was "
    "sent on {sent}. Nothing was saved: ask the Lead inspector if something must still be said"
)
UNKNOWN_SECTION = "The letter sent has no section {code}: choose one of its sections"
UNKNOWN_PARAGRAPH = (
    "{title} has {count} paragraph(s) in the letter sent: choose a paragraph from 1 to {count}"
)
NO_COMMENT = "Enter your comment on the paragraph"
COMMENT_ALREADY_MADE = "Your comment on this paragraph was already sent to the inspectors"
COMMENT_NOT_AGAIN = "It was not sent a second time"
NOT_AN_INSPECTOR = "Only the HMI or the BRM of this assessment responds to the council's comments"
NOT_RESPONDING = "The letter is {stage}: responses are recorded before the council is told them"
NO_RESPONSE = "Enter the response to the council's comment"
RESPONSE_GRADE = (
    "The response gives a grade as a number: {found}. The council is told the responses before "
    "the final letter, and reads judgements in words only until then (the handbook, section A): "
    + WRITE_IT_IN_WORDS
)
UNKNOWN_CHANGE = (
    "The letter has no rendition {number} made after the one sent to the council ({sent}): "
    "choose the rendition that made the change, or leave it empty if nothing changed"
)


_BLANK_LINE = re.compile(r"\r?\n[ \t]*\r?\n")


def factual_accuracy_deadline(sent_on: date) -> Deadline:
    return deadline_after_working_days(
        start=sent_on, days=FACTUAL_ACCURACY_DAYS, rule=DEADLINE_RULE, source="002 §A"
    )


def paragraphs_of(text: str) -> list[str]:
    """A section's paragraphs as the council reads them: blocks separated by a blank line,
    whatever the line endings (a browser sends "\\r\\n"; issue 20: two paragraphs typed in
    a form were one "Paragraph 1" while the letter showed two)."""
    return [p.strip() for p in _BLANK_LINE.split(text or "") if p.strip()]


def sent_to_council(letter: Letter) -> LetterSending | None:
    return latest_sending(letter, SendingKind.COUNCIL)


def deadline_passed(sending: LetterSending, today: date | None = None) -> bool:
    """Comments are accepted until the end of the deadline day (local time)."""
    return (today or timezone.localdate()) > sending.deadline


def unanswered(letter: Letter) -> list[CouncilComment]:
    return list(letter.council_comments.filter(responded_at__isnull=True))


def is_council_of(user, assessment) -> bool:
    return user.is_council_user and user.council_id == assessment.council_id


@transaction.atomic
def council_comment_add(
    *,
    actor,
    letter: Letter,
    section: str,
    paragraph: int,
    comment: str,
    once: UUID | None = None,
) -> CouncilComment:
    """The council's comment on paragraph `paragraph` (from 1) of `section` of the rendition
    sent. Refused after the deadline, saying when it was. Made once (issue 20 §4): the form's
    token posted again, or the same words by the same person on the same paragraph of the same
    rendition, is answered AlreadyDone; the letter is locked, so two posts at once make one."""
    claim = once_claim(token=once, actor=actor, what="letter.council_comment_add")
    letter = (
        Letter.objects.select_for_update().select_related("assessment__council").get(pk=letter.pk)
    )
    assessment = letter.assessment
    if not is_council_of(actor, assessment):
        raise NotYourRole(NOT_THE_COUNCIL.format(council=assessment.council.name))
    if letter.stage != LetterStage.WITH_COUNCIL:
        raise ValidationError(NOT_WITH_COUNCIL.format(stage=letter.get_stage_display().lower()))
    sending = sent_to_council(letter)
    if deadline_passed(sending):
        raise ValidationError(
            PAST_DEADLINE.format(
                deadline=f"{sending.deadline:%A %-d %B %Y}",
                rule=sending.deadline_rule,
                sent=f"{timezone.localtime(sending.sent_at):%A %-d %B %Y}",
            )
        )
    rendition = letter.renditions.get(number=sending.rendition_number)
    sections = rendition.content["sections"]
    if section not in sections:
        raise ValidationError({"section": UNKNOWN_SECTION.format(code=section)})
    paragraphs = paragraphs_of(sections[section])
    if not 1 <= paragraph <= len(paragraphs):
        raise ValidationError(
            {"paragraph": UNKNOWN_PARAGRAPH.format(title=section, count=len(paragraphs))}
        )
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": NO_COMMENT})
    same = _same_comment(
        letter, actor=actor, rendition=rendition.number, section=section, paragraph=paragraph,
        comment=comment,
    )  # fmt: skip
    if same is not None:
        raise AlreadyDone(
            done=COMMENT_ALREADY_MADE, at=same.made_at, by=same.made_by, again=COMMENT_NOT_AGAIN
        )
    made = CouncilComment.objects.create(
        letter=letter,
        rendition_number=rendition.number,
        section=section,
        paragraph=paragraph,
        paragraph_text=paragraphs[paragraph - 1],
        comment=comment,
        made_by=actor,
        made_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        verb="letter.council_commented",
        target=letter,
        after={
            "rendition": rendition.number,
            "section": section,
            "paragraph": paragraph,
            "comment": comment,
        },
    )
    once_done(claim, done=COMMENT_ALREADY_MADE, result=made)
    return made


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _same_comment(
    letter: Letter, *, actor, rendition: int, section: str, paragraph: int, comment: str
) -> CouncilComment | None:
    """The same words by the same person on the same paragraph of the same rendition: the
    comment made twice (issue 20 §4)."""
    made = letter.council_comments.filter(
        rendition_number=rendition, section=section, paragraph=paragraph, made_by=actor
    ).select_related("made_by")
    return next((c for c in made if _words(c.comment) == _words(comment)), None)


@transaction.atomic
def council_comment_respond(
    *, actor, comment: CouncilComment, response: str, change_rendition_number: int | None = None
) -> CouncilComment:
    """An inspector's response to one comment and the rendition that made any change. May be
    revised until the council is told (each version is in the audit trail)."""
    letter = (
        Letter.objects.select_for_update().select_related("assessment").get(pk=comment.letter_id)
    )
    if not is_inspector_of(actor, letter.assessment):
        raise NotYourRole(NOT_AN_INSPECTOR)
    if letter.stage not in RESPONSES_MAY_BE_RECORDED:
        raise ValidationError(NOT_RESPONDING.format(stage=letter.get_stage_display().lower()))
    response = response.strip()
    if not response:
        raise ValidationError({"response": NO_RESPONSE})
    if found := grade_numbers_in(response):
        raise ValidationError({"response": RESPONSE_GRADE.format(found=quoted(found))})
    comment = CouncilComment.objects.select_for_update().get(pk=comment.pk)
    if change_rendition_number is not None and not (
        change_rendition_number > comment.rendition_number
        and letter.renditions.filter(number=change_rendition_number).exists()
    ):
        raise ValidationError(
            {
                "change_rendition_number": UNKNOWN_CHANGE.format(
                    number=change_rendition_number, sent=comment.rendition_number
                )
            }
        )
    before = {"response": comment.response, "change": comment.change_rendition_number}
    comment.response = response
    comment.change_rendition_number = change_rendition_number
    comment.responded_by = actor
    comment.responded_at = timezone.now()
    comment.save(
        update_fields=["response", "change_rendition_number", "responded_by", "responded_at"]
    )
    audit_record(
        actor=actor,
        verb="letter.council_comment_answered",
        target=letter,
        before={"comment": comment.pk, **before},
        after={"comment": comment.pk, "response": response, "change": change_rendition_number},
    )
    return comment
