"""Every URL of the project, for every role, for an own versus another council.

Quality bar (Security; issue 2): a council's users see only their council, and a refused
object answers 404, the same as a missing one. The walk reads the project's URL patterns
itself, so a page added later without an entry in ACCESS fails here until someone decides
who may open it.
"""

from importlib import import_module

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.plugins.walk_world import ANON, CAA_PARTS, JAR_PARTS, PERSONAS

SIGNED_IN = frozenset(PERSONAS)
INSPECTORATE = frozenset({"admin", "hmi", "brm", "hmi_other", "reader", "moderator", "panel"})
ACROSS_COUNCILS = frozenset({"admin", "reader", "moderator"})
ASSIGNED = frozenset({"hmi", "brm"})
OWN_COUNCIL = frozenset({"lo_own", "dcs_own"})


def only(*groups) -> dict[str, int]:
    allowed = frozenset().union(*groups)
    return {p: 200 for p in allowed}


POST_ONLY = "post-only"

# Who may open each page (status 200). Everyone else: 404 when signed in, and a redirect to
# sign-in when not. A URL missing from here fails the walk.
ACCESS: dict[str, dict[str, int] | str] = {
    "accounts:sign-in": {ANON: 200, **{p: 302 for p in SIGNED_IN}},
    "accounts:sign-out": POST_ONLY,
    "accounts:accessibility": {ANON: 200, **only(SIGNED_IN)},
    # Issue 25 §5: a load balancer's probes, open to anyone, naming no council's data.
    "health:healthz": {ANON: 200, **only(SIGNED_IN)},
    "health:readyz": {ANON: 200, **only(SIGNED_IN)},
    "accounts:person-list": only({"admin"}),
    "accounts:person-add": only({"admin"}),
    "accounts:person-detail": only({"admin"}),
    "accounts:person-change": only({"admin"}),
    # Issue 21 §2-§3: sending an invitation again and lifting a lock-out are the
    # administrator's; an invitation's or a reset's link (here a dead one, which says so) and
    # asking for a reset are for anyone, signed in or not.
    "accounts:person-invite": POST_ONLY,
    "accounts:person-unlock": only({"admin"}),
    "accounts:address-unlock": only({"admin"}),
    "accounts:invitation-accept": {ANON: 200, **only(SIGNED_IN)},
    "accounts:password-reset": {ANON: 200, **only(SIGNED_IN)},
    "accounts:password-reset-done": {ANON: 200, **only(SIGNED_IN)},
    "accounts:password-reset-confirm": {ANON: 200, **only(SIGNED_IN)},
    "accounts:password-reset-complete": {ANON: 200, **only(SIGNED_IN)},
    # Issue 21 §3: the code step is for a person between password and code (anyone signed in
    # is sent home, anyone else to sign in); a person without two-factor on is sent from its
    # recovery-code and turn-off pages to the two-factor page; inspectorate staff cannot turn
    # it off at all.
    "accounts:sign-in-code": {ANON: 302, **{p: 302 for p in SIGNED_IN}},
    "accounts:two-factor": only(SIGNED_IN),
    "accounts:two-factor-set-up": only(SIGNED_IN),
    "accounts:two-factor-recovery-codes": {p: 302 for p in SIGNED_IN},
    "accounts:two-factor-turn-off": {p: 302 for p in ("lo_own", "dcs_own", "lo_other")},
    "accounts:sessions": only(SIGNED_IN),
    "accounts:person-two-factor-reset": only({"admin"}),
    "apa:home": only(SIGNED_IN),
    "apa:round-list": only(ACROSS_COUNCILS),
    "apa:round-add": only({"admin"}),
    "apa:round-detail": only(ACROSS_COUNCILS),
    "apa:assessment-detail": only(ACROSS_COUNCILS, ASSIGNED, OWN_COUNCIL),
    "apa:assessment-status": only({"admin", "hmi"}),
    "apa:assessment-inspectors": only({"admin"}),
    "apa:round-dates": only({"admin"}),
    # The 2007 cycle's submission (issue 23 §1): the council writes it, its inspectors read it.
    "apa:assessment-cypp-review": only(ACROSS_COUNCILS, ASSIGNED, OWN_COUNCIL),
    "apa:assessment-cypp-review-submit": only(OWN_COUNCIL),
    "accounts:audit-trail": only({"admin"}),
    # Issue 21 §6 (decision 0036): the trail's CSV is the administrator's, as its page; not a
    # council's link officer, even for its own council's entries.
    "accounts:audit-trail-csv": only({"admin"}),
    "authorities:council-list": only(INSPECTORATE),
    "authorities:council-detail": only(INSPECTORATE, OWN_COUNCIL),
    # Issue 22 §5: the neighbour models, their upload and choice, for those who import data.
    "authorities:neighbour-models": only({"admin"}),
    "authorities:neighbour-upload": only({"admin"}),
    "authorities:neighbour-use": only({"admin"}),
    "framework:version-list": only(SIGNED_IN),
    "self_assessment:overview": only(ACROSS_COUNCILS, ASSIGNED, OWN_COUNCIL),
    "self_assessment:part": only(OWN_COUNCIL),
    "self_assessment:cite": only(OWN_COUNCIL),
    "self_assessment:contribute": only(OWN_COUNCIL),
    "self_assessment:citation-remove": POST_ONLY,
    "self_assessment:documents": only(ACROSS_COUNCILS, ASSIGNED, OWN_COUNCIL),
    "self_assessment:document": only(ACROSS_COUNCILS, ASSIGNED, OWN_COUNCIL),
    "self_assessment:check": only(OWN_COUNCIL),
    "self_assessment:version-document": only(ACROSS_COUNCILS, ASSIGNED, OWN_COUNCIL),
    "self_assessment:reading": only(ACROSS_COUNCILS, ASSIGNED),
    "self_assessment:reopen": only({"admin"}, ASSIGNED),
    # 000 §7: a council officer records that its self-assessment was shared with another
    # inspection.
    "self_assessment:share": only(OWN_COUNCIL),
    "performance:index": only(INSPECTORATE),
    "performance:profile": only(INSPECTORATE, OWN_COUNCIL),
    "performance:profile-download": only(INSPECTORATE, OWN_COUNCIL),
    "performance:council-indicator": only(INSPECTORATE, OWN_COUNCIL),
    "performance:indicator-detail": only(INSPECTORATE),
    "performance:indicator-download": only(INSPECTORATE),
    "performance:import-list": only({"admin"}),
    "performance:import-add": only({"admin"}),
    "performance:import-detail": only({"admin"}),
    "performance:import-progress": only({"admin"}),  # issue 22 §6: as the import's page
    "framework:version-detail": only(SIGNED_IN),
    "framework:grade-scales": only(SIGNED_IN),
    "framework:judgement-sets": only(SIGNED_IN),
    # Issue 5 §8: council users never reach the analysis stage; its HMI and BRM work on it and
    # those who read across councils (moderators, readers, the programme) may read it.
    "analysis:pack": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:pack-upload": only(ASSIGNED),
    "analysis:pack-item": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:checklist": POST_ONLY,
    "analysis:search": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:notebook": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:share-all": POST_ONLY,
    "analysis:area": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:entry-add": only(ASSIGNED),
    "analysis:entry": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:entry-revise": only(ASSIGNED),
    "analysis:entry-share": POST_ONLY,
    "analysis:evidence-add": only(ASSIGNED),
    "analysis:evidence-withdraw": only(ASSIGNED),
    "analysis:history": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:hypotheses": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:hypothesis": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:step2": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:step3": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:step4": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:sign": POST_ONLY,
    "analysis:step4-judgement": only(ASSIGNED),
    "analysis:export": only(ACROSS_COUNCILS, ASSIGNED),
    # Issue 23 §2 (002 §A): the six inspector days; each inspector records their own, and
    # those who manage the round see every council's.
    "analysis:days": only(ACROSS_COUNCILS, ASSIGNED),
    "analysis:day-remove": POST_ONLY,
    "analysis:round-days": only(ACROSS_COUNCILS),
    # Issue 6: the meeting. The council sees its arrangements and what was sent to it; the
    # Lead arranges and sends; the HMI and BRM run it; those who read across councils read it.
    # The 2007 cycle's single conversation (issue 23 §1): as the meeting it replaces.
    "meetings:conversation": only(ACROSS_COUNCILS, ASSIGNED, OWN_COUNCIL),
    "meetings:conversation-date": only({"hmi"}),
    "meetings:conversation-date-answer": only(OWN_COUNCIL),
    "meetings:conversation-record": only(ASSIGNED),
    "meetings:conversation-share": only({"hmi"}),
    "meetings:meeting": only(ACROSS_COUNCILS, ASSIGNED, OWN_COUNCIL),
    "meetings:meeting-date": only({"hmi"}),
    "meetings:meeting-date-answer": only(OWN_COUNCIL),
    "meetings:meeting-chair": only({"hmi"}),
    "meetings:meeting-attendee-add": only(ASSIGNED, OWN_COUNCIL),
    "meetings:meeting-attendee-remove": only(ASSIGNED, OWN_COUNCIL),
    "meetings:meeting-agenda": only(ASSIGNED),
    "meetings:meeting-agenda-draft": only(ASSIGNED),
    "meetings:meeting-agenda-send": only({"hmi"}),
    "meetings:meeting-record": only(ACROSS_COUNCILS, ASSIGNED, OWN_COUNCIL),
    "meetings:meeting-record-answer": only(OWN_COUNCIL),
    "meetings:meeting-record-document": only(ACROSS_COUNCILS, ASSIGNED, OWN_COUNCIL),
    "meetings:meeting-note-add": only(ASSIGNED),
    "meetings:meeting-note-edit": only(ASSIGNED),
    "meetings:meeting-interim": only(ASSIGNED),
    "meetings:meeting-held": only(ASSIGNED),
    "meetings:meeting-notes-share": only({"hmi"}),
    "meetings:meeting-document": only(ACROSS_COUNCILS, ASSIGNED),
    # Issue 6: moderation. Never the council's, not even its own; the administrator plans it;
    # those presenting a council on a day see that day; a moderator records outcomes of
    # councils they do not inspect.
    "meetings:moderation": only(ACROSS_COUNCILS),
    "meetings:moderation-propose": only({"admin"}),
    "meetings:moderation-day-add": only({"admin"}),
    "meetings:moderation-day": only(ACROSS_COUNCILS, ASSIGNED),
    "meetings:moderation-group-add": only({"admin"}),
    "meetings:moderation-place": only({"admin"}),
    "meetings:moderation-benchmark": only(ACROSS_COUNCILS, ASSIGNED),
    "meetings:moderation-choose": only({"admin"}),
    "meetings:moderation-form": only(ACROSS_COUNCILS, ASSIGNED),
    "meetings:moderation-form-submit": only(ASSIGNED),
    "meetings:moderation-form-document": only(ACROSS_COUNCILS, ASSIGNED),
    "meetings:moderation-outcome": only({"admin", "moderator"}),
    # Issue 7: the letter. Its HMI and BRM write it; those who read across councils read it
    # and its documents; the council sees none of these pages (its view of the draft comes
    # with the factual accuracy stage, 002 §I stage 2).
    "letters:letter": only(ACROSS_COUNCILS, ASSIGNED),
    "letters:assemble": POST_ONLY,
    "letters:section": only(ASSIGNED),
    "letters:compare": only(ACROSS_COUNCILS, ASSIGNED),
    "letters:preview": only(ACROSS_COUNCILS, ASSIGNED),
    "letters:document": only(ACROSS_COUNCILS, ASSIGNED),
    # The stages (issue 7 §2). The walk's letter is assembled: only the partner (the BRM; the
    # HMI is the Lead) may move it on, to agreed. No reader is assigned, so Moderation Form 2
    # is nobody's page here. The comments are read by the inspectorate and answered by the
    # HMI and the BRM; the round's social care validation is the administrator's.
    "letters:stage": only({"brm"}),
    "letters:reader-answer": {},
    "letters:responses": only(ACROSS_COUNCILS, ASSIGNED),
    "letters:respond": only(ASSIGNED),
    "letters:validation": only({"admin"}),
    # A closed round's archive (the handbook, section I stage 3): the administrator's.
    "letters:archive": only({"admin"}),
    # The council's record of its published letter (section J): nobody's before publication.
    "letters:publication": {},
    "letters:ratings": only(ACROSS_COUNCILS),
    "letters:ratings-download": only(ACROSS_COUNCILS),
    # The council's factual accuracy pages: its own council's users once the draft is sent to
    # it (the walk's letter has a sending to the council), nobody else; closing its comments is
    # a page only while the letter is with the council, which the walk's letter is not.
    "letters:council": only(OWN_COUNCIL),
    "letters:council-comment": only(OWN_COUNCIL),
    "letters:council-close": {},
    # The published letter for the council (issue 20 §5): nobody's before publication, and the
    # walk's letter is not published (tests/test_grade_leakage.py walks it once published).
    "letters:council-published": {},
    "letters:council-published-document": {},
    # Issue 7 §5: representations (002 §J). The walk's assessments are not published, so the
    # council reaches none of them, even its own; those who read across councils and the
    # assessment's inspectors read them; the administrator sets the window, registers panel
    # members and composes panels. No panel is seated here, so nobody may decide (the
    # seated member's pages are walked in ecm/representations/tests/test_pages.py).
    "representations:assessment": only(ACROSS_COUNCILS, ASSIGNED),
    "representations:intend": {},
    "representations:representation": only(ACROSS_COUNCILS, ASSIGNED),
    "representations:ground-add": {},
    "representations:submit": {},
    "representations:panel": only({"admin"}),
    "representations:decide": {},
    # The inspectors' response (section J): the walk's representation is of children's
    # services, so the assessment's HMI or BRM records it.
    "representations:response": only(ASSIGNED),
    "representations:round": only(ACROSS_COUNCILS),
    "representations:window": only({"admin"}),
    "representations:members": only({"admin"}),
    "representations:member": only({"admin"}),
    # Issue 8: running a round. The round's programme is for those who see across councils,
    # its plan's import for the administrator; a council's individual checklist for its
    # inspectors and those across councils, its dates agreed by its HMI and BRM alone; a
    # council's people never see it (it names moderation). Everyone has their own "what is
    # due" and calendar addresses; a feed is read by its private token without signing in.
    "programme:dashboard": only(ACROSS_COUNCILS),
    "programme:plan-import": only({"admin"}),
    "programme:plan-export": only(ACROSS_COUNCILS),
    "programme:blocks": only(ACROSS_COUNCILS),
    "programme:pre-analysis": only(ACROSS_COUNCILS),
    "programme:checklist": only(ACROSS_COUNCILS, ASSIGNED),
    "programme:agree": only(ASSIGNED),
    "programme:due": only(SIGNED_IN),
    "programme:calendars": only(SIGNED_IN),
    "programme:calendar-create": POST_ONLY,
    "programme:calendar-revoke": POST_ONLY,
    "programme:feed": {ANON: 200, **only(SIGNED_IN)},
    # Issue 9: the JAR. Council A's review has the HMI as its lead inspector; council B's no
    # team. It is read across councils, by its team and by its council's own people; the
    # administrator notifies and composes the team; the lead adds lines and draws cases; only
    # the council's own people list its case files.
    "jar:list": only(SIGNED_IN),
    "jar:notify": only({"admin"}),
    "jar:review": only(ACROSS_COUNCILS, {"hmi"}, OWN_COUNCIL),
    "jar:team-add": only({"admin"}),
    "jar:line-add": only({"admin", "hmi"}),
    # Issue 24 §2: a proposed line carried in from the latest APA (a button on the review
    # page), and the programme of 003's three years for those who run it.
    "jar:line-carry": POST_ONLY,
    "jar:programme": only(ACROSS_COUNCILS),
    "jar:cases-list": only(OWN_COUNCIL),
    "jar:cases-draw": POST_ONLY,
    "jar:case-swap": only({"admin", "hmi"}),
    "jar:case": only(ACROSS_COUNCILS, {"hmi"}, OWN_COUNCIL),
    # Issue 9 §3-§6: each part of the review lists its own pages (ecm/jar/<part>/tests/walk.py).
    **{
        name: access
        for part in JAR_PARTS
        for name, access in import_module(f"ecm.jar.{part}.tests.walk").ACCESS.items()
    },
    # Issue 10: the 2009 framework's council pages, then each part's (ecm/caa/<part>/tests/walk.py).
    "caa:list": only(SIGNED_IN),
    "caa:council": only(INSPECTORATE, OWN_COUNCIL),
    **{
        name: access
        for part in CAA_PARTS
        for name, access in import_module(f"ecm.caa.{part}.tests.walk").ACCESS.items()
    },
    # Issue 25 §3: a document built off the request is served to the person who asked, only.
    "documents:build": only({"hmi"}),
    "documents:build-status": only({"hmi"}),
    "documents:build-file": only({"hmi"}),
    # Issue 24 §3: the annual questionnaires (ecm/surveys/tests/walk.py).
    **import_module("ecm.surveys.tests.walk").ACCESS,
}

# Namespaces with their own permission system, walked by their own tests.
NOT_WALKED = {"admin"}

# Seen from another council's object, the assigned inspectors are not assigned and the
# council's own users are strangers, while the other council's user is at home.
AS_SEEN_FROM_OTHER_COUNCIL = {
    "hmi": "hmi_other",
    "brm": "hmi_other",
    "lo_own": "lo_other",
    "dcs_own": "lo_other",
    "lo_other": "lo_own",
}


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in NOT_WALKED:
                continue
            yield from _walk(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", set(entry.pattern.converters)


def project_urls() -> list[tuple[str, set[str]]]:
    return sorted(_walk(get_resolver().url_patterns))


def _kwargs_for(name, converters, kwargs_table, variant):
    if not converters:
        return {}
    for prefix, fillers in kwargs_table.items():
        if name.startswith(prefix) and converters <= set(fillers):
            return {k: fillers[k][variant] for k in converters}
    raise AssertionError(
        f"The permission walk cannot fill {sorted(converters)} for {name}: add the objects "
        "it needs to the world fixture in tests/test_permission_walk.py"
    )


def _variants(name, converters, kwargs_table):
    """Own council's object (0) always; another council's object (1) where they differ."""
    variants = [0]
    if converters:
        filled_own = _kwargs_for(name, converters, kwargs_table, 0)
        if filled_own != _kwargs_for(name, converters, kwargs_table, 1):
            variants.append(1)
    return variants


URLS = project_urls()


def test_every_url_has_an_access_rule():
    names = {name for name, _ in URLS}
    missing = sorted(names - set(ACCESS))
    assert not missing, f"Add these pages to ACCESS in {__file__}: {missing}"
    stale = sorted(set(ACCESS) - names)
    assert not stale, f"These ACCESS entries name no page: {stale}"


def walk_failures(name: str, converters: set[str], world, clients) -> tuple[list[str], int]:
    """Open one page as every persona, for the own council's object and another's; what
    differs from ACCESS, and how many requests were made."""
    _users, kwargs_table = world
    failures, requests = [], 0
    rule = ACCESS[name]
    for variant in _variants(name, converters, kwargs_table):
        url = reverse(name, kwargs=_kwargs_for(name, converters, kwargs_table, variant))
        for persona in [ANON, *PERSONAS]:
            response = clients[persona].get(url)
            requests += 1
            if rule == POST_ONLY:
                expected = 302 if persona == ANON else 405
            else:
                as_who = AS_SEEN_FROM_OTHER_COUNCIL.get(persona, persona) if variant else persona
                default = 302 if persona == ANON else 404
                expected = rule.get(as_who, default)
            if response.status_code != expected:
                which = "another council's" if variant else "own council's"
                failures.append(
                    f"{persona} GET {url} ({name}, {which}): {response.status_code}, "
                    f"expected {expected}"
                )
            elif persona == ANON and expected == 302:
                assert response["Location"].startswith(reverse("accounts:sign-in"))
    return failures, requests


@pytest.mark.parametrize(("name", "converters"), URLS, ids=[name for name, _ in URLS])
def test_every_role_sees_only_what_it_may_for_own_and_other_council(
    name, converters, walk_world, walk_clients, db
):
    """Quality bar (Security): one test per page, so the walk spreads over the workers and a
    failure names its page."""
    failures, _requests = walk_failures(name, converters, walk_world, walk_clients)
    assert not failures, "\n".join(failures)


def test_the_django_admin_is_closed_to_everyone_but_staff(walk_clients, db):
    # a programme administrator is not Django staff
    response = walk_clients["admin"].get("/django-admin/")
    assert response.status_code == 302 and "/django-admin/login/" in response["Location"]
