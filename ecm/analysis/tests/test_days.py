"""The six inspector days of each council's APA (issue 23 §2; 002 §A): the handbook's split,
days given and planned, over- and under-runs per council and across the round, and the
tolerance as a labelled setting of ours."""

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.analysis import days
from ecm.analysis.models import DaysActivity, InspectorDay
from ecm.analysis.services import days as services
from ecm.apa.models import Assessment
from ecm.audit.models import AuditEntry

TODAY = date(2007, 7, 20)


def row(activity, days_given, on=date(2007, 6, 4)):
    return SimpleNamespace(activity=activity, days=Decimal(str(days_given)), on=on)


def by_activity(found):
    return {r.activity: r for r in found}


def test_the_allowance_is_the_handbooks_split_002_A():
    """002 §A: "Six days are allocated to the process as follows: 3 days for analysis; 1 day
    for meeting the authority; 1 day for moderation activities; and 1 day for writing the
    feedback letter"."""
    assert days.ALLOWANCE == {
        DaysActivity.ANALYSIS: 3,
        DaysActivity.MEETING: 1,
        DaysActivity.MODERATION: 1,
        DaysActivity.LETTER: 1,
    }
    assert days.TOTAL_ALLOWANCE == 6


def test_more_than_allocated_is_an_over_run_at_any_stage_002_A():
    found = by_activity(
        days.runs(
            rows=[row("analysis", 1, date(2007, 6, d)) for d in (4, 5, 6, 7)],
            status="analysis",
            today=TODAY,
            tolerance=Decimal(0),
        )
    )
    assert found["analysis"].state == days.OVER
    assert found["analysis"].words == "Over by 1 day"


def test_fewer_days_are_an_under_run_only_once_the_stage_is_over_002_A():
    rows = [row("analysis", 1), row("analysis", 0.5, date(2007, 6, 5))]
    during = by_activity(days.runs(rows=rows, status="analysis", today=TODAY, tolerance=Decimal(0)))
    assert during["analysis"].state == days.UNDER_WAY
    after = by_activity(days.runs(rows=rows, status="meeting", today=TODAY, tolerance=Decimal(0)))
    assert after["analysis"].state == days.UNDER
    assert after["analysis"].words == "Under by 1.5 days"
    assert after["meeting"].state == days.UNDER_WAY
    assert after["total"].state == days.UNDER_WAY  # the letter is still to come


def test_a_date_to_come_is_planned_not_given():
    future = TODAY + timedelta(days=3)
    (analysis, *_rest, total) = days.runs(
        rows=[
            row("analysis", 1),
            row("analysis", 1, future),
            row("analysis", 1, future + timedelta(1)),
        ],
        status="analysis",
        today=TODAY,
        tolerance=Decimal(0),
    )
    assert (analysis.given, analysis.planned, analysis.state) == (1, 2, days.ON_PLAN)
    assert (total.given, total.planned) == (1, 2)


def test_within_the_tolerance_counts_as_allocated_a_setting_of_ours():
    """002 §A gives no margin, so INSPECTOR_DAYS_TOLERANCE is ours."""
    rows = [row("letter", 0.5), row("letter", 0.75, date(2007, 6, 5))]
    strict = by_activity(
        days.runs(rows=rows, status="published", today=TODAY, tolerance=Decimal(0))
    )
    assert strict["letter"].state == days.OVER
    kind = by_activity(
        days.runs(rows=rows, status="published", today=TODAY, tolerance=Decimal("0.25"))
    )
    assert kind["letter"].state == days.ON_PLAN


@pytest.mark.django_db
def test_an_inspector_records_a_day_audited(assessment, hmi):
    day = services.inspector_day_record(
        assessment=assessment, actor=hmi, activity="analysis", on=date(2007, 6, 4), days="1"
    )
    assert (day.inspector, day.days) == (hmi, Decimal(1))
    entry = AuditEntry.objects.filter(verb="inspector_day.recorded").get()
    assert entry.after["activity"] == "analysis"


@pytest.mark.django_db
def test_one_date_holds_at_most_one_day_across_councils(assessment, other_assessment, hmi):
    services.inspector_day_record(
        assessment=assessment, actor=hmi, activity="analysis", on=date(2007, 6, 4), days="0.5"
    )
    services.inspector_day_record(
        assessment=other_assessment, actor=hmi, activity="analysis", on=date(2007, 6, 4), days="0.5"
    )
    with pytest.raises(ValidationError) as error:
        services.inspector_day_record(
            assessment=assessment, actor=hmi, activity="letter", on=date(2007, 6, 4), days="0.25"
        )
    assert "1.25 days on 4 June 2007" in error.value.message_dict["days"][0]


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0", "1.5", "-1", "0.333"])
def test_a_record_is_part_of_a_day(assessment, hmi, value):
    with pytest.raises(ValidationError) as error:
        services.inspector_day_record(
            assessment=assessment, actor=hmi, activity="meeting", on=date(2007, 7, 2), days=value
        )
    assert error.value.message_dict["days"] == [services.DAYS_OUT_OF_RANGE]


@pytest.mark.django_db
def test_only_the_councils_inspectors_record_and_only_their_own_removed(
    assessment, hmi, brm, make_user
):
    stranger = make_user(Role.HMI)
    with pytest.raises(ValidationError, match="Only the council's HMI and BRM"):
        services.inspector_day_record(
            assessment=assessment, actor=stranger, activity="analysis", on=TODAY, days=1
        )
    day = services.inspector_day_record(
        assessment=assessment, actor=brm, activity="analysis", on=TODAY, days=1
    )
    with pytest.raises(ValidationError, match="only your own"):
        services.inspector_day_remove(day=day, actor=hmi)
    services.inspector_day_remove(day=day, actor=brm)
    assert not InspectorDay.objects.exists()
    assert AuditEntry.objects.filter(verb="inspector_day.removed").count() == 1


@pytest.mark.django_db
@override_settings(INSPECTOR_DAYS_TOLERANCE=0)
def test_the_page_records_a_day_and_shows_the_over_run_002_A(client, assessment, hmi):
    client.force_login(hmi)
    page = reverse("analysis:days", kwargs={"pk": assessment.pk})
    shown = client.get(page).content.decode()
    assert "the handbook, section A" in shown and "002 §" not in shown
    for day in ("4 6 2007", "5 6 2007"):
        response = client.post(page, {"activity": "meeting", "on": day, "days": "1"})
        assert response.status_code == 302
    shown = client.get(page).content.decode()
    assert "Over by 1 day" in shown


@pytest.mark.django_db
@override_settings(INSPECTOR_DAYS_TOLERANCE=0)
def test_the_round_lists_over_and_under_runs_for_a_manager_002_A(
    client, assessment, other_assessment, hmi, administrator
):
    for d in (4, 5, 6, 7):
        services.inspector_day_record(
            assessment=assessment, actor=hmi, activity="analysis", on=date(2007, 6, d), days=1
        )
    services.inspector_day_record(
        assessment=other_assessment, actor=hmi, activity="analysis", on=date(2007, 6, 8), days=1
    )
    Assessment.objects.filter(pk=other_assessment.pk).update(status="draft_letter")
    client.force_login(administrator)
    days_page = reverse("analysis:round-days", kwargs={"pk": assessment.round_id})
    round_page = reverse("apa:round-detail", kwargs={"pk": assessment.round_id})
    assert days_page in client.get(round_page).content.decode()
    response = client.get(days_page)
    shown = response.content.decode()
    flagged = shown.split("Over- and under-runs</h2>")[1].split("Every council")[0]
    assert assessment.council.name in flagged and "Over by 1 day" in flagged
    assert other_assessment.council.name in flagged and "Under by 2 days" in flagged


@pytest.mark.django_db
def test_a_refused_day_says_what_is_wrong_on_the_page(client, assessment, hmi, brm):
    client.force_login(hmi)
    page = reverse("analysis:days", kwargs={"pk": assessment.pk})
    response = client.post(page, {"activity": "letter", "on": "4 9 2007", "days": "1.5"})
    assert response.status_code == 200
    assert services.DAYS_OUT_OF_RANGE in response.content.decode()
    assert not InspectorDay.objects.exists()
    services.inspector_day_record(
        assessment=assessment, actor=brm, activity="analysis", on=date(2007, 6, 4), days=1
    )
    shown = client.get(page).content.decode()
    assert (
        reverse(
            "analysis:day-remove",
            kwargs={"pk": assessment.pk, "day_pk": InspectorDay.objects.get().pk},
        )
        not in shown
    )  # the BRM's record is the BRM's to remove
