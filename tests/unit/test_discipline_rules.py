"""The discipline rules: disciplined in the year, the heaviest form, pending cases, when achievements count."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace as D

import pytest

from app.domain import discipline as rules


def d(form, decided, ends=None):
    return D(form=form, decided_on=decided, ends_on=ends)


def case(opened, closed=None, kind="complaint"):
    return D(kind=kind, opened_on=opened, closed_on=closed)


@pytest.mark.parametrize(("records", "year", "expected"), [
    ([], 2026, False),
    ([d("khien_trach", date(2026, 1, 1))], 2026, True),
    ([d("khien_trach", date(2025, 12, 31), date(2026, 6, 30))], 2026, False),  # decided the year before
    ([d("buoc_thoi_viec", date(2026, 12, 31))], 2026, True),
    ([d("unknown", date(2026, 5, 1))], 2026, False),
])
def test_disciplined_in_year(records, year, expected):
    assert rules.disciplined_in_year(records, year) is expected


@pytest.mark.parametrize(("records", "expected"), [
    ([], None),
    ([d("khien_trach", date(2026, 2, 1))], "khien_trach"),
    ([d("canh_cao", date(2026, 2, 1)), d("khien_trach", date(2026, 8, 1))], "canh_cao"),
    ([d("cach_chuc", date(2025, 2, 1)), d("ha_bac_luong", date(2026, 8, 1))], "ha_bac_luong"),
])
def test_heaviest_form_in_year(records, expected):
    assert rules.heaviest_form_in_year(records, 2026) == expected


@pytest.mark.parametrize(("records", "form", "expected"), [
    ([d("khien_trach", date(2026, 2, 1))], "canh_cao", False),
    ([d("canh_cao", date(2026, 2, 1))], "canh_cao", True),
    ([d("giang_chuc", date(2026, 2, 1))], "canh_cao", True),
    ([], "khien_trach", False),
])
def test_disciplined_at_least(records, form, expected):
    assert rules.disciplined_at_least(records, 2026, form) is expected


def test_the_forms_go_from_lightest_to_heaviest():
    assert [rules.severity(form) for form in rules.FORMS] == list(range(6))
    with pytest.raises(ValueError):
        rules.severity("nhac_nho")


@pytest.mark.parametrize(("cases", "on_date", "expected"), [
    ([], date(2026, 11, 27), False),
    ([case(date(2026, 10, 1))], date(2026, 11, 27), True),
    ([case(date(2026, 10, 1), date(2026, 11, 1))], date(2026, 11, 27), False),
    ([case(date(2026, 10, 1), date(2026, 11, 27))], date(2026, 11, 27), False),  # closed that day
    ([case(date(2026, 12, 1))], date(2026, 11, 27), False),  # not opened yet
    ([case(None)], date(2026, 11, 27), True),  # the year file carries no date: pending
    ([case(date(2026, 9, 1), date(2026, 9, 30)), case(date(2026, 11, 2))], date(2026, 11, 27), True),
])
def test_has_pending(cases, on_date, expected):
    assert rules.has_pending(cases, on_date) is expected


@pytest.mark.parametrize(("records", "expected"), [
    ([], None),
    ([d("buoc_thoi_viec", date(2026, 1, 1))], None),
    ([d("khien_trach", date(2025, 3, 1), date(2025, 9, 1)), d("canh_cao", date(2026, 1, 5), date(2027, 1, 5))],
     date(2027, 1, 5)),
])
def test_achievements_count_from_the_end_of_the_latest_period(records, expected):
    assert rules.achievements_count_from(records) == expected


@pytest.mark.parametrize(("records", "on_date", "expected"), [
    ([d("khien_trach", date(2026, 3, 1), date(2026, 9, 1))], date(2026, 9, 1), True),
    ([d("khien_trach", date(2026, 3, 1), date(2026, 9, 1))], date(2026, 9, 2), False),
    ([d("buoc_thoi_viec", date(2026, 3, 1))], date(2027, 1, 1), True),
    ([d("khien_trach", date(2026, 3, 1), date(2026, 9, 1))], date(2026, 2, 28), False),
])
def test_under_discipline_on(records, on_date, expected):
    assert rules.under_discipline_on(records, on_date) is expected


@pytest.mark.parametrize(("start", "end", "expected"), [
    (date(2026, 1, 1), None, True),
    (None, date(2026, 1, 1), True),
    (date(2026, 1, 1), date(2026, 1, 1), True),
    (date(2026, 1, 2), date(2026, 1, 1), False),
])
def test_period_is_valid(start, end, expected):
    assert rules.period_is_valid(start, end) is expected
