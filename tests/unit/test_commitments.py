"""Rules of the monthly sheet: what is carried over, ordering, deadlines, locking, gaps, and the tab merge."""

from datetime import date
from decimal import Decimal as D

import pytest

from app.domain.commitments import (
    APPLY,
    CONFLICT,
    KEEP,
    PreviousItem,
    deadline_window,
    field_change,
    fingerprint,
    is_unfinished,
    item_edit_action,
    items_to_carry,
    planned_total,
    previous_month,
    reorder,
    self_assessment_gaps,
)


@pytest.mark.parametrize(("outcome", "unfinished"), [
    ("on_time", False), ("late", False), ("not_done", True), (None, True),
])
def test_what_counts_as_unfinished(outcome, unfinished):
    assert is_unfinished(outcome) is unfinished


@pytest.mark.parametrize(("case", "previous", "carried", "expected"), [
    ("nothing last month", [], set(), []),
    ("only unfinished ones, in order", [PreviousItem(1, "on_time"), PreviousItem(2, "not_done"),
                                        PreviousItem(3, None), PreviousItem(4, "late")], set(), [2, 3]),
    ("never twice", [PreviousItem(2, "not_done"), PreviousItem(3, None)], {2}, [3]),
    ("all copied already", [PreviousItem(2, "not_done")], {2}, []),
])
def test_items_to_carry(case, previous, carried, expected):
    assert items_to_carry(previous, carried) == expected, case


@pytest.mark.parametrize(("year", "number", "expected"), [(2026, 11, (2026, 10)), (2026, 1, (2025, 12))])
def test_previous_month(year, number, expected):
    assert previous_month(year, number) == expected


@pytest.mark.parametrize(("ids", "moving", "direction", "expected"), [
    ([1, 2, 3], 2, "up", [2, 1, 3]),
    ([1, 2, 3], 2, "down", [1, 3, 2]),
    ([1, 2, 3], 1, "up", [1, 2, 3]),  # already first
    ([1, 2, 3], 3, "down", [1, 2, 3]),  # already last
    ([1, 2, 3], 2, "sideways", [1, 2, 3]),
])
def test_reorder(ids, moving, direction, expected):
    assert reorder(ids, moving, direction) == expected


@pytest.mark.parametrize(("year", "number", "window"), [
    (2026, 11, (date(2026, 11, 1), date(2027, 1, 31))),
    (2026, 12, (date(2026, 12, 1), date(2027, 2, 28))),
    (2028, 12, (date(2028, 12, 1), date(2029, 2, 28))),
    (2027, 12, (date(2027, 12, 1), date(2028, 2, 29))),
    (2026, 1, (date(2026, 1, 1), date(2026, 3, 31))),
])
def test_deadline_window(year, number, window):
    assert deadline_window(year, number) == window


@pytest.mark.parametrize(("state", "action"), [
    (None, "edit_commitments"), ("draft", "edit_commitments"), ("returned", "submit_commitments"),
    ("submitted", None),
])
def test_item_edits_need_an_unlocked_sheet(state, action):
    assert item_edit_action(state) == action


@pytest.mark.parametrize(("values", "total", "without", "differs"), [
    ([], D(0), 0, False),
    ([D(40), D(30)], D(70), 0, False),
    ([D(40), D(20)], D(60), 0, True),
    ([D(40), None, D(30)], D(70), 1, False),
    ([None, None], D(0), 0, False),  # no item scored: every item weighs the same, nothing to warn about
])
def test_planned_total(values, total, without, differs):
    result = planned_total(values, D(70))
    assert (result.total, result.without_points, result.differs) == (total, without, differs)


GROUPS = ("politics_ethics", "competence", "innovation")


def test_a_complete_scored_self_assessment_has_no_gaps():
    gaps = self_assessment_gaps(scored=True, group_codes=GROUPS, general=dict.fromkeys(GROUPS, "9"),
                                outcomes=["on_time", "late"], proposed_level=None, reports=["Đã sửa"],
                                on_leave=False)
    assert gaps.complete


def test_gaps_name_what_is_missing():
    gaps = self_assessment_gaps(scored=True, group_codes=GROUPS, general={"competence": "9"},
                                outcomes=["on_time", None, None], proposed_level=None, reports=["", "x"],
                                on_leave=False)
    assert gaps.groups_missing == ("politics_ethics", "innovation")
    assert (gaps.items_unassessed, gaps.reports_missing, gaps.level_missing) == (2, 1, False)
    assert not gaps.complete


def test_a_levels_only_year_needs_a_proposed_level_and_no_points():
    gaps = self_assessment_gaps(scored=False, group_codes=(), general={}, outcomes=["on_time"],
                                proposed_level=None, reports=[], on_leave=False)
    assert gaps.level_missing and not gaps.groups_missing


def test_a_month_without_items_cannot_be_sent_unless_on_leave():
    arguments = {"scored": True, "group_codes": GROUPS, "general": {}, "outcomes": [], "proposed_level": None,
                 "reports": [""]}
    assert self_assessment_gaps(**arguments, on_leave=False).no_items
    assert self_assessment_gaps(**arguments, on_leave=True).complete


@pytest.mark.parametrize(("case", "posted", "shown", "stored", "expected"), [
    ("untouched here", "9", "9", "8", KEEP),
    ("changed here only", "10", "9", "9", APPLY),
    ("changed in both tabs", "10", "9", "8", CONFLICT),
    ("both tabs typed the same", "10", "9", "10", KEEP),
    ("a new value where there was none", "7", "", "", APPLY),
])
def test_field_change(case, posted, shown, stored, expected):
    assert field_change(posted, fingerprint(shown), stored) == expected, case
