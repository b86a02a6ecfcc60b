"""What is due from 2009 (issue 24 §3; 004; DOMAIN.md §5): the dates and tasks of the unannounced
inspection, the full inspection of safeguarding and looked after children, the performance
profile's quarterly review, the annual rating and the area assessment's publication, for the
programme's "what is due", calendars and reminders.

Pure: the facts of each event go in (read by ecm.programme.selectors.caa), entries come out,
each for the parts of the people who see it. Two rules hold here, whoever calls:

- 004: the unannounced inspection is unannounced. Its entries are the inspectors' own: none is
  ever made for the council's part, before the visit or after it.
- A grade reaches a council only when published: no entry carries a grade or a rating, only
  the dates on which they are due.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ecm.workdays.calendar import (
    Deadline,
    add_working_days,
    last_working_day_of_month,
    on_or_before_working_day,
)

# The parts a person has in a 2009 event.
LEAD = "lead"  # the inspection's lead inspector
TEAM = "team"  # the full inspection's team (the lead is on it too)
COUNCIL = "council"  # the council's link officer or director
ADMINISTRATOR = "administrator"  # the programme administrator
FINALISER = "finaliser"  # who makes an annual rating final (administrator, management reader)

# Codes of the unannounced inspection's entries: never for the council (004).
UNANNOUNCED_CODES = frozenset({"unannounced_visit", "unannounced_letter"})


@dataclass(frozen=True)
class Entry:
    """One date or task of a 2009 event. A task is listed in "what is due" and reminded; every
    entry is a date in the calendars of the people whose part it names."""

    code: str
    title: str
    council: str
    deadline: Deadline
    url_name: str
    url_kwargs: dict = field(default_factory=dict, hash=False, compare=False)
    source: str = ""
    subject_key: str = ""
    parts: frozenset[str] = frozenset()
    task: bool = True
    ends: date | None = None  # an event lasting several days: its last day

    @property
    def last_day(self) -> date:
        return self.ends or self.deadline.date


@dataclass(frozen=True)
class UnannouncedFacts:
    pk: int
    council: str
    la_number: str
    first_day: date
    last_day: date
    letter_sent: bool


def unannounced_entries(f: UnannouncedFacts, *, letter_working_days: int) -> list[Entry]:
    """The lead inspector's visit and letter (004 "Annual, unannounced inspection": "Inspectors
    will report their findings by letter to the Director of Children's Services"). 004 gives
    no period for the letter: `letter_working_days` is a setting of ours. The council's part
    is never given an entry (004: the inspection is unannounced)."""
    kwargs = {"la_number": f.la_number, "pk": f.pk}
    key = f"u:{f.pk}"
    days = f"{f.first_day:%-d %B} to {f.last_day:%-d %B %Y}"
    found = [
        Entry(
            "unannounced_visit",
            f"Unannounced inspection on site ({days}): contact, referral and assessment",
            f.council,
            Deadline(f.first_day, "the first day on site, told to the council on the day", "004"),
            "caa:unannounced",
            kwargs,
            "004 'Annual, unannounced inspection'",
            key,
            frozenset({LEAD}),
            task=not f.letter_sent,
            ends=f.last_day,
        )
    ]
    if not f.letter_sent:
        found.append(
            Entry(
                "unannounced_letter",
                "Send the letter of the inspection's findings to the director of children's "
                "services",
                f.council,
                Deadline(
                    add_working_days(f.last_day, letter_working_days),
                    f"{letter_working_days} working days after the last day on site "
                    "(our setting: 004 gives no period)",
                    "004",
                ),
                "caa:unannounced",
                kwargs,
                "004 'Annual, unannounced inspection'",
                key,
                frozenset({LEAD}),
            )
        )
    return found


@dataclass(frozen=True)
class FullInspectionFacts:
    pk: int
    council: str
    la_number: str
    notified_on: date
    documents_due_on: date
    first_day: date
    last_day: date
    published: bool
    publication: Deadline  # ecm.caa.safeguarding.services_report.publication_deadline


def full_inspection_entries(f: FullInspectionFacts, *, today: date) -> list[Entry]:
    """004 "Full inspection": "a notice period of two weeks"; "At the time of notification,
    inspectors will want further documentary evidence" (the council's documents, by the date
    the inspectors set at notification); "no more than five days" on site; the report
    "published on the Ofsted website, normally within 20 working days of the end of the
    inspection" (the team's deadline; the council sees the date, never a grade). Nothing
    records the documents' arrival, so the council's task stands until the inspectors are on
    site."""
    kwargs = {"la_number": f.la_number, "pk": f.pk}
    key = f"s:{f.pk}"
    days = f"{f.first_day:%-d %B} to {f.last_day:%-d %B %Y}"
    on_site = Deadline(
        f.first_day,
        f"the first day on site, after two weeks' notice from {f.notified_on:%-d %B}",
        "004",
    )
    return [
        Entry(
            "full_documents",
            "Send the documents the inspectors asked for at notification",
            f.council,
            Deadline(f.documents_due_on, "the date the inspectors set at notification", "004"),
            "caa:safeguarding-inspection",
            kwargs,
            "004 'Before inspection'",
            key,
            frozenset({COUNCIL}),
            task=not f.published and today < f.first_day,
        ),
        Entry(
            "full_on_site",
            f"Full inspection of safeguarding and looked after children on site ({days})",
            f.council,
            on_site,
            "caa:safeguarding-inspection",
            kwargs,
            "004 'Full inspection of local area safeguarding and services for looked after "
            "children'",
            key,
            frozenset({TEAM, COUNCIL}),
            task=False,
            ends=f.last_day,
        ),
        Entry(
            "full_publish",
            "Publish the inspection's report",
            f.council,
            f.publication,
            "caa:safeguarding-inspection",
            kwargs,
            "004 'Reporting'",
            key,
            frozenset({LEAD}),
            task=not f.published,
        ),
        Entry(
            "full_report_due",
            "The inspection's report due to be published",
            f.council,
            f.publication,
            "caa:safeguarding-inspection",
            kwargs,
            "004 'Reporting'",
            key,
            frozenset({COUNCIL, TEAM}),
            task=False,
        ),
    ]


def rating_deadline(year: int, month: int) -> Deadline:
    """004: "The first rating will be produced in autumn 2009": the month closing autumn is a
    setting of ours (CAA_RATING_BY_MONTH), its last working day the deadline."""
    return Deadline(
        last_working_day_of_month(year, month),
        f"in the autumn: by the last working day of {date(year, month, 1):%B} (our setting)",
        "004 'Annual Rating of Children's Services'",
    )


def rating_entries(
    *, year: int, drafts: int, month: int, councils: list[tuple[str, str]]
) -> list[Entry]:
    """The finalisers' task of the year's draft ratings, and each council's date (its own
    rating's, with no grade: `councils` are (name, la_number) of ratings not yet final)."""
    deadline = rating_deadline(year, month)
    found = []
    if drafts:
        found.append(
            Entry(
                "rating_finalise",
                f"Make the {drafts} draft annual rating{'s' if drafts != 1 else ''} of {year} "
                "final",
                "",
                deadline,
                "caa:list",
                {},
                "004 'Annual Rating of Children's Services'",
                f"rating:{year}",
                frozenset({FINALISER}),
            )
        )
    for name, la_number in councils:
        found.append(
            Entry(
                "rating_due",
                f"Annual rating of children's services {year} due",
                name,
                deadline,
                "caa:council",
                {"la_number": la_number},
                "004 'Annual Rating of Children's Services'",
                f"rating:{year}:{la_number}",
                frozenset({COUNCIL}),
                task=False,
            )
        )
    return found


def survey_entries(*, year: int, open_surveys: int, month: int) -> list[Entry]:
    """004: the rating draws on "the views of service users and relevant stakeholders gathered
    through questionnaires", and a questionnaire's results are final once it is closed; so
    the administrator closes the year's questionnaires by the rating's deadline (our reading:
    004 gives the questionnaires no closing date)."""
    if not open_surveys:
        return []
    rating = rating_deadline(year, month)
    return [
        Entry(
            "surveys_close",
            f"Close the {open_surveys} open annual questionnaire"
            f"{'s' if open_surveys != 1 else ''} of {year}, so the ratings cite final results",
            "",
            Deadline(
                rating.date,
                "by the rating's deadline, which cites their results (our reading: the "
                "questionnaires have no closing date)",
                "004 'Annual Rating of Children's Services'",
            ),
            "caa:list",
            {},
            "004 'Overview of Ofsted's Assessment'",
            f"surveys:{year}",
            frozenset({ADMINISTRATOR}),
        )
    ]


def profile_entries(*, label: str, months: str, quarter_ends: date, to_review: int) -> list[Entry]:
    """004: the performance profile is "provided by Ofsted from June 2009 and be reviewed
    quarterly": the administrator's task of the quarter, while councils with a profile have
    none for it yet, by the quarter's last working day (our reading of "quarterly")."""
    if not to_review:
        return []
    return [
        Entry(
            "profile_review",
            f"Review the performance profiles for {label} ({months}): {to_review} "
            f"council{'s' if to_review != 1 else ''} still to review",
            "",
            Deadline(
                on_or_before_working_day(quarter_ends),
                "by the quarter's last working day: reviewed quarterly",
                "004",
            ),
            "caa:list",
            {},
            "004 'Annual Rating of Children's Services'",
            f"profile:{label}",
            frozenset({ADMINISTRATOR}),
        )
    ]


def area_deadline(year: int, month: int, day: int) -> Deadline:
    """004: "A single report will be published"; 004 gives no date, so the day is a setting of
    ours (CAA_AREA_PUBLISH_BY)."""
    return Deadline(
        on_or_before_working_day(date(year, month, day)),
        f"by {date(year, month, day):%-d %B %Y} (our setting: 004 gives no date)",
        "004 'Comprehensive Area Assessment'",
    )


def area_entries(
    *, year: int, drafted: int, deadline: Deadline, councils: list[tuple[str, str, date | None]]
) -> list[Entry]:
    """The administrator's task of publishing the year's area assessments, and each council's
    date: the day it was published, or the day it is due."""
    found = []
    if drafted:
        found.append(
            Entry(
                "area_publish",
                f"Publish the {drafted} area assessment{'s' if drafted != 1 else ''} of {year}",
                "",
                deadline,
                "caa:list",
                {},
                "004 'Comprehensive Area Assessment'",
                f"area:{year}",
                frozenset({ADMINISTRATOR}),
            )
        )
    for name, la_number, published_on in councils:
        when = (
            Deadline(published_on, "the day it was published", "004") if published_on else deadline
        )
        found.append(
            Entry(
                "area_published" if published_on else "area_due",
                f"Area assessment {year} " + ("published" if published_on else "due"),
                name,
                when,
                "caa:area" if published_on else "caa:council",
                {"la_number": la_number, "year": year}
                if published_on
                else {"la_number": la_number},
                "004 'Comprehensive Area Assessment'",
                f"area:{year}:{la_number}",
                frozenset({COUNCIL}),
                task=False,
            )
        )
    return found


def entries_for(entries: list[Entry], parts: set[str]) -> list[Entry]:
    """The entries a person with these parts sees. The council's part never receives an
    unannounced inspection's entry, whatever parts it is called with (004)."""
    found = []
    for entry in entries:
        if not entry.parts & parts:
            continue
        if entry.code in UNANNOUNCED_CODES and (COUNCIL in parts or entry.parts & {COUNCIL}):
            continue
        found.append(entry)
    return found


def tasks_of(entries: list[Entry], today: date) -> list[Entry]:
    """The entries that are tasks: the work still to be done, and an event until its last
    day has passed."""
    return [e for e in entries if e.task and (e.ends is None or e.ends >= today)]
