"""The unannounced inspection's evaluations, outcome and letter (issue 10 §3; 004 "Inspectors
will evaluate the:" nine aspects, "Inspectors will report their findings by letter ..."):
not scored, sent only when whole, frozen once sent, every change audited. Optimistic locking.
Each test names its source."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from ecm.audit.models import AuditEntry
from ecm.caa.unannounced import services
from ecm.caa.unannounced.models import InspectionStatus
from ecm.core.locking import stale_message

pytestmark = pytest.mark.django_db


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for ms in error.message_dict.values() for m in ms]
    return error.messages


def test_a_stale_page_is_refused(record, hmi):
    made = record()
    with pytest.raises(ValidationError) as refused:
        services.unannounced_aspects_save(
            actor=hmi, inspection=made, findings={"thresholds": "Clear"}, expected_lock_version=7
        )
    assert refused.value.messages == [stale_message(what="this inspection")]
    with pytest.raises(ValidationError, match="Someone else changed this inspection"):
        record(expected_lock_version=3)


def test_004_the_nine_aspects_are_evaluated_in_words_not_scored(inspection, hmi):
    """004: "Inspectors will evaluate the:" nine aspects; the inspection "is not scored"."""
    with pytest.raises(ValidationError) as refused:
        services.unannounced_aspects_save(
            actor=hmi,
            inspection=inspection,
            findings={"thresholds": "Graded 2 out of 4", "housing": "Fine"},
            expected_lock_version=inspection.lock_version,
        )
    assert refused.value.message_dict == {
        "thresholds": [services.A_SCORE],
        "housing": [services.UNKNOWN_ASPECT.format(code="housing")],
    }
    saved = services.unannounced_aspects_save(
        actor=hmi,
        inspection=inspection,
        findings={"thresholds": " Applied consistently. ", "out_of_hours": ""},
        expected_lock_version=inspection.lock_version,
    )
    assert dict(saved.evaluations.values_list("aspect", "finding")) == {
        "thresholds": "Applied consistently."
    }
    entry = AuditEntry.objects.filter(verb="caa.unannounced_evaluated").get()
    assert entry.actor == hmi and entry.after == {"thresholds": "Applied consistently."}


def test_004_the_outcome_is_one_of_three(inspection, hmi):
    """004: the letter indicates whether the inspection has not raised concerns, has raised
    some concerns or has raised serious concerns."""
    with pytest.raises(ValidationError) as refused:
        services.unannounced_letter_save(
            actor=hmi,
            inspection=inspection,
            outcome="adequate",
            director_name="",
            lead_member_name="",
            lscb_chair_name="",
            chief_executive_name="",
            letter_body="",
            expected_lock_version=inspection.lock_version,
        )
    assert refused.value.message_dict == {"outcome": [services.UNKNOWN_OUTCOME]}


@pytest.mark.parametrize(
    "spoil, message",
    [
        ({"findings": {"social_workers": ""}}, "9. Effectiveness of social workers"),
        ({"outcome": ""}, services.NO_OUTCOME),
        ({"director_name": ""}, "Director of Children\u2019s Services"),
        ({"lead_member_name": ""}, "Lead Member for Children\u2019s Services"),
        ({"lscb_chair_name": ""}, "Chair of the local Safeguarding Children Board"),
        ({"chief_executive_name": ""}, "Chief Executive of the local authority"),
        ({"letter_body": ""}, services.NO_BODY),
        ({"case_files": 0}, services.NO_SCRUTINY),
        # Issue 20 §1: read as the council reads it before it goes.
        (
            {"letter_body": "Dear [Name], we visited the contact centre."},
            '"[Name]" is a placeholder',
        ),
    ],
)
def test_004_the_letter_goes_only_with_nine_aspects_an_outcome_and_four_recipients(
    record, complete, send, hmi, spoil, message
):
    """004: "Inspectors will evaluate the:" nine aspects and "report their findings by letter to
    the Director of Children's Services, copied to the Lead Member ..., the Chair of the local
    Safeguarding Children Board and the Chief Executive", indicating the outcome; and they
    undertake "a scrutiny of case files and speaking to staff and managers"."""
    made = record(case_files=spoil.get("case_files", 30))
    letter = {k: v for k, v in spoil.items() if k not in ("findings", "case_files")}
    made = complete(made, **letter)
    if "findings" in spoil:
        made = services.unannounced_aspects_save(
            actor=hmi,
            inspection=made,
            findings=spoil["findings"],
            expected_lock_version=made.lock_version,
        )
    with pytest.raises(ValidationError) as refused:
        send(made)
    assert any(message in m for m in _messages(refused.value)), _messages(refused.value)
    made.refresh_from_db()
    assert made.status == InspectionStatus.DRAFT


@pytest.mark.parametrize(
    "on, message",
    [
        (None, services.NO_SENT_ON),
        (date(2009, 6, 16), services.SENT_BEFORE_VISIT.format(day=date(2009, 6, 17))),
        (date.today() + timedelta(days=1), services.SENT_IN_FUTURE),
    ],
)
def test_the_letter_is_dated_after_the_visit_and_not_in_the_future(
    inspection, complete, send, on, message
):
    made = complete(inspection)
    with pytest.raises(ValidationError) as refused:
        send(made, on=on)
    assert refused.value.message_dict == {"sent_on": [message]}


def test_004_the_sent_letter_is_frozen_and_audited(inspection, complete, send, hmi):
    """004: the findings go by letter; once sent, nothing in the inspection changes, and the
    audit says who sent it, when, with which outcome (issue 10 §3)."""
    sent = send(complete(inspection, outcome="serious_concerns"))
    assert sent.is_sent and sent.sent_on == date(2009, 6, 26) and sent.sent_by == hmi
    entry = AuditEntry.objects.get(verb="caa.unannounced_letter_sent")
    assert entry.actor == hmi and entry.after["outcome"] == "serious_concerns"
    assert entry.after["brings_full_inspection_forward"] is True
    for change in (
        lambda: services.unannounced_aspects_save(
            actor=hmi, inspection=sent, findings={}, expected_lock_version=sent.lock_version
        ),
        lambda: services.unannounced_letter_save(
            actor=hmi,
            inspection=sent,
            outcome="no_concerns",
            director_name="X",
            lead_member_name="X",
            lscb_chair_name="X",
            chief_executive_name="X",
            letter_body="X",
            expected_lock_version=sent.lock_version,
        ),
    ):
        with pytest.raises(ValidationError) as refused:
            change()
        assert refused.value.messages == [services.SENT_NO_CHANGE]
    with pytest.raises(ValidationError) as again:
        send(sent)
    assert again.value.messages == [services.ALREADY_SENT.format(day=date(2009, 6, 26))]


def test_every_change_is_audited_with_who_and_why(record, complete, hmi):
    """Issue 10 §3 / DESIGN.md: every change in the audit trail with who, when and why (the
    exceptional circumstances are the why of a longer visit)."""
    made = record(
        last_day=date(2009, 6, 18), exceptional=True, exceptional_reason="A referral on day two"
    )
    complete(made)
    verbs = list(AuditEntry.objects.order_by("pk").values_list("verb", "reason"))
    assert verbs == [
        ("caa.unannounced_recorded", "A referral on day two"),
        ("caa.unannounced_evaluated", ""),
        ("caa.unannounced_outcome_set", ""),
    ]
    assert all(e.actor == hmi and e.at for e in AuditEntry.objects.all())


@pytest.mark.parametrize(
    "finding, scored",
    [
        ("Graded 2 out of 4", True),
        ("Thresholds: 3/4", True),
        ("Rated as 1 by the team", True),
        ("Emergency duty cover is 24/7 and reaches A&E", False),
        ("Strategy meetings since 1/4/2009 are recorded", False),
        ("3 out of 4 teams allocate within a day", False),
    ],
)
def test_004_not_scored_refuses_a_grade_but_not_ordinary_numbers(inspection, hmi, finding, scored):
    """004: the unannounced inspection "is not scored": a grade is refused, but the ordinary
    numbers of an evaluation (24/7 cover, a date, a count) are not taken for one."""
    save = lambda: services.unannounced_aspects_save(  # noqa: E731
        actor=hmi,
        inspection=inspection,
        findings={"out_of_hours": finding},
        expected_lock_version=inspection.lock_version,
    )
    if scored:
        with pytest.raises(ValidationError) as refused:
            save()
        assert refused.value.message_dict == {"out_of_hours": [services.A_SCORE]}
    else:
        assert save().evaluations.get().finding == finding


def test_changing_an_outcome_needs_the_reason_which_the_audit_keeps(inspection, hmi, complete):
    """The outcome decides whether the full inspection is brought forward and the rating
    limited (004), so changing one already chosen says why (the audit trail: who, when, why)."""
    drafted = complete(inspection, outcome="serious_concerns")
    values = {
        "outcome": "some_concerns",
        "letter_body": drafted.letter_body,
        "director_name": drafted.director_name,
        "lead_member_name": drafted.lead_member_name,
        "lscb_chair_name": drafted.lscb_chair_name,
        "chief_executive_name": drafted.chief_executive_name,
    }
    with pytest.raises(ValidationError) as refused:
        services.unannounced_letter_save(
            actor=hmi, inspection=drafted, expected_lock_version=drafted.lock_version, **values
        )
    assert refused.value.message_dict == {"reason": [services.OUTCOME_CHANGE_REASON]}
    changed = services.unannounced_letter_save(
        actor=hmi,
        inspection=drafted,
        expected_lock_version=drafted.lock_version,
        reason="The duty team's backlog was cleared before the visit ended",
        **values,
    )
    assert changed.outcome == "some_concerns"
    entry = AuditEntry.objects.filter(verb="caa.unannounced_outcome_set").latest("pk")
    assert entry.reason == "The duty team's backlog was cleared before the visit ended"
    assert entry.before["outcome"] == "serious_concerns"
