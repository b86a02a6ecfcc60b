"""Writes of the Joint Area Review (issue 9 §1, §2; 001; 003), each audited. Error messages
are module constants that the tests assert."""

from __future__ import annotations

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.accounts.roles import Role
from ecm.audit.services import audit_record
from ecm.authorities.imports.problems import DataFileError, Problem
from ecm.jar import cases as case_rules
from ecm.jar.models import (
    CaseDraw,
    CaseFile,
    Inspectorate,
    JointAreaReview,
    LineKind,
    LineOfEnquiry,
    TeamMember,
)
from ecm.workdays.calendar import bank_holiday_name, is_working_day

NOT_AN_ADMINISTRATOR = "Only a programme administrator notifies a council of its review"
NOT_THE_TEAM = "Only the review's lead inspector or the programme administrator does this"
NOT_THE_COUNCIL = "Only the council's own link officer or director lists its case files"
DATES_OUT_OF_ORDER = (
    "The dates must follow one another: notification, then the set-up meeting, then the "
    "analysis stage, then fieldwork"
)
NOT_A_WORKING_DAY = "{what} falls on {why}: choose a working day"
LEAD_NOT_OFSTED = "The review is led by Ofsted (001): choose an Ofsted inspector as the lead"
NO_REASON = "Say why: the reason is kept in the audit trail"
ALREADY_DRAWN = (
    "The cases to track were drawn on {day}: the list can no longer change. Ask the lead "
    "inspector to swap a case with a reason instead"
)
NOT_LISTED = "The council has not listed its 100 case files yet: nothing to draw from"
SWAP_NOT_TRACKED = "{reference} is not one of the tracked cases"
SWAP_NOT_LISTED = "{reference} is not in the council's list, or is already tracked"
SWAP_OTHER_CATEGORY = (
    "Swap a case for one of the same category ({category}), so that the tracked cases keep "
    "their mix"
)

# The three lines every review follows (001: "safeguarding, looked after children and disabled
# children"; DOMAIN.md §4).
CORE_LINES = (
    ("safeguarding", "Safeguarding"),
    ("looked_after_children", "Looked after children"),
    ("ldd", "Children and young people with learning difficulties and/or disabilities"),
)
# 001: "excellent authorities only having one additional line of enquiry ..., good three and
# poor authorities having more". By the APA's overall grade: (fewest, most) additional lines.
ADDITIONAL_LINES = {4: (1, 1), 3: (3, 3), 2: (3, None), 1: (4, None)}
# 001: "Additional inspectors will join the team to account for additional lines of enquiry":
# a lead, one from the Healthcare Commission and one from the Audit Commission, then one more
# inspector for each additional line.
BASE_TEAM = 3


def _is_administrator(actor) -> bool:
    return Role.PROGRAMME_ADMINISTRATOR in actor.roles


def _is_lead(actor, review) -> bool:
    return review.team.filter(user=actor, is_lead=True).exists()


def _require_team(actor, review) -> None:
    if not (_is_administrator(actor) or _is_lead(actor, review)):
        raise ValidationError(NOT_THE_TEAM)


def latest_apa(council):
    """The council's latest published APA and its overall grade as it stands (with any change
    on representation), or (None, None)."""
    from ecm.analysis.services.judgements import required_judgements
    from ecm.apa.models import Assessment
    from ecm.representations.selectors import current_grade

    published = (
        Assessment.objects.filter(
            council=council,
            round__regime="apa",
            status__in=("published", "representation", "closed"),
        )
        .select_related("round")
        .order_by("-round__year")
        .first()
    )
    if published is None:
        return None, None
    overall = next(
        (
            j
            for j in required_judgements(published)
            if j.code in ("overall", "overall_effectiveness")
        ),
        None,
    )
    return published, current_grade(published, overall) if overall else None


@transaction.atomic
def review_notify(
    *,
    actor,
    council,
    notified_on: date,
    setup_meeting: date,
    analysis_starts: date,
    fieldwork_starts: date,
) -> JointAreaReview:
    """Notify a council of its review, with its core lines of enquiry and the APA it draws on."""
    if not _is_administrator(actor):
        raise ValidationError(NOT_AN_ADMINISTRATOR)
    if not notified_on < setup_meeting < analysis_starts < fieldwork_starts:
        raise ValidationError(DATES_OUT_OF_ORDER)
    for what, day in (
        ("The set-up meeting", setup_meeting),
        ("The analysis stage", analysis_starts),
        ("Fieldwork", fieldwork_starts),
    ):
        if not is_working_day(day):
            why = bank_holiday_name(day) or day.strftime("%A")
            raise ValidationError(NOT_A_WORKING_DAY.format(what=what, why=why))
    assessment, grade = latest_apa(council)
    review = JointAreaReview.objects.create(
        council=council,
        notified_on=notified_on,
        setup_meeting=setup_meeting,
        analysis_starts=analysis_starts,
        fieldwork_starts=fieldwork_starts,
        apa_assessment=assessment,
        apa_grade=grade,
        created_by=actor,
    )
    for code, title in CORE_LINES:
        LineOfEnquiry.objects.create(
            review=review, code=code, title=title, kind=LineKind.CORE, reason="001: every review"
        )
    audit_record(
        actor=actor,
        verb="jar.notified",
        target=review,
        after={
            "council": council.name,
            "notified_on": notified_on.isoformat(),
            "setup_meeting": setup_meeting.isoformat(),
            "analysis_starts": analysis_starts.isoformat(),
            "fieldwork_starts": fieldwork_starts.isoformat(),
            "apa_grade": grade,
        },
        reason="Notification of the joint area review (001 appendix)",
    )
    return review


@transaction.atomic
def team_member_add(
    *, actor, review, name: str, inspectorate: str, user=None, is_lead: bool = False
) -> TeamMember:
    if not _is_administrator(actor):
        raise ValidationError(NOT_AN_ADMINISTRATOR)
    if is_lead and inspectorate != Inspectorate.OFSTED:
        raise ValidationError({"is_lead": LEAD_NOT_OFSTED})
    if is_lead:
        review.team.filter(is_lead=True).update(is_lead=False)
    member = TeamMember.objects.create(
        review=review, user=user, name=name.strip(), inspectorate=inspectorate, is_lead=is_lead
    )
    audit_record(
        actor=actor,
        verb="jar.team_member_added",
        target=review,
        after={"name": member.name, "inspectorate": inspectorate, "lead": is_lead},
    )
    return member


@transaction.atomic
def line_of_enquiry_add(*, actor, review, code: str, title: str, reason: str) -> LineOfEnquiry:
    """An additional line: an area of weakness of the latest APA, or a group of children with
    too little known about their outcomes (001), with the reason."""
    _require_team(actor, review)
    if not reason.strip():
        raise ValidationError({"reason": NO_REASON})
    line = LineOfEnquiry.objects.create(
        review=review,
        code=code,
        title=title.strip(),
        kind=LineKind.ADDITIONAL,
        reason=reason.strip(),
        added_by=actor,
    )
    audit_record(
        actor=actor,
        verb="jar.line_added",
        target=review,
        after={"code": code, "title": line.title},
        reason=line.reason,
    )
    return line


def setup_warnings(review) -> list[str]:
    """What the set-up still lacks: the number of additional lines the APA grade asks for and
    the team to follow them (001). Warnings, not refusals: the programme decides."""
    found = []
    extra = review.lines_of_enquiry.filter(kind=LineKind.ADDITIONAL).count()
    if review.apa_grade in ADDITIONAL_LINES:
        fewest, most = ADDITIONAL_LINES[review.apa_grade]
        if extra < fewest or (most is not None and extra > most):
            wanted = f"{fewest}" if most == fewest else f"at least {fewest}"
            found.append(
                f"The latest APA grade is {review.apa_grade}: 001 sets {wanted} additional "
                f"line{'s' if fewest != 1 else ''} of enquiry; there are {extra}"
            )
    team = list(review.team.all())
    if not any(m.is_lead for m in team):
        found.append("The team has no lead inspector from Ofsted")
    for inspectorate in (Inspectorate.HEALTHCARE, Inspectorate.AUDIT):
        if not any(m.inspectorate == inspectorate for m in team):
            found.append(f"The team has nobody from the {inspectorate.label}")
    needed = BASE_TEAM + extra
    if len(team) < needed:
        found.append(
            f"{extra} additional line{'s' if extra != 1 else ''} of enquiry need a team of "
            f"{needed}; it has {len(team)}"
        )
    return found


@transaction.atomic
def case_files_submit(*, actor, review, lines: list[case_rules.CaseLine], file: str = "cases"):
    """The council's 100 case files, all or nothing, by pseudonymous reference (001 "Case
    tracking"); a list may be replaced until the cases to track are drawn."""
    if not (
        actor.council_id == review.council_id and actor.roles & {Role.LINK_OFFICER, Role.DIRECTOR}
    ):
        raise ValidationError(NOT_THE_COUNCIL)
    drawn = CaseDraw.objects.filter(review=review).first()
    if drawn:
        raise ValidationError(ALREADY_DRAWN.format(day=f"{drawn.drawn_at:%-d %B %Y}"))
    problems, seen = [], {}
    for line in lines:
        why = case_rules.reference_problem(line.reference)
        if why:
            problems.append(Problem(file, line.row, "reference", line.reference, why))
        if line.category not in case_rules.MIX:
            problems.append(
                Problem(file, line.row, "category", line.category, case_rules.UNKNOWN_CATEGORY)
            )
        key = line.reference.strip().upper()
        if key in seen:
            problems.append(
                Problem(
                    file,
                    line.row,
                    "reference",
                    line.reference,
                    f"{case_rules.TWICE} (row {seen[key]})",
                )
            )
        seen.setdefault(key, line.row)
    mix = case_rules.mix_problem(lines)
    if mix:
        problems.append(Problem(file, None, "category", "", mix))
    if problems:
        raise DataFileError(problems)
    review.cases.all().delete()
    CaseFile.objects.bulk_create(
        CaseFile(review=review, reference=line.reference.strip(), category=line.category)
        for line in lines
    )
    audit_record(
        actor=actor,
        verb="jar.cases_listed",
        target=review,
        after={c: sum(1 for line in lines if line.category == c) for c in case_rules.MIX},
        reason='The council\'s 100 case files (001 "Case tracking")',
    )


@transaction.atomic
def cases_draw(*, actor, review, seed: str | None = None) -> list[CaseFile]:
    """Draw the 10 cases to track, stratified by category; the seed is kept, so the draw can
    be repeated and checked. Drawing again (a new seed) replaces the tracked cases."""
    _require_team(actor, review)
    listed = list(review.cases.all())
    if len(listed) != case_rules.TOTAL:
        raise ValidationError(NOT_LISTED)
    seed = seed or secrets.token_hex(8)
    pools: dict[str, list[str]] = {}
    for case in listed:
        pools.setdefault(case.category, []).append(case.reference)
    chosen = set(case_rules.draw(pools, seed))
    review.cases.update(tracked=False, tracked_reason="")
    review.cases.filter(reference__in=chosen).update(
        tracked=True, tracked_reason=f"Drawn with seed {seed}"
    )
    CaseDraw.objects.update_or_create(review=review, defaults={"seed": seed, "drawn_by": actor})
    audit_record(
        actor=actor,
        verb="jar.cases_drawn",
        target=review,
        after={"seed": seed, "tracked": sorted(chosen)},
        reason='Ten cases to track, stratified by category (001 "Case tracking")',
    )
    return list(review.cases.filter(tracked=True))


@transaction.atomic
def case_swap(*, actor, review, out_reference: str, in_reference: str, reason: str) -> None:
    """Adjust the draw: one tracked case for another of the same category, with the reason."""
    _require_team(actor, review)
    if not reason.strip():
        raise ValidationError({"reason": NO_REASON})
    out = review.cases.filter(reference=out_reference, tracked=True).first()
    if out is None:
        raise ValidationError(SWAP_NOT_TRACKED.format(reference=out_reference))
    into = review.cases.filter(reference=in_reference, tracked=False).first()
    if into is None:
        raise ValidationError(SWAP_NOT_LISTED.format(reference=in_reference))
    if into.category != out.category:
        raise ValidationError(
            SWAP_OTHER_CATEGORY.format(category=out.get_category_display().lower())
        )
    out.tracked, out.tracked_reason = False, ""
    into.tracked, into.tracked_reason = True, f"Swapped in for {out.reference}: {reason.strip()}"
    CaseFile.objects.bulk_update([out, into], ["tracked", "tracked_reason"])
    audit_record(
        actor=actor,
        verb="jar.case_swapped",
        target=review,
        before={"tracked": out.reference},
        after={"tracked": into.reference},
        reason=reason.strip(),
    )


# --- Following a tracked case (issue 9 §2) ----------------------------------------------------

NOT_TRACKED = "Only the ten tracked cases are followed: this case was not drawn"
RETURN_BEFORE_SENT = "A form cannot come back before it was sent: check the dates"
NO_AGENCY = "Enter the agency the questionnaire goes to"
SECOND_LEAD = "The lead professional's questionnaire is already recorded for this case"
ALREADY_RETURNED = "The questionnaire came back on {day}: there is nothing to chase"


def _require_council(actor, review) -> None:
    if not (
        actor.council_id == review.council_id and actor.roles & {Role.LINK_OFFICER, Role.DIRECTOR}
    ):
        raise ValidationError(NOT_THE_COUNCIL)


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
    from ecm.jar.models import CaseContact

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
    from ecm.jar.models import Questionnaire
    from ecm.jar.tracking import questionnaire_due

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
    from ecm.jar.tracking import QuestionnaireState, case_gaps

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
