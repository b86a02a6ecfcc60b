"""Following a tracked case (issue 9 §2; 001 "Case tracking"): leaflets and consent forms per
parent, carer and child, and the questionnaires of the lead professional and at least three
other agencies, due within three weeks of sending and chased when late. Pure rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ecm.workdays.calendar import Deadline, on_or_before_working_day

OTHER_AGENCIES = 3  # 001: "the lead professional and at least three other agency questionnaires"
RETURN_WEEKS = 3  # 001: "completed and returned within three weeks"


def questionnaire_due(sent_on: date) -> Deadline:
    return Deadline(
        on_or_before_working_day(sent_on + timedelta(weeks=RETURN_WEEKS)),
        f"within three weeks of sending on {sent_on:%-d %B %Y}",
        '001 "Case tracking"',
    )


@dataclass(frozen=True)
class QuestionnaireState:
    agency: str
    lead_professional: bool
    due_on: date
    returned_on: date | None


def case_gaps(
    questionnaires: list[QuestionnaireState], contacts: list[dict], today: date
) -> list[str]:
    """What a tracked case still lacks, in words: the lead professional's and three other
    agencies' questionnaires, late ones to chase, and leaflets and consents outstanding."""
    gaps = []
    if not any(q.lead_professional for q in questionnaires):
        gaps.append("No questionnaire sent to the lead professional")
    others = sum(1 for q in questionnaires if not q.lead_professional)
    if others < OTHER_AGENCIES:
        gaps.append(
            f"Questionnaires to {others} other agenc{'y' if others == 1 else 'ies'}: at least "
            f"{OTHER_AGENCIES} are needed"
        )
    for q in questionnaires:
        if q.returned_on is None and q.due_on < today:
            gaps.append(f"{q.agency}: the questionnaire was due on {q.due_on:%-d %B %Y}; chase it")
    if not contacts:
        gaps.append("No parent, carer or child recorded for the leaflet and consent form")
    for c in contacts:
        if c["leaflet_sent_on"] is None or c["consent_sent_on"] is None:
            gaps.append(f"{c['label']}: the information leaflet and consent form are not sent")
        elif c["consent_returned_on"] is None:
            gaps.append(f"{c['label']}: the consent form has not come back")
    return gaps
