"""Every edit page of a frozen object, opened at every stage after which its object is frozen
(issue 20 §3: "No 500s on stale pages").

A stale tab, a bookmark or Back can open an edit page after its object was finalised,
published, sent or submitted. The person who could edit it before gets 200 (after any
redirect) with a page that says what happened to it, when and by whom (`ecm.core.frozen`); a
POST to it is refused without a 500 and without a change (no new audit entry: every write
writes one).

The world is the permission walk's (tests/plugins/walk_world.py), built once per module; each
test moves council A's object to one later stage inside its own savepoint, as the object's
service would (the stage and the audit entry that says who moved it, or the object's own "when"
and "by" fields).

The tables are complete: every URL name of the project is a stale-checked edit page
(`STALE`), an edit page whose object is never frozen (`NEVER_FROZEN`, with why), or not an
edit page (`NOT_AN_EDIT_PAGE`, with why); a view that reads a posted form cannot be listed as
"not an edit page" unless it answers POST only. A new edit page fails here until someone
decides what its stale answer is.
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape

import pytest
from django.urls import URLResolver, get_resolver

from ecm.audit.models import AuditEntry
from tests.plugins.walk_world import ANON
from tests.stale_stages import (
    STAGES,
    World,
    panel_seated,
    published,
    reader_assigned,
)
from tests.test_permission_walk import ACCESS, POST_ONLY, URLS

FROZEN_MARK = 'id="frozen"'


@dataclass(frozen=True)
class Stale:
    """An edit page, the persona who edits its object before it is frozen, and the stages (keys
    of STAGES) at which it is stale. `marker`: the answer is `core/frozen.html` (False for a
    page whose own read-only form already names who did it and when)."""

    persona: str
    after: tuple[str, ...]
    prepare: Callable[[World], None] | None = None
    marker: bool = True


LETTER_FROZEN = ("letter with_readers", "letter with_council", "letter final", "letter published")
REPORT_FROZEN = (
    "JAR report prepublication",
    "JAR report review_requested",
    "JAR report published",
)
COUNCIL_CLOSED = ("letter council_commented", "letter responses_given", "letter published")

STALE: dict[str, Stale] = {
    # The APA workflow's last status moves nowhere (002 §A).
    "apa:assessment-status": Stale("admin", ("assessment closed",)),
    # Issue 20, bug 2: the 500 on a section of a final or published letter.
    "letters:section": Stale("hmi", LETTER_FROZEN),
    "letters:stage": Stale("brm", ("letter agreed", "letter final", "letter published")),
    "letters:reader-answer": Stale(
        "reader",
        ("letter with_council", "letter final", "letter published"),
        prepare=reader_assigned,
    ),
    "letters:respond": Stale("hmi", ("letter responses_given", "letter final", "letter published")),
    "letters:council-comment": Stale(
        "lo_own", ("letter with the council, its deadline passed", *COUNCIL_CLOSED)
    ),
    "letters:council-close": Stale("lo_own", COUNCIL_CLOSED),
    "letters:validation": Stale("admin", ("social care data validated",), marker=False),
    # The council's self-assessment, once a version is submitted (000 §15-16).
    **{
        f"self_assessment:{name}": Stale("lo_own", ("self-assessment submitted",))
        for name in ("part", "cite", "contribute", "check")
    },
    # Representations (002 §J): the council's grounds once submitted; the panel once decided.
    "representations:ground-add": Stale(
        "lo_own", ("representation submitted", "representation decided"), prepare=published
    ),
    "representations:submit": Stale(
        "lo_own", ("representation submitted", "representation decided"), prepare=published
    ),
    "representations:panel": Stale("admin", ("representation decided",)),
    "representations:decide": Stale("panel", ("representation decided",), prepare=panel_seated),
    "representations:response": Stale("hmi", ("representation decided",)),
    # The council's answers about the meeting (002 §G.ii): the date once agreed; an agenda
    # once agreed, once changes were asked, or once a newer one was sent.
    "meetings:meeting-date-answer": Stale("lo_own", ("meeting date agreed",)),
    "meetings:meeting-record-answer": Stale(
        "lo_own", ("agenda agreed", "agenda changes asked", "newer agenda sent")
    ),
    # The 2007 cycle (issue 23 §1): the council's CYPP review once submitted; the single
    # conversation's date once agreed, its date once held, its summary once shared.
    "apa:assessment-cypp-review": Stale("lo_own", ("CYPP review submitted",), marker=False),
    "apa:assessment-cypp-review-submit": Stale("lo_own", ("CYPP review submitted",)),
    "meetings:conversation-date-answer": Stale("lo_own", ("conversation date agreed",)),
    "meetings:conversation-date": Stale(
        "hmi", ("conversation held", "conversation summary shared")
    ),
    "meetings:conversation-share": Stale("hmi", ("conversation summary shared",)),
    # Moderation (002 §H): a council's once its outcome is recorded; a day's once it is held.
    "meetings:moderation-form": Stale(
        "hmi", ("moderation outcome recorded", "moderation day held")
    ),
    "meetings:moderation-form-submit": Stale(
        "hmi", ("moderation outcome recorded", "moderation day held")
    ),
    "meetings:moderation-choose": Stale("admin", ("moderation outcome recorded",)),
    "meetings:moderation-outcome": Stale("moderator", ("moderation outcome recorded",)),
    "meetings:moderation-group-add": Stale("admin", ("moderation day held",)),
    "meetings:moderation-place": Stale("admin", ("moderation day held",)),
    # The JAR report (001 appendix, 003): judgements and text until pre-publication; comments
    # and their answers until then; the review request until publication; then the action plan
    # once sent, and one follow-up.
    **{
        name: Stale("hmi", REPORT_FROZEN)
        for name in ("jar:judgement", "jar:report-edit", "jar:report-answer")
    },
    "jar:report-stage": Stale("hmi", ("JAR report published",)),
    "jar:report-comment": Stale("lo_own", ("JAR report prepublication", "JAR report published")),
    "jar:report-no-review": Stale(
        "lo_own", ("JAR report review_requested", "JAR report published")
    ),
    "jar:action-plan": Stale("lo_own", ("JAR action plan sent",)),
    "jar:follow-up": Stale("admin", ("JAR follow-up decided",)),
    # The enhanced youth inspection (001): the council's self-assessment once submitted; the
    # team's report and observations once the report is final.
    **{
        f"jar:youth-{name}": Stale("lo_own", ("youth self-assessment submitted",))
        for name in ("self-assessment", "self-assessment-check")
    },
    **{
        f"jar:youth-{name}": Stale("hmi", ("youth report finalised",))
        for name in ("observation-add", "report", "report-finalise")
    },
    # The council's lists: its partners once a questionnaire went to one (001), its case
    # files once the cases to track are drawn from them; a partner's link once answered.
    "jar:partners-upload": Stale("lo_own", ("voluntary questionnaire sent",)),
    "jar:respond": Stale(ANON, ("voluntary questionnaire answered",), marker=False),
    "jar:cases-list": Stale("lo_own", ("cases to track drawn",)),
    # CAA (004): the annual rating once final; the area assessment (with its flags and
    # organisational assessments) once published; a full inspection once its report is
    # published; an unannounced inspection once its letter is sent.
    "caa:rating-draft": Stale("hmi", ("CAA rating final",)),
    "caa:rating-finalise": Stale("admin", ("CAA rating final",)),
    # The annual questionnaires (issue 24 §3): a survey's links and closing once it is closed.
    "surveys:issue": Stale("hmi", ("annual survey closed",)),
    "surveys:close": Stale("hmi", ("annual survey closed",)),
    **{
        f"caa:{name}": Stale("hmi", ("CAA area assessment published",))
        for name in (
            "area-edit",
            "area-publish",
            "flag-add",
            "flag-withdraw",
            "organisation-add",
            "organisation-edit",
        )
    },
    **{
        f"caa:safeguarding-{name}": Stale("hmi", ("CAA safeguarding report published",))
        for name in ("visit", "judgements", "evidence-add", "recommendation-add", "publish")
    },
    **{
        f"caa:unannounced-{name}": Stale("hmi", ("CAA unannounced letter sent",))
        for name in ("visit", "aspects", "outcome", "send")
    },
}

NOTEBOOK = (
    "the evidence notebook never freezes: a change after signing clears the signatures, which "
    "the Step 4 page then asks for again (002 §F)"
)
MEETING = (
    "the meeting's arrangements, working agenda, notes and interim judgements may change at any "
    "time: what the council reads is what was sent, in numbered versions (issue 6 §2-3)"
)
CREATES = "adds a new object; there is nothing yet to be frozen"

# Edit pages whose object has no stage after which it stops changing: why.
NEVER_FROZEN: dict[str, str] = {
    "accounts:person-add": CREATES,
    "accounts:person-change": "a person's roles and details change whenever they need to",
    # Issue 21 §3: a link that no longer works says so itself (tested in ecm/accounts/tests).
    "accounts:invitation-accept": "an invitation's link works once; a used one says so",
    "accounts:password-reset-confirm": "a reset link works once; a used one says so",
    "accounts:person-unlock": "a lock-out comes and goes; with none, the page says so",
    "accounts:address-unlock": "an address's lock-out comes and goes; with none, the page says so",
    **{
        name: "a person's own sign-in settings, which they change whenever they need to"
        for name in (
            "accounts:two-factor-set-up",
            "accounts:two-factor-recovery-codes",
            "accounts:two-factor-turn-off",
            "accounts:sessions",
        )
    },
    "accounts:sign-in-code": "the second step of signing in; edits nothing that can freeze",
    "accounts:person-two-factor-reset": "a lost phone is reset whenever it is lost",
    **{
        f"analysis:{name}": NOTEBOOK
        for name in (
            "entry-add",
            "entry-revise",
            "evidence-add",
            "evidence-withdraw",
            "hypotheses",
            "hypothesis",
            "step2",
            "step3",
            "step4-judgement",
        )
    },
    "analysis:pack-upload": "the information pack takes items at any stage, the meeting's too",
    "analysis:days": (
        "inspector days are recorded as they are given, at any stage, the letter's included "
        "(002 §A); a record is removed and made again, never edited"
    ),
    "apa:assessment-inspectors": "the administrator may reassign the inspectors at any time",
    "apa:round-add": CREATES,
    "caa:area-reopen": (
        "the way back from publication: it acts on a published assessment, and an unpublished "
        "one's page says there is nothing to reopen"
    ),
    "caa:profile-refresh": "recomputes the profile from the data as they stand, at any time",
    "caa:safeguarding-notify": CREATES,
    "caa:unannounced-new": CREATES,
    "surveys:open": CREATES,
    "surveys:answer": (
        "a used link, or a closed survey's, says so without when or by whom: an answer is "
        "anonymous (issue 24 §3), so nothing of it is kept to name (ecm/surveys/tests)"
    ),
    "caa:rating-key-areas": (
        "the administrator may choose a year's key areas again, with a reason; a rating keeps "
        "the key areas and limits it was saved with (004 'e.g.')"
    ),
    "jar:case": "a tracked case's contacts and questionnaires are recorded until fieldwork ends",
    "jar:case-swap": "a tracked case is swapped, with a reason, whenever it must be (001)",
    "jar:case-meeting-add": "a meeting is a new record against a tracked case; none is edited",
    "jar:fieldwork-add": "the plan follows the lines of enquiry wherever they lead (001)",
    "jar:fieldwork-withdraw": (
        "once withdrawn, the page says when and by whom (core/frozen.html); the other "
        "activities of the plan stay open"
    ),
    "jar:document-add": "the lead may ask the council for another document at any time",
    "jar:document-not-held": (
        "refused once a file is uploaded, which the page says; a newer copy may still replace "
        "it, so nothing is final"
    ),
    "jar:document-upload": "a newer copy of a document may be uploaded at any time (001)",
    "jar:evidence-add": "the team records evidence at any stage; the services refuse nothing",
    "jar:line-add": "a line of enquiry may be added with a reason at any time (001)",
    # Issue 24 §2 (003): complaints and quality assurance of a review.
    "jar:complaint-add": CREATES,
    "jar:complaint": (
        "a complaint moves by its table; a decided one's page offers no move, and a move "
        "posted again is answered as done (ecm/jar/quality/tests)"
    ),
    "jar:quality-add": CREATES,
    "jar:notify": CREATES,
    "jar:partner-add": "partners are added one by one even after questionnaires went (001)",
    "jar:partner-change": "partners are changed one by one even after questionnaires went",
    "jar:questionnaire-send": (
        "sends to the partners not sent one yet; a resend is answered as already sent (issue 20 §4)"
    ),
    "jar:team-add": "the administrator may add to the team at any time",
    "jar:youth-activity-add": "the council lists week one's activity; only the days are ruled",
    **{
        f"meetings:meeting-{name}": MEETING
        for name in (
            "agenda",
            "agenda-draft",
            "agenda-send",
            "attendee-add",
            "attendee-remove",
            "chair",
            "date",
            "held",
            "interim",
            "note-add",
            "note-edit",
            "notes-share",
        )
    },
    "meetings:moderation-day-add": CREATES,
    "meetings:moderation-propose": (
        "refused while councils are placed on days, which the administrator may undo: a "
        "condition, not a frozen object"
    ),
    "performance:import-add": CREATES,
    # Issue 22 §5: a model's file may be uploaded again (it replaces its neighbours), and the
    # model in use chosen again, with a reason, at any time.
    "authorities:neighbour-upload": "a neighbour model may be uploaded again at any time",
    "authorities:neighbour-use": "the model in use may be chosen again, with a reason",
    "apa:round-dates": "the administrator may move the round's dates, with a reason, at any time",
    "meetings:conversation-record": (
        "the inspectors may correct the record at any time (issue 23 §1); a changed summary is "
        "shared with the council again"
    ),
    "programme:agree": "an agreed date may be agreed again, with what was agreed and with whom",
    "programme:blocks": "the round's analysis blocks may be moved, with a reason, at any time",
    "programme:plan-import": "the round's plan may be imported again at any time",
    "representations:intend": (
        "makes a representation: the page offers only the judgements still open to one, within "
        "the round's window"
    ),
    "representations:member": "a panel member's registration may change at any time",
    "letters:archive": (
        "archives a closed round once; the page then says when and until when, and a second "
        "archive is answered with both"
    ),
    "letters:publication": (
        "the council records each step again to put it right, the earlier record kept; refused "
        "with why once the round is archived"
    ),
    "representations:window": "the administrator may move the round's dates, with a reason",
    "self_assessment:documents": (
        "the evidence library belongs to the self-assessment, not to a version: documents may "
        "be added after a submission, for a reopened version to cite"
    ),
    "self_assessment:overview": "reads the self-assessment; its one button starts it, once",
    "self_assessment:share": (
        "a record that a version was made available to another inspection (000 §7), added "
        "whatever the version's status: a submitted version is what is usually shared"
    ),
    "self_assessment:reopen": (
        "the way back from a submission: it acts on a submitted version, and refuses, saying "
        "so, when there is none"
    ),
}

READS = "reads; edits nothing"
DOWNLOAD = "a download; edits nothing"
POST_BUTTON = (
    "POST only: a button on another page, with no page of its own to go stale; its refusal "
    "shows on the page it was posted from"
)

# Pages that edit nothing, and POST-only buttons: why.
NOT_AN_EDIT_PAGE: dict[str, str] = {
    **{
        name: READS
        for name in (
            "accounts:accessibility",
            "accounts:audit-trail",
            "accounts:person-detail",
            "accounts:person-list",
            "accounts:two-factor",
            "analysis:area",
            "analysis:entry",
            "analysis:history",
            "analysis:notebook",
            "analysis:pack",
            "analysis:round-days",
            "analysis:search",
            "analysis:step4",
            "apa:assessment-detail",
            "apa:home",
            "apa:round-detail",
            "apa:round-list",
            "authorities:council-detail",
            "authorities:council-list",
            "authorities:neighbour-models",
            "caa:area",
            "caa:area-report",
            "caa:council",
            "caa:flag",
            "caa:list",
            "caa:organisation",
            "caa:profile",
            "caa:profile-indicator",
            "caa:profile-quarter",
            "caa:rating",
            "caa:safeguarding-inspection",
            "caa:safeguarding-programme",
            "caa:safeguarding-report",
            "caa:unannounced",
            "caa:unannounced-letter",
            "caa:unannounced-programme",
            "documents:build",
            "documents:build-status",
            "framework:grade-scales",
            "framework:judgement-sets",
            "framework:version-detail",
            "framework:version-list",
            "jar:document",
            "jar:documents",
            "jar:fieldwork",
            "jar:complaints",
            "jar:judgements",
            "jar:list",
            "jar:partners",
            "jar:programme",
            "jar:quality",
            "jar:questionnaire-summary",
            "jar:report",
            "jar:review",
            "jar:youth",
            "jar:youth-observation",
            "jar:youth-report-print",
            "letters:compare",
            "letters:council",
            "letters:council-published",
            "letters:letter",
            "letters:preview",
            "letters:ratings",
            "letters:responses",
            "meetings:conversation",
            "meetings:meeting",
            "meetings:meeting-record",
            "meetings:moderation",
            "meetings:moderation-benchmark",
            "meetings:moderation-day",
            "performance:council-indicator",
            "performance:import-detail",
            "performance:import-list",
            "performance:index",
            "performance:indicator-detail",
            "performance:profile",
            "programme:calendars",
            "programme:checklist",
            "programme:dashboard",
            "programme:due",
            "programme:pre-analysis",
            "representations:assessment",
            "representations:members",
            "representations:representation",
            "representations:round",
            "self_assessment:reading",
            "surveys:council",
            "surveys:survey",
        )
    },
    **{
        name: DOWNLOAD
        for name in (
            "accounts:audit-trail-csv",
            "analysis:export",
            "analysis:pack-item",
            "caa:profile-document",
            "caa:safeguarding-report-document",
            "caa:unannounced-letter-document",
            "documents:build-file",
            "jar:document-download",
            "jar:report-document",
            "letters:council-published-document",
            "letters:document",
            "letters:ratings-download",
            "meetings:meeting-document",
            "meetings:meeting-record-document",
            "meetings:moderation-form-document",
            "performance:indicator-download",
            "performance:profile-download",
            "programme:feed",
            "programme:plan-export",
            "self_assessment:document",
            "self_assessment:version-document",
        )
    },
    **{name: POST_BUTTON for name, rule in ACCESS.items() if rule == POST_ONLY},
    "performance:import-progress": "an import's progress as JSON, for its page; edits nothing",
    "accounts:sign-in": "signs in; edits nothing",
    "health:healthz": "a load balancer's probe (issue 25 §5); edits nothing",
    "health:readyz": "a load balancer's probe (issue 25 §5); reads the database, edits nothing",
    "accounts:password-reset": "emails a link (or, for no account, nothing); edits nothing",
    "accounts:password-reset-done": READS,
    "accounts:password-reset-complete": READS,
}


CASES = [(name, stage) for name, case in STALE.items() for stage in case.after]


@pytest.mark.parametrize(("name", "stage"), CASES, ids=[f"{n} at {s}" for n, s in CASES])
def test_a_stale_edit_page_says_what_froze_it_when_and_by_whom(
    name, stage, walk_world, walk_clients, db
):
    world = World(walk_world)
    case = STALE[name]
    if case.prepare:
        case.prepare(world)
    done = STAGES[stage](world)
    url = world.url(name)
    client = walk_clients[case.persona]

    response = client.get(url, follow=True)
    assert response.status_code == 200, f"GET {url} at {stage}: {response.status_code}"
    page = unescape(response.content.decode())
    assert f"{done.on.day} {done.on:%B %Y}" in page, f"{url} at {stage} does not say when"
    assert done.by in page, f"{url} at {stage} does not say who ({done.by})"
    if case.marker:
        assert FROZEN_MARK in page, f"{url} at {stage} is not the frozen page"

    entries = AuditEntry.objects.count()
    response = client.post(url, {"reason": "Stale", "text": "Stale", "comment": "Stale"})
    # Refused (409 from the frozen page, 400 from a page's own refusal), or answered as already
    # done (a redirect with what was done, issue 20 §4): never a 500, never a change.
    assert response.status_code in (302, 400, 409), f"POST {url} at {stage}: {response.status_code}"
    assert AuditEntry.objects.count() == entries, f"POST {url} at {stage} changed something"


def _view_of(name: str):
    """The view function behind a URL name."""
    namespace, _, short = name.partition(":")

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if not pattern.namespace:
                    yield from walk(pattern.url_patterns)
            elif pattern.name == short:
                yield pattern.callback

    found = next(walk(get_resolver().namespace_dict[namespace][1].url_patterns), None)
    assert found is not None, f"No view for {name}"
    return found


def _reads_a_form(name: str) -> bool:
    """Whether the view behind `name` reads a posted form (its source says so)."""
    source = inspect.getsource(_view_of(name))
    return any(
        sign in source for sign in ("request.POST", "posted(request)", 'request.method == "POST"')
    )


def test_every_page_is_a_stale_checked_edit_page_or_says_why_not():
    names = {name for name, _ in URLS}
    tables = {"STALE": set(STALE), "NEVER_FROZEN": set(NEVER_FROZEN)}
    tables["NOT_AN_EDIT_PAGE"] = set(NOT_AN_EDIT_PAGE)
    listed = set().union(*tables.values())
    missing = sorted(names - listed)
    assert not missing, f"Decide the stale answer of these pages in {__file__}: {missing}"
    unknown = sorted(listed - names)
    assert not unknown, f"These entries name no page: {unknown}"
    twice = sorted(n for n in listed if sum(n in t for t in tables.values()) > 1)
    assert not twice, f"Listed twice: {twice}"
    hidden = sorted(
        n
        for n in NOT_AN_EDIT_PAGE
        if _reads_a_form(n) and not NOT_AN_EDIT_PAGE[n].startswith("POST only")
    )
    assert not hidden, f"These pages read a posted form: they are edit pages: {hidden}"
    unstaged = sorted({s for case in STALE.values() for s in case.after} - set(STAGES))
    assert not unstaged, f"No stage setter for: {unstaged}"
