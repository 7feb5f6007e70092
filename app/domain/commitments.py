"""Rules of a monthly commitment sheet (cam kết công việc tháng) and its month-end self-assessment.

Plain values in, plain values out: what counts as unfinished (and so is carried into the next month), how items
are reordered, which deadlines are reasonable, when a sheet may still be edited, what a self-assessment still
lacks before it can be sent, and how an edit from one browser tab is merged with what another tab saved.
"""

from __future__ import annotations

import calendar
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

DONE_OUTCOMES = ("on_time", "late")


# --- Carrying unfinished work into the next month -------------------------------------------------------------

def is_unfinished(outcome: str | None) -> bool:
    """Not done, or never assessed: both still have to be delivered, so both are carried over."""
    return outcome not in DONE_OUTCOMES


@dataclass(frozen=True)
class PreviousItem:
    id: int
    outcome: str | None


def items_to_carry(previous: Sequence[PreviousItem], already_carried: Iterable[int]) -> list[int]:
    """The ids of last month's unfinished items not yet copied into this month, in last month's order.

    An item whose copy is already on this month's sheet (the copy carries its id) is not copied a second time.
    """
    carried = set(already_carried)
    return [item.id for item in previous if is_unfinished(item.outcome) and item.id not in carried]


def previous_month(year: int, number: int) -> tuple[int, int]:
    return (year - 1, 12) if number == 1 else (year, number - 1)


# --- Order and deadlines ----------------------------------------------------------------------------------------

def reorder(ids: Sequence[int], moving: int, direction: str) -> list[int]:
    """The order after moving one item one place up or down; at either end nothing moves."""
    order = list(ids)
    index = order.index(moving)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(order):
        return order
    order[index], order[other] = order[other], order[index]
    return order


DEADLINE_MONTHS_AHEAD = 2  # a month's work may be due up to the end of the second month after it


def deadline_window(year: int, number: int) -> tuple[date, date]:
    """The reasonable deadlines of a month's commitments: from its first day to the end of the month two months
    later (work registered in November may be due by the end of January, not before November)."""
    index = number - 1 + DEADLINE_MONTHS_AHEAD
    last_year, last_month = year + index // 12, index % 12 + 1
    return date(year, number, 1), date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])


# --- When a sheet may be edited ---------------------------------------------------------------------------------

def item_edit_action(sheet_state: str | None) -> str | None:
    """The calendar action that item edits need, or None when the sheet is locked (submitted).

    A sheet sent back by the reviewer may be answered while the month still accepts sheets (also during the
    self-assessment step); an ordinary draft only while the month is open for commitments.
    """
    if sheet_state == "submitted":
        return None
    return "submit_commitments" if sheet_state == "returned" else "edit_commitments"


# --- The planned points against the rulebook's task points ---------------------------------------------------

@dataclass(frozen=True)
class PlannedTotal:
    total: Decimal
    without_points: int  # items with no planned points while others have some: they will weigh nothing
    differs: bool  # the total is not the rulebook's task points (a warning: the score is scaled, never blocked)


def planned_total(values: Sequence[Decimal | None], task_points: Decimal) -> PlannedTotal:
    total = sum((value for value in values if value is not None), Decimal(0))
    has_points = any(values)
    without = sum(1 for value in values if not value) if has_points else 0
    return PlannedTotal(total, without, bool(values) and has_points and total != task_points)


# --- What a self-assessment still lacks -------------------------------------------------------------------------

@dataclass(frozen=True)
class Gaps:
    groups_missing: tuple[str, ...] = ()  # criteria group codes without points
    items_unassessed: int = 0
    level_missing: bool = False  # levels-only years: no proposed level
    reports_missing: int = 0  # open shortcomings without a word on what was done
    no_items: bool = False

    @property
    def complete(self) -> bool:
        return not (self.groups_missing or self.items_unassessed or self.level_missing or self.reports_missing
                    or self.no_items)


def self_assessment_gaps(*, scored: bool, group_codes: Sequence[str], general: Mapping[str, object],
                         outcomes: Sequence[str | None], proposed_level: str | None, reports: Sequence[str],
                         on_leave: bool) -> Gaps:
    """A month on leave needs nothing more; otherwise every item, every criteria group (or the proposed level)
    and every open shortcoming must be answered before the self-assessment is sent."""
    if on_leave:
        return Gaps()
    return Gaps(
        groups_missing=tuple(code for code in group_codes if general.get(code) in (None, "")) if scored else (),
        items_unassessed=sum(1 for outcome in outcomes if outcome is None),
        level_missing=not scored and not proposed_level,
        reports_missing=sum(1 for report in reports if not report.strip()),
        no_items=not outcomes,
    )


# --- Two tabs, one record: a three-way merge per field ----------------------------------------------------------

def fingerprint(text: str) -> str:
    """A short stand-in for a stored value, sent with the form so the server knows what the user started from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


KEEP, APPLY, CONFLICT = "keep", "apply", "conflict"


def field_change(posted: str, was: str, stored: str) -> str:
    """What to do with one field of a form, given what was posted, the fingerprint of the value the form
    showed, and what is stored now (both texts in canonical form).

    keep: this user did not change the field (or changed it to what is already stored): leave the stored value.
    apply: this user changed it and nobody else did since: save it.
    conflict: this user changed it, and someone else changed it too since the form was shown.
    """
    if fingerprint(posted) == was or posted == stored:
        return KEEP
    if fingerprint(stored) == was:
        return APPLY
    return CONFLICT
