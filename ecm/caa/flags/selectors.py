"""Reads of the CAA's area assessment (issue 10 §5; 004): the year's assessment, its flags by
colour, and the links both ways between a flag and the organisational assessment of the
organisation it concerns."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from ecm.caa.flags.framework import area_framework
from ecm.caa.flags.models import (
    AreaAssessment,
    AreaStatus,
    Flag,
    FlagColour,
    OrganisationalAssessment,
    OrganisationKind,
)
from ecm.caa.rating import selectors as rating_selectors
from ecm.caa.rating.models import RatingStage
from ecm.framework.models import Grade

CURRENT_YEAR = 2009


def area_assessment_of(*, council, year: int) -> AreaAssessment | None:
    return AreaAssessment.objects.filter(council=council, year=year).first()


def flags_about(organisational_assessment: OrganisationalAssessment):
    """The area assessment's flags about this organisation (004: a flag about a partner "will
    be reported in more depth in the relevant organisational assessment"): for the council,
    every flag about the council; for a partner, those naming it with its kind."""
    flags = Flag.objects.filter(
        area_assessment__council_id=organisational_assessment.area_id,
        area_assessment__year=organisational_assessment.year,
        organisation_kind=organisational_assessment.organisation_kind,
    ).select_related("raised_by", "withdrawn_by")
    if organisational_assessment.organisation_kind != OrganisationKind.COUNCIL:
        flags = flags.filter(organisation_name__iexact=organisational_assessment.organisation_name)
    return flags


def organisational_assessment_for(flag: Flag) -> OrganisationalAssessment | None:
    """The organisational assessment of the organisation a flag concerns, when there is one:
    for a flag about the council, the council's own (004: flags and organisational assessments
    inform each other)."""
    area = flag.area_assessment
    found = OrganisationalAssessment.objects.filter(
        area_id=area.council_id, year=area.year, organisation_kind=flag.organisation_kind
    )
    if flag.organisation_kind != OrganisationKind.COUNCIL:
        found = found.filter(organisation_name__iexact=flag.organisation_name)
    return found.first()


def flag_rows(flags) -> list[dict]:
    """Each flag with the words of its question and theme (004's own)."""
    framework = area_framework()
    rows = []
    for flag in flags:
        question = framework.question(flag.question) if flag.question else None
        theme = framework.theme(flag.theme) if flag.theme else None
        rows.append(
            {
                "flag": flag,
                "question": question.text if question else "",
                "theme": theme.name if theme else "",
                "meaning": framework.red if flag.colour == FlagColour.RED else framework.green,
            }
        )
    return rows


def council_panel(*, council, user) -> dict:
    """What this part shows on the council's 2009 page (caa/flags/_on_council.html gets it as
    `panel`, beside `council`, the request's `user` and `perms`): the latest year's status and
    the counts of its red and green flags, to the council only once published."""
    assessments = AreaAssessment.objects.filter(council=council).order_by("-year")
    if not user.has_perm("caa.read_area", None):  # the council: its latest published one
        assessments = assessments.filter(status=AreaStatus.PUBLISHED)
    found = assessments.first()
    year = found.year if found else CURRENT_YEAR
    visible = found is not None and user.has_perm("caa.read_area", found)
    counts = {"red": 0, "green": 0}
    if visible:
        for colour in (FlagColour.RED, FlagColour.GREEN):
            counts[colour] = found.flags.filter(colour=colour, withdrawn_at__isnull=True).count()
    return {
        "year": year,
        "assessment": found if visible else None,
        "published": bool(found and found.status == AreaStatus.PUBLISHED),
        "red": counts["red"],
        "green": counts["green"],
        "url": reverse("caa:area", kwargs={"la_number": council.la_number, "year": year})
        if visible or user.has_perm("caa.write_area")
        else "",
        "may_write": user.has_perm("caa.write_area"),
    }


def score_label(score: int | None) -> str:
    """An organisational score in words (settings.CAA_ORGANISATIONAL_SCORES, a scale of ours:
    004 gives none), or "" when not given."""
    if score is None:
        return ""
    return settings.CAA_ORGANISATIONAL_SCORES.get(score, "")


def score_choices() -> list[tuple[int, str]]:
    return list(settings.CAA_ORGANISATIONAL_SCORES.items())


def council_rating(*, council, year: int, user=None) -> dict:
    """Ofsted's annual rating of the council's children's services for the year, as the
    council's organisational assessment reports it (004: "The results of the OfSTED assessment
    of children's services will be reported in the organisational assessment for councils"):
    {"state": "missing" | "draft" | "final", "label": its words (when `user` may see it, or
    always without a user), "finalised_on", "url"}. Read from ecm.caa.rating's selectors."""
    rating = rating_selectors.rating_of(council=council, year=year)
    state = "missing" if rating is None else rating.stage
    shown = rating is not None and (user is None or rating_selectors.rating_visible(rating, user))
    label = ""
    if shown:
        label = (
            Grade.objects.filter(scale__code="annual_rating", value=rating.rating)
            .values_list("label", flat=True)
            .first()
            or ""
        )
    return {
        "state": state,
        "final": state == RatingStage.FINAL,
        "label": label,
        "finalised_on": rating.finalised_on if rating is not None else None,
        "url": reverse("caa:rating", kwargs={"la_number": council.la_number, "year": year})
        if shown
        else "",
    }


def report_rows(*, council, year: int) -> list[dict]:
    """Every organisation of the area in the year with its overall score in words, the council
    first (004: "A single report will be published that includes an overall score for each
    organisation alongside the area assessment")."""
    organisations = sorted(
        OrganisationalAssessment.objects.filter(area=council, year=year),
        key=lambda o: (not o.is_the_council, o.organisation_kind, o.organisation_name),
    )
    return [
        {
            "organisational": o,
            "score": score_label(o.overall_score),
            "flags": flags_about(o).filter(withdrawn_at__isnull=True).count(),
        }
        for o in organisations
    ]
