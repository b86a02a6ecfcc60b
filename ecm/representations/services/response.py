"""The inspectors' response to a representation, which the panel reads before deciding (the
handbook, section J: the panel will "read and evaluate the representation in the light of the
recorded evidence and any response from the relevant Regional Director and BRM", "from HMI",
"from HMI or BRM"). A council's representation is decided only once it is recorded; the
joint-panel review of children's services, opened by a changed judgement, has none."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.letters.archive import refuse_if_archived
from ecm.representations.models import Representation, RepresentationKind, RepresentationStatus
from ecm.representations.routing import route_of
from ecm.representations.services.representations import today_or_now

NOT_A_RESPONDER = "Only {who} of this assessment responds to a {judgement} representation ({cite})"
NOT_SUBMITTED = "The representation is not submitted yet: respond once the council submits it"
ALREADY_DECIDED = "The panel decided this on {date}: the response can no longer change"
NO_RESPONSE = "Enter the inspectors' response to the representation: the panel reads it"
REVIEW_HAS_NONE = (
    "A joint-panel review of the children's services judgement has no inspectors' response: "
    "the panel reviews the changed judgement itself (the handbook, section J)"
)


def needs_response(representation: Representation) -> bool:
    return representation.kind == RepresentationKind.REPRESENTATION


@transaction.atomic
def representation_respond(
    *, actor, representation: Representation, response: str, today: date | None = None
) -> Representation:
    """The assessment's HMI or BRM, as the judgement names them, record their response to a
    submitted representation, before the panel decides; recording it again replaces it, the
    earlier one kept in the audit trail."""
    today = today_or_now(today)
    representation = (
        Representation.objects.select_for_update()
        .select_related("assessment__round")
        .get(pk=representation.pk)
    )
    route = route_of(representation.judgement)
    if not needs_response(representation):
        raise ValidationError(REVIEW_HAS_NONE)
    if not any(
        a.user_id == actor.pk and a.role in route.responders
        for a in representation.assessment.assignments.all()
    ):
        raise NotYourRole(
            NOT_A_RESPONDER.format(
                who=route.responders_words,
                judgement=representation.get_judgement_display().lower(),
                cite="the handbook, section J",
            )
        )
    refuse_if_archived(representation.assessment.round_id, what="the representation")
    if representation.status == RepresentationStatus.INTENDED:
        raise ValidationError(NOT_SUBMITTED)
    if representation.status == RepresentationStatus.DECIDED:
        raise ValidationError(ALREADY_DECIDED.format(date=f"{representation.decided_on:%-d %B %Y}"))
    if not response.strip():
        raise ValidationError({"response": NO_RESPONSE})
    before = representation.response
    representation.response = response.strip()
    representation.response_by = actor
    representation.response_on = today
    representation.save(update_fields=["response", "response_by", "response_on"])
    audit_record(
        actor=actor,
        verb="representation.response_recorded",
        target=representation,
        before={"response": before} if before else None,
        after={"response": representation.response, "on": today},
    )
    return representation
