"""Following a tracked case (issue 9 §2; 001 "Case tracking"): parents, carers and children
by part with their leaflets and consent forms, and the agencies' questionnaires, sent, returned
and chased."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.audit.services import audit_record
from ecm.jar.models import CaseContact, Questionnaire
from ecm.jar.services.common import (
    ALREADY_RETURNED,
    NO_AGENCY,
    NOT_TRACKED,
    RETURN_BEFORE_SENT,
    SECOND_LEAD,
    _require_council,
)
from ecm.jar.tracking import QuestionnaireState, case_gaps, questionnaire_due


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
):
    """Add a parent, carer or child to a tracked case (by part, never by name), or record its
    leaflet and consent form."""
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
    return contact


@transaction.atomic
def questionnaire_send(*, actor, case, agency: str, lead_professional: bool, sent_on: date):
    _require_council(actor, case.review)
    _tracked(case)
    if not agency.strip():
        raise ValidationError({"agency": NO_AGENCY})
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
    return sent


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
