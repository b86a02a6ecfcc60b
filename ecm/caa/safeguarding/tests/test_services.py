"""The full inspection's judgements, recommendations and report (issue 10 §4; 004 "Full
inspection of local area safeguarding and services for looked after children"; DOMAIN.md §5,
§6), each test naming its source."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ecm.accounts.roles import Role
from ecm.audit.models import AuditEntry
from ecm.caa.safeguarding import demo, selectors, services, services_report
from ecm.caa.safeguarding.demo import FINDINGS, GRADES
from ecm.caa.safeguarding.models import FullInspection, InspectionJudgement
from ecm.core.access import NotYourRole

pytestmark = pytest.mark.django_db


def _field(error: ValidationError, field: str) -> list[str]:
    return error.message_dict[field]


# ------------------------------------------------------------------------------- Judgements


def _judge(actor, inspection, section="safeguarding", grades=None, rationales=None, findings=""):
    return services_report.inspection_judge_section(
        actor=actor,
        inspection=inspection,
        section=section,
        grades=grades or {},
        rationales=rationales or {},
        findings=findings,
        expected_lock_version=inspection.lock_version,
    )


def test_judging_follows_the_visit(notified, hmi):
    with pytest.raises(ValidationError) as error:
        _judge(hmi, notified, grades={"overall_effectiveness": 2})
    assert error.value.messages == [services_report.NOT_VISITED]


def test_004_each_judgement_is_on_the_four_point_scale_with_a_rationale(visited, hmi):
    """004: "Judgements will be made using a four-point scale"; each with its rationale."""
    with pytest.raises(ValidationError) as error:
        _judge(
            hmi,
            visited,
            grades={"overall_effectiveness": 2, "capacity_to_improve": 5},
            rationales={"capacity_to_improve": "Strong"},
        )
    assert error.value.message_dict == {
        "rationale_overall_effectiveness": [
            services_report.NO_RATIONALE.format(title="overall effectiveness")
        ],
        "grade_capacity_to_improve": [services_report.NO_GRADE.format(title="capacity to improve")],
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        InspectionJudgement.objects.create(
            inspection=visited, section="lac", code="x", grade=5, rationale="r",
            judged_by=hmi, judged_at=visited.created_at,
        )  # fmt: skip


def test_004_the_lac_section_judges_the_five_ecm_outcomes(visited, hmi, judge):
    """004: for looked after children, "outcomes achieved against the five ECM outcomes"."""
    judged = judge(visited)
    lac = next(s for s in selectors.sections_of(judged) if s["section"].code == "lac")
    titles = [r["judgement"].title for r in lac["rows"]]
    for outcome in (
        "Being healthy",
        "Staying safe",
        "Enjoying and achieving",
        "Making a positive contribution",
        "Achieving economic well-being",
    ):
        assert outcome in titles
    assert titles[:3] == [
        "Overall effectiveness",
        "Capacity to improve",
        "Leadership and management",
    ]


def test_a_judgement_is_changed_not_removed(visited, hmi):
    inspection = _judge(
        hmi,
        visited,
        grades={"overall_effectiveness": 2},
        rationales={"overall_effectiveness": "Why"},
    )
    with pytest.raises(ValidationError) as error:
        _judge(hmi, inspection)
    assert "grade_overall_effectiveness" in error.value.message_dict


def test_the_inspection_is_judged_once_every_judgement_of_both_sections_is_made(visited, judge):
    assert visited.status == "on_site"
    assert judge(visited).status == "judged"
    entries = AuditEntry.objects.filter(verb="caa.safeguarding_judged")
    assert entries.count() == 2 and entries.order_by("pk").last().after["status"] == "judged"


def test_only_the_team_judges(visited, make_user):
    with pytest.raises(NotYourRole):
        _judge(make_user(Role.BRM), visited)


# ------------------------------------------------------------------------------ Publication


def test_004_every_judgement_of_both_sections_before_publication(visited, hmi, publish):
    """004 "Reporting": one report with both sections; the report waits for every judgement."""
    _judge(
        hmi,
        visited,
        grades={"overall_effectiveness": 2},
        rationales={"overall_effectiveness": "Why"},
        findings="Findings",
    )
    with pytest.raises(ValidationError) as error:
        publish(visited)
    message = error.value.messages[0]
    assert message.startswith(services_report.NOT_JUDGED.split("{")[0])
    assert "Safeguarding: capacity to improve" in message
    assert "Services for looked after children: main findings" in message


def test_004_recommendations_in_each_section_before_publication(visited, hmi, publish):
    inspection = visited
    for section, grades in GRADES.items():
        inspection = _judge(
            hmi, inspection, section, grades, {c: "Why" for c in grades}, FINDINGS[section]
        )
    services_report.recommendation_add(
        actor=hmi, inspection=inspection, section="lac", text="Do it", timescale="immediately"
    )
    with pytest.raises(ValidationError) as error:
        publish(inspection)
    assert error.value.messages == [
        services_report.NO_RECOMMENDATIONS.format(missing="Safeguarding")
    ]


def test_the_report_is_read_as_the_council_reads_it_before_publication_issue_20(
    judged, hmi, publish
):
    """Issue 20 §1: a placeholder left in a recommendation stops publication, named with its
    section; nothing is published."""
    services_report.recommendation_add(
        actor=hmi,
        inspection=judged,
        section="lac",
        text="Agree the placement plan with [the health trust]",
        timescale="immediately",
    )
    with pytest.raises(ValidationError) as error:
        publish(judged)
    messages = error.value.messages
    assert messages[0] == "The report cannot go yet. Put right each of these, then try again:"
    assert any('"[the health trust]" is a placeholder' in m for m in messages[1:])
    judged.refresh_from_db()
    assert not judged.is_published


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"text": " "}, "text", services_report.NO_TEXT),
        ({"timescale": "next_year"}, "timescale", services_report.UNKNOWN_TIMESCALE),
        ({"section": "health"}, "section", services_report.UNKNOWN_SECTION),
    ],
)
def test_a_recommendation_says_what_and_within_how_long(visited, hmi, overrides, field, message):
    values = {"section": "lac", "text": "Do it", "timescale": "three_months"}
    with pytest.raises(ValidationError) as error:
        services_report.recommendation_add(actor=hmi, inspection=visited, **(values | overrides))
    assert error.value.message_dict[field] == [message]


def test_004_published_within_20_working_days_of_the_end(judged, publish):
    """004: "published ... normally within 20 working days of the end of the inspection"
    (DOMAIN.md §6: England's working days). The last day on site is Friday 2 October 2009, so
    the report is due by Friday 30 October; the next day is late without a reason."""
    deadline = services_report.publication_deadline(judged)
    assert deadline.date == date(2009, 10, 30)
    assert deadline.calendar and deadline.source == "004 Reporting"
    with pytest.raises(ValidationError) as error:
        publish(judged, on=date(2009, 11, 2))
    assert error.value.message_dict["late_reason"] == [
        services_report.LATE.format(
            deadline=date(2009, 10, 30),
            rule=deadline.rule,
            calendar=deadline.calendar,
            published=date(2009, 11, 2),
        )
    ]
    done = publish(judged, on=date(2009, 10, 30))
    assert (done.status, done.published_on, done.late_reason) == (
        "published",
        date(2009, 10, 30),
        "",
    )


def test_004_the_deadline_skips_englands_bank_holidays(notify, council, visit):
    """DOMAIN.md §6: 20 working days from Friday 11 December 2009 skip Christmas Day, Boxing
    Day (Monday 28th) and New Year's Day: Wednesday 13 January 2010."""
    inspection = notify(
        council,
        notified_on=date(2009, 11, 23),
        first_day_on_site=date(2009, 12, 7),
        last_day_on_site=date(2009, 12, 11),
        documents_due_on=date(2009, 11, 30),
    )
    assert services_report.publication_deadline(inspection).date == date(2010, 1, 13)


def test_004_a_late_report_needs_the_reason_for_lateness(judged, publish):
    """004 says "normally": later publication is allowed with its reason, which is kept."""
    done = publish(judged, on=date(2009, 11, 9), late_reason="The council's data was corrected")
    assert done.late_reason == "The council's data was corrected"
    assert AuditEntry.objects.get(verb="caa.safeguarding_published").reason == done.late_reason


def test_the_report_is_not_published_before_the_inspection_ends(judged, publish):
    with pytest.raises(ValidationError) as error:
        publish(judged, on=date(2009, 10, 1))
    assert error.value.message_dict["published_on"] == [
        services_report.BEFORE_THE_END.format(last=date(2009, 10, 2))
    ]


def test_the_report_is_not_published_with_a_date_to_come(judged, publish):
    """Grades reach the council only when the report is published (DOMAIN.md §1): a date to
    come would show them at once, so it is refused, however late the report already is."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        publish(judged, on=tomorrow, late_reason="Held back")
    assert error.value.message_dict["published_on"] == [services_report.PUBLISHED_IN_FUTURE]
    judged.refresh_from_db()
    assert judged.published_on is None


def test_the_lead_or_the_programme_administrator_publishes(judged, publish, brm, administrator):
    judged.team.add(brm)
    with pytest.raises(NotYourRole):
        publish(judged, actor=brm)
    assert publish(judged, actor=administrator).published_by == administrator


def test_a_published_report_no_longer_changes(published, hmi, publish):
    with pytest.raises(ValidationError) as error:
        _judge(hmi, published)
    assert error.value.messages == [services.PUBLISHED_NO_CHANGE]
    with pytest.raises(ValidationError) as error:
        publish(published)
    assert error.value.messages == [services_report.ALREADY_PUBLISHED]


# ----------------------------------------------------------------------------- For the rating


def test_findings_for_rating_give_the_published_overall_grades_latest_first(
    judged, publish, council
):
    assert selectors.findings_for_rating(council=council, year=2009) == []
    publish(judged)
    (found,) = selectors.findings_for_rating(council=council, year=2009)
    assert found["published_on"] == date(2009, 10, 20)
    assert (found["safeguarding_overall"], found["lac_overall"]) == (2, 2)
    assert found["url"].endswith(f"/safeguarding/{judged.pk}/report/")
    assert selectors.findings_for_rating(council=council, year=2008) == []


def test_the_demo_is_a_2009_inspection_published_within_20_working_days(council, hmi):
    """The demo (ecm/caa/safeguarding/demo.py) goes through the services: published on 4
    November 2009, before its deadline of 6 November; loaded once."""
    assert demo.seed(council=council, lead=hmi) is True
    assert demo.seed(council=council, lead=hmi) is False
    inspection = FullInspection.objects.get(council=council)
    assert inspection.status == "published" and inspection.late_reason == ""
    assert services_report.publication_deadline(inspection).date == date(2009, 11, 6)
    (found,) = selectors.findings_for_rating(council=council, year=2009)
    assert (found["safeguarding_overall"], found["lac_overall"]) == (2, 2)
