"""Full-text search across a council's information pack (issue 5 §1), one interface over two
engines: SQLite's FTS5 and PostgreSQL's full-text search (ADR 0016).

The pack's text is kept one row per page of a document and per answer of the self-assessment
(`PackText`), so a hit names where it was found and can become evidence "by document and page".
Both engines stem English words ("exclusions" finds "exclusion", "excluded" finds "excluding";
not across stems: "exclusions" does not find "excluded") and rank the best match first.
"""

from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ecm.analysis.models import PackItem, PackText
from ecm.core.uploads.documents import PAGE_BREAK
from ecm.core.uploads.text_task import TextStatus
from ecm.self_assessment.models import EvidenceDocument
from ecm.self_assessment.selectors import latest_submission
from ecm.self_assessment.template import template_by_urn

# Markers no document contains, swapped for <mark> after the snippet is escaped.
_START, _STOP = "\x02", "\x03"
SNIPPET_WORDS = 16
MAX_HITS = 50

FTS_TABLE = "analysis_packtext_fts"
SQLITE_SETUP = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, location, body, "
    "content='analysis_packtext', content_rowid='id', tokenize='porter unicode61')",
    f"CREATE TRIGGER analysis_packtext_ai AFTER INSERT ON analysis_packtext BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, title, location, body) "
    "VALUES (new.id, new.title, new.location, new.body); END",
    f"CREATE TRIGGER analysis_packtext_ad AFTER DELETE ON analysis_packtext BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, location, body) "
    "VALUES ('delete', old.id, old.title, old.location, old.body); END",
    f"CREATE TRIGGER analysis_packtext_au AFTER UPDATE ON analysis_packtext BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, location, body) "
    "VALUES ('delete', old.id, old.title, old.location, old.body); "
    f"INSERT INTO {FTS_TABLE}(rowid, title, location, body) "
    "VALUES (new.id, new.title, new.location, new.body); END",
]
SQLITE_TEARDOWN = [
    "DROP TRIGGER IF EXISTS analysis_packtext_au",
    "DROP TRIGGER IF EXISTS analysis_packtext_ad",
    "DROP TRIGGER IF EXISTS analysis_packtext_ai",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]
_PG_DOCUMENT = "to_tsvector('english', title || ' ' || location || ' ' || body)"
POSTGRESQL_SETUP = [
    f"CREATE INDEX analysis_packtext_search ON analysis_packtext USING gin ({_PG_DOCUMENT})"
]
POSTGRESQL_TEARDOWN = ["DROP INDEX IF EXISTS analysis_packtext_search"]


@dataclass(frozen=True)
class SearchHit:
    origin: str
    origin_id: int
    title: str
    location: str
    snippet: SafeString


def _marked(snippet: str) -> SafeString:
    return mark_safe(  # noqa: S308 - escaped first, then only our own markers become <mark>
        escape(snippet).replace(_START, "<mark>").replace(_STOP, "</mark>")
    )


def _fts5_query(query: str) -> str:
    """Every word of the query as a quoted FTS5 string: what people type is never syntax."""
    words = [w for w in query.split() if w.strip('"')]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _search_sqlite(assessment_id: int, query: str) -> list[tuple]:
    match = _fts5_query(query)
    if not match:
        return []
    sql = (
        f"SELECT p.origin, p.origin_id, p.title, p.location, "
        f"snippet({FTS_TABLE}, 2, %s, %s, '…', {SNIPPET_WORDS}) "
        f"FROM {FTS_TABLE} JOIN analysis_packtext p ON p.id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH %s AND p.assessment_id = %s ORDER BY rank LIMIT {MAX_HITS}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_START, _STOP, match, assessment_id])
        return cursor.fetchall()


def _search_postgresql(assessment_id: int, query: str) -> list[tuple]:
    options = (
        f"StartSel={_START}, StopSel={_STOP}, MaxWords={SNIPPET_WORDS + 4}, "
        "MinWords=8, ShortWord=2, MaxFragments=1, FragmentDelimiter=…"
    )
    sql = (
        "SELECT origin, origin_id, title, location, "
        "ts_headline('english', body, q, %s) FROM analysis_packtext, "
        "websearch_to_tsquery('english', %s) q "
        f"WHERE assessment_id = %s AND {_PG_DOCUMENT} @@ q "
        f"ORDER BY ts_rank({_PG_DOCUMENT}, q) DESC, id LIMIT {MAX_HITS}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [options, query, assessment_id])
        return cursor.fetchall()


def pack_search(*, assessment, query: str) -> list[SearchHit]:
    """The pages and answers of the pack that match every word of `query`, best first."""
    query = query.strip()
    if not query:
        return []
    pack_text_refresh(assessment=assessment)
    engine = _search_postgresql if connection.vendor == "postgresql" else _search_sqlite
    found = engine(assessment.pk, query)
    # A document's text is indexed only once read (issue 21 §1); a document whose reading has
    # not ended READY is never a hit, whatever rows an earlier reading left behind.
    unread = {
        (origin, pk)
        for origin, model in (("pack_item", PackItem), ("sa_document", EvidenceDocument))
        for pk in model.objects.filter(pk__in={i for o, i, *_ in found if o == origin})
        .exclude(text_status=TextStatus.READY)
        .values_list("pk", flat=True)
    }
    return [
        SearchHit(origin=o, origin_id=i, title=t, location=loc, snippet=_marked(s or ""))
        for o, i, t, loc, s in found
        if (o, i) not in unread
    ]


def _pages(text: str) -> list[str]:
    return text.split(PAGE_BREAK)


def _document_rows(assessment, origin: str, pk: int, title: str, text: str) -> list[PackText]:
    pages = _pages(text)
    return [
        PackText(
            assessment=assessment,
            origin=origin,
            origin_id=pk,
            title=title,
            location=f"page {n}" if len(pages) > 1 else "",
            body=page,
        )
        for n, page in enumerate(pages, start=1)
        if page.strip()
    ]


def pack_item_index(*, item: PackItem, text: str) -> None:
    PackText.objects.bulk_create(
        _document_rows(item.assessment, "pack_item", item.pk, item.title, text)
    )


@transaction.atomic
def pack_text_refresh(*, assessment) -> None:
    """Index the self-assessment's latest submission and its documents when they are not yet
    indexed (a new submission replaces the rows of the one before)."""
    version = latest_submission(assessment=assessment)
    indexed = set(
        PackText.objects.filter(assessment=assessment, origin="self_assessment").values_list(
            "origin_id", flat=True
        )
    )
    documents = EvidenceDocument.objects.filter(
        self_assessment__assessment=assessment, text_status=TextStatus.READY
    )
    indexed_documents = set(
        PackText.objects.filter(assessment=assessment, origin="sa_document").values_list(
            "origin_id", flat=True
        )
    )
    rows = []
    if version is not None and indexed != {version.pk}:
        PackText.objects.filter(assessment=assessment, origin="self_assessment").delete()
        template = template_by_urn(version.self_assessment.template_urn)
        places = {f.urn: (p, s, f) for p, s, f in template.fields()}
        for answer in version.answers.all():
            if answer.field_urn not in places or not answer.text.strip():
                continue
            part, section, field = places[answer.field_urn]
            rows.append(
                PackText(
                    assessment=assessment,
                    origin="self_assessment",
                    origin_id=version.pk,
                    title=f"Self-assessment version {version.number}",
                    location=f"Part {part.letter}: {section.title}, {field.label}",
                    body=answer.text,
                )
            )
    for document in documents.exclude(pk__in=indexed_documents):
        rows += _document_rows(
            assessment, "sa_document", document.pk, document.title, document.text
        )
    PackText.objects.bulk_create(rows)
