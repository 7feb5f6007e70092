from datetime import date

import pytest

from app.domain.calendar import default_deadlines, last_working_day, month_allows, next_state, previous_state


@pytest.mark.parametrize(
    ("state", "action", "allowed"),
    [
        ("commitments", "edit_commitments", True),
        ("self_assessment", "edit_commitments", False),
        ("self_assessment", "submit_commitments", True),
        ("self_assessment", "self_assess", True),
        ("review", "self_assess", False),
        ("review", "review", True),
        ("closed", "edit_commitments", False),
        ("not_open", "edit_commitments", False),
    ],
)
def test_what_each_state_allows(state, action, allowed):
    assert month_allows(state, action, "03/2026").allowed is allowed


def test_refusals_say_why_in_vietnamese():
    assert month_allows("closed", "self_assess", "03/2026").reason == "Tháng 03/2026 đã chốt: không thể thay đổi nữa."
    assert "chưa mở" in month_allows("not_open", "edit_commitments", "04/2026").reason
    assert "không ở bước tự đánh giá" in month_allows("commitments", "self_assess", "04/2026").reason


def test_months_move_one_step_at_a_time_and_a_closed_month_stays_closed():
    assert next_state("not_open") == "commitments"
    assert next_state("review") == "closed"
    assert next_state("closed") is None
    assert previous_state("self_assessment") == "commitments"
    assert previous_state("closed") is None
    assert previous_state("not_open") is None


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [(2026, 1, date(2026, 1, 30)),  # 31/01/2026 is a Saturday
     (2026, 5, date(2026, 5, 29)),  # 31/05 is a Sunday
     (2026, 2, date(2026, 2, 27)), (2026, 3, date(2026, 3, 31))],
)
def test_last_working_day(year, month, expected):
    assert last_working_day(year, month) == expected


def test_default_deadlines_clamp_to_the_month():
    assert default_deadlines(2026, 2, 31) == (date(2026, 2, 28), date(2026, 2, 27))
    assert default_deadlines(2026, 4, 5) == (date(2026, 4, 5), date(2026, 4, 30))
