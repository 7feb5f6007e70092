"""Discipline and pending cases: what they mean for a person's level and titles. Pure: no Flask, no database.

- Disciplined in the year (khiển trách or heavier, decision dated in the year): the level is Không hoàn thành
  nhiệm vụ whatever the score (Nghị định 335/2025 Điều 20).
- No award while a discipline, inspection, investigation or complaint is pending; after a discipline,
  achievements count only from the end of its period (Nghị định 152/2025 Điều 4).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol

# Lightest to heaviest: the position is the severity.
FORMS = ("khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc", "buoc_thoi_viec")
KINDS = ("discipline", "inspection", "investigation", "complaint")


class DisciplineLike(Protocol):
    form: str
    decided_on: date
    ends_on: date | None


class CaseLike(Protocol):
    kind: str
    opened_on: date | None
    closed_on: date | None


def severity(form: str) -> int:
    """0 for khiển trách up to 5 for buộc thôi việc; an unknown form is an error, never silently light."""
    return FORMS.index(form)


def _in_year(disciplines: Iterable[DisciplineLike], year: int) -> list[DisciplineLike]:
    return [d for d in disciplines if d.form in FORMS and d.decided_on.year == year]


def disciplined_in_year(disciplines: Iterable[DisciplineLike], year: int) -> bool:
    """Khiển trách or heavier with a decision dated in the year (every known form is at least khiển trách)."""
    return bool(_in_year(disciplines, year))


def heaviest_form_in_year(disciplines: Iterable[DisciplineLike], year: int) -> str | None:
    found = _in_year(disciplines, year)
    return max((d.form for d in found), key=severity) if found else None


def disciplined_at_least(disciplines: Iterable[DisciplineLike], year: int, form: str) -> bool:
    """At `form` or heavier in the year (the collective title looks at cảnh cáo or heavier)."""
    heaviest = heaviest_form_in_year(disciplines, year)
    return heaviest is not None and severity(heaviest) >= severity(form)


def is_open(case: CaseLike, on_date: date) -> bool:
    """Opened on or before the date (or with no date) and not closed by then."""
    opened = case.opened_on is None or case.opened_on <= on_date
    return opened and (case.closed_on is None or case.closed_on > on_date)


def has_pending(cases: Iterable[CaseLike], on_date: date) -> bool:
    return any(is_open(case, on_date) for case in cases)


def achievements_count_from(disciplines: Iterable[DisciplineLike]) -> date | None:
    """The end of the latest discipline period: achievements before it do not count. None when no period."""
    ends = [d.ends_on for d in disciplines if d.ends_on is not None]
    return max(ends) if ends else None


def under_discipline_on(disciplines: Iterable[DisciplineLike], on_date: date) -> bool:
    """Within a discipline period on the date (decided, and its period not yet over; no end date: still on)."""
    return any(d.decided_on <= on_date and (d.ends_on is None or d.ends_on >= on_date) for d in disciplines)


def period_is_valid(start: date | None, end: date | None) -> bool:
    """An end date, when given, is not before the start (ends_on ≥ decided_on, closed_on ≥ opened_on)."""
    return start is None or end is None or end >= start
