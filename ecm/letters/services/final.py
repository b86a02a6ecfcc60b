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
from ecm.letters.content import rendition_content
from ecm.letters.models import Letter, Rendition, RoundSocialCareValidation
from ecm.letters.services.sending import latest_rendition_number

NOT_AN_ADMINISTRATOR = "Only a programme administrator records that social care data are validated"
ALREADY_VALIDATED = (
    "The social care data of {round} were validated by {who} on {when}: nothing more to do"
)
MODERATION_PENDING = (
    "{council} is selected for moderation and its outcome is not recorded (002 §H): the final "
    "letter waits for the moderation outcome"
)
NOT_VALIDATED = (
    "The social care data of {round} are not validated yet (DOMAIN.md §3): the final letter "
    "waits until a programme administrator records the validation"
)
UNGRADED = (
    "Step 4 of the evidence notebook has no grade for {missing}: the final letter carries every "
    "confirmed Step 4 grade (002 §I stage 3)"
)
FINAL_REASON = "The final letter with the confirmed Step 4 grades (002 §I stage 3)"


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
    """The next rendition: the letter as it stands, its judgements in words, and the grades.
    Only the final letter's renditions have `grades` (002 §A: words only until then)."""
    grades, _ = final_grades(letter.assessment)
    latest = letter.renditions.order_by("-number").first()
    content = rendition_content(
        template_urn=letter.template_urn,
        sections=letter.sections,
        judgements=[{"urn": g["urn"], "title": g["title"], "words": g["words"]} for g in grades]
        if grades
        else (latest.content.get("judgements", []) if latest else []),
    )
    content["grades"] = grades
    return Rendition.objects.create(
        letter=letter,
        number=latest_rendition_number(letter) + 1,
        content=content,
        made_by=actor,
        reason=FINAL_REASON,
    )
