"""Emerging hypotheses (002 §D; issue 5 §4): raised from the data, a briefing or the
self-assessment, tested against evidence, each test a step of the hypothesis's trail."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ecm.analysis.models import Hypothesis, HypothesisEvent, HypothesisSource, HypothesisStatus
from ecm.analysis.services import hypotheses
from ecm.audit.models import AuditEntry
from ecm.core.locking import stale_message

pytestmark = pytest.mark.django_db

STATEMENT = "Re-registrations are rising because core groups meet late."


@pytest.fixture
def hypothesis(assessment, outcomes, hmi):
    return hypotheses.hypothesis_raise(
        assessment=assessment,
        actor=hmi,
        statement=f"  {STATEMENT} ",
        raised_from=HypothesisSource.DATA,
        outcome=outcomes["staying_safe"],
    )


def trail(hypothesis) -> list[tuple[str, str]]:
    return list(
        HypothesisEvent.objects.filter(hypothesis=hypothesis)
        .order_by("recorded_at", "pk")
        .values_list("status", "note")
    )


def test_the_statuses_are_exactly_those_of_issue_5_4():
    assert HypothesisStatus.choices == [
        ("open", "Open"),
        ("supported", "Supported"),
        ("not_supported", "Not supported"),
        ("jar_fieldwork", "For JAR fieldwork"),
    ]


def test_the_database_refuses_any_other_status_issue_5_4(hypothesis):
    with pytest.raises(IntegrityError), transaction.atomic():
        Hypothesis.objects.filter(pk=hypothesis.pk).update(status="probable")


def test_the_sources_are_the_data_a_briefing_or_the_self_assessment_002_D():
    assert HypothesisSource.values == ["data", "briefing", "self_assessment"]


def test_a_raised_hypothesis_is_open_with_the_first_step_of_its_trail_002_D(hypothesis, hmi):
    assert hypothesis.status == HypothesisStatus.OPEN and hypothesis.lock_version == 1
    assert hypothesis.statement == STATEMENT and hypothesis.raised_by == hmi
    assert trail(hypothesis) == [("open", "Raised from the data")]
    audited = AuditEntry.objects.get(verb="hypothesis.raised")
    assert audited.actor == hmi and audited.reason == "Hypothesis raised"
    assert audited.after == {"statement": STATEMENT, "raised_from": "data"}


@pytest.mark.parametrize(
    ("statement", "raised_from", "errors"),
    [
        ("  ", "data", {"statement": [hypotheses.NO_STATEMENT]}),
        (STATEMENT, "a hunch", {"raised_from": [hypotheses.NO_SOURCE]}),
        (STATEMENT, "", {"raised_from": [hypotheses.NO_SOURCE]}),
        (
            "",
            "gossip",
            {"statement": [hypotheses.NO_STATEMENT], "raised_from": [hypotheses.NO_SOURCE]},
        ),
    ],
)
def test_raising_needs_a_statement_and_a_known_source_002_D(
    assessment, hmi, statement, raised_from, errors
):
    with pytest.raises(ValidationError) as caught:
        hypotheses.hypothesis_raise(
            assessment=assessment, actor=hmi, statement=statement, raised_from=raised_from
        )

    assert caught.value.message_dict == errors
    assert not Hypothesis.objects.exists() and not HypothesisEvent.objects.exists()


def test_each_test_moves_the_status_and_adds_a_step_to_the_trail_issue_5_4(hypothesis, hmi, brm):
    hypotheses.hypothesis_test(
        hypothesis=hypothesis, actor=brm, shown=1, status="supported",
        note="CSCI briefing: core groups late in 40% of cases",
    )  # fmt: skip
    hypotheses.hypothesis_test(
        hypothesis=hypothesis, actor=hmi, shown=2, status="jar_fieldwork",
        note="The self-assessment is silent: test in the JAR",
    )  # fmt: skip

    hypothesis.refresh_from_db()
    assert hypothesis.status == HypothesisStatus.JAR_FIELDWORK and hypothesis.lock_version == 3
    assert trail(hypothesis) == [
        ("open", "Raised from the data"),
        ("supported", "CSCI briefing: core groups late in 40% of cases"),
        ("jar_fieldwork", "The self-assessment is silent: test in the JAR"),
    ]
    audited = list(AuditEntry.objects.filter(verb="hypothesis.tested").order_by("id"))
    assert [(a.actor, a.before, a.after["status"]) for a in audited] == [
        (brm, {"status": "open"}, "supported"),
        (hmi, {"status": "supported"}, "jar_fieldwork"),
    ]
    assert [a.reason for a in audited] == [note for _, note in trail(hypothesis)[1:]]


def test_a_test_that_leaves_it_open_still_adds_to_the_trail_issue_5_4(hypothesis, hmi):
    hypotheses.hypothesis_test(
        hypothesis=hypothesis, actor=hmi, shown=1, status="open", note="Data inconclusive"
    )

    assert trail(hypothesis)[-1] == ("open", "Data inconclusive")


def test_a_test_needs_a_note_and_a_known_status_issue_5_4(hypothesis, hmi):
    with pytest.raises(ValidationError) as caught:
        hypotheses.hypothesis_test(
            hypothesis=hypothesis, actor=hmi, shown=1, status="probable", note="   "
        )

    assert caught.value.message_dict == {
        "status": [hypotheses.NO_STATUS],
        "note": [hypotheses.NO_NOTE],
    }
    hypothesis.refresh_from_db()
    assert hypothesis.status == "open" and hypothesis.lock_version == 1
    assert len(trail(hypothesis)) == 1


def test_a_test_from_a_stale_page_is_refused_and_nothing_saved(hypothesis, hmi, brm):
    hypotheses.hypothesis_test(
        hypothesis=hypothesis, actor=hmi, shown=1, status="supported", note="Briefing agrees"
    )

    with pytest.raises(ValidationError) as caught:
        hypotheses.hypothesis_test(
            hypothesis=hypothesis, actor=brm, shown=1, status="not_supported", note="Data disagree"
        )

    assert caught.value.messages == [stale_message(what="this hypothesis")]
    hypothesis.refresh_from_db()
    assert hypothesis.status == "supported" and hypothesis.lock_version == 2
    assert [status for status, _ in trail(hypothesis)] == ["open", "supported"]
    assert AuditEntry.objects.filter(verb="hypothesis.tested").count() == 1


def test_linking_a_private_entry_is_refused_issue_5_4(hypothesis, make_entry, hmi):
    private = make_entry(actor=hmi, outcome="staying_safe")

    with pytest.raises(ValidationError) as caught:
        hypotheses.hypothesis_test(
            hypothesis=hypothesis, actor=hmi, shown=1, status="supported", note="My entry",
            entry=private,
        )  # fmt: skip

    assert caught.value.message_dict == {"entry": [hypotheses.NOT_SHARED_ENTRY]}
    assert len(trail(hypothesis)) == 1


def test_linking_another_assessments_entry_is_refused(
    hypothesis, make_entry, hmi, other_assessment
):
    theirs = make_entry(actor=hmi, on=other_assessment, shared=True)

    with pytest.raises(ValidationError) as caught:
        hypotheses.hypothesis_test(
            hypothesis=hypothesis, actor=hmi, shown=1, status="supported", note="Elsewhere",
            entry=theirs,
        )  # fmt: skip

    assert caught.value.message_dict == {"entry": [hypotheses.NOT_SHARED_ENTRY]}


def test_a_shared_entry_is_linked_to_the_step_of_the_trail_issue_5_4(hypothesis, make_entry, brm):
    shared = make_entry(actor=brm, outcome="staying_safe", shared=True)

    hypotheses.hypothesis_test(
        hypothesis=hypothesis, actor=brm, shown=1, status="not_supported",
        note="Re-registrations fell in 2007", entry=shared,
    )  # fmt: skip

    event = HypothesisEvent.objects.filter(hypothesis=hypothesis).latest("pk")
    assert event.entry == shared and event.recorded_by == brm
    assert AuditEntry.objects.get(verb="hypothesis.tested").after["entry"] == shared.pk
