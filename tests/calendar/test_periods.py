from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from almanac.calendar.periods import (
    BadDate,
    add_months,
    month_grid,
    parse_day,
    parse_month,
    period_for,
)

SUNDAY, MONDAY = 6, 0


def test_seed_week_starts_on_sunday_may_29():
    period = period_for("week", date(2022, 6, 2), SUNDAY)
    assert (period.first, period.last) == (date(2022, 5, 29), date(2022, 6, 4))
    assert (period.previous, period.next) == (date(2022, 5, 22), date(2022, 6, 5))


def test_week_starting_monday():
    period = period_for("week", date(2022, 6, 5), MONDAY)
    assert (period.first, period.last) == (date(2022, 5, 30), date(2022, 6, 5))


def test_four_days_and_month_periods():
    four = period_for("4days", date(2022, 6, 2), SUNDAY)
    assert four.days == [date(2022, 6, 2), date(2022, 6, 3), date(2022, 6, 4), date(2022, 6, 5)]
    assert (four.previous, four.next) == (date(2022, 5, 29), date(2022, 6, 6))
    month = period_for("month", date(2022, 12, 15), SUNDAY)
    assert (month.first, month.last, month.next) == (
        date(2022, 12, 1),
        date(2022, 12, 31),
        date(2023, 1, 1),
    )


def test_add_months_clamps_to_month_end():
    assert add_months(date(2022, 1, 31), 1) == date(2022, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2022, 1, 15), -1) == date(2021, 12, 15)


def test_month_grid_covers_whole_weeks():
    grid = month_grid(date(2022, 6, 1), SUNDAY)
    assert grid[0][0] == date(2022, 5, 29)
    assert grid[-1][-1] == date(2022, 7, 2)
    assert len(grid) == 5


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)), st.integers(0, 6))
def test_week_always_has_seven_days_starting_on_the_first_weekday(day, first_weekday):
    period = period_for("week", day, first_weekday)
    assert len(period.days) == 7
    assert period.first.weekday() == first_weekday
    assert period.first <= day <= period.last


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 11, 30)), st.integers(0, 6))
def test_month_grid_contains_every_day_of_the_month(day, first_weekday):
    grid = month_grid(day.replace(day=1), first_weekday)
    days = [d for week in grid for d in week]
    assert all(len(week) == 7 for week in grid)
    assert day in days
    assert days == sorted(days)


@pytest.mark.parametrize(
    "text",
    ["2022-02-30", "2022-13-01", "0000-01-01", "99999-01-01", "2022/06/01", "", "2022-06-01x"],
)
def test_parse_day_rejects_bad_dates(text):
    with pytest.raises(BadDate):
        parse_day(text)


def test_parse_day_accepts_unpadded_dates():
    assert parse_day("2022-6-2") == date(2022, 6, 2)


@pytest.mark.parametrize("text", ["2022-00", "2022-13", "1899-12", "3000-01", "june"])
def test_parse_month_rejects_bad_months(text):
    with pytest.raises(BadDate):
        parse_month(text)
