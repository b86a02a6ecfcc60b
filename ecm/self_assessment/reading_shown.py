"""What the inspectors' reading of a self-assessment shows (000 §8-§10; issue 4 §6): the
typed rows that ecm.self_assessment.reading builds and its page renders."""

from dataclasses import dataclass
from typing import Literal

from ecm.performance.models import Comparison, Indicator
from ecm.self_assessment.models import (
    Version,
)

Status = Literal["addressed", "mentioned only", "not addressed"]
ADDRESSED: Status = "addressed"
MENTIONED_ONLY: Status = "mentioned only"
NOT_ADDRESSED: Status = "not addressed"


def where_in_template(part: str, section: str, label: str) -> str:
    """Where a field is, as the reading names it: "Part D, Being healthy: Strengths"."""
    if section and section != label:
        return f"Part {part}, {section}: {label}"
    return f"Part {part}: {label}"


@dataclass(frozen=True)
class GradeShown:
    value: str
    label: str

    def __str__(self) -> str:
        return f"{self.value}: {self.label}" if self.label else self.value


@dataclass(frozen=True)
class Place:
    """Where in the self-assessment something was found: a field (its part letter, section
    title and label), a partner's contribution to it, and the words found there."""

    field_urn: str
    part: str
    section: str
    label: str
    organisation: str = ""
    excerpt: str = ""
    matched: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        return where_in_template(self.part, self.section, self.label)


@dataclass(frozen=True)
class DataPicture:
    """The counts of the outcome's indicators against England and over time (002 §D day 1)."""

    indicators: int = 0
    better: int = 0
    similar: int = 0
    worse: int = 0
    not_compared: int = 0  # "not compared", or higher/lower where neither is better
    improving: int = 0
    getting_worse: int = 0
    no_change: int = 0  # "no significant change"


@dataclass(frozen=True)
class WeaknessCheck:
    """One weakness (or gap) in the data and whether the self-assessment addresses it."""

    indicator: Indicator
    comparison: Comparison
    kind: str  # "weakness" or "gap"
    reasons: tuple[str, ...]  # e.g. "Significantly worse than England and getting worse"
    finding: str  # the engine's sentence for the row
    status: Status
    terms: tuple[str, ...]  # the indicator's key terms (the matching rule)
    cited_in: tuple[Place, ...] = ()
    mentioned_in: tuple[Place, ...] = ()

    @property
    def addressed(self) -> bool:
        return self.status == ADDRESSED


@dataclass(frozen=True)
class UncitedClaim:
    """A text answer with words but no citation of any kind (000 §11: "referenced to relevant
    evidence")."""

    field_urn: str
    part: str
    section: str
    label: str
    excerpt: str  # the first ~30 words
    words: int

    @property
    def where(self) -> str:
        return where_in_template(self.part, self.section, self.label)


@dataclass(frozen=True)
class OutcomeReading:
    outcome: str  # the performance Outcome value, e.g. "being_healthy"
    title: str
    area: str  # the framework URN of the grade's area, e.g. "urn:ecm:outcome:being-healthy"
    grade: GradeShown | None
    data: DataPicture
    comparisons: tuple[Comparison, ...]
    weaknesses: tuple[WeaknessCheck, ...]
    gaps: tuple[WeaknessCheck, ...]
    uncited: tuple[UncitedClaim, ...]
    own_fields: tuple[str, ...]  # the field URNs of the outcome's own text (Part D or E)

    @property
    def not_addressed(self) -> list[WeaknessCheck]:
        return [w for w in self.weaknesses if w.status == NOT_ADDRESSED]

    def count(self, status: Status) -> int:
        return sum(1 for w in self.weaknesses if w.status == status)


@dataclass(frozen=True)
class Reading:
    version: Version
    year: int
    outcomes: tuple[OutcomeReading, ...]
    capacity_to_improve: GradeShown | None
    uncited_elsewhere: tuple[UncitedClaim, ...]  # Parts A, B, C, F, G

    @property
    def not_addressed(self) -> list[WeaknessCheck]:
        """Every weakness the self-assessment does not address, outcome by outcome."""
        return [w for o in self.outcomes for w in o.not_addressed]
