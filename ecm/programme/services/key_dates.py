"""The council's individual checklist (issue 8 §2; 002 §B item 4, §I): its dates are
pre-filled from their rules, and the team agrees some of them with the council. An agreed date
replaces the indicative one, and the dates that depend on it follow (ecm.programme.milestones);
clearing it returns to the rule. Each change is audited with its reason."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.apa.models import INSPECTOR_ASSIGNMENTS
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole
from ecm.programme.milestones import AGREEABLE, RULES_BY_CODE
from ecm.programme.models import AgreedDate
from ecm.workdays.calendar import bank_holiday_name, is_working_day

NOT_THE_TEAM = "Only the council's HMI and BRM agree its dates (the handbook, section I)"
NOT_AGREEABLE = "{title} follows from its rule and cannot be agreed separately"
NOT_A_WORKING_DAY = "{day} is not a working day ({why}): choose a working day"
NO_REASON = "Say what was agreed and with whom: it is kept in the audit trail"


def _on_team(actor, assessment) -> bool:
    return assessment.assignments.filter(user=actor, role__in=INSPECTOR_ASSIGNMENTS).exists()


@transaction.atomic
def agreed_date_set(
    *, actor, assessment, milestone: str, day: date | None, note: str
) -> AgreedDate | None:
    """Agree a date of the council's checklist with the council, or clear it (day None)."""
    if not _on_team(actor, assessment):
        raise NotYourRole(NOT_THE_TEAM)
    if milestone not in AGREEABLE:
        title = RULES_BY_CODE[milestone].title if milestone in RULES_BY_CODE else milestone
        raise ValidationError(NOT_AGREEABLE.format(title=title))
    if not note.strip():
        raise ValidationError({"note": NO_REASON})
    existing = AgreedDate.objects.filter(assessment=assessment, milestone=milestone).first()
    before = {"day": existing.day.isoformat()} if existing else None
    if day is None:
        if existing:
            existing.delete()
        saved = None
    else:
        if not is_working_day(day):
            why = bank_holiday_name(day) or day.strftime("%A")
            raise ValidationError(
                {"day": NOT_A_WORKING_DAY.format(day=f"{day:%-d %B %Y}", why=why)}
            )
        saved, _ = AgreedDate.objects.update_or_create(
            assessment=assessment,
            milestone=milestone,
            defaults={"day": day, "note": note.strip(), "set_by": actor},
        )
    audit_record(
        actor=actor,
        verb="checklist.date_agreed" if day else "checklist.date_cleared",
        target=assessment,
        before={"milestone": milestone, **(before or {})},
        after={"milestone": milestone, "day": day.isoformat() if day else None},
        reason=note.strip(),
    )
    return saved
