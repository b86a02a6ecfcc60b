"""Step 1 of the evidence notebook (002 §F step 1; 002 §D; issue 5 §3, §7): entries, their
evidence and their revisions, through the services in ecm.analysis.services.notebook."""

import pytest
from django.core.exceptions import ValidationError

from ecm.analysis import selectors
from ecm.analysis.content import ENTRY, CapacityDimension, Tag
from ecm.analysis.models import Entry, EntryKind, Evidence, EvidenceKind, Revision
from ecm.analysis.services import notebook
from ecm.analysis.services.revisions import NO_CHANGE
from ecm.analysis.tests.fixtures import SA_PART_D
from ecm.apa.tests.factories import make_framework_version
from ecm.audit.models import AuditEntry
from ecm.core.grade_numbers import quoted
from ecm.core.locking import stale_message
from ecm.framework.models import AreaKind, KeyJudgement, Outcome
from ecm.performance.models import Comparison
from ecm.performance.tests.factories import IndicatorFactory
from ecm.self_assessment import services as sa_services

pytestmark = pytest.mark.django_db

FIVE_OUTCOMES = [
    "being_healthy",
    "staying_safe",
    "enjoying_achieving",
    "positive_contribution",
    "economic_wellbeing",
]


def revise(entry, actor, *, shown, reason="Reworded after reading the briefing", **words):
    content = entry.current.content
    values = {
        "finding": content["finding"],
        "kind": content["kind"],
        "key_judgements": content["key_judgements"],
        "tags": content["tags"],
        "capacity": content["capacity"],
    }
    return notebook.entry_revise(
        entry=entry, actor=actor, shown=shown, reason=reason, **values | words
    )


def revision_numbers(entry) -> list[int]:
    return list(
        selectors.revisions_of(subject=ENTRY, subject_id=entry.pk).values_list("number", flat=True)
    )


# --- private until shared (002 §D: day 1 apart, days 2-3 together) ---------------------------


def test_an_entry_starts_private_and_only_its_author_sees_it_002_D_day_1(make_entry, hmi, brm):
    entry = make_entry(actor=hmi)

    assert entry.shared_at is None and not entry.is_shared
    assert list(selectors.entries_visible(assessment=entry.assessment, user=hmi)) == [entry]
    assert list(selectors.entries_visible(assessment=entry.assessment, user=brm)) == []


def test_entries_visible_shows_another_inspector_only_shared_entries_002_D(
    assessment, make_entry, hmi, brm
):
    shared = make_entry(actor=hmi, shared=True)
    make_entry(actor=hmi, finding="Teenage conceptions are well above the national rate.")
    own = make_entry(actor=brm, finding="Looked after children have annual health checks.")

    assert set(selectors.entries_visible(assessment=assessment, user=brm)) == {shared, own}
    assert set(selectors.entries_shared(assessment=assessment)) == {shared}


def test_until_shared_only_the_author_can_revise_share_or_add_evidence_002_D(
    make_entry, pack_briefing, hmi, brm
):
    entry = make_entry(actor=hmi)

    with pytest.raises(ValidationError) as revised:
        revise(entry, brm, shown=1, finding="Immunisation is a clear strength.")
    with pytest.raises(ValidationError) as shared:
        notebook.entry_share(entry=entry, actor=brm)
    with pytest.raises(ValidationError) as evidenced:
        notebook.evidence_add(
            entry=entry, actor=brm, kind=EvidenceKind.BRIEFING, note="YJB", pack_item=pack_briefing
        )

    for caught in (revised, shared, evidenced):
        assert caught.value.messages == [notebook.NOT_YOURS]
    entry.refresh_from_db()
    assert entry.shared_at is None and revision_numbers(entry) == [1]
    assert not Evidence.objects.filter(entry=entry).exists()


def test_once_shared_the_other_inspector_can_revise_it_002_D_days_2_3(make_entry, hmi, brm):
    entry = make_entry(actor=hmi)
    notebook.entry_share(entry=entry, actor=hmi)

    revised = revise(entry, brm, shown=1, finding="Immunisation is a clear strength.")

    assert revised.current.number == 2 and revised.current.revised_by == brm
    with pytest.raises(ValidationError) as again:
        notebook.entry_share(entry=entry, actor=hmi)
    assert again.value.messages == [notebook.ALREADY_SHARED]


def test_entries_share_all_shares_only_the_actors_private_entries(assessment, make_entry, hmi, brm):
    mine = [make_entry(actor=hmi), make_entry(actor=hmi, outcome="staying_safe")]
    theirs = make_entry(actor=brm)
    already = make_entry(actor=hmi, shared=True)
    shared_at = Entry.objects.get(pk=already.pk).shared_at

    assert notebook.entries_share_all(assessment=assessment, actor=hmi) == 2

    assert all(Entry.objects.get(pk=e.pk).is_shared for e in mine)
    assert not Entry.objects.get(pk=theirs.pk).is_shared
    assert Entry.objects.get(pk=already.pk).shared_at == shared_at


# --- words, not grades (002 §F step 1) --------------------------------------------------------


@pytest.mark.parametrize(
    ("finding", "found"),
    [
        ("Outcomes are grade 3 overall.", "grade 3"),
        ("Staying safe: Grade: 2.", "Grade: 2"),
        ("Immunisation is good, 3/4.", "3/4"),
        ("Performance is 2 / 4 at best.", "2 / 4"),
        ("Services are graded 2 by the team.", "graded 2"),
        ("Grading 4 seems right.", "Grading 4"),
        # The variants that got round the old guard (issue 20, observed 9).
        ("Outcomes are grade three overall.", "grade three"),
        ("Services are rated 2 by the team.", "rated 2"),
        ("Staying safe: III.", "III"),
    ],
)
def test_a_finding_stating_a_grade_is_refused_quoting_it_002_F_step_1(make_entry, finding, found):
    with pytest.raises(ValidationError) as caught:
        make_entry(finding=finding)

    message = notebook.GRADE_AT_STEP_1.format(found=quoted([found]))
    assert caught.value.message_dict == {"finding": [message]}
    assert f"\u201c{found}\u201d" in message
    assert not Entry.objects.exists()


@pytest.mark.parametrize(
    "finding",
    [
        "A clear strength: immunisation well above similar councils.",
        "Outcomes well below those of similar councils, and not improving.",
        "GCSE grades A*-C rose to 58 per cent; 3 of the 4 children's centres are open.",
        "Key stage 2 results are in line with the national average.",
    ],
)
def test_a_finding_in_words_is_accepted_002_F_step_1(make_entry, finding):
    entry = make_entry(finding=finding)

    assert entry.current.content["finding"] == finding


def test_revising_an_entry_into_a_grade_is_refused_too_002_F_step_1(make_entry, hmi):
    entry = make_entry(actor=hmi)

    with pytest.raises(ValidationError) as caught:
        revise(entry, hmi, shown=1, finding="On reflection this is graded 4.")

    message = notebook.GRADE_AT_STEP_1.format(found=quoted(["graded 4"]))
    assert caught.value.message_dict == {"finding": [message]}
    assert revision_numbers(entry) == [1]


def test_a_finding_and_its_kind_are_required(make_entry):
    with pytest.raises(ValidationError) as caught:
        make_entry(finding="  ", kind="opinion")

    assert caught.value.message_dict == {
        "finding": [notebook.NO_FINDING],
        "kind": [notebook.NO_KIND],
    }


# --- key judgements of the round's framework (002 §F step 1) ----------------------------------


def test_key_judgements_of_the_rounds_framework_are_kept_002_F_step_1(
    make_entry, key_judgement_urns
):
    entry = make_entry(key_judgements=key_judgement_urns[:2])

    assert entry.current.content["key_judgements"] == sorted(key_judgement_urns[:2])


def test_a_key_judgement_of_another_framework_version_is_refused_002_F_step_1(
    make_entry, key_judgement_urns
):
    other = make_framework_version(urn="urn:ecm:framework:other")
    area = Outcome.objects.create(
        version=other,
        urn="urn:ecm:outcome:other:being-healthy",
        code="being_healthy",
        title="Being healthy",
        kind=AreaKind.OUTCOME,
        order=1,
    )
    foreign = KeyJudgement.objects.create(
        outcome=area, urn="urn:ecm:key-judgement:other:1.1", code="1.1", title="Other", order=1
    )

    for urns in ([foreign.urn], [key_judgement_urns[0], "urn:ecm:key-judgement:made-up"]):
        with pytest.raises(ValidationError) as caught:
            make_entry(key_judgements=urns)
        assert caught.value.message_dict == {"key_judgements": [notebook.UNKNOWN_KEY_JUDGEMENT]}
    assert not Entry.objects.exists()


# --- revisions: never edited in place (issue 5 §7) --------------------------------------------


def test_each_revision_is_added_and_the_earlier_ones_stay_unchanged_issue_5_7(make_entry, hmi):
    entry = make_entry(actor=hmi, finding="Immunisation is above similar councils.")
    first = Revision.objects.get(pk=entry.current_id)
    first_content, first_reason = dict(first.content), first.reason

    revise(entry, hmi, shown=1, finding="Immunisation is well above similar councils.")
    revise(entry, hmi, shown=2, tags=[Tag.LAC], reason="Looked after children covered")

    entry.refresh_from_db()
    assert revision_numbers(entry) == [1, 2, 3] and entry.current.number == 3
    first.refresh_from_db()
    assert first.content == first_content and first.reason == first_reason
    second = Revision.objects.get(subject=ENTRY, subject_id=entry.pk, number=2)
    assert second.content["finding"] == "Immunisation is well above similar councils."
    assert second.reason == "Reworded after reading the briefing"
    assert entry.current.content["tags"] == [Tag.LAC] and second.content["tags"] == []


def test_a_revision_row_can_be_neither_changed_nor_deleted_issue_5_7(make_entry):
    revision = make_entry().current

    revision.reason = "rewritten history"
    with pytest.raises(ValueError, match="never changed"):
        revision.save()
    with pytest.raises(ValueError, match="never deleted"):
        revision.delete()

    assert Revision.objects.get(pk=revision.pk).reason == "Entry written"


def test_a_save_from_a_stale_page_is_refused_and_nothing_is_saved_issue_5_7(make_entry, hmi, brm):
    entry = make_entry(actor=hmi, shared=True)
    revise(entry, hmi, shown=1, finding="Immunisation is well above similar councils.")
    current = Revision.objects.get(subject=ENTRY, subject_id=entry.pk, number=2)
    audited = AuditEntry.objects.count()

    with pytest.raises(ValidationError) as caught:
        revise(entry, brm, shown=1, finding="Immunisation is a clear strength.")

    who = hmi.get_full_name() or hmi.email
    expected = stale_message(what="this entry", who=who, when=current.revised_at)
    assert caught.value.messages == [expected]
    entry.refresh_from_db()
    assert revision_numbers(entry) == [1, 2] and entry.current_id == current.pk
    assert AuditEntry.objects.count() == audited


def test_saving_identical_content_is_refused_as_no_change(make_entry, hmi):
    entry = make_entry(actor=hmi, tags=[Tag.SOCIAL_CARE])

    with pytest.raises(ValidationError) as caught:
        revise(entry, hmi, shown=1)

    assert caught.value.messages == [NO_CHANGE]
    assert revision_numbers(entry) == [1]


def test_revising_needs_a_reason_issue_5_7(make_entry, hmi):
    entry = make_entry(actor=hmi)

    with pytest.raises(ValidationError) as caught:
        revise(entry, hmi, shown=1, reason="   ", finding="Immunisation is a clear strength.")

    assert caught.value.message_dict == {"reason": [notebook.NO_REASON]}
    assert revision_numbers(entry) == [1]


# --- evidence (issue 5 §3) --------------------------------------------------------------------


@pytest.fixture
def immunisation(council):
    """An indicator with the council's figures for 2007 (issue 4 §2 comparisons)."""
    indicator = IndicatorFactory(
        code="BH-IMM", title="Children immunised by their second birthday", outcome="being_healthy"
    )
    Comparison.objects.create(
        indicator=indicator,
        council=council,
        period="2007",
        end_year=2007,
        value=91.0,
        england=85.0,
        vs_england="better",
        trend="improving",
    )
    return indicator


def test_indicator_evidence_keeps_the_figures_as_seen_issue_5_3(make_entry, hmi, immunisation):
    entry = make_entry(actor=hmi)

    evidence = notebook.evidence_add(
        entry=entry,
        actor=hmi,
        kind=EvidenceKind.INDICATOR,
        note="Above England",
        indicator=immunisation,
    )
    Comparison.objects.filter(indicator=immunisation).update(value=70.0, england=80.0)

    evidence.refresh_from_db()
    assert evidence.figures["value"] == 91.0 and evidence.figures["england"] == 85.0
    entry.refresh_from_db()
    (listed,) = entry.current.content["evidence"]
    assert listed["id"] == evidence.pk and "council 91.0" in listed["text"]


def test_an_entry_started_from_an_indicator_carries_it_as_evidence_issue_5_3(
    make_entry, hmi, immunisation
):
    entry = make_entry(actor=hmi, indicator=immunisation, origin="Data flag: BH-IMM")

    (evidence,) = Evidence.objects.filter(entry=entry)
    assert evidence.kind == EvidenceKind.INDICATOR and evidence.figures["value"] == 91.0
    assert [e["id"] for e in entry.current.content["evidence"]] == [evidence.pk]


def test_indicator_evidence_needs_an_indicator(make_entry, hmi):
    entry = make_entry(actor=hmi)

    with pytest.raises(ValidationError) as caught:
        notebook.evidence_add(entry=entry, actor=hmi, kind=EvidenceKind.INDICATOR, note="x")

    assert caught.value.message_dict == {"indicator": [notebook.NO_INDICATOR]}


def test_evidence_needs_a_note_saying_what_it_shows(make_entry, hmi, pack_document):
    entry = make_entry(actor=hmi)

    with pytest.raises(ValidationError) as caught:
        notebook.evidence_add(
            entry=entry, actor=hmi, kind=EvidenceKind.DOCUMENT, note=" ", pack_item=pack_document,
            page="2",
        )  # fmt: skip

    assert caught.value.message_dict == {"note": [notebook.NO_NOTE]}


def test_document_evidence_needs_a_page_issue_5_3(make_entry, hmi, pack_document):
    entry = make_entry(actor=hmi)

    with pytest.raises(ValidationError) as caught:
        notebook.evidence_add(
            entry=entry, actor=hmi, kind=EvidenceKind.DOCUMENT, note="Use of resources",
            pack_item=pack_document, page="  ",
        )  # fmt: skip
    assert caught.value.message_dict == {"page": [notebook.NO_PAGE]}

    evidence = notebook.evidence_add(
        entry=entry, actor=hmi, kind=EvidenceKind.DOCUMENT, note="Use of resources",
        pack_item=pack_document, page=" 2 ",
    )  # fmt: skip
    assert evidence.page == "2"
    entry.refresh_from_db()
    assert entry.current.content["evidence"] == [
        {"id": evidence.pk, "text": "Document \u201cAnnual audit letter\u201d, page 2"}
    ]


def test_document_evidence_from_another_councils_pack_is_refused(
    make_entry, hmi, other_assessment, upload_item
):
    entry = make_entry(actor=hmi)
    elsewhere = upload_item(other_assessment, category="supporting", source_type="council_plan")

    with pytest.raises(ValidationError) as caught:
        notebook.evidence_add(
            entry=entry, actor=hmi, kind=EvidenceKind.DOCUMENT, note="Plan",
            pack_item=elsewhere, page="1",
        )  # fmt: skip

    assert caught.value.message_dict == {"document": [notebook.NO_DOCUMENT]}


def test_document_evidence_can_cite_a_page_of_the_councils_own_document_issue_5_3(
    make_entry, hmi, upload_council_document, other_assessment
):
    entry = make_entry(actor=hmi)
    plan = upload_council_document(entry.assessment)
    theirs = upload_council_document(other_assessment)

    with pytest.raises(ValidationError) as caught:
        notebook.evidence_add(
            entry=entry, actor=hmi, kind=EvidenceKind.DOCUMENT, note="Their plan",
            sa_document=theirs, page="2",
        )  # fmt: skip
    assert caught.value.message_dict == {"document": [notebook.NO_DOCUMENT]}

    evidence = notebook.evidence_add(
        entry=entry, actor=hmi, kind=EvidenceKind.DOCUMENT, note="Conceptions a priority",
        sa_document=plan, page="2",
    )  # fmt: skip
    assert evidence.sa_document == plan and evidence.pack_item is None
    entry.refresh_from_db()
    assert entry.current.content["evidence"][0]["text"] == (
        "Document \u201cChildren and Young People's Plan\u201d, page 2"
    )


def test_briefing_evidence_must_be_a_briefing_of_the_same_assessment_002_C_i(
    make_entry, hmi, pack_briefing, pack_document, other_assessment, upload_item
):
    entry = make_entry(actor=hmi)
    elsewhere = upload_item(other_assessment)

    with pytest.raises(ValidationError) as supporting:
        notebook.evidence_add(
            entry=entry, actor=hmi, kind=EvidenceKind.BRIEFING, note="x", pack_item=pack_document
        )
    with pytest.raises(ValidationError) as missing:
        notebook.evidence_add(entry=entry, actor=hmi, kind=EvidenceKind.BRIEFING, note="x")
    with pytest.raises(ValidationError):
        notebook.evidence_add(
            entry=entry, actor=hmi, kind=EvidenceKind.BRIEFING, note="x", pack_item=elsewhere
        )
    assert supporting.value.message_dict == {"briefing": [notebook.NO_BRIEFING]}
    assert missing.value.message_dict == {"briefing": [notebook.NO_BRIEFING]}
    assert not Evidence.objects.exists()

    evidence = notebook.evidence_add(
        entry=entry, actor=hmi, kind=EvidenceKind.BRIEFING, note="YOT", pack_item=pack_briefing
    )
    assert evidence.pack_item == pack_briefing


def test_self_assessment_evidence_needs_a_submission_issue_5_3(make_entry, hmi, assessment):
    entry = make_entry(actor=hmi)

    with pytest.raises(ValidationError) as caught:
        notebook.evidence_add(
            entry=entry, actor=hmi, kind=EvidenceKind.SELF_ASSESSMENT, note="Part D",
            sa_version=None, sa_part=SA_PART_D,
        )  # fmt: skip

    assert caught.value.messages == [notebook.NO_SUBMISSION]


def test_a_draft_self_assessment_cannot_be_cited_issue_5_3(make_entry, hmi, link_officer):
    entry = make_entry(actor=hmi)
    self_assessment = sa_services.self_assessment_start(
        assessment=entry.assessment, actor=link_officer
    )
    draft = sa_services.version_current(self_assessment)

    with pytest.raises(ValidationError) as caught:
        notebook.evidence_add(
            entry=entry, actor=hmi, kind=EvidenceKind.SELF_ASSESSMENT, note="Part D",
            sa_version=draft, sa_part=SA_PART_D,
        )  # fmt: skip

    assert caught.value.messages == [notebook.NO_SUBMISSION]
    assert not Evidence.objects.exists()


def test_another_councils_submission_cannot_be_cited(
    make_entry, hmi, other_assessment, submit_self_assessment
):
    entry = make_entry(actor=hmi)
    theirs = submit_self_assessment(other_assessment)

    with pytest.raises(ValidationError) as caught:
        notebook.evidence_add(
            entry=entry, actor=hmi, kind=EvidenceKind.SELF_ASSESSMENT, note="Part D",
            sa_version=theirs, sa_part=SA_PART_D,
        )  # fmt: skip

    assert caught.value.messages == [notebook.NO_SUBMISSION]


def test_a_part_of_the_submitted_self_assessment_can_be_cited_issue_5_3(make_entry, hmi, submitted):
    entry = make_entry(actor=hmi)

    with pytest.raises(ValidationError) as no_part:
        notebook.evidence_add(
            entry=entry, actor=hmi, kind=EvidenceKind.SELF_ASSESSMENT, note="Part D",
            sa_version=submitted, sa_part="",
        )  # fmt: skip
    assert no_part.value.message_dict == {"sa_part": [notebook.NO_PART]}
    with pytest.raises(ValidationError) as unknown:
        notebook.evidence_add(
            entry=entry, actor=hmi, kind=EvidenceKind.SELF_ASSESSMENT, note="Part Z",
            sa_version=submitted, sa_part="urn:ecm:self-assessment:apa-2007:part-z",
        )  # fmt: skip
    assert unknown.value.message_dict == {"sa_part": [notebook.NO_PART]}

    evidence = notebook.evidence_add(
        entry=entry, actor=hmi, kind=EvidenceKind.SELF_ASSESSMENT, note="Part D",
        sa_version=submitted, sa_part=SA_PART_D,
    )  # fmt: skip
    entry.refresh_from_db()
    assert evidence.sa_version == submitted
    assert entry.current.content["evidence"] == [
        {
            "id": evidence.pk,
            "text": "Self-assessment (version 1), Part D: The impact of local services",
        }
    ]


def test_withdrawn_evidence_is_kept_with_who_and_why_and_leaves_the_next_revision(
    make_entry, hmi, brm, pack_briefing, pack_document
):
    entry = make_entry(actor=hmi, shared=True)
    briefing = notebook.evidence_add(
        entry=entry, actor=hmi, kind=EvidenceKind.BRIEFING, note="YOT", pack_item=pack_briefing
    )
    document = notebook.evidence_add(
        entry=entry, actor=hmi, kind=EvidenceKind.DOCUMENT, note="Audit", pack_item=pack_document,
        page="2",
    )  # fmt: skip

    with pytest.raises(ValidationError) as no_reason:
        notebook.evidence_withdraw(evidence=briefing, actor=brm, reason=" ")
    assert no_reason.value.message_dict == {"reason": [notebook.NO_WITHDRAW_REASON]}

    notebook.evidence_withdraw(evidence=briefing, actor=brm, reason="Superseded by the 2007 data")

    briefing.refresh_from_db()
    assert briefing.withdrawn_by == brm and briefing.withdrawn_at is not None
    assert briefing.withdrawn_reason == "Superseded by the 2007 data"
    entry.refresh_from_db()
    assert [e["id"] for e in entry.current.content["evidence"]] == [document.pk]
    assert entry.current.reason == "Evidence withdrawn: Superseded by the 2007 data"
    before = Revision.objects.get(
        subject=ENTRY, subject_id=entry.pk, number=entry.current.number - 1
    )
    assert [e["id"] for e in before.content["evidence"]] == [briefing.pk, document.pk]
    with pytest.raises(ValidationError) as again:
        notebook.evidence_withdraw(evidence=briefing, actor=hmi, reason="Twice")
    assert again.value.messages == [notebook.ALREADY_WITHDRAWN]
    assert Evidence.objects.filter(entry=entry).count() == 2


# --- the specific comment on social care (002 §F step 1) --------------------------------------


def social_care_missing(assessment, user) -> dict[str, bool]:
    return {
        view.outcome.code: view.social_care_missing
        for view in selectors.notebook_view(assessment=assessment, user=user)
    }


def test_notebook_view_flags_each_outcome_lacking_a_social_care_comment_002_F_step_1(
    assessment, make_entry, hmi, brm
):
    assert social_care_missing(assessment, hmi) == {
        **dict.fromkeys(FIVE_OUTCOMES, True),
        "service_management": False,
        "capacity_to_improve": False,
    }

    make_entry(actor=hmi, outcome="staying_safe", tags=[Tag.SOCIAL_CARE], shared=True)
    make_entry(actor=hmi, outcome="being_healthy", tags=[Tag.LAC], shared=True)
    make_entry(actor=hmi, outcome="enjoying_achieving", tags=[Tag.SOCIAL_CARE])  # private

    missing = social_care_missing(assessment, brm)
    assert [code for code, flagged in missing.items() if flagged] == [
        "being_healthy",
        "enjoying_achieving",
        "positive_contribution",
        "economic_wellbeing",
    ]
    assert social_care_missing(assessment, hmi)["enjoying_achieving"] is False


def test_service_management_and_capacity_are_never_flagged_for_social_care_002_F_step_1(
    assessment, make_entry, hmi
):
    make_entry(actor=hmi, outcome="service_management", tags=[Tag.LAC])
    make_entry(actor=hmi, outcome="capacity_to_improve", capacity=[CapacityDimension.TRACK_RECORD])

    missing = social_care_missing(assessment, hmi)
    assert missing["service_management"] is False and missing["capacity_to_improve"] is False


def test_notebook_view_lists_only_standing_evidence(assessment, make_entry, hmi, pack_briefing):
    entry = make_entry(actor=hmi)
    evidence = notebook.evidence_add(
        entry=entry, actor=hmi, kind=EvidenceKind.BRIEFING, note="YOT", pack_item=pack_briefing
    )
    notebook.evidence_withdraw(evidence=evidence, actor=hmi, reason="Not relevant")

    (area,) = selectors.notebook_view(assessment=assessment, user=hmi, outcome=entry.outcome)
    assert area.entries == [entry] and area.entries[0].evidence_standing == []


# --- the audit trail (DESIGN.md example 4) ----------------------------------------------------


def test_every_notebook_write_is_audited_with_its_actor_and_reason(
    make_entry, hmi, brm, pack_briefing
):
    start = AuditEntry.objects.order_by("-id").first().id
    entry = make_entry(actor=hmi)
    revise(
        entry, hmi, shown=1, finding="Immunisation is a clear strength.", kind=EntryKind.STRENGTH
    )
    notebook.entry_share(entry=entry, actor=hmi)
    evidence = notebook.evidence_add(
        entry=entry, actor=brm, kind=EvidenceKind.BRIEFING, note="YOT", pack_item=pack_briefing
    )
    notebook.evidence_withdraw(evidence=evidence, actor=brm, reason="Not relevant")

    audited = list(AuditEntry.objects.filter(id__gt=start).order_by("id"))
    assert [(a.verb, a.actor) for a in audited] == [
        ("notebook.entry_added", hmi),
        ("notebook.entry_revised", hmi),
        ("notebook.entry_shared", hmi),
        ("notebook.entry_revised", brm),
        ("notebook.entry_revised", brm),
    ]
    assert all(a.reason.strip() and a.target_id == str(entry.pk) for a in audited)
    assert audited[1].reason == "Reworded after reading the briefing"
    assert audited[1].before["finding"] != audited[1].after["finding"]
    assert audited[4].reason == "Evidence withdrawn: Not relevant"


def test_an_outcome_of_another_framework_version_is_refused(assessment, hmi):
    """DOMAIN.md §7: an assessment always uses the framework version of its round."""
    stranger = Outcome.objects.create(
        version=make_framework_version(urn="urn:ecm:framework:elsewhere"), urn="urn:x", code="x",
        title="Elsewhere", kind=AreaKind.OUTCOME, order=1,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="this round's framework"):
        notebook.entry_add(
            assessment=assessment, outcome=stranger, actor=hmi, finding="Words", kind="strength"
        )
