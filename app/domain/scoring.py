"""A month's score out of 100 under a scored rulebook (Nghị định 335/2025): 30 general points entered per criteria
group, plus 70 task points from the month's commitment items, each late item or major error losing a share of that
item's points; and the level the score reaches.

Arithmetic is in Decimal and the total is rounded to one decimal, half away from zero, so that the figure a person
sees while typing is the figure that is stored and printed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from app.domain.rulebooks import Rulebook, Scoring

OUTCOMES = ("on_time", "late", "not_done")
ONE_DECIMAL = Decimal("0.1")


def round_one_decimal(value: Decimal) -> Decimal:
    """Half away from zero (Decimal's ROUND_HALF_UP), never banker's rounding: 89.95 → 90.0."""
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ItemResult:
    """A commitment item as the score sees it. outcome None: not assessed yet."""

    planned_points: Decimal | None
    outcome: str | None
    major_error: bool = False


@dataclass(frozen=True)
class TaskPoints:
    points: Decimal | None  # out of the rulebook's task points; None when there is nothing to score
    earned: Decimal
    planned: Decimal
    unassessed: int  # items without an outcome yet (counted as earning nothing)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class MonthlyScore:
    general: Decimal
    tasks: TaskPoints
    total: Decimal | None
    level: str | None
    notes: tuple[str, ...] = field(default=())


def item_earned(item: ItemResult, weight: Decimal, scoring: Scoring) -> Decimal:
    if item.outcome not in ("on_time", "late"):
        return Decimal(0)
    share = Decimal(1)
    if item.outcome == "late":
        share -= scoring.late_deduction
    if item.major_error:
        share -= scoring.error_deduction
    return weight * max(share, Decimal(0))


def task_points(items: Iterable[ItemResult], scoring: Scoring) -> TaskPoints:
    """The task points: the share of the planned points earned, scaled to the rulebook's task points.

    Items carry planned points where the unit scores tasks; when no item does, every item weighs the same.
    An item without planned points among items that have them weighs nothing, and a note says so.
    """
    items = list(items)
    if not items:
        return TaskPoints(None, Decimal(0), Decimal(0), 0, ("Chưa có nội dung công việc nào để chấm điểm.",))
    has_points = any(item.planned_points for item in items)
    notes = []
    if has_points and any(not item.planned_points for item in items):
        notes.append("Có nội dung công việc chưa ghi điểm dự kiến: nội dung đó không được tính điểm.")
    weights = [(item.planned_points or Decimal(0)) if has_points else Decimal(1) for item in items]
    planned = sum(weights, Decimal(0))
    earned = sum((item_earned(item, weight, scoring) for item, weight in zip(items, weights, strict=True)),
                 Decimal(0))
    unassessed = sum(1 for item in items if item.outcome is None)
    if unassessed:
        notes.append(f"Còn {unassessed} nội dung chưa tự đánh giá (tạm tính 0 điểm).")
    points = scoring.task_points * earned / planned if planned else None
    return TaskPoints(points, earned, planned, unassessed, tuple(notes))


def general_points(entered: Mapping[str, Decimal | None], scoring: Scoring) -> Decimal:
    """The general points, each group within 0 and its maximum (a ValueError names the group otherwise)."""
    total = Decimal(0)
    for group in scoring.general_groups:
        value = entered.get(group.code)
        if value is None:
            continue
        if value < 0 or value > group.max_points:
            raise ValueError(f"{group.code}: {value} is outside 0–{group.max_points}")
        total += value
    return total


def level_for_score(score: Decimal, book: Rulebook) -> str:
    for level in book.levels:  # highest first
        if level.min_score is not None and score >= level.min_score:
            return level.code
    return book.levels[-1].code


def monthly_score(entered_general: Mapping[str, Decimal | None], items: Iterable[ItemResult],
                  book: Rulebook) -> MonthlyScore:
    if book.scoring is None:
        raise ValueError(f"{book.code} rates by level only: there is no score to compute")
    general = general_points(entered_general, book.scoring)
    tasks = task_points(items, book.scoring)
    if tasks.points is None:
        return MonthlyScore(general, tasks, None, None, tasks.notes)
    total = round_one_decimal(general + tasks.points)
    return MonthlyScore(general, tasks, total, level_for_score(total, book), tasks.notes)
