"""Reading and checking a unit's adjustment of a rulebook setting for one year (app/domain/year_settings.py)."""

from __future__ import annotations

import pytest

from app.domain import year_settings as ys
from app.domain.rulebooks import rulebook


@pytest.mark.parametrize(("name", "default", "raw", "value"), [
    ("htxs_quota_percent", 20, "25", 25),
    ("htxs_quota_percent", 20, " 0 ", 0),
    ("htxs_quota_percent_outstanding", 25, "100", 100),
    ("min_months_worked", 6, "12", 12),
    ("ldtt_min_months", 0, "0", 0),
    ("response_days", 5, "1", 1),
    ("response_days", 5, "60", 60),
    ("htxs_in_denominator", False, "1", True),
    ("htxs_in_denominator", False, "y", True),
    ("registration_required", True, None, False),
    ("registration_required", True, "", False),
])
def test_a_value_is_read_by_the_type_of_the_rulebooks_default(name, default, raw, value):
    parsed, problem = ys.parse(name, default, raw)
    assert problem is None
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize(("name", "default", "raw", "message", "params"), [
    ("htxs_quota_percent", 20, "101", ys.OUT_OF_RANGE, {"low": 0, "high": 100}),
    ("htxs_quota_percent", 20, "-1", ys.OUT_OF_RANGE, {"low": 0, "high": 100}),
    ("min_months_worked", 6, "13", ys.OUT_OF_RANGE, {"low": 0, "high": 12}),
    ("response_days", 5, "0", ys.OUT_OF_RANGE, {"low": 1, "high": 60}),
    ("response_days", 5, "61", ys.OUT_OF_RANGE, {"low": 1, "high": 60}),
    ("htxs_quota_percent", 20, "", ys.NOT_A_NUMBER, {}),
    ("htxs_quota_percent", 20, "20,5", ys.NOT_A_NUMBER, {}),
    ("htxs_quota_percent", 20, "hai mươi", ys.NOT_A_NUMBER, {}),
    ("htxs_in_denominator", False, "có lẽ", ys.NOT_YES_NO, {}),
    ("general_split", 10, "10", ys.NOT_ADJUSTABLE, {}),  # a whole number of no known kind
    ("percent_of_days", 10, "10", ys.NOT_ADJUSTABLE, {}),  # two kinds at once: which bounds?
    ("bands", "90/70/50", "90/70/50", ys.NOT_ADJUSTABLE, {}),  # not a number nor a yes/no
    ("late_deduction", 0.25, "0.25", ys.NOT_ADJUSTABLE, {}),
])
def test_a_bad_or_unknown_value_is_refused_with_a_vietnamese_message(name, default, raw, message, params):
    parsed, problem = ys.parse(name, default, raw)
    assert parsed is None
    assert problem == ys.Problem(message, params)


def test_every_setting_of_the_shipped_rulebooks_can_be_adjusted():
    for code in ("vn-2024", "vn-2026"):
        for name, item in rulebook(code).settings.items():
            assert ys.kind_of(name, item.value) is not None, (code, name)


DEFAULTS = {"htxs_quota_percent": 20, "htxs_in_denominator": False, "response_days": 5}


def test_a_value_equal_to_the_rulebooks_is_no_adjustment():
    current = {"htxs_quota_percent": 25, "response_days": 7}
    submitted = {"htxs_quota_percent": 20, "htxs_in_denominator": True, "response_days": 7}
    assert ys.overrides_for(DEFAULTS, current, submitted) == {"htxs_in_denominator": True, "response_days": 7}


def test_an_adjustment_of_a_setting_the_rulebook_no_longer_has_is_kept_and_an_unsent_one_stays():
    current = {"old_setting": 3, "response_days": 7}
    assert ys.overrides_for(DEFAULTS, current, {"htxs_quota_percent": 25}) == {
        "old_setting": 3, "response_days": 7, "htxs_quota_percent": 25}


def test_the_years_values_take_the_adjustments_over_the_rulebook():
    assert ys.effective(DEFAULTS, {"response_days": 7}) == {
        "htxs_quota_percent": 20, "htxs_in_denominator": False, "response_days": 7}
    assert ys.effective(DEFAULTS, None) == DEFAULTS


def test_a_change_needs_a_reason_and_saving_the_same_values_does_not():
    after = {**DEFAULTS, "htxs_quota_percent": 25}
    assert ys.changed(DEFAULTS, after) == ["htxs_quota_percent"]
    assert ys.reason_problem(DEFAULTS, after, "  ") == ys.Problem(ys.REASON_NEEDED)
    assert ys.reason_problem(DEFAULTS, after, None) == ys.Problem(ys.REASON_NEEDED)
    assert ys.reason_problem(DEFAULTS, after, "Nghị quyết của Đảng ủy cơ quan") is None
    assert ys.reason_problem(DEFAULTS, dict(DEFAULTS), "") is None
