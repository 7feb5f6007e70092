"""The emulation calendar: a month's states, what each state allows, and the default deadlines.

A month moves forward one state at a time — not open → open for commitments → self-assessment → review →
closed — and leaders may step it back one state while it is not closed (a late commitment, a reopened
self-assessment). What a person may do in a month depends only on its state, decided here.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

MONTH_STATES = ("not_open", "commitments", "self_assessment", "review", "closed")

# What each action needs of the month's state.
_ALLOWED = {
    "edit_commitments": {"commitments"},
    "submit_commitments": {"commitments", "self_assessment"},  # a sheet sent back may be answered late
    "self_assess": {"self_assessment"},
    "review": {"review"},
}


@dataclass(frozen=True)
class Permission:
    allowed: bool
    reason: str = ""  # Vietnamese, for the person refused


_REFUSALS = {
    "not_open": "Tháng {month} chưa mở: chưa thể ghi gì cho tháng này.",
    "closed": "Tháng {month} đã chốt: không thể thay đổi nữa.",
}
_ACTION_NEEDS = {
    "edit_commitments": "Tháng {month} không còn ở bước đăng ký công việc: không thể sửa nội dung cam kết.",
    "submit_commitments": "Tháng {month} không còn nhận bản cam kết.",
    "self_assess": "Tháng {month} không ở bước tự đánh giá.",
    "review": "Tháng {month} không ở bước đánh giá, nhận xét.",
}


def month_allows(state: str, action: str, month_label: str) -> Permission:
    if state in _ALLOWED[action]:
        return Permission(True)
    template = _REFUSALS.get(state) or _ACTION_NEEDS[action]
    return Permission(False, template.format(month=month_label))


def next_state(state: str) -> str | None:
    index = MONTH_STATES.index(state)
    return MONTH_STATES[index + 1] if index + 1 < len(MONTH_STATES) else None


def previous_state(state: str) -> str | None:
    """One step back, for leaders; a closed month is never reopened this way (amendments are issue 4's)."""
    index = MONTH_STATES.index(state)
    if state == "closed" or index == 0:
        return None
    return MONTH_STATES[index - 1]


def last_working_day(year: int, month: int) -> date:
    """The last Monday–Friday of the month (public holidays are the unit's to adjust by hand)."""
    day = date(year, month, calendar.monthrange(year, month)[1])
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def default_deadlines(year: int, month: int, commitments_due_day: int) -> tuple[date, date]:
    """Commitments due on the given day of the month (5th by default), self-assessment by its last working day."""
    due_day = min(commitments_due_day, calendar.monthrange(year, month)[1])
    return date(year, month, due_day), last_working_day(year, month)
