"""Following a tracked case (issue 9 §2; 001 "Case tracking"): parents, carers and children
by part with their leaflets and consent forms, and the agencies' questionnaires, sent, returned
and chased."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ecm.audit.selectors import audit_history
from ecm.audit.services import audit_record
from ecm.core.once import AlreadyDone, once_claim, once_done
from ecm.jar.models import CaseContact, CaseFile, Questionnaire
from ecm.jar.services.common import (
    ALREADY_RETURNED,
    NO_AGENCY,
    NOT_TRACKED,
    RETURN_BEFORE_SENT,
    SECOND_LEAD,
    _require_council,
)
from ecm.jar.tracking import QuestionnaireState, case_gaps, questionnaire_due

QUESTIONNAIRE_ALREADY_SENT = (
    "The questionnaire to {agency} sent on {sent_on:%-d %B %Y} was already recorded"
)
CONTACT_ALREADY_RECORDED = "{contact} was already recorded"
NOT_RECORDED_AGAIN = "It was not recorded a second time"


def _tracked(case) -> None:
    if not case.tracked:
        raise ValidationError(NOT_TRACKED)


@transaction.atomic
def case_contact_record(
    *,
    actor,
    case,
    kind: str,
    leaflet_sent_on=None,
    consent_sent_on=None,
    consent_returned_on=None,
    consent_given=None,
    contact=None,
    once: UUID | None = None,
):
    """Add a parent, carer or child to a tracked case (by part, never by name), or record its
    leaflet and consent form. Added once for the form's token (issue 20 §4)."""
    claim = once_claim(token=once, actor=actor, what="jar.case_contact_record")
    _require_council(actor, case.review)
    _tracked(case)
    if consent_returned_on and (not consent_sent_on or consent_returned_on < consent_sent_on):
        raise ValidationError({"consent_returned_on": RETURN_BEFORE_SENT})
    if contact is None:
        number = case.contacts.filter(kind=kind).count() + 1
        contact = CaseContact(case=case, kind=kind, number=number)
    contact.leaflet_sent_on = leaflet_sent_on
    contact.consent_sent_on = consent_sent_on
    contact.consent_returned_on = consent_returned_on
    contact.consent_given = consent_given
    contact.save()
    audit_record(
        actor=actor,
        verb="jar.consent_recorded",
        target=case.review,
        after={
            "case": case.reference,
            "contact": str(contact),
            "leaflet": str(leaflet_sent_on or ""),
            "consent_sent": str(consent_sent_on or ""),
            "consent_returned": str(consent_returned_on or ""),
            "consent_given": consent_given,
        },
    )
    once_done(claim, done=CONTACT_ALREADY_RECORDED.format(contact=contact), result=contact)
    return contact


@transaction.atomic
def questionnaire_send(
    *,
    actor,
    case,
    agency: str,
    lead_professional: bool,
    sent_on: date,
    once: UUID | None = None,
):
    """Record an agency's questionnaire sent on a tracked case (001 "Case tracking"). Recorded
    once (issue 20 §4): the form's token posted again, or the same agency's questionnaire sent
    the same day already recorded, is answered AlreadyDone; the case is locked, so two posts at
    once record one."""
    claim = once_claim(token=once, actor=actor, what="jar.questionnaire_send")
    _require_council(actor, case.review)
    _tracked(case)
    if not agency.strip():
        raise ValidationError({"agency": NO_AGENCY})
    case = CaseFile.objects.select_for_update().select_related("review").get(pk=case.pk)
    same = _same_questionnaire(
        case, agency=agency, lead_professional=lead_professional, sent_on=sent_on
    )
    if same is not None:
        entry = (
            audit_history(target=case.review)
            .filter(verb="jar.questionnaire_sent", after__case=case.reference)
            .filter(after__agency=same.agency)
            .first()
        )
        raise AlreadyDone(
            done=QUESTIONNAIRE_ALREADY_SENT.format(agency=same.agency, sent_on=same.sent_on),
            at=entry.at if entry else timezone.now(),
            by=entry.actor_name if entry else None,
            again=NOT_RECORDED_AGAIN,
        )
    if lead_professional and case.questionnaires.filter(lead_professional=True).exists():
        raise ValidationError({"lead_professional": SECOND_LEAD})
    sent = Questionnaire.objects.create(
        case=case,
        agency=agency.strip(),
        lead_professional=lead_professional,
        sent_on=sent_on,
        due_on=questionnaire_due(sent_on).date,
    )
    audit_record(
        actor=actor,
        verb="jar.questionnaire_sent",
        target=case.review,
        after={"case": case.reference, "agency": sent.agency, "due_on": sent.due_on.isoformat()},
    )
    once_done(
        claim,
        done=QUESTIONNAIRE_ALREADY_SENT.format(agency=sent.agency, sent_on=sent.sent_on),
        result=sent,
    )
    return sent


def _same_questionnaire(
    case, *, agency: str, lead_professional: bool, sent_on: date
) -> Questionnaire | None:
    """The questionnaire already recorded for this agency (whatever its case and spacing),
    lead professional or not, sent the same day: the same questionnaire recorded twice."""
    wanted = " ".join(agency.split()).casefold()
    return next(
        (
            q
            for q in case.questionnaires.all()
            if q.lead_professional == lead_professional
            and q.sent_on == sent_on
            and " ".join(q.agency.split()).casefold() == wanted
        ),
        None,
    )


@transaction.atomic
def questionnaire_returned(*, actor, questionnaire, returned_on: date):
    _require_council(actor, questionnaire.case.review)
    if returned_on < questionnaire.sent_on:
        raise ValidationError({"returned_on": RETURN_BEFORE_SENT})
    questionnaire.returned_on = returned_on
    questionnaire.save(update_fields=["returned_on"])
    audit_record(
        actor=actor,
        verb="jar.questionnaire_returned",
        target=questionnaire.case.review,
        after={"case": questionnaire.case.reference, "agency": questionnaire.agency},
    )
    return questionnaire


@transaction.atomic
def questionnaire_chase(*, actor, questionnaire, today: date):
    """Record that a late questionnaire was chased (the council chases its agencies)."""
    _require_council(actor, questionnaire.case.review)
    if questionnaire.returned_on:
        raise ValidationError(ALREADY_RETURNED.format(day=f"{questionnaire.returned_on:%-d %B %Y}"))
    questionnaire.chased_on = today
    questionnaire.save(update_fields=["chased_on"])
    audit_record(
        actor=actor,
        verb="jar.questionnaire_chased",
        target=questionnaire.case.review,
        after={"case": questionnaire.case.reference, "agency": questionnaire.agency},
        reason=f"Due {questionnaire.due_on:%-d %B %Y}, not returned",
    )
    return questionnaire


def case_gaps_of(case, today: date) -> list[str]:
    return case_gaps(
        [
            QuestionnaireState(q.agency, q.lead_professional, q.due_on, q.returned_on)
            for q in case.questionnaires.all()
        ],
        [
            {
                "label": str(c),
                "leaflet_sent_on": c.leaflet_sent_on,
                "consent_sent_on": c.consent_sent_on,
                "consent_returned_on": c.consent_returned_on,
            }
            for c in case.contacts.all()
        ],
        today,
    )
