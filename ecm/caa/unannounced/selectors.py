"""Reads of the CAA's unannounced inspections (issue 10 §3; 004; DOMAIN.md §5): the council's
inspections as a reader may see them, the programme of an inspection year, and the findings
other parts read (the annual rating's limit, the safeguarding programme's schedule). The
council sees an inspection only once its letter is sent."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from ecm.authorities.models import Council
from ecm.authorities.selectors import councils_active_on
from ecm.caa.unannounced.demo import FIRST_DAY as DEMO_FIRST_DAY
from ecm.caa.unannounced.framework import (
    inspection_year_label,
    inspection_year_of,
    unannounced_rules,
)
from ecm.caa.unannounced.models import (
    FIRST_INSPECTION_YEAR,
    InspectionStatus,
    Outcome,
    UnannouncedInspection,
)


def inspection_url(inspection: UnannouncedInspection, name: str = "unannounced") -> str:
    return reverse(
        f"caa:{name}",
        kwargs={"la_number": inspection.council.la_number, "pk": inspection.pk},
    )


def current_inspection_year(today: date | None = None) -> int:
    """The inspection year (April to March) today falls in, never before 2009's."""
    return max(FIRST_INSPECTION_YEAR, inspection_year_of(today or timezone.localdate()))


def programme_year(today: date | None = None) -> int:
    """The inspection year the programme opens on (issue 24 §3: not an empty current year):
    the latest year with an inspection recorded; with none, the demo's year while the demo
    runs (DEMO_MODE), else the current year."""
    latest = UnannouncedInspection.objects.aggregate(latest=Max("inspection_year"))["latest"]
    if latest is not None:
        return latest
    if settings.DEMO_MODE:
        return inspection_year_of(DEMO_FIRST_DAY)
    return current_inspection_year(today)


def inspections_visible(*, council, user):
    """The council's inspections the user may read, latest first: every one for the
    inspectorate, only those whose letter is sent for the council's own people."""
    found = UnannouncedInspection.objects.filter(council=council).select_related(
        "council", "lead_inspector"
    )
    if not user.is_inspectorate:
        found = found.filter(status=InspectionStatus.SENT)
    return found.order_by("-first_day", "-pk")


def aspect_rows(inspection: UnannouncedInspection) -> list[dict]:
    """The nine aspects in 004's order, each with its evaluation (blank when not evaluated)."""
    rules = unannounced_rules(inspection.version)
    findings = {e.aspect: e for e in inspection.evaluations.select_related("evaluated_by")}
    return [
        {
            "aspect": aspect,
            "evaluation": findings.get(aspect.code),
            "finding": findings[aspect.code].finding if aspect.code in findings else "",
        }
        for aspect in rules.aspects
    ]


def outcome_of(inspection: UnannouncedInspection):
    """The outcome with 004's wording, or None when not chosen yet."""
    if not inspection.outcome:
        return None
    return unannounced_rules(inspection.version).outcome(inspection.outcome)


def council_panel(*, council, user) -> dict:
    """What this part shows on the council's 2009 page (caa/unannounced/_on_council.html gets it as
    `panel`, beside `council`, the request's `user` and `perms`): the inspections the user may
    read, latest first, each with its dates, state and (once chosen) outcome."""
    rows = []
    for inspection in inspections_visible(council=council, user=user):
        rows.append(
            {
                "inspection": inspection,
                "url": inspection_url(inspection),
                "outcome": outcome_of(inspection),
            }
        )
    may_record = user.has_perm("caa.unannounced_record")
    return {
        "inspections": rows,
        "may_record": may_record,
        "new_url": reverse("caa:unannounced-new", kwargs={"la_number": council.la_number})
        if may_record
        else "",
        "programme_url": reverse("caa:unannounced-programme")
        if user.has_perm("caa.unannounced_programme")
        else "",
    }


def _sent(council):
    return UnannouncedInspection.objects.filter(
        council=council, status=InspectionStatus.SENT
    ).select_related("council")


def outcome_for_rating(*, council, year: int) -> dict | None:
    """For the annual rating's limiting rule (ecm.caa.rating): the outcome of the council's
    latest unannounced inspection whose letter was sent in the rating's year, as
    {"outcome": "no_concerns" | "some_concerns" | "serious_concerns", "letter_on": date,
    "url": the inspection's page}, or None when there was none."""
    found = _sent(council).filter(sent_on__year=year).order_by("-sent_on", "-pk").first()
    if found is None:
        return None
    return {"outcome": found.outcome, "letter_on": found.sent_on, "url": inspection_url(found)}


def serious_concerns_after(*, council, after: date | None) -> dict | None:
    """For the safeguarding programme's schedule (ecm.caa.safeguarding; 004 "If serious
    concerns are raised ... the full three-yearly inspection of safeguarding will be brought
    forward"): the earliest unannounced inspection of the council whose letter raising serious
    concerns was sent after `after` (any, when None), as {"letter_on": date, "url": the
    inspection's page}, or None."""
    found = _sent(council).filter(outcome=Outcome.SERIOUS_CONCERNS)
    if after is not None:
        found = found.filter(sent_on__gt=after)
    first = found.order_by("sent_on", "pk").first()
    return _concerns(first) if first else None


def serious_concerns_by_council() -> dict[int, list[dict]]:
    """Every sent letter raising serious concerns, by council id, earliest first, each as
    serious_concerns_after gives it: for the schedule of every council in one query."""
    by_council: dict[int, list[dict]] = {}
    letters = UnannouncedInspection.objects.filter(
        status=InspectionStatus.SENT, outcome=Outcome.SERIOUS_CONCERNS
    ).select_related("council")
    for letter in letters.order_by("sent_on", "pk"):
        by_council.setdefault(letter.council_id, []).append(_concerns(letter))
    return by_council


def _concerns(letter: UnannouncedInspection) -> dict:
    return {"letter_on": letter.sent_on, "url": inspection_url(letter)}


def programme(*, year: int) -> dict:
    """The programme of an inspection year (004: annual, from 1 April 2009): every council
    with children's services on the year's first day (issue 24 §3: councils valid for the
    date, so 2009's programme has no council made in 2019), and any other the year's
    inspections visited, each with its inspection of that year if it has one; and the councils
    not yet inspected, in name order."""
    inspections = {
        i.council_id: i
        for i in UnannouncedInspection.objects.filter(inspection_year=year).select_related(
            "council", "lead_inspector"
        )
    }
    active = councils_active_on(date(year, 4, 1)).values_list("pk", flat=True)
    councils = Council.objects.filter(pk__in={*active, *inspections}).order_by("name")
    rows = [
        {
            "council": c,
            "inspection": inspections.get(c.pk),
            "url": inspection_url(inspections[c.pk]) if c.pk in inspections else "",
            "outcome": outcome_of(inspections[c.pk]) if c.pk in inspections else None,
        }
        for c in councils
    ]
    return {
        "year": year,
        "label": inspection_year_label(year),
        "rows": rows,
        "not_inspected": [r["council"] for r in rows if r["inspection"] is None],
        "sent": sum(1 for r in rows if r["inspection"] and r["inspection"].is_sent),
    }


def councils_not_inspected(*, year: int | None = None) -> list:
    """The councils with no unannounced inspection in the inspection year (the current one
    when not given): those the year's programme has still to visit (004: annual)."""
    return programme(year=year or current_inspection_year())["not_inspected"]
