"""No grade reaches a council before its final letter is published (issue 7's quality bar:
"grade leakage tests (no grade in any council-visible page, email or document before
publication)"; 002 §A "Actual grades will not be published until a later stage"; 002 §G.i
interim judgements "not grades").

A council with a fully graded, signed Step 4 (the grades differ by judgement, so a leaked pair
is told apart from a coincidence), a submitted self-assessment, a meeting whose agenda and
notes were sent to it, and a letter moved through every stage: at each stage its link officer
and its director open every page of the project a council's user may open for it, and every
document they may download, and no grade is there; no email to the council carries one; and
once the letter is published the same check finds the grades on the council's letter page.

The council's pages are read from the permission walk's ACCESS table (tests/
test_permission_walk.py): a page open to the council's own users there must be walked here or
exempted in EXEMPT with its reason, so a new council page cannot skip this check."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.letters.models import CouncilComment
from ecm.letters.services import letter_assemble
from ecm.letters.services.factual_accuracy import council_comment_add, council_comment_respond
from ecm.letters.services.final import final_grades
from ecm.letters.workflow import LetterStage
from ecm.meetings.services.meetings import agenda as agenda_services
from ecm.meetings.services.meetings import arrangements, notes
from ecm.performance.tests.factories import IndicatorFactory
from ecm.self_assessment import services as sa_services
from ecm.self_assessment.template import template_for
from tests.grade_leakage_support import (
    council_pages,
    grade_findings,
    response_text,
    self_grading_hints,
)
from tests.test_permission_walk import ACCESS, OWN_COUNCIL, POST_ONLY

pytestmark = pytest.mark.django_db

S = LetterStage
# Step 4's grades by judgement (the 2007 set, all on the outstanding-to-inadequate scale).
GRADES = {
    "overall_effectiveness": 3,
    "being_healthy": 4,
    "staying_safe": 2,
    "enjoying_achieving": 3,
    "positive_contribution": 4,
    "economic_wellbeing": 2,
    "capacity_to_improve": 3,
}
# Every stage before publication; from "with the council" on, the council reads the draft.
BEFORE_PUBLICATION = [S.AMENDED, S.WITH_COUNCIL, S.COUNCIL_COMMENTED, S.RESPONSES_GIVEN, S.FINAL]

# The council pages that do not open at a stage, each with its reason; every other council
# page must open (200) at every stage, so the walk is never vacuous. Exact: a page that opens
# where it should not, or closes where it should not, fails.
_NOT_SENT = "the draft is not yet sent to the council (002 §I stage 2)"
CLOSED_AT: dict[str, dict[str, str]] = {
    S.AMENDED: {
        "letters:council": _NOT_SENT,
        "letters:council-comment": _NOT_SENT,
        "letters:council-close": _NOT_SENT,
    },
    # Once its comments are closed, the council's closing page says so, when and by whom
    # (issue 20 §3), so it opens at every later stage, and is read for grades like the rest.
    S.WITH_COUNCIL: {},
    S.COUNCIL_COMMENTED: {},
    S.RESPONSES_GIVEN: {},
    S.FINAL: {},
}

# Pages open to the council's own users in the permission walk that this module does not walk,
# each with its reason. Keep it empty unless a page truly cannot show an assessment's grade.
EXEMPT: dict[str, str] = {
    "accounts:invitation-accept": "a form to choose a password, reached only by an emailed "
    "single-use token (issue 21 §3); it shows the person's email and nothing of an assessment",
    "accounts:password-reset-confirm": "as accounts:invitation-accept, for a reset's token",
    "jar:report-comment": "opens to the council's own users in the walk only to say the report "
    "moved on, when and by whom (issue 20 §3); it quotes no report text and no grade",
    "jar:report-no-review": "as jar:report-comment: a stale page that says the report moved on",
    "jar:action-plan": "opens only once the JAR's report is published; it holds the report's "
    "recommendations and the council's actions, no grade (ecm/jar/report/tests/test_pages.py)",
}
# Walked, but looked at for a grade as a number only: the framework's reference page, the same
# for every council, puts each judgement's title beside its scale's name ("Being healthy
# Outstanding, good, adequate, inadequate"), which is no council's grade.
NUMBERS_ONLY: dict[str, str] = {"framework:judgement-sets": "each judgement beside its scale"}


def council_url_names() -> set[str]:
    """The pages the permission walk opens to the council's own link officer or director."""
    return {
        name
        for name, rule in ACCESS.items()
        if rule != POST_ONLY and any(rule.get(p) == 200 for p in OWN_COUNCIL)
    }


@pytest.fixture
def assembled(assessment, write_notebook, hmi):
    """The letter fixture's assembled letter, from a notebook whose Step 4 grades are GRADES."""
    write_notebook(assessment, grades=GRADES)
    return letter_assemble(actor=hmi, assessment=assessment)


@pytest.fixture
def director(make_user, council):
    return make_user(Role.DIRECTOR, council=council)


@pytest.fixture
def world(
    letter,
    director,
    hmi,
    link_officer,
    framework,
    upload_council_document,
    submit_self_assessment,
    django_capture_on_commit_callbacks,
):
    """What else the council sees of its assessment: its submitted self-assessment with a
    document, an indicator of its profile, and the meeting (a proposed date, an attendee, the
    agenda drafted from the graded notebook and sent, the notes and interim judgements in words
    shared). The emails the meeting sent are in mail.outbox."""
    assessment = letter.assessment
    document = upload_council_document(assessment)
    # The council grades itself before it submits (000 §12; issue 23 §2), each grade other than
    # the inspectors' for the same outcome: its own grades on its pages are not a leak of theirs.
    theirs = {g["title"]: g["grade"] for g in final_grades(assessment)[0]}
    sa_template = template_for(regime=assessment.round.regime, year=assessment.round.year)
    own = {
        item.key: 1 if theirs.get(item.label) != 1 else 2
        for _, _, field in sa_template.fields()
        for item in field.grades
    }
    submit_self_assessment(assessment, grades=own)
    # Reopened by the inspectors, so that the council's draft pages (its parts, its check
    # page) open as well as the version it submitted.
    version = sa_services.version_reopen(
        self_assessment=document.self_assessment, actor=hmi, reason="The spring's data are in"
    )
    with django_capture_on_commit_callbacks(execute=True):
        arrangements.meeting_date_propose(actor=hmi, assessment=assessment, day=date(2007, 7, 10))
        arrangements.meeting_chair_set(actor=hmi, assessment=assessment, chair="ofsted")
        attendee = arrangements.attendee_add(
            actor=link_officer, assessment=assessment, role="director", name="A Director"
        )
        drafted = agenda_services.agenda_draft(actor=hmi, assessment=assessment).agenda
        texts = {i["number"]: i["text"] for i in drafted}  # drafted from the graded notebook
        texts[3] = "It shows clearly how child protection reviews are held on time."
        agenda_services.agenda_save(
            actor=hmi, assessment=assessment, texts=texts, expected_lock_version=None
        )
        agenda = agenda_services.agenda_send(actor=hmi, assessment=assessment)
        notes.meeting_note_add(
            actor=hmi,
            assessment=assessment,
            agenda_item=4,
            raised_by="The director",
            issue="How secure is the judgement on staying safe?",
            response="It rests on the reviews held on time; the grade comes with the letter.",
        )
        notes.interim_judgements_save(
            actor=hmi,
            assessment=assessment,
            judgements={s.value: f"{s.label}: broadly good" for s in notes.INTERIM_STRANDS},
            expected_lock_version=None,
        )
        notes.meeting_held_record(actor=hmi, assessment=assessment, held_on=date(2007, 7, 10))
        shared = notes.notes_share(actor=hmi, assessment=assessment)
    return {
        "framework": framework,
        "self_assessment": version.self_assessment,
        "document": document,
        "indicator": IndicatorFactory(),
        "attendee": attendee,
        "records": [agenda, shared],
        "council_users": {"link officer": link_officer, "director": director},
    }


def _grades(letter) -> list[dict]:
    grades, missing = final_grades(letter.assessment)
    assert not missing and {g["grade"] for g in grades} == {2, 3, 4}, "Step 4 is fully graded"
    return grades


def _walk(client, letter, world, grades, statuses: dict) -> list[str]:
    """Open every council page as each council user; the leaks found, and each page's
    statuses recorded in `statuses`."""
    leaks = []
    hints = self_grading_hints(world["self_assessment"])
    pages = council_pages(assessment=letter.assessment, letter=letter, world=world)
    for who, user in world["council_users"].items():
        client.force_login(user)
        for name, fillings in pages.items():
            for kwargs in fillings:
                url = reverse(name, kwargs=kwargs)
                response = client.get(url)
                statuses.setdefault(name, set()).add(response.status_code)
                if response.status_code in (302, 404):
                    continue  # not this council's page at this stage, or a form that moves on
                kind, text = response_text(response)
                where = f"{letter.stage}, {who}: GET {url} ({name}, {kind})"
                if response.status_code != 200:
                    leaks.append(f"{where}: status {response.status_code}")
                looked_for = [] if name in NUMBERS_ONLY else grades
                leaks += [f"{where}: {found}" for found in grade_findings(text, looked_for, hints)]
    return leaks


# ------------------------------------------------------------------------------------- Pages


def test_every_council_page_of_the_walk_is_checked_here_or_exempted_with_a_reason(letter, world):
    """Issue 7 quality bar: a page the permission walk opens to the council's own users is
    walked by this module or exempted, with a reason; no exemption is stale."""
    pages = council_pages(assessment=letter.assessment, letter=letter, world=world)
    reachable = council_url_names()
    assert reachable, "the permission walk opens pages to the council"
    unchecked = sorted(reachable - set(pages) - set(EXEMPT))
    assert not unchecked, f"Walk these council pages in council_pages() or EXEMPT them: {unchecked}"
    stale = sorted(set(EXEMPT) - reachable)
    assert not stale, f"EXEMPT names pages the council cannot open: {stale}"
    assert not set(EXEMPT) & set(pages), "a page is both walked and exempted"
    assert set(NUMBERS_ONLY) <= set(pages), "a page looked at for numbers only is walked"


def _advance_to(stage, letter, advance, hmi, link_officer) -> None:
    """Move the letter stage by stage to `stage`, as the council and the inspectors would: at
    "with the council" the council comments, at "commented" the inspectors respond."""
    for step in BEFORE_PUBLICATION[: BEFORE_PUBLICATION.index(stage) + 1]:
        advance(letter, step)
        if step == stage:
            return
        if step == S.WITH_COUNCIL:
            council_comment_add(
                actor=link_officer,
                letter=letter,
                section="staying_safe",
                paragraph=1,
                comment="The reviews were held in March, not April",
            )
        if step == S.COUNCIL_COMMENTED:
            council_comment_respond(
                actor=hmi,
                comment=CouncilComment.objects.get(letter=letter),
                response="Corrected the month",
            )


@pytest.mark.parametrize("stage", BEFORE_PUBLICATION, ids=[s.value for s in BEFORE_PUBLICATION])
def test_no_council_page_or_document_shows_a_grade_before_publication_002_a(
    client, letter, advance, world, hmi, link_officer, stage
):
    """002 §A: at every stage before publication (the draft amended but not sent, with the
    council, its comments closed, the responses given, the final letter made), neither the
    council's link officer nor its director finds a grade on any page or in any download of
    the project they may open for the council. One test per stage, so they run in parallel;
    each page that does not open at a stage is listed in CLOSED_AT with the stages it opens."""
    grades = _grades(letter)
    _advance_to(stage, letter, advance, hmi, link_officer)
    statuses: dict[str, set[int]] = {}
    leaks = _walk(client, letter, world, grades, statuses)
    assert not leaks, "\n".join(leaks)
    closed = sorted(name for name, seen in statuses.items() if 200 not in seen)
    assert closed == sorted(CLOSED_AT[stage]), f"Pages that did not open: {closed} {statuses}"


def test_the_check_finds_the_grades_once_the_letter_is_published_002_a(
    client, letter, advance, world, link_officer
):
    """The positive control: once published, the council's letter page shows each judgement
    with its grade, and the same check finds every one of them."""
    grades = _grades(letter)
    advance(letter, S.PUBLISHED)
    client.force_login(link_officer)
    response = client.get(reverse("letters:council", kwargs={"pk": letter.assessment_id}))
    assert response.status_code == 200
    _kind, text = response_text(response)
    found = grade_findings(text, grades)
    assert len(found) == len(grades) + 1, found  # "Grade n" and each judgement with its grade
    for g in grades:
        assert any(f.startswith(f"{g['title']} with its grade") for f in found), g
    # And on words alone it stays quiet: the draft's judgements in lower-case words.
    assert not grade_findings(" ".join(f"{g['title']} {g['words']}" for g in grades), grades)


# ------------------------------------------------------------------------------------ Emails


def test_no_email_to_the_council_carries_a_grade_before_publication_002_a(
    letter, advance, world, hmi, link_officer, django_capture_on_commit_callbacks
):
    """002 §A, §G.i: every email the council's users are sent, from the meeting's agenda and
    notes to the draft letter and the responses to its comments, has no grade in its subject
    or body until the letter is published."""
    grades = _grades(letter)
    council_addresses = {u.email for u in world["council_users"].values()}
    with django_capture_on_commit_callbacks(execute=True):
        for stage in BEFORE_PUBLICATION:
            advance(letter, stage)
            if stage == S.WITH_COUNCIL:
                council_comment_add(
                    actor=link_officer,
                    letter=letter,
                    section="staying_safe",
                    paragraph=1,
                    comment="Wrong month",
                )
            if stage == S.COUNCIL_COMMENTED:
                council_comment_respond(
                    actor=hmi, comment=CouncilComment.objects.get(letter=letter), response="Done"
                )
    to_council = [m for m in mail.outbox if council_addresses & set(m.to)]
    subjects = [m.subject for m in to_council]
    for what in ("agenda", "notes", "factual accuracy", "what was done about your comments"):
        assert any(what in s for s in subjects), (what, subjects)
    assert all(set(m.to) >= council_addresses for m in to_council), "both council users"
    for message in to_council:
        found = grade_findings(f"{message.subject}\n{message.body}", grades)
        assert not found, (message.subject, found)
    with django_capture_on_commit_callbacks(execute=True):
        advance(letter, S.PUBLISHED)
    assert "is published" in mail.outbox[-1].subject
