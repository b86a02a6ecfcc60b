"""A round's cycle as versioned data (issue 23 §1; decision 0042): which submission starts it,
when the inspectors analyse or review the data, whether the council meets them at the APA
meeting or in the single conversation, when the final letter and representations fall, and
what the information pack draws on.

One YAML file per cycle in `library/`: the handbook's cycle of 2005-06 (the handbook,
section A "Timeline") and the cycle of the January 2007 briefing ("APA": the CYPP review in
June, the data reviewed in July and August, the single conversation in September or
October). Pure Python with no Django: `cycle_of(code)` returns a frozen `Cycle`, and
`cycle_key_dates(cycle, year)` its default dates for a round of that year, each a `Deadline`
with the rule that produced it. A date the seed does not give is marked `setting` in its file
and its rule says it is the project's.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from ecm.core.library_files import LibraryFileError, LoadError, duplicate_keys, yaml_read
from ecm.workdays.calendar import Deadline, first_working_day_of_month, last_working_day_of_month

LIBRARY_DIR = Path(__file__).parent / "library"
HANDBOOK_2005 = "handbook_2005"
BRIEFING_2007 = "briefing_2007"
DEFAULT_CYCLE = HANDBOOK_2005
MEETING, SINGLE_CONVERSATION = "meeting", "single_conversation"
CODE = re.compile(r"^[a-z][a-z0-9_]*$")

SECTIONS = (
    "schema",
    "urn",
    "code",
    "title",
    "short_title",
    "source",
    "submission",
    "analysis",
    "discussion",
    "final_letter",
    "representation",
    "pack_sources",
    "milestone_titles",
    "tasks",
    "status_labels",
)
OPTIONAL = frozenset({"milestone_titles", "tasks", "status_labels"})
MISSING = "{where} needs {key}"
UNKNOWN = "{where} has {key}, which is not one of: {allowed}"
BAD_RULE = (
    "{where} must be {{last_working_day_of: MONTH}}, {{first_working_day_of: MONTH}} or "
    "{{day: DAY, month: MONTH}} (with next_year: true for the year after), not {value}"
)
BAD_KIND = "discussion kind must be meeting or single_conversation, not {value}"
BAD_CODE = '{where} code "{code}" must be lower-case letters, digits and _, used once'
WRONG_SCHEMA = "schema must be 1, the file schema this loader reads, not {value}"


class CycleFileError(LibraryFileError):
    """A cycle file that cannot be read, with every problem found in it."""


@dataclass(frozen=True)
class DateRule:
    """A date of the round's year written as the seed writes it."""

    last_working_day_of: int | None = None
    first_working_day_of: int | None = None
    day: int | None = None
    month: int | None = None
    next_year: bool = False

    def described(self) -> str:
        """The rule in words, e.g. "last working day of May" or "1 November"."""
        month = calendar.month_name[
            self.last_working_day_of or self.first_working_day_of or self.month or 1
        ]
        after = " of the next year" if self.next_year else ""
        if self.last_working_day_of:
            return f"last working day of {month}{after}"
        if self.first_working_day_of:
            return f"first working day of {month}{after}"
        return f"{self.day} {month}{after}"

    def on(self, year: int) -> date:
        year = year + 1 if self.next_year else year
        if self.last_working_day_of:
            return last_working_day_of_month(year, self.last_working_day_of)
        if self.first_working_day_of:
            return first_working_day_of_month(year, self.first_working_day_of)
        return date(year, self.month, self.day)


@dataclass(frozen=True)
class PackSource:
    """One input Ofsted considers with the submission, in the seed's words."""

    code: str
    title: str
    words: str


@dataclass(frozen=True)
class Cycle:
    urn: str
    code: str
    title: str
    short_title: str
    source: str
    submission: dict
    analysis: dict
    discussion: dict
    final_letter: dict
    representation: dict
    pack_sources: tuple[PackSource, ...]
    # What the programme calls a milestone in this cycle (code -> title), where not the
    # handbook's, and the tasks it words or places differently (code -> title, url_name,
    # source).
    milestone_titles: dict = field(default_factory=dict)
    tasks: dict = field(default_factory=dict)
    # What an assessment's status is called in this cycle (status -> label), where not the
    # handbook's (ecm.apa.workflow).
    status_labels: dict = field(default_factory=dict)

    def status_label(self, status: str, default: str) -> str:
        return self.status_labels.get(status, default)

    @property
    def has_single_conversation(self) -> bool:
        return self.discussion["kind"] == SINGLE_CONVERSATION

    @property
    def discussion_title(self) -> str:
        return self.discussion["title"]

    @property
    def submission_title(self) -> str:
        return self.submission["title"]

    @property
    def analysis_title(self) -> str:
        return self.analysis["title"]

    @property
    def letter_discussion_words(self) -> str:
        """How the letter names the discussion with the council (the letters read this)."""
        return self.discussion["letter_words"]

    @property
    def waits_for_social_care_validation(self) -> bool:
        return bool(self.discussion.get("after_social_care_validation"))


# Which parts of a section are date rules, and the keys each section may hold.
_SECTION_KEYS = {
    "submission": ({"due"}, {"title", "what", "words", "rule", "source", "setting"}),
    "analysis": ({"starts", "ends"}, {"title", "words", "rule", "source", "setting"}),
    "discussion": (
        {"by", "from"},
        {
            "kind",
            "title",
            "words",
            "rule",
            "source",
            "setting",
            "after_social_care_validation",
            "letter_words",
        },
    ),
    "final_letter": ({"by"}, {"words", "rule", "source", "setting"}),
    "representation": (
        {"intention", "submission", "outcomes"},
        {"intention_rule", "submission_rule", "outcomes_rule", "source"},
    ),
}
_REQUIRED = {
    "submission": {"title", "what", "words", "due", "rule", "source"},
    "analysis": {"title", "words", "starts", "ends", "rule", "source"},
    "discussion": {"kind", "title", "words", "by", "rule", "source", "letter_words"},
    "final_letter": {"words", "by", "rule", "source"},
    "representation": {
        "intention",
        "submission",
        "outcomes",
        "intention_rule",
        "submission_rule",
        "outcomes_rule",
        "source",
    },
}
TASK_KEYS = {"title", "url_name", "source"}
_RULE_KEYS = {"last_working_day_of", "first_working_day_of", "day", "month", "next_year"}


def _date_rule(raw) -> DateRule | None:
    if not isinstance(raw, dict) or set(raw) - _RULE_KEYS:
        return None
    try:
        rule = DateRule(**raw)
        rule.on(2007)  # a month of 13 or a 31 February is refused here
    except (TypeError, ValueError):
        return None
    ways = [rule.last_working_day_of, rule.first_working_day_of, rule.day and rule.month]
    return rule if sum(bool(w) for w in ways) == 1 else None


def cycle_load(path: str | Path) -> Cycle:
    """Read and check one cycle file, or raise CycleFileError with every problem found."""
    document = yaml_read(path, error=CycleFileError)
    problems = duplicate_keys(document.path, document.root)
    data = document.data

    def fail(where_path, reason: str) -> None:
        problems.append(LoadError(document.path, document.line_of(where_path), reason))

    if not isinstance(data, dict):
        raise CycleFileError([LoadError(document.path, 1, "the file must hold one mapping")])
    for key in SECTIONS:
        if key not in data and key not in OPTIONAL:
            fail([], MISSING.format(where="the file", key=key))
    for key in sorted(set(data) - set(SECTIONS)):
        fail([key], UNKNOWN.format(where="the file", key=key, allowed=", ".join(SECTIONS)))
    if data.get("schema") != 1:
        fail(["schema"], WRONG_SCHEMA.format(value=data.get("schema")))
    if not CODE.match(str(data.get("code", ""))):
        fail(["code"], BAD_CODE.format(where="the cycle", code=data.get("code")))
    rules: dict[str, dict] = {}
    for section, (date_keys, text_keys) in _SECTION_KEYS.items():
        raw = data.get(section)
        if not isinstance(raw, dict):
            continue
        for key in sorted(_REQUIRED[section] - set(raw)):
            fail([section], MISSING.format(where=section, key=key))
        allowed = date_keys | text_keys
        for key in sorted(set(raw) - allowed):
            fail([section, key], UNKNOWN.format(where=section, key=key, allowed=", ".join(allowed)))
        rules[section] = dict(raw)
        for key in date_keys & set(raw):
            rule = _date_rule(raw[key])
            if rule is None:
                fail([section, key], BAD_RULE.format(where=f"{section} {key}", value=raw[key]))
            rules[section][key] = rule
    if isinstance(data.get("discussion"), dict):
        kind = data["discussion"].get("kind")
        if kind not in (MEETING, SINGLE_CONVERSATION):
            fail(["discussion", "kind"], BAD_KIND.format(value=kind))
    sources, seen = [], set()
    for n, raw in enumerate(data.get("pack_sources") or []):
        code = str(raw.get("code", "")) if isinstance(raw, dict) else ""
        if not CODE.match(code) or code in seen or not raw.get("title"):
            fail(["pack_sources", n], BAD_CODE.format(where=f"pack source {n + 1}", code=code))
            continue
        seen.add(code)
        sources.append(PackSource(code, str(raw["title"]), str(raw.get("words", ""))))
    for key in ("milestone_titles", "tasks", "status_labels"):
        if not isinstance(data.get(key, {}), dict):
            fail([key], f"{key} must be a mapping of codes")
    for code, task in (data.get("tasks") or {}).items():
        extra = set(task) - TASK_KEYS if isinstance(task, dict) else {"(not a mapping)"}
        for key in sorted(extra):
            fail(
                ["tasks", code],
                UNKNOWN.format(where=f"task {code}", key=key, allowed="title, url_name, source"),
            )
    if problems:
        raise CycleFileError(problems)
    return Cycle(
        urn=data["urn"],
        code=data["code"],
        title=data["title"],
        short_title=data["short_title"],
        source=data["source"],
        submission=rules["submission"],
        analysis=rules["analysis"],
        discussion=rules["discussion"],
        final_letter=rules["final_letter"],
        representation=rules["representation"],
        pack_sources=tuple(sources),
        milestone_titles=dict(data.get("milestone_titles") or {}),
        tasks={code: dict(task) for code, task in (data.get("tasks") or {}).items()},
        status_labels=dict(data.get("status_labels") or {}),
    )


@cache
def cycles() -> dict[str, Cycle]:
    """The bundled cycles by code, in the order of their files."""
    found = [cycle_load(path) for path in sorted(LIBRARY_DIR.glob("apa-cycle-*.yaml"))]
    return {c.code: c for c in found}


def cycle_of(code: str | None) -> Cycle:
    """The cycle named by a round (the handbook's when a round names none)."""
    return cycles()[code or DEFAULT_CYCLE]


def cycle_choices() -> list[tuple[str, str]]:
    return [(c.code, c.title) for c in cycles().values()]


def cycle_key_dates(cycle: Cycle, year: int) -> dict[str, Deadline]:
    """A round's default key dates in its cycle, each with its rule and source (the round's
    fields of ecm.apa.key_dates)."""
    s, a, d, f, r = (
        cycle.submission,
        cycle.analysis,
        cycle.discussion,
        cycle.final_letter,
        cycle.representation,
    )

    def deadline(section: dict, key: str, rule: str = "rule") -> Deadline:
        when: DateRule = section[key]
        return Deadline(when.on(year), f"{when.described()}: {section[rule]}", section["source"])

    dates = {
        "self_assessment_due": deadline(s, "due"),
        "analysis_starts": deadline(a, "starts"),
        "analysis_ends": deadline(a, "ends"),
        "meeting_by": deadline(d, "by"),
        "final_letter_by": deadline(f, "by"),
        "representation_intention_by": deadline(r, "intention", "intention_rule"),
        "representation_submission_by": deadline(r, "submission", "submission_rule"),
        "representation_outcomes_by": deadline(r, "outcomes", "outcomes_rule"),
    }
    if "from" in d:
        dates["meeting_from"] = deadline(d, "from")
    return dates
