"""The performance profile's indicators: a versioned data file and its typed loader.

004 ("Annual Rating of Children's Services"): "All relevant indicators from the National
Indicator Set (NIS) will be grouped under the five Every Child Matters headings." The file
(library/nis-profile-2009.yaml) lists each NI with its heading and the ecm.performance
indicator it is computed from, where the project has one.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ecm.core.library_files import library_data

LIBRARY = Path(__file__).resolve().parent / "library"
PROFILE_FILE = LIBRARY / "nis-profile-2009.yaml"

# The five Every Child Matters headings, in the framework's order (DOMAIN.md §2); the profile
# has no sixth heading (service management is not an outcome for children).
OUTCOMES = (
    ("being_healthy", "Being healthy"),
    ("staying_safe", "Staying safe"),
    ("enjoying_achieving", "Enjoying and achieving"),
    ("positive_contribution", "Making a positive contribution"),
    ("economic_wellbeing", "Achieving economic well-being"),
)
OUTCOME_LABELS = dict(OUTCOMES)

NOT_A_LIST = "{path}: `indicators` must be a list of entries"
BAD_ENTRY = "{path}: entry {where}: {problem}"
TWICE = "NI {ni} is listed twice"


@dataclass(frozen=True)
class NisIndicator:
    ni: int
    title: str
    outcome: str
    source: str | None = None  # an ecm.performance indicator code (a LAIT Measure_short)
    demo_source: str | None = None  # the demo's code for the same thing
    note: str = ""
    unmapped: str = ""  # why no `source`: what the data held lack (issue 24 §3)

    @property
    def label(self) -> str:
        return f"NI {self.ni}"

    @property
    def codes(self) -> tuple[str, ...]:
        """The indicator codes it may be computed from, preferred first."""
        return tuple(c for c in (self.source, self.demo_source) if c)

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome]


@dataclass(frozen=True)
class NisProfile:
    urn: str
    version: int
    title: str
    indicators: tuple[NisIndicator, ...]

    @property
    def version_label(self) -> str:
        return f"{self.urn} v{self.version}"

    def find(self, ni: int) -> NisIndicator | None:
        return next((i for i in self.indicators if i.ni == ni), None)

    def by_outcome(self) -> list[tuple[str, str, list[NisIndicator]]]:
        """(code, label, indicators) for each of the five headings, in order."""
        return [
            (code, label, [i for i in self.indicators if i.outcome == code])
            for code, label in OUTCOMES
        ]

    @property
    def codes(self) -> set[str]:
        return {code for i in self.indicators for code in i.codes}

    @property
    def mapped(self) -> tuple[NisIndicator, ...]:
        """The NIs with a series in the real data held (a `source`)."""
        return tuple(i for i in self.indicators if i.source)


def _entry(raw, where: str, path: Path) -> NisIndicator:
    def problem(text: str) -> ValueError:
        return ValueError(BAD_ENTRY.format(path=path.name, where=where, problem=text))

    if not isinstance(raw, dict):
        raise problem("must be a mapping")
    ni, title, outcome = raw.get("ni"), raw.get("title"), raw.get("outcome")
    if not isinstance(ni, int) or ni <= 0:
        raise problem("`ni` must be the indicator's number")
    if not isinstance(title, str) or not title.strip():
        raise problem("`title` must say what it measures")
    if outcome not in OUTCOME_LABELS:
        raise problem(f"`outcome` must be one of {', '.join(OUTCOME_LABELS)}")
    sources = [raw.get("source"), raw.get("demo_source")]
    if any(s is not None and (not isinstance(s, str) or not s.strip()) for s in sources):
        raise problem("`source` and `demo_source` must be an indicator code or null")
    unmapped = str(raw.get("unmapped") or "").strip()
    if raw.get("source") is None and not unmapped:
        raise problem(f"NI {ni} has no `source`: say why in `unmapped`")
    if raw.get("source") is not None and unmapped:
        raise problem(f"NI {ni} has a `source`: `unmapped` is for an NI without one")
    return NisIndicator(
        ni=ni,
        title=title.strip(),
        outcome=outcome,
        source=raw.get("source"),
        demo_source=raw.get("demo_source"),
        note=str(raw.get("note") or "").strip(),
        unmapped=" ".join(unmapped.split()),
    )


def nis_profile_load(path: Path = PROFILE_FILE) -> NisProfile:
    """Read and check a profile file: every entry typed, each NI once."""
    data = library_data(path) or {}
    raw = data.get("indicators")
    if not isinstance(raw, list):
        raise ValueError(NOT_A_LIST.format(path=path.name))
    indicators = tuple(_entry(entry, str(n), path) for n, entry in enumerate(raw, start=1))
    seen: set[int] = set()
    for indicator in indicators:
        if indicator.ni in seen:
            raise ValueError(TWICE.format(ni=indicator.ni))
        seen.add(indicator.ni)
    return NisProfile(
        urn=str(data["urn"]),
        version=int(data["version"]),
        title=str(data["title"]),
        indicators=tuple(sorted(indicators, key=lambda i: i.ni)),
    )


@cache
def nis_profile() -> NisProfile:
    """The bundled profile file (read once)."""
    return nis_profile_load()
