"""The full inspection of safeguarding and looked after children as data (issue 10 §4; 004
"Full inspection of local area safeguarding and services for looked after children"): its
cycle, notice, days on site, publication deadline, the documents requested at notification,
the two sections' judgements on the four-point scale, the inspectorates of its teams, and its
evidence (issue 24 §3): the range of evidence, the seven points of the quality of practice and
whose views, in a versioned file in `library/`, read by a typed loader. Pure Python: no Django
imports. The recommendations' timescales are the project's setting (config/settings.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from ecm.core.library_files import library_data

LIBRARY = Path(__file__).resolve().parent / "library"
CURRENT = "2009"


class SafeguardingFileError(ValueError):
    """The file is not as the loader expects; the message says where."""


@dataclass(frozen=True)
class Item:
    """A coded entry with its words: a document, a timescale, a point of practice."""

    code: str
    title: str


@dataclass(frozen=True)
class EvidenceKind:
    """One of 004's "Range of evidence to be used"; `survey`: it cites a questionnaire."""

    code: str
    title: str
    survey: bool


@dataclass(frozen=True)
class Views:
    """Whose views an evidence record gives (004 "Views of service users and stakeholders");
    `always`: 004's "Inspectors will always talk to" them."""

    code: str
    title: str
    always: bool
    quote: str


@dataclass(frozen=True)
class TeamInspectorate:
    code: str  # of ecm/accounts/library/inspectorates.yaml
    expected: bool  # 004 names it as carrying out the inspections


@dataclass(frozen=True)
class Judgement:
    code: str
    title: str
    overall: bool  # the overall effectiveness judgement of its section (004's 12-month rule)


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    judgements: tuple[Judgement, ...]

    def judgement(self, code: str) -> Judgement | None:
        return next((j for j in self.judgements if j.code == code), None)

    @property
    def overall(self) -> Judgement:
        return next(j for j in self.judgements if j.overall)


@dataclass(frozen=True)
class SafeguardingFramework:
    urn: str
    year: int
    source: str
    starts_on: date
    cycle_years: int
    inadequate_reinspect_months: int
    serious_concerns_bring_forward_months: int
    notice_days: int
    max_days_on_site: int
    publish_working_days: int
    documents: tuple[Item, ...]
    scale: dict[int, str]
    sections: tuple[Section, ...]
    inspectorates: tuple[TeamInspectorate, ...]
    evidence_kinds: tuple[EvidenceKind, ...]
    practice_points: tuple[Item, ...]
    views: tuple[Views, ...]

    def section(self, code: str) -> Section | None:
        return next((s for s in self.sections if s.code == code), None)

    def document(self, code: str) -> Item | None:
        return next((d for d in self.documents if d.code == code), None)

    def evidence_kind(self, code: str) -> EvidenceKind | None:
        return next((k for k in self.evidence_kinds if k.code == code), None)

    def practice_point(self, code: str) -> Item | None:
        return next((p for p in self.practice_points if p.code == code), None)

    def views_of(self, code: str) -> Views | None:
        return next((v for v in self.views if v.code == code), None)

    @property
    def always_talk_to(self) -> Views:
        return next(v for v in self.views if v.always)

    @property
    def team_inspectorate_codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.inspectorates)

    @property
    def first_cycle_ends_on(self) -> date:
        """The last day of the three years from `starts_on` (31 March 2012 for 2009)."""
        ends = self.starts_on.replace(year=self.starts_on.year + self.cycle_years)
        return date.fromordinal(ends.toordinal() - 1)


def _text(entry: dict, key: str, where: str) -> str:
    value = entry.get(key, "") if isinstance(entry, dict) else ""
    if not isinstance(value, str) or not value.strip():
        raise SafeguardingFileError(f"{where}: '{key}' must be text")
    return " ".join(value.split())


def _number(data: dict, key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise SafeguardingFileError(f"'{key}' must be a whole number of at least 1")
    return value


def _items(raw, where: str) -> tuple[Item, ...]:
    items = tuple(
        Item(code=_text(e, "code", f"{where} {n}"), title=_text(e, "title", f"{where} {n}"))
        for n, e in enumerate(raw or [], start=1)
    )
    _unique([i.code for i in items], where)
    return items


def _unique(codes: list[str], where: str) -> None:
    if not codes or len(set(codes)) != len(codes) or not all(c.isidentifier() for c in codes):
        raise SafeguardingFileError(f"{where}: codes must be unique names, got {codes}")


def _section(raw: dict, n: int) -> Section:
    where = f"section {n}"
    judgements = tuple(
        Judgement(
            code=_text(j, "code", f"{where} judgement {m}"),
            title=_text(j, "title", f"{where} judgement {m}"),
            overall=bool(j.get("overall")),
        )
        for m, j in enumerate(raw.get("judgements") or [], start=1)
    )
    _unique([j.code for j in judgements], where)
    if sum(j.overall for j in judgements) != 1:
        raise SafeguardingFileError(f"{where}: exactly one judgement is the overall effectiveness")
    return Section(_text(raw, "code", where), _text(raw, "title", where), judgements)


PRACTICE_POINTS = 7  # 004 "Evaluating the quality of practice" names seven


def _evidence(data: dict) -> tuple:
    """The inspectorates, the range of evidence, the seven points and whose views."""
    inspectorates = tuple(
        TeamInspectorate(_text(i, "code", f"inspectorate {n}"), bool(i.get("expected")))
        for n, i in enumerate(data.get("inspectorates") or [], start=1)
    )
    _unique([i.code for i in inspectorates], "inspectorates")
    kinds = tuple(
        EvidenceKind(
            _text(k, "code", f"evidence kind {n}"),
            _text(k, "title", f"evidence kind {n}"),
            bool(k.get("survey")),
        )
        for n, k in enumerate(data.get("evidence_kinds") or [], start=1)
    )
    _unique([k.code for k in kinds], "evidence_kinds")
    points = _items(data.get("practice_points"), "practice_points")
    if len(points) != PRACTICE_POINTS:
        raise SafeguardingFileError(
            f"004 evaluates the quality of practice by seven points, the file {len(points)}"
        )
    views = tuple(
        Views(
            _text(v, "code", f"views {n}"),
            _text(v, "title", f"views {n}"),
            bool(v.get("always")),
            _text(v, "quote", f"views {n}"),
        )
        for n, v in enumerate(data.get("views") or [], start=1)
    )
    _unique([v.code for v in views], "views")
    if sum(v.always for v in views) != 1:
        raise SafeguardingFileError("views: exactly one is 004's 'Inspectors will always talk to'")
    return inspectorates, kinds, points, views


def parse(data: dict) -> SafeguardingFramework:
    """Check and type one file's content."""
    if not isinstance(data, dict):
        raise SafeguardingFileError("the file must be a mapping")
    starts_on = _iso_date(data.get("starts_on"))
    if starts_on is None:
        raise SafeguardingFileError("'starts_on' must be a date, for example 2009-04-01")
    scale = {int(g["grade"]): _text(g, "label", "scale") for g in data.get("scale") or []}
    if sorted(scale) != [1, 2, 3, 4]:
        raise SafeguardingFileError(
            f"004's scale has four points, 1 to 4; the file {sorted(scale)}"
        )
    sections = tuple(_section(s, n) for n, s in enumerate(data.get("sections") or [], start=1))
    _unique([s.code for s in sections], "sections")
    if len(sections) != 2:
        raise SafeguardingFileError(f"004's report has two sections, the file {len(sections)}")
    inspectorates, kinds, points, views = _evidence(data)
    return SafeguardingFramework(
        urn=_text(data, "urn", "the file"),
        year=_number(data, "year"),
        source=_text(data, "source", "the file"),
        starts_on=starts_on,
        cycle_years=_number(data, "cycle_years"),
        inadequate_reinspect_months=_number(data, "inadequate_reinspect_months"),
        serious_concerns_bring_forward_months=_number(
            data, "serious_concerns_bring_forward_months"
        ),
        notice_days=_number(data, "notice_days"),
        max_days_on_site=_number(data, "max_days_on_site"),
        publish_working_days=_number(data, "publish_working_days"),
        documents=_items(data.get("documents"), "documents"),
        scale=scale,
        sections=sections,
        inspectorates=inspectorates,
        evidence_kinds=kinds,
        practice_points=points,
        views=views,
    )


@cache
def safeguarding_framework(version: str = CURRENT) -> SafeguardingFramework:
    path = LIBRARY / f"safeguarding-{version}.yaml"
    return parse(library_data(path))


def _iso_date(value) -> date | None:
    """A date written YYYY-MM-DD (library files keep dates as text), or None."""
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None
