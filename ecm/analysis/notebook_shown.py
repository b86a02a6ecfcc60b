"""What the evidence notebook's document shows (issue 5 §9): one typed row per thing, built
by ecm.analysis.exports and written by its template and by ecm.analysis.exports_docx."""

from dataclasses import dataclass, field

from ecm.core.documents import (
    Block,
)

NOT_WRITTEN = "Not written yet."


@dataclass(frozen=True)
class EvidenceShown:
    """One piece of standing evidence: where to find it again, and what it shows."""

    text: str
    note: str
    added: str


@dataclass(frozen=True)
class EntryShown:
    """A shared Step 1 entry with everything that lets another inspector follow it."""

    pk: int
    area_id: int
    area: str
    kind_label: str
    blocks: tuple[Block, ...]
    excerpt: str
    key_judgements: tuple[str, ...]
    tags: tuple[str, ...]
    capacity: tuple[str, ...]
    evidence: tuple[EvidenceShown, ...]
    author: str
    revision: str
    social_care: bool = False

    @property
    def ref(self) -> str:
        return f"E{self.pk}"

    @property
    def anchor(self) -> str:
        return f"entry-{self.pk}"

    @property
    def heading(self) -> str:
        return f"{self.ref}: {self.kind_label}"

    @property
    def facts(self) -> list[tuple[str, str]]:
        rows = [
            ("Key judgements", "; ".join(self.key_judgements)),
            ("Groups", "; ".join(self.tags)),
            ("Capacity to improve", "; ".join(self.capacity)),
        ]
        return [(label, value) for label, value in rows if value]

    @property
    def written(self) -> str:
        return f"Written by {self.author}. {self.revision}."


@dataclass(frozen=True)
class LinkShown:
    """A linked entry by its short reference and the start of its finding."""

    ref: str
    anchor: str
    excerpt: str

    @property
    def line(self) -> str:
        return f"{self.ref}: {self.excerpt}" if self.excerpt else self.ref


@dataclass(frozen=True)
class StrandShown:
    """One indicative (Steps 2-3) or summative (Step 4) grade with what supports it."""

    label: str
    grade: str
    blocks: tuple[Block, ...]
    links: tuple[LinkShown, ...]

    @property
    def heading(self) -> str:
        return f"{self.label}: {self.grade}" if self.label else self.grade


@dataclass
class AreaShown:
    """The entries of one area: Step 1's form for it, or its part of the appendix."""

    title: str
    anchor: str
    entries: list[EntryShown] = field(default_factory=list)
    social_care_missing: bool = False


@dataclass
class SummaryShown:
    """A Step 2 summary sheet, the Step 3 summary or a Step 4 judgement; `written` stays False
    until something is saved."""

    title: str
    anchor: str
    written: bool = False
    strands: list[StrandShown] = field(default_factory=list)
    extra_title: str = ""
    extra: tuple[Block, ...] = ()
    revision: str = ""


@dataclass
class SectionShown:
    """A step, or the appendix: areas of entries (Step 1, the appendix) or summaries (Steps
    2-4); `closing` marks Step 4, which ends with the signatures and the warnings."""

    anchor: str
    title: str
    intro: str = ""
    areas: list[AreaShown] = field(default_factory=list)
    summaries: list[SummaryShown] = field(default_factory=list)
    empty: str = NOT_WRITTEN
    closing: bool = False


@dataclass(frozen=True)
class SignatureShown:
    who: str
    role: str
    when: str

    @property
    def line(self) -> str:
        role = f", {self.role}," if self.role else ""
        return f"Signed by {self.who}{role} on {self.when}"


@dataclass(frozen=True)
class WarningShown:
    message: str
    source: str
