"""Reading the letter for its pages: the letter, its renditions, and each section beside its
guide and warnings (issue 7 §1). A fixed number of queries, whatever the number of renditions."""

from dataclasses import dataclass

from ecm.letters.content import words_in
from ecm.letters.models import Letter, LetterSending, Rendition, SendingKind
from ecm.letters.services.checks import letter_problems
from ecm.letters.services.factual_accuracy import paragraphs_of
from ecm.letters.services.sending import latest_sending
from ecm.letters.services.stages import mover_allows
from ecm.letters.services.warnings import LetterWarning, letter_warnings
from ecm.letters.template import LetterTemplate, Section, template_by_urn
from ecm.letters.workflow import STAGES, LetterStage, Mover


def letter_of(*, assessment) -> Letter | None:
    return Letter.objects.filter(assessment=assessment).select_related("assembled_by").first()


def renditions_of(*, letter: Letter) -> list[Rendition]:
    """Every rendition, oldest first, with who made it."""
    return list(letter.renditions.select_related("made_by").order_by("number"))


def rendition_numbered(*, letter: Letter, number) -> Rendition | None:
    """The rendition with this number (None for a number that is not one of the letter's)."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return None
    return letter.renditions.select_related("made_by").filter(number=number).first()


@dataclass(frozen=True)
class SectionShown:
    section: Section
    text: str
    words: int
    warnings: tuple[LetterWarning, ...]

    @property
    def guide(self) -> str:
        guide = self.section.words
        return f"{guide.minimum} to {guide.maximum} words" if guide else ""


@dataclass(frozen=True)
class LetterShown:
    template: LetterTemplate
    sections: tuple[SectionShown, ...]
    words: int
    letter_warnings: tuple[LetterWarning, ...]  # about the whole letter

    @property
    def sides(self) -> str:
        return f"{self.words / self.template.words_per_side:.1f}"


def letter_shown(*, letter: Letter) -> LetterShown:
    """Each section in the template's order with its words and its warnings, then the whole
    letter's length against the template's 4-6 sides (002 §I template 1)."""
    template = template_by_urn(letter.template_urn)
    warnings = letter_warnings(letter=letter)
    sections = []
    for section in template.sections:
        text = letter.sections.get(section.code, "")
        sections.append(
            SectionShown(
                section=section,
                text=text,
                words=words_in(text),
                warnings=tuple(w for w in warnings if w.section == section.code),
            )
        )
    return LetterShown(
        template=template,
        sections=tuple(sections),
        words=sum(s.words for s in sections),
        letter_warnings=tuple(w for w in warnings if not w.section),
    )


# ---------------------------------------------------------------------------- The stages


@dataclass(frozen=True)
class Move:
    to: str
    label: str
    backward: bool


def moves_for(*, user, letter: Letter) -> list[Move]:
    """The moves `user` may ask for now, from the stage table (ecm.letters.workflow): forward
    where they are among the target's movers, back where they are the HMI or the BRM. The
    service checks again, with what each stage needs first, when the move is made."""
    rule = STAGES[LetterStage(letter.stage)]
    assessment = letter.assessment
    moves = [
        Move(to=s.value, label=s.label, backward=False)
        for s in rule.forward
        if any(mover_allows(m, user, assessment) for m in STAGES[s].by)
    ]
    if rule.back and mover_allows(Mover.INSPECTOR, user, assessment):
        moves += [Move(to=s.value, label=s.label, backward=True) for s in rule.back]
    return moves


def before_it_goes(*, letter: Letter) -> dict:
    """What the check before sending would refuse now, so the Lead sees it early (issue 20
    §1: nothing warned the inspector that the final letter kept its draft wording). From the
    council's factual accuracy check on, the letter is read as the final letter will be."""
    stage = LetterStage(letter.stage)
    if stage == LetterStage.PUBLISHED:
        return {}
    order = list(LetterStage)
    final = order.index(stage) >= order.index(LetterStage.WITH_COUNCIL)
    return {
        "what": "the final letter" if final else "the draft to the council",
        "problems": letter_problems(letter=letter, final=final),
    }


def council_sending(*, letter: Letter):
    return latest_sending(letter, SendingKind.COUNCIL)


def reader_answers_of(*, letter: Letter) -> list:
    return list(letter.reader_answers.select_related("signed_by").order_by("signed_at", "pk"))


def council_comments_of(*, letter: Letter) -> list:
    """The council's comments, oldest first, each with `section_title`: the section's name as
    the letter gives it, never its code (issue 20: "being_healthy, paragraph 1")."""
    template = template_by_urn(letter.template_urn)
    titles = {s.code: s.title for s in template.sections}
    comments = list(
        letter.council_comments.select_related("made_by", "responded_by").order_by("made_at", "pk")
    )
    for comment in comments:
        comment.section_title = titles.get(comment.section, comment.section)
    return comments


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str


@dataclass(frozen=True)
class SectionSent:
    code: str
    title: str
    paragraphs: tuple[Paragraph, ...]


def sections_sent(*, rendition: Rendition) -> list[SectionSent]:
    """The rendition's sections in the template's order, each split into the paragraphs the
    council comments on (blocks separated by a blank line, as the service counts them)."""
    template = template_by_urn(rendition.content["template"])
    texts = rendition.content["sections"]
    final = bool(rendition.content.get("grades"))
    return [
        SectionSent(
            code=s.code,
            title=s.final.title if final and s.final else s.title,
            paragraphs=tuple(
                Paragraph(number=i, text=t)
                for i, t in enumerate(paragraphs_of(texts.get(s.code, "")), start=1)
            ),
        )
        for s in template.sections
        if s.code in texts
    ]


def latest_readers_sending(*, letter: Letter):
    return latest_sending(letter, SendingKind.READERS)


def published_rendition(*, assessment) -> Rendition | None:
    """The rendition the council was last sent on publication, or None before publication."""
    sending = (
        LetterSending.objects.filter(letter__assessment=assessment, kind=SendingKind.PUBLICATION)
        .order_by("-sent_at", "-pk")
        .first()
    )
    if sending is None:
        return None
    return Rendition.objects.get(letter=sending.letter, number=sending.rendition_number)
