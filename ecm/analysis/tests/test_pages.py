"""The analysis stage's pages through Django's test client (issue 5; 002 §B-§F; DOMAIN.md §3):
stale forms refused, private entries hidden, the Step 1 rules shown on the form, Step 4's
judgements, warnings and signatures, the pack's uploads and search, history, the export, the
council kept out, and a fixed number of queries whatever the notebook's size."""

import hashlib
from datetime import date

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecm.analysis import consistency
from ecm.analysis.content import ENTRY, SUMMATIVE, CapacityDimension, Tag
from ecm.analysis.models import (
    AreaSummary,
    Entry,
    EntryKind,
    EvidenceKind,
    PackItem,
    PackText,
    Revision,
    Signature,
    SummativeJudgement,
)
from ecm.analysis.pack import BriefingSource
from ecm.analysis.services import judgements as steps
from ecm.analysis.services import notebook
from ecm.analysis.services.notebook import GRADE_AT_STEP_1
from ecm.analysis.tests.fixtures import BRIEFING_TEXT, docx_bytes
from ecm.core.grade_numbers import quoted
from ecm.core.locking import stale_message
from ecm.core.uploads.refusals import DOCUMENT_WRONG_TYPE
from ecm.framework.models import AreaKind

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FIRST_FINDING = "Immunisation is well above similar councils and still rising."


# --- helpers ----------------------------------------------------------------------------------


def page_url(name: str, assessment, **kwargs) -> str:
    return reverse(f"analysis:{name}", kwargs={"pk": assessment.pk, **kwargs})


def parsed(response):
    return lxml.html.fromstring(response.content.decode())


def _with_class(tag: str, css: str) -> str:
    return f"//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {css} ')]"


def text_of(nodes) -> str:
    """The visible words of the nodes, whitespace collapsed."""
    return " ".join(" ".join(n.text_content().split()) for n in nodes)


def error_summary(response) -> str:
    return text_of(parsed(response).xpath(_with_class("div", "govuk-error-summary")))


def field_error(response, field: str) -> str:
    return text_of(parsed(response).xpath(f"//span[@id='id_{field}_1_error']"))


def banners(response) -> list[tuple[bool, str]]:
    """Each notification banner of the page: (is a success banner, its words)."""
    return [
        ("govuk-notification-banner--success" in node.get("class"), text_of([node]))
        for node in parsed(response).xpath(_with_class("div", "govuk-notification-banner"))
    ]


def hidden_value(response, name: str) -> str:
    (node,) = parsed(response).xpath(f"//input[@type='hidden'][@name='{name}']")
    return node.get("value", "")


def stale_refusal(*, what: str, revision: Revision) -> str:
    who = revision.revised_by.get_full_name() or revision.revised_by.email
    return stale_message(what=what, who=who, when=revision.revised_at)


def judgement_of(assessment, code: str):
    return next(j for j in steps.required_judgements(assessment) if j.code == code)


def judge(assessment, code: str, actor, *, grade=3, entries=(), shown=None, reason=""):
    return steps.summative_save(
        assessment=assessment,
        judgement=judgement_of(assessment, code),
        actor=actor,
        shown=shown,
        grade=grade,
        rationale=f"Graded {grade} on the evidence",
        entries=list(entries),
        reason=reason,
    )


def judged_title(judgement) -> str:
    """What the Step 4 service calls a judgement in its messages."""
    return f"the judgement on {judgement.title[:1].lower() + judgement.title[1:]}"


# --- concurrent edits never silently overwrite (quality bar; issue 5 §7) ----------------------


def test_a_stale_change_the_finding_form_is_refused_and_nothing_saved(
    client, assessment, make_entry, hmi, brm
):
    """Issue 5 quality bar, "concurrent edits never silently overwrite", and issue 5 §7: a
    change is a new revision checked against the revision the page showed."""
    entry = make_entry(actor=hmi, shared=True)
    url = page_url("entry-revise", assessment, entry_pk=entry.pk)
    client.force_login(hmi)
    shown = hidden_value(client.get(url), "shown")
    assert shown == "1"

    brm_finding = "Immunisation is well above similar councils; the BRM checked the 2006 trend."
    notebook.entry_revise(
        entry=entry, actor=brm, shown=1, reason="Trend checked", finding=brm_finding,
        kind=EntryKind.STRENGTH, key_judgements=[], tags=[Tag.SOCIAL_CARE], capacity=[],
    )  # fmt: skip
    response = client.post(
        url,
        {
            "finding": "Immunisation is a clear strength.",
            "kind": EntryKind.STRENGTH,
            "reason": "My day-1 reading",
            "shown": shown,
        },
    )

    assert response.status_code == 200
    entry.refresh_from_db()
    current = entry.current
    assert (current.number, current.revised_by, current.content["finding"]) == (2, brm, brm_finding)
    assert Revision.objects.filter(subject=ENTRY, subject_id=entry.pk).count() == 2
    assert stale_refusal(what="this entry", revision=current) in error_summary(response)


def test_a_stale_step_4_judgement_form_is_refused_and_nothing_saved(client, assessment, hmi, brm):
    """Issue 5 quality bar, "concurrent edits never silently overwrite"; issue 5 §5, §7: a
    judgement changed while the other inspector's page was open is not overwritten."""
    saved = judge(assessment, "staying_safe", hmi, grade=3)
    url = page_url("step4-judgement", assessment, code="staying_safe")
    client.force_login(hmi)
    shown = hidden_value(client.get(url), "shown")
    assert shown == "1"

    judge(assessment, "staying_safe", brm, grade=2, shown=1, reason="Re-registrations rose")
    response = client.post(
        url,
        {"grade": "4", "rationale": "Outstanding", "reason": "My reading", "shown": shown},
    )

    assert response.status_code == 200
    saved = SummativeJudgement.objects.get(pk=saved.pk)
    current = saved.current
    assert (current.number, current.revised_by, current.content["grade"]) == (2, brm, 2)
    assert Revision.objects.filter(subject=SUMMATIVE, subject_id=saved.pk).count() == 2
    what = judged_title(judgement_of(assessment, "staying_safe"))
    assert stale_refusal(what=what, revision=current) in error_summary(response)


def test_a_step_4_judgement_first_written_by_the_other_inspector_is_not_overwritten(
    client, assessment, hmi, brm
):
    """Issue 5 quality bar, "concurrent edits never silently overwrite": both open the blank
    judgement, the BRM saves first; the HMI's first-write form does not replace it."""
    url = page_url("step4-judgement", assessment, code="staying_safe")
    client.force_login(hmi)
    assert hidden_value(client.get(url), "shown") == ""

    saved = judge(assessment, "staying_safe", brm, grade=2)
    response = client.post(url, {"grade": "4", "rationale": "Outstanding", "shown": ""})

    assert response.status_code == 200
    current = SummativeJudgement.objects.get(pk=saved.pk).current
    assert (current.number, current.revised_by, current.content["grade"]) == (1, brm, 2)
    assert error_summary(response)


@pytest.mark.parametrize(
    ("name", "kwargs", "form"),
    [
        (
            "step4-judgement",
            {"code": "staying_safe"},
            {"grade": "4", "rationale": "Outstanding"},
        ),
        (
            "step2",
            {"code": "staying_safe"},
            {"education_grade": "4", "education_text": "Outstanding", "moderation": ""},
        ),
    ],
)
def test_a_first_write_form_resent_with_a_reason_does_not_overwrite_the_other_inspectors(
    client, assessment, outcomes, hmi, brm, name, kwargs, form
):
    """Issue 5 quality bar, "concurrent edits never silently overwrite": the HMI opens a blank
    Step 2 summary or Step 4 judgement, the BRM saves first, the HMI's save is refused, and
    the HMI sends the same form again with the reason it now asks for: the BRM's words, which
    the HMI has never been shown, must still stand."""
    url = page_url(name, assessment, **kwargs)
    client.force_login(hmi)
    assert hidden_value(client.get(url), "shown") == ""
    if name == "step2":
        saved = steps.area_summary_save(
            assessment=assessment, outcome=outcomes["staying_safe"], actor=brm, shown=None,
            strands={"education": {"grade": 2, "text": "Adequate", "entries": []}}, moderation="",
        )  # fmt: skip
    else:
        saved = judge(assessment, "staying_safe", brm, grade=2)

    refused = client.post(url, {**form, "shown": ""})
    assert refused.status_code == 200
    again = client.post(
        url, {**form, "shown": hidden_value(refused, "shown"), "reason": "My reading"}
    )

    current = type(saved).objects.get(pk=saved.pk).current
    assert (current.number, current.revised_by) == (1, brm)
    assert again.status_code == 200


# --- day 1 apart (002 §D) ---------------------------------------------------------------------


@pytest.fixture
def entry_pages(assessment):
    def pages(entry) -> dict[str, str]:
        return {
            "entry": page_url("entry", assessment, entry_pk=entry.pk),
            "revise": page_url("entry-revise", assessment, entry_pk=entry.pk),
            "history": page_url("history", assessment, subject=ENTRY, subject_id=entry.pk),
        }

    return pages


def test_a_private_entry_is_404_to_the_other_inspector_until_shared_002_D(
    client, assessment, make_entry, entry_pages, hmi, brm
):
    """002 §D day 1: the HMI and BRM work apart; an entry is its author's alone until shared
    (days 2-3 together). Refused is 404, as for a missing page (DESIGN.md example 5)."""
    entry = make_entry(actor=hmi)
    pages = entry_pages(entry)
    area = page_url("area", assessment, code="being_healthy")

    client.force_login(hmi)
    assert {name: client.get(u).status_code for name, u in pages.items()} == dict.fromkeys(
        pages, 200
    )
    client.force_login(brm)
    assert {name: client.get(u).status_code for name, u in pages.items()} == dict.fromkeys(
        pages, 404
    )
    assert f"E{entry.pk} " not in text_of(parsed(client.get(area)).xpath("//main"))

    notebook.entry_share(entry=entry, actor=hmi)

    assert {name: client.get(u).status_code for name, u in pages.items()} == dict.fromkeys(
        pages, 200
    )
    assert f"E{entry.pk} " in text_of(parsed(client.get(area)).xpath("//main"))


# --- Step 1 (002 §F step 1) -------------------------------------------------------------------


def missing_social_care(response) -> list[str]:
    """The outcomes the notebook's warning names as still lacking a social-care comment."""
    words = text_of(parsed(response).xpath(_with_class("div", "govuk-warning-text")))
    if "still needed for " not in words:
        return []
    listed = words.split("still needed for ", 1)[1].split(" (the handbook, section F, step 1)")[0]
    return listed.split(", ")


def test_the_notebook_lists_the_outcomes_lacking_a_social_care_comment_002_F_step_1(
    client, assessment, outcomes, make_entry, hmi, brm
):
    """002 §F step 1: "A specific comment is required on social care responsibilities" for
    every outcome; a shared entry tagged social care answers it for its outcome."""
    ordered = sorted(outcomes.values(), key=lambda o: o.order)
    five = [o.title for o in ordered if o.kind == AreaKind.OUTCOME]
    assert len(five) == 5
    url = page_url("notebook", assessment)
    client.force_login(brm)
    assert missing_social_care(client.get(url)) == five

    make_entry(actor=hmi, finding="Looked after children wait too long for health checks.")
    entry = make_entry(
        actor=hmi, finding="Social care assessments of disabled children are timely.",
        tags=[Tag.SOCIAL_CARE],
    )  # fmt: skip
    assert missing_social_care(client.get(url)) == five  # the HMI's, still private

    notebook.entry_share(entry=entry, actor=hmi)

    assert missing_social_care(client.get(url)) == [
        t for t in five if t != outcomes["being_healthy"].title
    ]


def test_the_step_1_form_refuses_a_grade_in_numbers_on_the_finding_002_F_step_1(
    client, assessment, hmi
):
    """002 §F step 1: "Grading is not required but the words used should indicate clearly where
    the emerging judgements lie": a finding stating a grade is refused on its field."""
    url = page_url("entry-add", assessment, code="being_healthy")
    client.force_login(hmi)

    response = client.post(
        url, {"finding": "Grade 3: outcomes are consistently good.", "kind": EntryKind.STRENGTH}
    )

    assert response.status_code == 200
    message = GRADE_AT_STEP_1.format(found=quoted(["Grade 3"]))
    assert message in field_error(response, "finding")
    assert message in error_summary(response)
    assert not Entry.objects.exists()
    words = {"finding": "Outcomes are a clear strength.", "kind": EntryKind.STRENGTH}
    assert client.post(url, words).status_code == 302
    assert Entry.objects.get().current.content["finding"] == words["finding"]


# --- Step 4 (002 §F step 4; DOMAIN.md §7; issue 5 §5-§6) -------------------------------------


@pytest.mark.parametrize(("year", "count"), [(2005, 4), (2006, 3), (2007, 7)])
def test_step_4_lists_the_judgements_of_the_rounds_set_DOMAIN_7(
    client, make_assessment, council, hmi, year, count
):
    """DOMAIN.md §7 and 002 §E.i: 2005 makes four judgements, 2006 three, 2007 seven; Step 4
    lists exactly those of the round's judgement set."""
    assessment = make_assessment(council=council, year=year)
    client.force_login(hmi)

    response = client.get(page_url("step4", assessment))

    assert response.status_code == 200
    page = parsed(response)
    assert f"The {count} judgements " in text_of(page.xpath("//main//p"))
    keys = page.xpath(_with_class("dt", "govuk-summary-list__key"))
    assert [text_of([k]) for k in keys] == [j.title for j in steps.required_judgements(assessment)]


def test_signing_twice_both_signing_and_a_later_change_on_the_step_4_page_issue_5_5(
    client, assessment, hmi, brm
):
    """002 §F step 4 and issue 5 §5: both inspectors sign the judgements; one inspector cannot
    sign twice; any later change clears both signatures ("Not signed yet")."""
    for judgement in steps.required_judgements(assessment):
        judge(assessment, judgement.code, hmi)
    step4, sign = page_url("step4", assessment), page_url("sign", assessment)

    client.force_login(hmi)
    assert (True, "Success You signed the summative judgements") in banners(
        client.post(sign, follow=True)
    )
    again = client.post(sign, follow=True)
    assert (False, f"Important {steps.ALREADY_SIGNED}") in banners(again)
    assert Signature.objects.filter(assessment=assessment).count() == 1
    assert "Sign the judgements" not in text_of(parsed(again).xpath("//main//button"))

    client.force_login(brm)
    assert client.post(sign).status_code == 302
    page = client.get(step4)
    words = text_of(parsed(page).xpath("//main"))
    assert "Both inspectors have signed these judgements." in words
    assert f"Signed by {hmi}" in words and f"Signed by {brm}" in words

    changed = client.post(
        page_url("step4-judgement", assessment, code="staying_safe"),
        {"grade": "2", "rationale": "Only minimum requirements", "reason": "Moderation query",
         "shown": "1"},
    )  # fmt: skip
    assert changed.status_code == 302
    page = client.get(step4)
    words = text_of(parsed(page).xpath("//main"))
    assert "Not signed yet." in words
    assert "Both inspectors have signed" not in words
    assert "Signatures cleared by later changes" in words
    assert not Signature.objects.filter(assessment=assessment, cleared_at__isnull=True).exists()


def warning_items(response) -> list[str]:
    return [text_of([li]) for li in parsed(response).xpath("//div[@id='warnings']//li")]


def test_step_4_shows_the_warnings_with_their_source_002_E_iv(
    client, make_assessment, council, make_entry, hmi
):
    """002 §E.iv: "for an overall grade 4 there must be secure evidence that at least one
    service is delivering at this level"; the 2005 set grades education and social care, and
    each warning names the rule it comes from."""
    assessment = make_assessment(council=council, year=2005)
    evidence = make_entry(actor=hmi, on=assessment, shared=True)
    judge(assessment, "overall", hmi, grade=4, entries=[evidence.pk])
    judge(assessment, "education", hmi, grade=3, entries=[evidence.pk])
    judge(assessment, "social_care", hmi, grade=3, entries=[evidence.pk])
    client.force_login(hmi)
    url = page_url("step4", assessment)

    shown = warning_items(client.get(url))

    assert f"{consistency.OVERALL_4_WITHOUT_A_SERVICE_AT_4} (the handbook, section E.iv)" in shown

    judge(assessment, "education", hmi, grade=4, entries=[evidence.pk], shown=1, reason="Secure")
    assert not any(
        w.startswith(consistency.OVERALL_4_WITHOUT_A_SERVICE_AT_4)
        for w in warning_items(client.get(url))
    )


# --- the information pack (002 §B, §C; issue 5 §1) --------------------------------------------


def upload_form(file, **fields) -> dict:
    return {
        "source_type": BriefingSource.YOUTH_JUSTICE_BOARD,
        "title": "Youth offending briefing",
        "source": "Youth Justice Board",
        "dated": "1 5 2007",
        "file": file,
        **fields,
    }


def test_the_upload_page_refuses_text_named_pdf_and_adds_nothing_ADR_0014(client, assessment, hmi):
    """Issue 5 §1 and ADR 0014: a document is checked by its content, not its name."""
    client.force_login(hmi)
    text = SimpleUploadedFile("briefing.pdf", b"Just some text, not a PDF.")

    response = client.post(
        page_url("pack-upload", assessment, category="briefing"), upload_form(text)
    )

    assert response.status_code == 200
    assert DOCUMENT_WRONG_TYPE in field_error(response, "file")
    assert not PackItem.objects.exists() and not PackText.objects.exists()


def test_an_uploaded_docx_briefing_is_listed_under_its_source_002_C_i(client, assessment, hmi):
    """002 §C.i: briefings come from seven sources; the pack lists each under its source."""
    client.force_login(hmi)
    docx = SimpleUploadedFile("yot.docx", docx_bytes(BRIEFING_TEXT))

    response = client.post(
        page_url("pack-upload", assessment, category="briefing"), upload_form(docx)
    )

    assert response.status_code == 302
    item = PackItem.objects.get()
    assert (item.content_kind, item.dated) == ("docx", date(2007, 5, 1))
    page = parsed(client.get(page_url("pack", assessment)))
    label = BriefingSource.YOUTH_JUSTICE_BOARD.label
    (row,) = page.xpath(f"//tr[th[normalize-space()='{label}']]")
    (link,) = row.xpath(".//a")
    assert link.text_content() == "Youth offending briefing"
    assert link.get("href") == page_url("pack-item", assessment, item_pk=item.pk)
    (csci,) = page.xpath("//tr[th[normalize-space()='CSCI']]")
    assert "None received" in text_of([csci])


def test_a_pack_item_downloads_as_an_attachment_issue_5_1(client, assessment, pack_briefing, hmi):
    """Issue 5 §1: the pack keeps the file as uploaded; it downloads, it is not shown inline."""
    client.force_login(hmi)

    response = client.get(page_url("pack-item", assessment, item_pk=pack_briefing.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="briefing.docx"' in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == pack_briefing.sha256


def test_search_marks_a_word_of_an_uploaded_briefing_issue_5_1(
    client, assessment, pack_briefing, hmi
):
    """Issue 5 §1: full-text search across the pack, the words found marked."""
    client.force_login(hmi)

    response = client.get(page_url("search", assessment), {"q": "entrants"})

    page = parsed(response)
    (hit,) = page.xpath(_with_class("ol", "ecm-results") + "/li")
    assert hit.xpath(".//a")[0].get("href") == page_url(
        "pack-item", assessment, item_pk=pack_briefing.pk
    )
    assert [m.text_content().lower() for m in hit.xpath(".//mark")] == ["entrants"]
    assert "<mark>" in response.content.decode()


@pytest.mark.parametrize("query", [None, "", "   "])
def test_search_with_no_words_shows_no_results_list(client, assessment, pack_briefing, hmi, query):
    """Issue 5 §1: nothing typed, nothing searched: no list and no "0 results"."""
    client.force_login(hmi)

    response = client.get(page_url("search", assessment), {} if query is None else {"q": query})

    assert response.status_code == 200
    page = parsed(response)
    assert not page.xpath(_with_class("ol", "ecm-results"))
    assert "result" not in text_of(page.xpath("//main//h2"))


@pytest.mark.parametrize("query", ["\x00", "exclusions\x00", "a\x1bb", "x" * 201])
def test_a_search_with_control_characters_or_too_long_is_refused_clearly_issue_21_7(
    client, assessment, pack_briefing, hmi, query
):
    """Issue 21 §7: `?q=%00` was an HTTP 500 ("unterminated string"); now the page says what
    is wrong beside the box, and nothing is searched."""
    client.force_login(hmi)

    response = client.get(page_url("search", assessment), {"q": query})

    assert response.status_code == 400
    page = parsed(response)
    assert page.xpath(_with_class("p", "govuk-error-message"))
    assert not page.xpath(_with_class("ol", "ecm-results"))


# --- history (issue 5 §7) ---------------------------------------------------------------------


def test_the_history_page_compares_two_revisions_word_by_word_issue_5_7(
    client, assessment, make_entry, hmi
):
    """Issue 5 §7: nothing is edited in place; any two revisions can be compared, words
    removed struck through (<del>) and words added marked (<ins>)."""
    entry = make_entry(actor=hmi, finding=FIRST_FINDING)
    notebook.entry_revise(
        entry=entry, actor=hmi, shown=1, reason="Latest year", kind=EntryKind.STRENGTH,
        finding="Immunisation is well above similar councils but falling.",
        key_judgements=[], tags=[], capacity=[],
    )  # fmt: skip
    url = page_url("history", assessment, subject=ENTRY, subject_id=entry.pk)
    client.force_login(hmi)

    for params in ({}, {"a": "1", "b": "2"}):
        page = parsed(client.get(url, params))
        (finding,) = page.xpath("//dl[contains(@class, 'ecm-compare')]//div[dt='Finding']/dd")
        assert [d.text_content() for d in finding.xpath(".//del")] == ["and still rising."]
        assert [i.text_content() for i in finding.xpath(".//ins")] == ["but falling."]
        assert "Latest year" in text_of(page.xpath("//table"))

    same = parsed(client.get(url, {"a": "2", "b": "2"}))
    assert not same.xpath("//dl//del") and not same.xpath("//dl//ins")


# --- the export (issue 5 §7) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("steps_", "fmt", "content_type", "magic"),
    [("1-4", "pdf", "application/pdf", b"%PDF"), ("2-4", "docx", DOCX, b"PK")],
)
def test_the_notebook_exports_as_pdf_and_docx_issue_5_7(
    client, assessment, hmi, steps_, fmt, content_type, magic
):
    """Issue 5 §7: the notebook as a document, Steps 1-4, or Steps 2-4 for moderation (002 §H)."""
    client.force_login(hmi)

    response = client.get(page_url("export", assessment, steps=steps_, fmt=fmt))

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert f'-steps-{steps_}.{fmt}"' in response["Content-Disposition"]
    assert response.content.startswith(magic)


@pytest.mark.parametrize(("steps_", "fmt"), [("3-4", "pdf"), ("1-3", "docx"), ("1-4", "odt")])
def test_an_unknown_export_is_404_issue_5_7(client, assessment, hmi, steps_, fmt):
    """Issue 5 §7: only Steps 1-4 and Steps 2-4, only as PDF or DOCX."""
    client.force_login(hmi)

    assert client.get(page_url("export", assessment, steps=steps_, fmt=fmt)).status_code == 404


# --- the council never reaches the analysis (issue 5 §8) --------------------------------------


COUNCIL_REFUSED = [
    ("pack", {}),
    ("search", {}),
    ("notebook", {}),
    ("area", {"code": "being_healthy"}),
    ("hypotheses", {}),
    ("step3", {}),
    ("step4", {}),
    ("export", {"steps": "1-4", "fmt": "pdf"}),
    ("export", {"steps": "2-4", "fmt": "docx"}),
]


@pytest.mark.parametrize(("name", "kwargs"), COUNCIL_REFUSED)
def test_the_councils_link_officer_gets_404_on_the_analysis_issue_5_8(
    client, assessment, link_officer, hmi, name, kwargs
):
    """Issue 5 §8 (DOMAIN.md §1): council users never reach the pack (briefings they have not
    seen), the notebook or the judgements; a refusal is a 404, as for a missing page."""
    assert link_officer.council == assessment.council
    url = page_url(name, assessment, **kwargs)
    client.force_login(hmi)
    assert client.get(url).status_code == 200

    client.force_login(link_officer)

    assert client.get(url).status_code == 404


def test_the_link_officer_gets_404_on_a_pack_item_and_a_shared_entry_issue_5_8(
    client, assessment, link_officer, pack_briefing, make_entry, hmi
):
    """Issue 5 §8: nor a briefing's file, nor a shared entry of the notebook."""
    entry = make_entry(actor=hmi, shared=True)
    client.force_login(link_officer)

    assert client.get(page_url("pack-item", assessment, item_pk=pack_briefing.pk)).status_code == (
        404
    )
    assert client.get(page_url("entry", assessment, entry_pk=entry.pk)).status_code == 404


# --- a fixed number of queries (issue 5 quality bar) ------------------------------------------


AREAS = [
    "being_healthy",
    "staying_safe",
    "enjoying_achieving",
    "positive_contribution",
    "economic_wellbeing",
    "service_management",
]


@pytest.fixture
def grow(assessment, outcomes, make_entry, pack_briefing, hmi, brm):
    """Grow the notebook to `total` entries across the areas: private and shared, by both
    inspectors, tagged, with evidence, linked from Step 2 and Step 4."""

    def grow(total: int) -> list[Entry]:
        while (count := Entry.objects.filter(assessment=assessment).count()) < total:
            author = (hmi, brm)[count % 2]
            entry = make_entry(
                actor=author, outcome=AREAS[count % len(AREAS)],
                finding=f"Finding number {count}: a clear strength.",
                tags=[Tag.SOCIAL_CARE, Tag.LAC][: count % 3],
                capacity=[CapacityDimension.DIRECTION_OF_TRAVEL], shared=count % 4 != 3,
            )  # fmt: skip
            notebook.evidence_add(
                entry=entry, actor=author, kind=EvidenceKind.BRIEFING,
                note="The briefing says so", pack_item=pack_briefing, page="1",
            )  # fmt: skip
        shared = list(Entry.objects.filter(assessment=assessment, shared_at__isnull=False))
        ids = [e.pk for e in shared]
        for code in ("being_healthy", "capacity_to_improve"):
            saved = SummativeJudgement.objects.filter(
                assessment=assessment, judgement=judgement_of(assessment, code)
            ).first()
            shown = saved.current.number if saved else None
            judge(assessment, code, hmi, entries=ids, shown=shown, reason="More evidence")
        summary = AreaSummary.objects.filter(
            assessment=assessment, outcome=outcomes["being_healthy"]
        ).first()
        steps.area_summary_save(
            assessment=assessment, outcome=outcomes["being_healthy"], actor=hmi,
            shown=summary.current.number if summary else None, reason="More evidence",
            strands={"capacity": {"grade": 3, "text": "Improving", "entries": ids}}, moderation="",
        )  # fmt: skip
        return shared

    return grow


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("name", "kwargs"), [("notebook", {}), ("area", {"code": "being_healthy"}), ("step4", {})]
)
def test_a_page_reads_in_a_fixed_number_of_queries_whatever_the_notebooks_size(
    client, assessment, grow, hmi, name, kwargs
):
    """Issue 5 quality bar: "a fixed number of queries" whatever the notebook's size: the same
    count for 3 entries as for 30."""
    url = page_url(name, assessment, **kwargs)
    client.force_login(hmi)
    grow(3)
    client.get(url)  # warm any per-process cache before measuring
    few = queries_for(client, url)

    shared = grow(30)

    many = queries_for(client, url)
    assert len(shared) > 20
    assert many == few, f"{name}: {few} queries for 3 entries, {many} for 30"


@pytest.mark.parametrize("name", ["step3", "step4"])
def test_steps_3_and_4_read_in_a_fixed_number_of_queries_whatever_step_2_holds(
    client, assessment, outcomes, hmi, name
):
    """Issue 5 quality bar: "a fixed number of queries" whatever the notebook's size: the
    warnings read every Step 2 summary, the same count for one summary as for six."""
    url = page_url(name, assessment)
    client.force_login(hmi)

    def summarise(code: str) -> None:
        steps.area_summary_save(
            assessment=assessment, outcome=outcomes[code], actor=hmi, shown=None, moderation="",
            strands={"education": {"grade": 3, "text": "Consistently good", "entries": []}},
        )  # fmt: skip

    summarise(AREAS[0])
    client.get(url)
    one = queries_for(client, url)
    for code in AREAS[1:]:
        summarise(code)

    six = queries_for(client, url)
    assert six == one, f"{name}: {one} queries for one Step 2 summary, {six} for six"
