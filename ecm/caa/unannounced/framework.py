"""The unannounced inspection's rules as data (issue 10 §3; 004 "Annual, unannounced inspection
of local authority contact, assessment and referral centres"; DOMAIN.md §5): a versioned file
in `library/`, read by a typed loader. Pure Python: no Django imports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from ecm.core.library_files import library_data

LIBRARY = Path(__file__).resolve().parent / "library"
CURRENT = "2009"
ASPECT_COUNT = 9  # 004 names nine aspects
OUTCOME_CODES = ("no_concerns", "some_concerns", "serious_concerns")
RECIPIENT_CODES = ("director", "lead_member", "lscb_chair", "chief_executive")


class UnannouncedFileError(ValueError):
    """The file is not as the loader expects; the message says where."""


@dataclass(frozen=True)
class Aspect:
    number: int
    code: str
    title: str


@dataclass(frozen=True)
class Outcome:
    code: str
    label: str
    wording: str
    brings_forward: bool  # 004: the full inspection of safeguarding is brought forward


@dataclass(frozen=True)
class Recipient:
    code: str
    title: str


@dataclass(frozen=True)
class UnannouncedRules:
    urn: str
    version: str
    source: str
    starts_on: date
    max_days_on_site: int
    min_centres: int
    centres_threshold: int
    min_centres_above: int
    aspects: tuple[Aspect, ...]
    outcomes: tuple[Outcome, ...]
    to: Recipient
    copied_to: tuple[Recipient, ...]

    def aspect(self, code: str) -> Aspect | None:
        return next((a for a in self.aspects if a.code == code), None)

    def outcome(self, code: str) -> Outcome | None:
        return next((o for o in self.outcomes if o.code == code), None)

    @property
    def recipients(self) -> tuple[Recipient, ...]:
        return (self.to, *self.copied_to)

    def centres_required(self, centres: int) -> int:
        """004: "one or more ... (where there are more than five this will be at least two)"."""
        return self.min_centres_above if centres > self.centres_threshold else self.min_centres


def _text(entry: dict, key: str, where: str) -> str:
    value = entry.get(key, "") if isinstance(entry, dict) else ""
    if not isinstance(value, str) or not value.strip():
        raise UnannouncedFileError(f"{where}: '{key}' must be text")
    return " ".join(value.split())


def _number(data: dict, key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise UnannouncedFileError(f"the file: '{key}' must be a whole number from 1")
    return value


def _recipient(entry: dict, where: str) -> Recipient:
    return Recipient(code=_text(entry, "code", where), title=_text(entry, "title", where))


def parse(data: dict) -> UnannouncedRules:
    """Check and type one file's content."""
    if not isinstance(data, dict):
        raise UnannouncedFileError("the file must be a mapping")
    aspects = tuple(
        Aspect(
            number=n, code=_text(a, "code", f"aspect {n}"), title=_text(a, "title", f"aspect {n}")
        )
        for n, a in enumerate(data.get("aspects") or [], start=1)
    )
    if len(aspects) != ASPECT_COUNT:
        raise UnannouncedFileError(f"004 names nine aspects, the file {len(aspects)}")
    codes = [a.code for a in aspects]
    if len(set(codes)) != len(codes) or not all(c.isidentifier() for c in codes):
        raise UnannouncedFileError(f"aspects: codes must be unique names, got {codes}")
    outcomes = tuple(
        Outcome(
            code=_text(o, "code", f"outcome {n}"),
            label=_text(o, "label", f"outcome {n}"),
            wording=_text(o, "wording", f"outcome {n}"),
            brings_forward=bool(o.get("brings_forward")),
        )
        for n, o in enumerate(data.get("outcomes") or [], start=1)
    )
    if tuple(o.code for o in outcomes) != OUTCOME_CODES:
        raise UnannouncedFileError(f"outcomes: 004's three outcomes are {OUTCOME_CODES}")
    letter = data.get("letter") or {}
    to = _recipient(letter.get("to") or {}, "letter: to")
    copied = tuple(
        _recipient(r, f"letter: copied_to {n}")
        for n, r in enumerate(letter.get("copied_to") or [], start=1)
    )
    if (to.code, *(r.code for r in copied)) != RECIPIENT_CODES:
        raise UnannouncedFileError(f"letter: 004's recipients are {RECIPIENT_CODES}")
    starts_on = _iso_date(data.get("starts_on"))
    if starts_on is None:
        raise UnannouncedFileError("the file: 'starts_on' must be a date (YYYY-MM-DD)")
    return UnannouncedRules(
        urn=_text(data, "urn", "the file"),
        version=str(data.get("year", "")),
        source=_text(data, "source", "the file"),
        starts_on=starts_on,
        max_days_on_site=_number(data, "max_days_on_site"),
        min_centres=_number(data, "min_centres"),
        centres_threshold=_number(data, "centres_threshold"),
        min_centres_above=_number(data, "min_centres_above"),
        aspects=aspects,
        outcomes=outcomes,
        to=to,
        copied_to=copied,
    )


@cache
def unannounced_rules(version: str = CURRENT) -> UnannouncedRules:
    path = LIBRARY / f"unannounced-{version}.yaml"
    if not path.exists():
        raise LookupError(
            f"No unannounced inspection rules {version}: add {path.name} to {LIBRARY}"
        )
    return parse(library_data(path))


def inspection_year_of(day: date) -> int:
    """The inspection year a day falls in, named by the calendar year it starts in: April to
    March (2009 is 1 April 2009 to 31 March 2010)."""
    return day.year if day.month >= 4 else day.year - 1


def inspection_year_label(year: int) -> str:
    return f"{year}\u2013{(year + 1) % 100:02d}"  # an en dash, as GOV.UK writes ranges


def _iso_date(value) -> date | None:
    """A date written YYYY-MM-DD (library files keep dates as text), or None."""
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None
