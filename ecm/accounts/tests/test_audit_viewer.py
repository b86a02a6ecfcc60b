"""The audit viewer (issue 21 §6, "What was seen" 12): the trail filtered by council, person,
kind of thing, action and dates, combined; page links and the CSV keep the filters; every
action in plain words; wrong filters answered with a message; programme administrators only.
"""

import ast
import csv
import datetime
import io
import re
from pathlib import Path
from unittest import mock

import pytest
from django.utils import timezone

from ecm.accounts import views_audit
from ecm.audit import forms
from ecm.audit.services import SYSTEM_ACTOR_NAME, audit_record
from ecm.audit.verbs import VERB_WORDS, verb_words

pytestmark = pytest.mark.django_db

TRAIL, CSV_URL = "/audit/", "/audit/csv/"
ECM = Path(__file__).resolve().parents[2]
A_VERB = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")


def _on(day: str):
    """Writes at noon on a day (ISO), in England."""
    at = timezone.make_aware(datetime.datetime.fromisoformat(f"{day}T12:00"))
    return mock.patch("ecm.audit.services.timezone.now", return_value=at)


@pytest.fixture
def trail(administrator, hmi, link_officer, council, other_council):
    """Four entries: two about `council` (one by the administrator, one by the HMI), one by
    the system and one by the HMI about `other_council`, over September and October 2007."""
    with _on("2007-09-01"):
        audit_record(actor=administrator, verb="plan.changed", target=council, reason="e1")
    with _on("2007-09-15"):
        audit_record(actor=hmi, verb="user.created", target=link_officer, reason="e2")
    with _on("2007-10-01"):
        audit_record(actor=None, verb="councils.loaded", target=other_council, reason="e3")
    with _on("2007-10-20"):
        audit_record(
            actor=hmi,
            verb="plan.changed",
            target=other_council,
            before={"grade": "=1+1"},
            after={"grade": "@SUM(A1)"},
            reason='=HYPERLINK("http://evil.example", "e4")',
        )
    return {"council": council, "other": other_council, "hmi": hmi, "admin": administrator}


def _reasons(client, query: dict) -> set[str]:
    """Which of the trail's entries (e1 to e4, named in their reasons) the page lists."""
    page = client.get(TRAIL, query)
    assert page.status_code == 200
    return {re.search(r"e\d", entry.reason).group() for entry in page.context["page"]}


def _date(prefix: str, day: str) -> dict:
    year, month, dd = day.split("-")
    return {f"{prefix}_0": dd, f"{prefix}_1": month, f"{prefix}_2": year}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (lambda w: {}, {"e1", "e2", "e3", "e4"}),
        (lambda w: {"council": w["council"].pk}, {"e1", "e2"}),
        (lambda w: {"council": w["other"].pk}, {"e3", "e4"}),
        (lambda w: {"person": w["hmi"].pk}, {"e2", "e4"}),
        (lambda w: {"person": "system"}, {"e3"}),
        (lambda w: {"kind": "authorities.council"}, {"e1", "e3", "e4"}),
        (lambda w: {"kind": "accounts.user"}, {"e2"}),
        (lambda w: {"kind": "authorities.council", "number": w["council"].pk}, {"e1"}),
        (lambda w: {"action": "plan.changed"}, {"e1", "e4"}),
        (lambda w: _date("on_or_after", "2007-10-01"), {"e3", "e4"}),
        # The 'to' day is included, to its last minute.
        (lambda w: _date("on_or_before", "2007-09-15"), {"e1", "e2"}),
        (
            lambda w: {**_date("on_or_after", "2007-09-02"), **_date("on_or_before", "2007-10-01")},
            {"e2", "e3"},
        ),
    ],
    ids=[
        "none",
        "council",
        "other council",
        "person",
        "the system",
        "kind",
        "other kind",
        "kind and number",
        "action",
        "from",
        "to",
        "from and to",
    ],
)
def test_each_filter_narrows_the_trail_issue_21_6(client, trail, query, expected):
    client.force_login(trail["admin"])
    assert _reasons(client, query(trail)) == expected


def test_filters_combine_issue_21_6(client, trail):
    client.force_login(trail["admin"])
    combined = {"council": trail["other"].pk, "action": "plan.changed", "person": trail["hmi"].pk}
    assert _reasons(client, combined) == {"e4"}
    assert _reasons(client, {**combined, **_date("on_or_before", "2007-10-19")}) == set()
    assert _reasons(client, {"council": trail["council"].pk, "person": "system"}) == set()


def test_page_links_keep_the_filters_issue_21_6(client, administrator, council, monkeypatch):
    monkeypatch.setattr(views_audit, "AUDIT_PAGE_SIZE", 2)
    for n in range(5):
        audit_record(actor=administrator, verb="plan.changed", target=council, reason=f"kept {n}")
        audit_record(actor=administrator, verb="user.updated", target=council, reason="other")
    client.force_login(administrator)
    first = client.get(TRAIL, {"action": "plan.changed", "council": council.pk})
    html = first.content.decode()
    older = (
        re.search(r'href="(\?[^"]*page=2[^"]*)" rel="next"', html).group(1).replace("&amp;", "&")
    )
    assert "action=plan.changed" in older and f"council={council.pk}" in older
    second = client.get(TRAIL + older)
    reasons = [entry.reason for entry in second.context["page"]]
    assert reasons == ["kept 2", "kept 1"]
    assert "Page 2 of 3" in second.content.decode()


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf") and body.count(b"\xef\xbb\xbf") == 1
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_csv_holds_the_filtered_entries_in_plain_words_with_formulas_quoted_issue_21_6(
    client, trail
):
    client.force_login(trail["admin"])
    response = client.get(CSV_URL, {"action": "plan.changed"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-trail-')
    header, *rows = _csv(response)
    assert header[:5] == ["Entry", "When", "Who", "Action", "Action code"]
    assert len(rows) == 2
    newest = dict(zip(header, rows[0], strict=True))
    assert newest["Action"] == "Council's programme plan changed"
    assert newest["Action code"] == "plan.changed"
    assert newest["When"] == "2007-10-20T12:00:00+01:00"
    assert newest["Council"] == trail["other"].name
    assert newest["Kind of thing"] == "council"
    assert newest["Its number"] == str(trail["other"].pk)
    # A cell a spreadsheet would run as a formula starts with a quote, so it stays text.
    assert newest["Why"] == '\'=HYPERLINK("http://evil.example", "e4")'
    assert newest["Before"] == '{"grade": "=1+1"}'
    assert len(newest["Hash"]) == 64


def test_the_page_links_to_the_csv_of_the_same_filters_issue_21_6(client, trail):
    client.force_login(trail["admin"])
    html = client.get(TRAIL, {"person": "system", "page": "1"}).content.decode()
    assert 'href="/audit/csv/?person=system"' in html
    assert "Download this entry as CSV" in html


def test_every_action_is_shown_in_plain_words_not_as_code_issue_21_6(client, trail):
    client.force_login(trail["admin"])
    html = client.get(TRAIL).content.decode()
    cells = [cell.strip() for cell in re.findall(r'<td class="govuk-table__cell">([^<]*)', html)]
    assert "Council&#x27;s programme plan changed" in cells
    assert "Councils loaded" in cells
    assert not [cell for cell in cells if A_VERB.match(cell.strip())]
    assert SYSTEM_ACTOR_NAME in cells


def _verbs_in_the_code() -> tuple[dict[str, str], dict[str, str]]:
    """Every action code the services give `audit_record` (directly, through a constant, or
    through a function that passes its `verb` on), and the f-string ones as patterns: read
    from the code, not listed by hand, so a new action is found the day it is written."""
    verbs, patterns = {}, {}
    for path in ECM.rglob("*.py"):
        if {"tests", "migrations"} & set(path.parts):
            continue
        tree = ast.parse(path.read_text())
        names: dict[str, set[str]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    pairs = (
                        zip(target.elts, node.value.elts, strict=False)
                        if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple)
                        else [(target, node.value)]
                    )
                    for name, value in pairs:
                        if isinstance(name, ast.Name):
                            names.setdefault(name.id, set()).update(_strings(value, {})[0])
        for node in ast.walk(tree):
            value = None
            if isinstance(node, ast.keyword) and node.arg == "verb":
                value = node.value
            if isinstance(node, ast.Assign) and _names_verb(node.targets):
                value = node.value
            if value is not None:
                found, shapes = _strings(value, names)
                for verb in found:
                    if A_VERB.match(verb):
                        verbs.setdefault(verb, str(path.relative_to(ECM.parent)))
                for shape in shapes:
                    patterns.setdefault(shape, str(path.relative_to(ECM.parent)))
    return verbs, patterns


def _names_verb(targets) -> bool:
    return any(isinstance(target, ast.Name) and target.id == "verb" for target in targets)


def _strings(node, names) -> tuple[set[str], set[str]]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}, set()
    if isinstance(node, ast.IfExp):
        body, body_shapes = _strings(node.body, names)
        other, other_shapes = _strings(node.orelse, names)
        return body | other, body_shapes | other_shapes
    if isinstance(node, ast.Name):
        return set(names.get(node.id, ())), set()
    if isinstance(node, ast.JoinedStr):
        shape = "".join(
            re.escape(part.value) if isinstance(part, ast.Constant) else "[a-z_]+"
            for part in node.values
        )
        return set(), {shape}
    return set(), set()


def test_every_action_in_the_code_has_plain_words_issue_21_6():
    """A new `audit_record(verb=...)` fails here until ecm/audit/verbs.py gives it words."""
    verbs, patterns = _verbs_in_the_code()
    assert len(verbs) > 100  # the scan reads the services, not nothing
    missing = sorted(f"{verb} ({where})" for verb, where in verbs.items() if verb not in VERB_WORDS)
    assert not missing, "Actions with no plain words in ecm/audit/verbs.py: " + ", ".join(missing)
    for shape, where in patterns.items():
        assert any(re.fullmatch(shape, verb) for verb in VERB_WORDS), (shape, where)


def test_an_action_not_in_the_table_yet_still_reads_as_words_issue_21_6():
    assert verb_words("feed.token_shown") == "Feed: token shown"
    assert verb_words("jar.something_new") == "Joint area review: something new"
    assert verb_words("plan.changed") == "Council's programme plan changed"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (_date("on_or_after", "2007-02-31"), forms.NOT_A_REAL_DATE.format(what="'from'")),
        (_date("on_or_before", "2007-13-01"), forms.NOT_A_REAL_DATE.format(what="'to'")),
        (_date("on_or_after", "07-10-01"), forms.YEAR_IN_FULL),
        (
            {
                "on_or_after_0": "1",
                "on_or_after_1": "99999999999999999999",
                "on_or_after_2": "2007",
            },
            forms.NOT_A_REAL_DATE.format(what="'from'"),
        ),
        ({"on_or_after_0": "1", "on_or_after_2": "2007"}, "Enter the month"),
        (
            {"on_or_after_0": "x", "on_or_after_1": "1", "on_or_after_2": "2007"},
            "Enter a valid date",
        ),
        (
            {**_date("on_or_after", "2007-10-02"), **_date("on_or_before", "2007-10-01")},
            forms.TO_BEFORE_FROM,
        ),
        ({"council": "abc"}, forms.UNKNOWN_COUNCIL),
        ({"council": "999999"}, forms.UNKNOWN_COUNCIL),
        ({"person": "nobody"}, forms.UNKNOWN_PERSON),
        ({"kind": "auth.permission"}, forms.UNKNOWN_KIND),
        ({"action": "council."}, forms.UNKNOWN_ACTION),
        ({"number": "42"}, forms.NUMBER_WITHOUT_KIND),
        ({"kind": "authorities.council", "number": "<script>"}, forms.BAD_NUMBER),
        ({"kind": "authorities.council", "number": "1" * 65}, forms.BAD_NUMBER),
    ],
)
def test_wrong_filters_are_answered_with_a_message_not_an_error_page_issue_21_6(
    client, trail, query, message
):
    client.force_login(trail["admin"])
    page = client.get(TRAIL, query)
    assert page.status_code == 200
    html = page.content.decode()
    assert "There is a problem" in html
    assert page.context["form"].errors
    assert message.replace("'", "&#x27;") in html
    assert page.context["page"] is None
    assert "<title>Error: Audit trail" in html


def test_the_csv_of_wrong_filters_goes_back_to_the_page_that_says_why_issue_21_6(client, trail):
    client.force_login(trail["admin"])
    response = client.get(CSV_URL, {"council": "abc"})
    assert response.status_code == 302
    assert response["Location"] == "/audit/?council=abc"


@pytest.mark.parametrize("who", ["hmi", "link_officer", "brm"])
@pytest.mark.parametrize("url", [TRAIL, CSV_URL])
def test_only_programme_administrators_read_the_trail_issue_21_6(client, request, who, url):
    """A council's link officer does not read even its own council's entries: they hold the
    inspectors' judgements before the final letter publishes them (ADR 0036)."""
    client.force_login(request.getfixturevalue(who))
    assert client.get(url).status_code == 404
