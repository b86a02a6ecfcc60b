"""Reads of the full inspection of safeguarding and looked after children (issue 10 §4; 004;
DOMAIN.md §5): the schedule of each council's next inspection, computed every time from the
inspections and the unannounced inspections' letters (never stored, so it is always true), the
sections as a reader may see them, the council's panel and the findings the annual rating
reads."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.urls import reverse

from ecm.accounts.inspectorates import inspectorate_named
from ecm.authorities.models import Council
from ecm.authorities.selectors import councils_active_on
from ecm.caa.safeguarding.framework import safeguarding_framework
from ecm.caa.safeguarding.models import FullInspection, InspectionStatus
from ecm.caa.safeguarding.timescales import SETTING_NOTE
from ecm.caa.safeguarding.timescales import timescales as all_timescales
from ecm.caa.unannounced import selectors as unannounced

THREE_YEARLY = "cycle"
FIRST_CYCLE = "first_cycle"
INADEQUATE = "inadequate"
SERIOUS_CONCERNS = "serious_concerns"
BROUGHT_FORWARD = frozenset({INADEQUATE, SERIOUS_CONCERNS})


def inspection_url(inspection: FullInspection, name: str = "safeguarding-inspection") -> str:
    return reverse(
        f"caa:{name}", kwargs={"la_number": inspection.council.la_number, "pk": inspection.pk}
    )


def _reason(code: str, due_on: date, why: str, source: str, url: str = "") -> dict:
    return {
        "code": code,
        "due_on": due_on,
        "why": why,
        "source": source,
        "url": url,
        "brought_forward": code in BROUGHT_FORWARD,
    }


def schedule_for(
    *,
    council,
    inspections: list[FullInspection] | None = None,
    letters: list[dict] | None = None,
) -> dict:
    """When the council's next full inspection is due, and why. Every rule that applies gives a
    date with its reason in words and a link; the earliest wins (004 "Full inspection"):
    - never inspected: by the end of the three years from 1 April 2009 ("all areas having an
      inspection in the following three-year period");
    - three years after the last inspection's last day on site ("every three years");
    - within 12 months of the last report when it judged the overall effectiveness of
      safeguarding or of services for looked after children inadequate (only a published
      report counts: before then the judgement is not the council's to see);
    - brought forward to some months after an unannounced inspection's letter raising serious
      concerns sent after the last inspection (004 "the full three-yearly inspection of
      safeguarding will be brought forward"; the months are the inspectorate's setting).
    `inspections` is the council's inspections and `letters` its letters of serious concerns
    (ecm.caa.unannounced.selectors.serious_concerns_by_council) when the caller has them."""
    framework = safeguarding_framework()
    if inspections is None:
        inspections = list(
            FullInspection.objects.filter(council=council).prefetch_related("judgements")
        )
    inspections = sorted(inspections, key=lambda i: i.first_day_on_site, reverse=True)
    visited = [i for i in inspections if i.visit_recorded]
    last = visited[0] if visited else None
    reasons = []
    if last is None:
        reasons.append(
            _reason(
                FIRST_CYCLE,
                framework.first_cycle_ends_on,
                f"Every area has a full inspection within the three years from "
                f"{framework.starts_on:%-d %B %Y}; this council has not had one",
                "004: all areas inspected in the three-year period from 1 April 2009",
            )
        )
    else:
        last.council = council
        reasons.append(
            _reason(
                THREE_YEARLY,
                last.last_day_on_site + relativedelta(years=framework.cycle_years),
                f"Three years after the last full inspection ended on "
                f"{last.last_day_on_site:%-d %B %Y}",
                "004: these inspections occur every three years",
                inspection_url(last),
            )
        )
        inadequate = _inadequate_sections(last) if last.is_published else []
        if inadequate:
            reasons.append(
                _reason(
                    INADEQUATE,
                    last.published_on + relativedelta(months=framework.inadequate_reinspect_months),
                    f"The report published on {last.published_on:%-d %B %Y} judged the overall "
                    f"effectiveness of {' and of '.join(inadequate)} inadequate: a further "
                    f"inspection follows within {framework.inadequate_reinspect_months} months",
                    "004: a further inspection within 12 months where either overall "
                    "effectiveness is inadequate",
                    inspection_url(last, "safeguarding-report"),
                )
            )
    after = last.last_day_on_site if last else None
    if letters is None:
        concerns = unannounced.serious_concerns_after(council=council, after=after)
    else:
        concerns = next((c for c in letters if after is None or c["letter_on"] > after), None)
    if concerns:
        months = framework.serious_concerns_bring_forward_months
        reasons.append(
            _reason(
                SERIOUS_CONCERNS,
                concerns["letter_on"] + relativedelta(months=months),
                f"The unannounced inspection's letter of {concerns['letter_on']:%-d %B %Y} raised "
                f"serious concerns: the full inspection is brought forward to within {months} "
                "months of it",
                "004: serious concerns bring the full inspection forward (the months are the "
                "inspectorate's setting)",
                concerns.get("url", ""),
            )
        )
    reasons.sort(key=lambda r: r["due_on"])
    under_way = next((i for i in inspections if not i.is_published), None)
    return {
        "council": council,
        "due_on": reasons[0]["due_on"],
        "deciding": reasons[0],
        "reasons": reasons,
        "brought_forward": reasons[0]["brought_forward"],
        "last": last,
        "under_way": under_way,
    }


def _inadequate_sections(inspection: FullInspection) -> list[str]:
    framework = safeguarding_framework(inspection.framework_version)
    grades = {(j.section, j.code): j.grade for j in inspection.judgements.all()}
    return [
        section.title.lower()
        for section in framework.sections
        if grades.get((section.code, section.overall.code)) == min(framework.scale)
    ]


def programme() -> list[dict]:
    """The schedule of every council with children's services when the programme began (004:
    "all areas having an inspection in the following three-year period" from 1 April 2009;
    issue 24 §3: councils valid for the date, so none made in 2019), and of any other council
    inspected since, the soonest due first (issue 10 §4), in a fixed number of queries."""
    framework = safeguarding_framework()
    active = councils_active_on(framework.starts_on).values_list("pk", flat=True)
    inspected = FullInspection.objects.values_list("council_id", flat=True)
    councils = list(Council.objects.filter(pk__in={*active, *inspected}).order_by("name"))
    by_council: dict[int, list] = {}
    for inspection in FullInspection.objects.prefetch_related("judgements"):
        by_council.setdefault(inspection.council_id, []).append(inspection)
    letters = unannounced.serious_concerns_by_council()
    schedules = [
        schedule_for(council=c, inspections=by_council.get(c.pk, []), letters=letters.get(c.pk, []))
        for c in councils
    ]
    return sorted(schedules, key=lambda s: (s["due_on"], s["council"].name))


def sections_of(inspection: FullInspection) -> list[dict]:
    """Both sections with each judgement's grade, label and rationale, the main findings and
    the recommendations. Only for readers of the findings (caa.safeguarding_read_findings)."""
    framework = safeguarding_framework(inspection.framework_version)
    made = {(j.section, j.code): j for j in inspection.judgements.prefetch_related("evidence")}
    kinds = {k.code: k.title for k in framework.evidence_kinds}
    timescales = {t.code: t.title for t in all_timescales()}
    recommendations = list(inspection.recommendations.all())
    sections = []
    for section in framework.sections:
        rows = []
        for judgement in section.judgements:
            found = made.get((section.code, judgement.code))
            rows.append(
                {
                    "judgement": judgement,
                    "grade": found.grade if found else None,
                    "label": framework.scale[found.grade] if found else "",
                    "rationale": found.rationale if found else "",
                    "evidence": [
                        {"record": e, "kind": kinds.get(e.kind, e.kind)}
                        for e in (found.evidence.all() if found else [])
                    ],
                }
            )
        sections.append(
            {
                "section": section,
                "rows": rows,
                "findings": getattr(inspection, f"{section.code}_findings"),
                "timescale_note": SETTING_NOTE,
                "recommendations": [
                    {"recommendation": r, "timescale": timescales.get(r.timescale, r.timescale)}
                    for r in recommendations
                    if r.section == section.code
                ],
            }
        )
    return sections


def team_of(inspection: FullInspection) -> list[dict]:
    """The lead inspector and the team, each with the inspectorate kept with the inspection at
    notification (issue 24 §3; 004: "inspectors from Ofsted and the new Care Quality
    Commission")."""
    kept = inspection.team_inspectorates or {}
    people = [(inspection.lead_inspector, True)] + [(m, False) for m in inspection.team.all()]
    rows = []
    for person, lead in people:
        body = inspectorate_named(kept.get(str(person.pk), ""))
        rows.append(
            {
                "person": person,
                "name": person.get_full_name() or person.email,
                "inspectorate": body.name if body else "Not recorded",
                "lead": lead,
            }
        )
    return rows


TEAM_WITHOUT = (
    "The 2009 briefing: “Inspections will be carried out by inspectors from Ofsted and the new "
    "Care Quality Commission (CQC)”. This team has no one recorded from {missing}."
)


def team_warning(inspection: FullInspection) -> str:
    """A warning, never a refusal, when the team has no one from an inspectorate the framework
    expects (Ofsted and the CQC): "" when it has."""
    framework = safeguarding_framework(inspection.framework_version)
    have = set((inspection.team_inspectorates or {}).values())
    missing = [
        inspectorate_named(i.code)
        for i in framework.inspectorates
        if i.expected and i.code not in have
    ]
    names = [b.name for b in missing if b]
    return TEAM_WITHOUT.format(missing=" or ".join(names)) if names else ""


def documents_of(inspection: FullInspection) -> list[str]:
    """The documents requested at notification, in 004's words and order."""
    framework = safeguarding_framework(inspection.framework_version)
    return [d.title for d in framework.documents if d.code in inspection.documents_requested]


def council_panel(*, council, user) -> dict:
    """What this part shows on the council's 2009 page (caa/safeguarding/_on_council.html gets it as
    `panel`, beside `council`, the request's `user` and `perms`): the schedule with its reasons,
    and the council's inspections with their status (the report's link once the reader may
    see it)."""
    inspections = list(
        FullInspection.objects.filter(council=council).prefetch_related("judgements")
    )
    rows = []
    for inspection in sorted(inspections, key=lambda i: i.first_day_on_site, reverse=True):
        inspection.council = council
        rows.append(
            {
                "inspection": inspection,
                "url": inspection_url(inspection),
                "report_url": inspection_url(inspection, "safeguarding-report")
                if user.has_perm("caa.safeguarding_read_findings", inspection)
                else "",
            }
        )
    return {
        "schedule": schedule_for(council=council, inspections=inspections),
        "inspections": rows,
        "may_notify": user.has_perm("caa.safeguarding_notify"),
        "notify_url": reverse("caa:safeguarding-notify", kwargs={"la_number": council.la_number}),
        "programme_url": reverse("caa:safeguarding-programme")
        if user.has_perm("caa.safeguarding_programme")
        else "",
    }


def findings_for_rating(*, council, year: int) -> list[dict]:
    """For the annual rating's limiting rule (ecm.caa.rating): the council's published full
    inspections of safeguarding and looked after children up to the end of the rating's year,
    latest first, each as {"published_on": date, "safeguarding_overall": 1-4 | None,
    "lac_overall": 1-4 | None, "url": the inspection's page} (4 outstanding ... 1 inadequate)."""
    published = (
        FullInspection.objects.filter(
            council=council,
            status=InspectionStatus.PUBLISHED,
            published_on__lte=date(year, 12, 31),
        )
        .select_related("council")
        .prefetch_related("judgements")
        .order_by("-published_on", "-pk")
    )
    found = []
    for inspection in published:
        framework = safeguarding_framework(inspection.framework_version)
        grades = {(j.section, j.code): j.grade for j in inspection.judgements.all()}
        overall = {s.code: grades.get((s.code, s.overall.code)) for s in framework.sections}
        found.append(
            {
                "published_on": inspection.published_on,
                "safeguarding_overall": overall.get("safeguarding"),
                "lac_overall": overall.get("lac"),
                "url": inspection_url(inspection, "safeguarding-report"),
            }
        )
    return found
