"""DOMAIN.md §6: working days skip weekends and England's bank holidays."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st

from ecm.workdays.calendar import (
    add_working_days,
    bank_holiday_name,
    count_working_days,
    deadline_after_working_days,
    is_working_day,
    last_working_day_of_month,
)


@pytest.mark.parametrize(
    ("start", "days", "expected", "why"),
    [
        (date(2007, 11, 28), 10, date(2007, 12, 12), "issue 2: the documented example"),
        (date(2007, 12, 21), 5, date(2008, 1, 2), "Christmas, Boxing Day, New Year's Day 2007"),
        (date(2008, 3, 19), 1, date(2008, 3, 20), "the day before Good Friday 2008"),
        (date(2008, 3, 20), 1, date(2008, 3, 25), "Good Friday 21 and Easter Monday 24 March 2008"),
        (date(2009, 4, 9), 3, date(2009, 4, 16), "Easter 2009: 10 and 13 April"),
        (date(2012, 6, 1), 1, date(2012, 6, 6), "Spring bank holiday moved, Diamond Jubilee 2012"),
        (date(2022, 9, 16), 1, date(2022, 9, 20), "the late Queen's funeral, 19 September 2022"),
        (date(2023, 5, 5), 1, date(2023, 5, 9), "the coronation bank holiday, 8 May 2023"),
        (date(2007, 8, 24), 1, date(2007, 8, 28), "summer bank holiday 2007"),
        (date(2007, 11, 30), 5, date(2007, 12, 7), "002 §A: 5 working days from a Friday"),
        (date(2008, 1, 2), -5, date(2007, 12, 21), "counting back over Christmas"),
    ],
)
def test_add_working_days_skips_weekends_and_bank_holidays_domain_s6(start, days, expected, why):
    assert add_working_days(start, days) == expected, why


def test_add_zero_on_a_holiday_gives_the_next_working_day():
    assert add_working_days(date(2007, 12, 25), 0) == date(2007, 12, 27)
    assert add_working_days(date(2007, 12, 27), 0) == date(2007, 12, 27)


@pytest.mark.parametrize(
    ("start", "days"),
    [(date(2007, 12, 20), 7), (date(2009, 4, 1), 20), (date(2005, 1, 1), 250)],
)
def test_count_is_the_inverse_of_add(start, days):
    assert count_working_days(start, add_working_days(start, days)) == days
    assert count_working_days(add_working_days(start, days), start) == -days


def test_bank_holidays_come_from_the_library_for_england_not_scotland():
    # 2 January is a bank holiday in Scotland only; St Andrew's Day likewise.
    assert is_working_day(date(2008, 1, 2))
    assert is_working_day(date(2007, 11, 30))
    assert bank_holiday_name(date(2007, 12, 25))
    assert not is_working_day(date(2007, 12, 25))


def test_last_working_day_of_month_steps_back_over_weekends_and_holidays():
    assert last_working_day_of_month(2007, 6) == date(2007, 6, 29)  # 30 June is a Saturday
    assert last_working_day_of_month(2008, 8) == date(2008, 8, 29)  # 30-31 weekend
    assert last_working_day_of_month(2007, 12) == date(2007, 12, 31)


def test_every_deadline_carries_its_rule_and_calendar_domain_s6():
    deadline = deadline_after_working_days(
        start=date(2007, 9, 3), days=5, rule="factual accuracy: 5 working days", source="002 §A"
    )
    assert deadline.date == date(2007, 9, 10)
    assert deadline.rule == "factual accuracy: 5 working days"
    assert "England" in deadline.calendar
    assert "10 September 2007" in str(deadline)


def test_working_days_command_prints_the_documented_example(capsys):
    call_command("working_days", "--from", "2007-11-28", "--add", "10")
    assert capsys.readouterr().out.strip() == "2007-12-12"


def test_working_days_command_counts_between_dates(capsys):
    call_command("working_days", "--from", "2007-12-21", "--to", "2008-01-02")
    assert capsys.readouterr().out.strip() == "5"


def test_working_days_command_refuses_a_badly_written_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("working_days", "--from", "28/11/2007", "--add", "10")


def _counted_day_by_day(start: date, end: date) -> int:

    if end < start:
        return -_counted_day_by_day(end, start)
    day, count = start, 0
    while day != end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


@given(
    start=st.dates(min_value=date(2005, 1, 1), max_value=date(2012, 12, 31)),
    span=st.integers(min_value=-800, max_value=800),
)
def test_count_by_weeks_agrees_with_counting_day_by_day(start, span):
    """DOMAIN.md §6: the quick count (whole weeks less bank holidays) is the plain count,
    across weekends, Christmas, Easter and the 2012 Jubilee."""
    end = start + timedelta(days=span)
    assert count_working_days(start, end) == _counted_day_by_day(start, end)
