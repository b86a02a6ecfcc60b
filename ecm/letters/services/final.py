"""The final letter with the grades (002 §I stage 3; DOMAIN.md §3: "after validation of social
care data and moderation; contains grades"): the round's social care validation, what the final
letter waits for, and its rendition carrying the confirmed Step 4 grades."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.accounts.roles import Role
from ecm.analysis.selectors import required_judgements, summative_judgements
from ecm.apa.models import ModerationOutcome, ModerationSelection
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.core.locking import save_next_version
from ecm.letters.content import rendition_content
from ecm.letters.models import Letter, Rendition, RoundSocialCareValidation
from ecm.letters.services.checks import final_sections
from ecm.letters.services.sending import latest_rendition_number
from ecm.letters.template import template_by_urn

NOT_AN_ADMINISTRATOR = "Only a programme administrator records that social care data are validated"
ALREADY_VALIDATED = (
    "The social care data of {round} were validated by {who} on {when}: nothing more to do"
)
MODERATION_PENDING = (
    "{council} is selected for moderation and its outcome is not recorded (the handbook, section "
    "H): the final "
    "letter waits for the moderation outcome"
)
NOT_VALIDATED = (
    "The social care data of {round} are not validated yet: the final letter "
    "waits until a programme administrator records the validation"
)
UNGRADED = (
    "Step 4 of the evidence notebook has no grade for {missing}: the final letter carries every "
    "confirmed Step 4 grade (the handbook, section I stage 3)"
)
FINAL_REASON = "The final letter with the confirmed Step 4 grades (the handbook, section I stage 3)"


@transaction.atomic
def round_social_care_validate(
    *, actor, assessment_round, note: str = ""
) -> RoundSocialCareValidation:
    """Record that the round's social care data are validated (programme administrator)."""
    if Role.PROGRAMME_ADMINISTRATOR not in actor.roles:
        raise NotYourRole(NOT_AN_ADMINISTRATOR)
    existing = (
        RoundSocialCareValidation.objects.filter(round=assessment_round)
        .select_related("validated_by")
        .first()
    )
    if existing is not None:
        raise ValidationError(
            ALREADY_VALIDATED.format(
                round=assessment_round,
                who=existing.validated_by,
                when=f"{timezone.localtime(existing.validated_at):%-d %B %Y}",
            )
        )
    validation = RoundSocialCareValidation.objects.create(
        round=assessment_round, validated_by=actor, validated_at=timezone.now(), note=note.strip()
    )
    audit_record(
        actor=actor,
        verb="round.social_care_validated",
        target=assessment_round,
        after={"validated_at": validation.validated_at, "note": validation.note},
        reason=validation.note,
    )
    return validation


def final_grades(assessment) -> tuple[list[dict], list[str]]:
    """Each required Step 4 judgement with its grade as a number and in words, and the titles
    of any without a grade."""
    step4 = summative_judgements(assessment=assessment)
    grades, missing = [], []
    for judgement in required_judgements(assessment):
        saved = step4.get(judgement.pk)
        grade = saved.current.content.get("grade") if saved else None
        scale = {g.value: g for g in judgement.scale.grades.all()}
        if grade not in scale:
            missing.append(judgement.title)
            continue
        grades.append(
            {
                "urn": judgement.urn,
                "title": judgement.title,
                "grade": grade,
                "label": scale[grade].label,
                "words": scale[grade].wording or scale[grade].label,
            }
        )
    return grades, missing


def refuse_unless_final_ready(letter: Letter) -> None:
    assessment = letter.assessment
    if (
        ModerationSelection.objects.filter(assessment=assessment, selected=True).exists()
        and not ModerationOutcome.objects.filter(assessment=assessment).exists()
    ):
        raise ValidationError(MODERATION_PENDING.format(council=assessment.council.name))
    if not RoundSocialCareValidation.objects.filter(round_id=assessment.round_id).exists():
        raise ValidationError(NOT_VALIDATED.format(round=assessment.round))
    _, missing = final_grades(assessment)
    if missing:
        raise ValidationError(UNGRADED.format(missing="; ".join(missing)))


def final_rendition_make(*, actor, letter: Letter) -> Rendition:
    """The next rendition: the letter built from the final template (its draft-only sections
    replaced by their final text, 002 §J "The final letter"), its judgements in words, and the
    grades. Only the final letter's renditions have `grades` (002 §A: words only until then).
    The working copy becomes the final letter too, so that what is shown is what is sent."""
    grades, _ = final_grades(letter.assessment)
    latest = letter.renditions.order_by("-number").first()
    sections = final_sections(letter)
    content = rendition_content(
        template_urn=letter.template_urn,
        sections=sections,
        judgements=[{"urn": g["urn"], "title": g["title"], "words": g["words"]} for g in grades]
        if grades
        else (latest.content.get("judgements", []) if latest else []),
    )
    content["grades"] = grades
    letter.sections = sections
    save_next_version(letter, ["sections"])
    return Rendition.objects.create(
        letter=letter,
        number=latest_rendition_number(letter) + 1,
        content=content,
        made_by=actor,
        reason=FINAL_REASON,
    )


def draft_sections_restore(*, letter: Letter) -> dict[str, str]:
    """Back from the final letter (issue 20 §2): the sections the final template replaced get
    back the text they had in the last rendition before the final one; returns what changed."""
    template = template_by_urn(letter.template_urn)
    draft = next(
        (r for r in letter.renditions.order_by("-number") if not r.content.get("grades")), None
    )
    if draft is None:
        return {}
    restored = {
        s.code: draft.content["sections"].get(s.code, "")
        for s in template.sections
        if s.replaced_at_final
    }
    letter.sections = {**letter.sections, **restored}
    save_next_version(letter, ["sections"])
    return restored
