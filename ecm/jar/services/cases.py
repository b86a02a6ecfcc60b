"""The council's 100 case files and the ten tracked (issue 9 §2; 001 "Case tracking"): listed
all or nothing by pseudonymous reference, drawn stratified and repeatably, swapped with a
reason."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.audit.services import audit_record
from ecm.authorities.imports.problems import DataFileError, Problem
from ecm.jar import cases as case_rules
from ecm.jar.models import CaseDraw, CaseFile
from ecm.jar.services.common import (
    ALREADY_DRAWN,
    NO_REASON,
    NOT_LISTED,
    SWAP_NOT_LISTED,
    SWAP_NOT_TRACKED,
    SWAP_OTHER_CATEGORY,
    _require_council,
    _require_team,
)


@transaction.atomic
def case_files_submit(*, actor, review, lines: list[case_rules.CaseLine], file: str = "cases"):
    """The council's 100 case files, all or nothing, by pseudonymous reference (001 "Case
    tracking"); a list may be replaced until the cases to track are drawn."""
    _require_council(actor, review)
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
