"""Writes of the CAA's profile part (issue 10 §1): refreshing a quarter's profile.

004 ("Annual Rating of Children's Services"): "A performance profile ... will be provided by
Ofsted from June 2009 and be reviewed quarterly. All relevant indicators from the National
Indicator Set (NIS) will be grouped under the five Every Child Matters headings. These will be
evaluated against national figures, statistical and geographical neighbours."

The profile imports nothing: a refresh reads ecm.performance's current comparisons (each
council's latest period of each indicator, with England's, its region's and its statistical
neighbours' figures) and freezes them into the quarter. The geographical neighbours are the
council's region. A quarter may be refreshed again only while it is the current quarter (its
figures may still move); once the quarter is over its figures are history and stay as they were.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from ecm.audit.services import audit_record
from ecm.authorities.models import Council
from ecm.caa.profile.judgements import judge
from ecm.caa.profile.library import NisProfile, nis_profile
from ecm.caa.profile.models import ProfileEntry, ProfileQuarter
from ecm.caa.profile.quarters import FIRST_QUARTER, Quarter, quarter_of, quarter_parse
from ecm.performance.models import Comparison
from ecm.performance.selectors import profile_comparisons

NOT_A_QUARTER = 'Enter the quarter as a year and a quarter number, for example "2009-Q2"'
BEFORE_FIRST = (
    "Ofsted provides the performance profile from June 2009: choose {first} (April to June "
    "2009) or a later quarter"
)
NOT_BEGUN = "{quarter} has not begun yet: choose {current} or an earlier quarter"
ALREADY_FROZEN = (
    "The profile of {quarter} was refreshed on {day} and that quarter is over, so its figures "
    "are kept as they were: refresh the current quarter, {current}, instead"
)


def _quarter(label: str, *, today: date) -> Quarter:
    """The quarter a refresh may be made for, or a refusal saying which to choose."""
    quarter = quarter_parse((label or "").strip())
    if quarter is None:
        raise ValidationError({"quarter": NOT_A_QUARTER})
    if quarter < FIRST_QUARTER:
        raise ValidationError({"quarter": BEFORE_FIRST.format(first=FIRST_QUARTER)})
    current = quarter_of(today)
    if quarter > current:
        raise ValidationError({"quarter": NOT_BEGUN.format(quarter=quarter, current=current)})
    return quarter


def _refusal_if_frozen(existing: ProfileQuarter, quarter: Quarter, today: date) -> None:
    current = quarter_of(today)
    if quarter != current:
        day = f"{timezone.localtime(existing.refreshed_at):%-d %B %Y}"
        raise ValidationError(
            {"quarter": ALREADY_FROZEN.format(quarter=quarter, day=day, current=current)}
        )


def _latest_comparisons(*, councils, codes: set[str]) -> dict[tuple[int, str], object]:
    """{(council id, indicator code): its latest Comparison with the council's figure, else its
    latest} in two queries (each with a subquery). A latest period published without the
    council's figure (LAIT's "-", a suppressed count) does not hide the figure of the period
    before (issue 24 §3: the profile shows real figures for every NI the data hold); the
    entry's period says which year it is."""
    rows = {}
    council_ids = {c.pk for c in councils}
    many = len(council_ids) > 1
    queryset = profile_comparisons(council=None if many else councils[0]).filter(
        indicator__code__in=codes
    )
    if many:
        queryset = queryset.filter(council_id__in=council_ids)
    for comparison in queryset:
        rows[(comparison.council_id, comparison.indicator.code)] = comparison
    without = {c.pk for c in rows.values() if c.value is None}
    if without:
        latest = (
            Comparison.objects.filter(
                council=OuterRef("council"), indicator=OuterRef("indicator"), value__isnull=False
            )
            .order_by("-end_year", "-period")
            .values("pk")[:1]
        )
        earlier = Comparison.objects.filter(
            pk__in=Subquery(
                Comparison.objects.filter(pk__in=without)
                .annotate(figure=Subquery(latest))
                .exclude(figure=None)
                .values("figure")
            )
        ).select_related("indicator")
        for comparison in earlier:
            rows[(comparison.council_id, comparison.indicator.code)] = comparison
    return rows


def _entries(*, council, library: NisProfile, latest: dict) -> list[ProfileEntry]:
    """One unsaved entry per NI of the library, from the council's latest figures: the first
    of the NI's codes with a figure for the council, else "no data yet"."""
    entries = []
    for indicator in library.indicators:
        comparison = next(
            (latest[(council.pk, c)] for c in indicator.codes if (council.pk, c) in latest), None
        )
        entry = ProfileEntry(ni=indicator.ni, title=indicator.title, outcome=indicator.outcome)
        if comparison is not None:
            source = comparison.indicator
            entry.indicator_code = source.code
            entry.period = comparison.period
            entry.value = comparison.value
            entry.england = comparison.england
            entry.region = comparison.region
            entry.neighbours_mean = comparison.neighbours_mean
            entry.polarity = source.polarity
            entry.value_type = source.value_type
            entry.decimal_places = source.decimal_places
        elif indicator.codes:
            entry.indicator_code = indicator.codes[0]
        entry.judgement = judge(
            value=entry.value,
            england=entry.england,
            polarity=entry.polarity,
            decimal_places=entry.decimal_places,
            vs_england=comparison.vs_england if comparison is not None else "",
        )
        entries.append(entry)
    return entries


def _counts(entries: list[ProfileEntry]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.judgement] = counts.get(entry.judgement, 0) + 1
    return counts


@transaction.atomic
def profile_refresh(*, actor, council, quarter: str, today: date | None = None) -> ProfileQuarter:
    """Freeze the council's profile for a quarter from ecm.performance's figures as they stand.

    004: provided "from June 2009" (no quarter before 2009-Q1, April to June 2009) and
    "reviewed quarterly" (one profile per quarter; a refresh of a later quarter never changes
    an earlier one). A quarter is refreshed again only while it is the current quarter: its
    entries are then replaced by the figures of the moment; a past quarter is history.
    """
    today = today or timezone.localdate()
    wanted = _quarter(quarter, today=today)
    library = nis_profile()
    existing = (
        ProfileQuarter.objects.select_for_update()
        .filter(council=council, quarter=wanted.label)
        .first()
    )
    before = None
    if existing is not None:
        _refusal_if_frozen(existing, wanted, today)
        before = {
            "refreshed_at": existing.refreshed_at,
            "judgements": _counts(list(existing.entries.all())),
        }
        existing.entries.all().delete()
    latest = _latest_comparisons(councils=[council], codes=library.codes)
    entries = _entries(council=council, library=library, latest=latest)
    made = existing or ProfileQuarter(council=council, quarter=wanted.label)
    made.refreshed_at = timezone.now()
    made.refreshed_by = actor if actor is not None and actor.is_authenticated else None
    made.library = library.version_label
    made.save()
    for entry in entries:
        entry.quarter = made
    ProfileEntry.objects.bulk_create(entries)
    audit_record(
        actor=actor,
        verb="caa.profile_refreshed",
        target=made,
        before=before,
        after={"quarter": made.quarter, "library": made.library, "judgements": _counts(entries)},
    )
    return made


@transaction.atomic
def profile_refresh_every_council(
    *, actor, quarter: str, today: date | None = None
) -> list[ProfileQuarter]:
    """Refresh a quarter's profile for every council (the programme administrator's quarterly
    review, 004 "reviewed quarterly"), in a fixed number of queries whatever the number of
    councils, bar one audit entry each. The same rules as `profile_refresh`: a council whose
    profile of a past quarter exists keeps it as it was (it is left out, not refused)."""
    today = today or timezone.localdate()
    wanted = _quarter(quarter, today=today)
    library = nis_profile()
    councils = list(Council.objects.filter(abolished_on__isnull=True).order_by("la_number"))
    existing = {
        q.council_id: q
        for q in ProfileQuarter.objects.select_for_update().filter(quarter=wanted.label)
    }
    current = wanted == quarter_of(today)
    if not current:
        councils = [c for c in councils if c.pk not in existing]
    if not councils:
        return []
    replaced = [existing[c.pk] for c in councils if c.pk in existing]
    ProfileEntry.objects.filter(quarter__in=replaced).delete()
    now = timezone.now()
    refreshed_by = actor if actor is not None and actor.is_authenticated else None
    for made in replaced:
        made.refreshed_at, made.refreshed_by = now, refreshed_by
        made.library = library.version_label
    ProfileQuarter.objects.bulk_update(replaced, ["refreshed_at", "refreshed_by", "library"])
    new = ProfileQuarter.objects.bulk_create(
        [
            ProfileQuarter(
                council=c,
                quarter=wanted.label,
                refreshed_at=now,
                refreshed_by=refreshed_by,
                library=library.version_label,
            )
            for c in councils
            if c.pk not in existing
        ]
    )
    quarters = {q.council_id: q for q in [*replaced, *new]}
    latest = _latest_comparisons(councils=councils, codes=library.codes)
    all_entries = []
    for council in councils:
        entries = _entries(council=council, library=library, latest=latest)
        for entry in entries:
            entry.quarter = quarters[council.pk]
        all_entries += entries
        audit_record(
            actor=actor,
            verb="caa.profile_refreshed",
            target=quarters[council.pk],
            after={
                "quarter": wanted.label,
                "library": library.version_label,
                "judgements": _counts(entries),
                "every_council": True,
            },
        )
    ProfileEntry.objects.bulk_create(all_entries, batch_size=2000)
    return [quarters[c.pk] for c in councils]
