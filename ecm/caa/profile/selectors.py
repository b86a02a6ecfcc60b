"""Reads of the CAA's profile part (issue 10)."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse

from ecm.caa.profile.judgements import Judgement
from ecm.caa.profile.library import OUTCOMES, nis_profile
from ecm.caa.profile.models import ProfileEntry, ProfileQuarter
from ecm.caa.profile.rules import REFRESH

COUNTED = tuple(Judgement.values)  # better, similar, worse, no_data


@dataclass
class OutcomeGroup:
    """One of the five ECM headings with its entries and how many are better, similar, worse
    than England or have no judgement."""

    code: str
    label: str
    entries: list[ProfileEntry] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(COUNTED, 0)
        for entry in self.entries:
            counts[entry.judgement] += 1
        return counts


def profile_quarters(*, council) -> list[ProfileQuarter]:
    """The council's refreshed quarters, newest first."""
    return list(
        ProfileQuarter.objects.filter(council=council)
        .select_related("refreshed_by")
        .order_by("-quarter")
    )


def profile_by_outcome(*, quarter: ProfileQuarter) -> list[OutcomeGroup]:
    """The quarter's entries under the five ECM headings, in the framework's order, each NI in
    number order (004: "grouped under the five Every Child Matters headings"). One query."""
    groups = {code: OutcomeGroup(code=code, label=label) for code, label in OUTCOMES}
    library = nis_profile()
    for entry in quarter.entries.order_by("ni"):
        entry.why_no_data = why_no_data(entry, library.find(entry.ni))
        groups[entry.outcome].entries.append(entry)
    return list(groups.values())


NOT_FOR_THIS_COUNCIL = "the data held have no figure of {code} for this council yet"


def why_no_data(entry: ProfileEntry, indicator) -> str:
    """Why an entry has no figure, in words for its page (issue 24 §3: "say for each unmapped
    one why"): the library's reason for an NI without a series in the data held, or that the
    series it is mapped to has no figure for the council; "" when it has figures."""
    if entry.period:
        return ""
    if indicator is None:
        return "the indicator list in use no longer names this NI"
    if not indicator.source:
        return indicator.unmapped
    return NOT_FOR_THIS_COUNCIL.format(code=indicator.source)


def indicator_history(*, council, ni: int) -> list[ProfileEntry]:
    """One NI's entries in every refreshed quarter of the council, oldest first: each as it
    was frozen at its quarter's refresh (004: "reviewed quarterly"). One query."""
    return list(
        ProfileEntry.objects.filter(quarter__council=council, ni=ni)
        .select_related("quarter")
        .order_by("quarter__quarter")
    )


def judgement_counts(*, quarter: ProfileQuarter) -> dict[str, dict[str, int]]:
    """{outcome code: {judgement: n}} for the five headings, zeros included. One query."""
    counts = {code: dict.fromkeys(COUNTED, 0) for code, _ in OUTCOMES}
    for row in quarter.entries.values("outcome", "judgement").annotate(n=Count("pk")):
        counts[row["outcome"]][row["judgement"]] = row["n"]
    return counts


def council_panel(*, council, user) -> dict:
    """What this part shows on the council's 2009 page (caa/profile/_on_council.html gets it as
    `panel`, beside `council`, the request's `user` and `perms`)."""
    latest = ProfileQuarter.objects.filter(council=council).order_by("-quarter").first()
    totals = dict.fromkeys(COUNTED, 0)
    if latest is not None:
        for outcome in judgement_counts(quarter=latest).values():
            for judgement, n in outcome.items():
                totals[judgement] += n
    return {
        "latest": latest,
        "totals": totals,
        "indicators": len(nis_profile().indicators),
        "url": reverse("caa:profile", kwargs={"la_number": council.la_number}),
        "can_refresh": user.has_perm(REFRESH, council),
        "refresh_url": reverse("caa:profile-refresh", kwargs={"la_number": council.la_number}),
    }


def profile_for_rating(*, council, year: int) -> dict | None:
    """For the annual rating (ecm.caa.rating): the council's latest quarterly profile of the
    rating's year as {"quarter": "2009-Q2", "url": its page, "by_outcome": {outcome code:
    {"better": n, "similar": n, "worse": n, "no_data": n}}} against England, or None.

    The rating's year is the financial year its quarters are labelled with ("2009-Q1" to
    "2009-Q4" are April 2009 to March 2010; 004: the first rating in autumn 2009)."""
    latest = (
        ProfileQuarter.objects.filter(council=council, quarter__startswith=f"{year}-Q")
        .order_by("-quarter")
        .first()
    )
    if latest is None:
        return None
    return {
        "quarter": latest.quarter,
        "url": reverse(
            "caa:profile-quarter",
            kwargs={"la_number": council.la_number, "quarter": latest.quarter},
        ),
        "by_outcome": judgement_counts(quarter=latest),
    }
