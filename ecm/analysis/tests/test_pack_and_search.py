"""The information pack (002 §B, §C; issue 5 §1): uploads checked by content, the handbook's
kinds of briefing and supporting document, full-text search on both database engines, and the
pre-analysis checklist."""

import zoneinfo
from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ecm.analysis.models import ChecklistTick, PackItem, PackText
from ecm.analysis.pack import CHECKLIST_CODES, BriefingSource, PackCategory, SupportingType
from ecm.analysis.search import pack_search
from ecm.analysis.services import pack as pack_services
from ecm.analysis.tests.fixtures import SA_HEALTHY, SA_HEALTHY_TEXT, docx_bytes
from ecm.audit.models import AuditEntry
from ecm.core.uploads import refusals as documents
from ecm.self_assessment import services as sa_services

pytestmark = pytest.mark.django_db


def refused(upload_item, assessment, *args, **fields) -> dict:
    with pytest.raises(ValidationError) as caught:
        upload_item(assessment, *args, **fields)
    return caught.value.message_dict


# --- uploads (issue 5 §1; ADR 0014) -----------------------------------------------------------


def test_a_briefing_is_kept_with_its_checksum_text_and_audit_issue_5_1(pack_briefing, hmi):
    assert pack_briefing.category == PackCategory.BRIEFING
    assert pack_briefing.content_kind == "docx" and len(pack_briefing.sha256) == 64
    assert pack_briefing.uploaded_by == hmi and pack_briefing.file.read()[:2] == b"PK"
    (text,) = PackText.objects.filter(origin="pack_item", origin_id=pack_briefing.pk)
    assert "first-time entrants" in text.body and text.location == ""
    audited = AuditEntry.objects.get(verb="pack.item_uploaded")
    assert audited.actor == hmi and audited.after["sha256"] == pack_briefing.sha256
    assert audited.reason == "Added to the information pack: Youth Justice Board briefing"


def test_a_pdf_keeps_its_page_count_and_one_text_row_per_page(pack_document):
    assert pack_document.content_kind == "pdf" and pack_document.pages == 2
    rows = PackText.objects.filter(origin="pack_item", origin_id=pack_document.pk)
    assert sorted(rows.values_list("location", "body")) == [
        ("page 1", "Audit letter first page."),
        ("page 2", "Use of resources is adequate."),
    ]


def test_a_pdf_name_with_text_content_is_refused_by_content_ADR_0014(assessment, upload_item):
    errors = refused(upload_item, assessment, b"Just some text, not a PDF.", name="briefing.pdf")

    assert errors == {"file": [documents.DOCUMENT_WRONG_TYPE]}
    assert not PackItem.objects.exists() and not PackText.objects.exists()


def test_an_empty_file_is_refused(assessment, upload_item, make_upload):
    errors = refused(upload_item, assessment, upload=make_upload(b"", "empty.docx"))

    assert errors == {"file": [documents.DOCUMENT_EMPTY]}


def test_a_docx_named_pdf_is_accepted_as_docx_by_content(assessment, upload_item):
    item = upload_item(assessment, docx_bytes("Named wrongly."), name="briefing.pdf")

    assert item.content_kind == "docx"


def test_the_seven_briefing_sources_are_those_of_002_C_i():
    assert BriefingSource.labels == [
        "Ofsted: schools causing concern",
        "Ofsted: LEA baseline information",
        "Ofsted: early years information",
        "Ofsted: youth service briefing",
        "DfES Children's Services Improvement Adviser",
        "Youth Justice Board (youth offending team)",
        "CSCI",
    ]


@pytest.mark.parametrize("source_type", BriefingSource.values)
def test_every_briefing_source_of_002_C_i_is_accepted(assessment, upload_item, source_type):
    item = upload_item(assessment, source_type=source_type)

    assert item.source_type == source_type and item.category == PackCategory.BRIEFING


@pytest.mark.parametrize(
    ("category", "source_type", "what"),
    [
        (PackCategory.BRIEFING, SupportingType.ANNUAL_AUDIT_LETTER, "briefing"),
        (PackCategory.BRIEFING, "rumour", "briefing"),
        (PackCategory.SUPPORTING, BriefingSource.CSCI, "document"),
        (PackCategory.SUPPORTING, "", "document"),
        ("dataset", SupportingType.OTHER, "document"),
    ],
)
def test_a_type_must_belong_to_its_category_002_C_i_and_ii(
    assessment, upload_item, category, source_type, what
):
    errors = refused(upload_item, assessment, category=category, source_type=source_type)

    assert errors == {"source_type": [pack_services.NO_TYPE.format(what=what)]}


def test_the_database_refuses_a_type_outside_its_category_002_C(assessment, pack_briefing):
    with pytest.raises(IntegrityError), transaction.atomic():
        PackItem.objects.filter(pk=pack_briefing.pk).update(
            source_type=SupportingType.ANNUAL_AUDIT_LETTER
        )


def test_a_supporting_document_of_002_C_ii_is_accepted(pack_document):
    assert pack_document.category == PackCategory.SUPPORTING
    assert pack_document.source_type_label == "Audit Commission annual audit letter"


def test_a_future_date_is_refused_and_today_accepted(assessment, upload_item):
    today = timezone.localdate()  # in Europe/London, whatever the server's clock says
    tomorrow = today + timedelta(days=1)

    assert refused(upload_item, assessment, dated=tomorrow) == {
        "dated": [pack_services.FUTURE_DATE]
    }
    assert refused(upload_item, assessment, dated=None) == {"dated": [pack_services.NO_DATE]}
    assert upload_item(assessment, dated=today).dated == today


def test_today_is_the_day_in_london_not_the_servers_clock(assessment, upload_item, monkeypatch):
    """Half past midnight in London (BST) is still the day before on a server kept in UTC: a
    document dated that London day is not from the future."""
    day = date.today() + timedelta(days=1)
    moment = datetime.combine(day, time(0, 30), tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    monkeypatch.setattr(timezone, "now", lambda: moment)

    assert upload_item(assessment, dated=day).dated == day
    assert refused(upload_item, assessment, dated=day + timedelta(days=1)) == {
        "dated": [pack_services.FUTURE_DATE]
    }


def test_every_problem_is_reported_at_once(assessment, upload_item, make_upload):
    errors = refused(
        upload_item, assessment, upload=make_upload(b""), title=" ", source="", source_type="x"
    )

    assert set(errors) == {"file", "title", "source", "source_type"}
    assert errors["title"] == [pack_services.NO_TITLE]
    assert errors["source"] == [pack_services.NO_SOURCE]


# --- search (issue 5 §1) ----------------------------------------------------------------------


def test_search_finds_a_word_on_page_two_of_a_pdf_and_names_the_page_issue_5_1(
    assessment, pack_document
):
    (hit,) = pack_search(assessment=assessment, query="resources")

    assert (hit.origin, hit.origin_id) == ("pack_item", pack_document.pk)
    assert hit.title == "Annual audit letter" and hit.location == "page 2"
    assert "<mark>resources</mark>" in hit.snippet


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("exclusions", "Fixed-term exclusion of pupils with statements has halved."),
        ("excluded", "The team is excluding fewer pupils from primary schools."),
        ("placement", "Placements of looked after children are more stable."),
    ],
)
def test_search_stems_english_words(assessment, upload_item, query, text):
    item = upload_item(assessment, docx_bytes(text))

    hits = pack_search(assessment=assessment, query=query)

    assert [h.origin_id for h in hits] == [item.pk]


def test_search_needs_every_word_of_the_query(assessment, pack_briefing, pack_document):
    assert pack_search(assessment=assessment, query="youth offending") != []
    assert pack_search(assessment=assessment, query="youth resources") == []


@pytest.mark.parametrize(
    "query",
    ['"youth offending', "(youth)", "youth*", '"youth" "offending"', "youth: offending"],
)
def test_search_syntax_in_a_query_is_read_as_words(assessment, pack_briefing, query):
    (hit,) = pack_search(assessment=assessment, query=query)

    assert hit.origin_id == pack_briefing.pk


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "*",
        "(",
        ")",
        "NEAR",
        "NEAR(youth team)",
        "-",
        "-youth",
        "youth OR",
        "AND",
        "^",
        "youth:team",
        "youth's",
        "title:youth",
        "{youth}",
        "youth + team",
        "'",
        "\\",
    ],
)
def test_search_syntax_characters_never_raise_an_error(assessment, pack_briefing, query):
    hits = pack_search(assessment=assessment, query=query)

    assert isinstance(hits, list) and all(h.origin_id == pack_briefing.pk for h in hits)


def test_a_blank_query_finds_nothing(assessment, pack_briefing):
    assert pack_search(assessment=assessment, query="   ") == []


def test_another_assessments_pack_never_appears(
    assessment, other_assessment, pack_briefing, upload_item
):
    theirs = upload_item(other_assessment, docx_bytes("Youth offending in the other council."))

    mine = pack_search(assessment=assessment, query="youth offending")
    others = pack_search(assessment=other_assessment, query="youth offending")

    assert [h.origin_id for h in mine] == [pack_briefing.pk]
    assert [h.origin_id for h in others] == [theirs.pk]


def test_the_submitted_self_assessments_answers_are_searchable_issue_5_1(
    assessment, link_officer, submit_self_assessment
):
    draft = sa_services.self_assessment_start(assessment=assessment, actor=link_officer)
    sa_services.answers_save(
        version=sa_services.version_current(draft),
        actor=link_officer,
        values={SA_HEALTHY: {"text": SA_HEALTHY_TEXT}},
        lock_versions={SA_HEALTHY: 0},
    )
    assert pack_search(assessment=assessment, query="immunisation") == []  # a draft is not in

    submitted = submit_self_assessment(assessment)

    (hit,) = pack_search(assessment=assessment, query="immunisation")
    assert (hit.origin, hit.origin_id) == ("self_assessment", submitted.pk)
    assert hit.title == "Self-assessment version 1"
    assert hit.location == "Part D: Being healthy, How good are the outcomes?"


def test_another_councils_self_assessment_is_not_searched(
    assessment, other_assessment, submit_self_assessment
):
    submit_self_assessment(other_assessment)

    assert pack_search(assessment=assessment, query="immunisation") == []
    assert len(pack_search(assessment=other_assessment, query="immunisation")) == 1


def test_the_councils_own_documents_are_searchable_by_page_issue_5_1(
    assessment, other_assessment, upload_council_document
):
    plan = upload_council_document(assessment)
    upload_council_document(other_assessment)

    (hit,) = pack_search(assessment=assessment, query="teenage conceptions")

    assert (hit.origin, hit.origin_id, hit.location) == ("sa_document", plan.pk, "page 2")


def test_a_snippet_is_escaped_except_for_its_marks(assessment, upload_item):
    upload_item(assessment, docx_bytes("Truancy <script>alert(1)</script> fell & stayed < 6%."))

    (hit,) = pack_search(assessment=assessment, query="truancy")

    assert "<mark>Truancy</mark>" in hit.snippet
    unmarked = hit.snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in unmarked and "&amp;" in unmarked


# --- the pre-analysis checklist (002 §B) ------------------------------------------------------


def ticked(assessment) -> set[str]:
    return set(ChecklistTick.objects.filter(assessment=assessment).values_list("code", flat=True))


def test_checklist_ticks_and_unticks_with_an_audit_entry_each_time_002_B(assessment, hmi, brm):
    pack_services.checklist_mark(assessment=assessment, actor=hmi, codes={"contacts", "dataset"})
    pack_services.checklist_mark(assessment=assessment, actor=brm, codes={"dataset", "briefings"})

    assert ticked(assessment) == {"dataset", "briefings"}
    tick = ChecklistTick.objects.get(assessment=assessment, code="dataset")
    assert tick.ticked_by == hmi
    audited = list(AuditEntry.objects.filter(verb="pack.checklist_marked").order_by("id"))
    assert [(a.actor, a.before, a.after) for a in audited] == [
        (hmi, {"ticked": []}, {"ticked": ["contacts", "dataset"]}),
        (brm, {"ticked": ["contacts", "dataset"]}, {"ticked": ["briefings", "dataset"]}),
    ]
    assert all(a.reason == "Pre-analysis checklist updated" for a in audited)


def test_checklist_unchanged_writes_no_audit_entry(assessment, hmi):
    pack_services.checklist_mark(assessment=assessment, actor=hmi, codes={"notebook"})
    pack_services.checklist_mark(assessment=assessment, actor=hmi, codes={"notebook"})

    assert AuditEntry.objects.filter(verb="pack.checklist_marked").count() == 1


def test_checklist_refuses_unknown_codes_and_ticks_nothing_002_B(assessment, hmi):
    with pytest.raises(ValidationError) as caught:
        pack_services.checklist_mark(assessment=assessment, actor=hmi, codes={"contacts", "coffee"})

    assert caught.value.messages == [pack_services.UNKNOWN_ITEM]
    assert ticked(assessment) == set()
    assert not AuditEntry.objects.filter(verb="pack.checklist_marked").exists()


def test_checklist_all_ticked_then_none(assessment, hmi):
    pack_services.checklist_mark(assessment=assessment, actor=hmi, codes=set(CHECKLIST_CODES))
    assert ticked(assessment) == CHECKLIST_CODES

    pack_services.checklist_mark(assessment=assessment, actor=hmi, codes=set())
    assert ticked(assessment) == set()
