"""The self-assessment's figures, recomputed by the server from what is stored (never from a posted total)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from app.domain.commitments import Gaps, fingerprint, self_assessment_gaps
from app.domain.rulebooks import Rulebook
from app.domain.scoring import ItemResult, MonthlyScore, monthly_score
from app.models import CommitmentItem, MonthlyReview

TASK_POINTS_PLACES = Decimal("0.001")  # MonthlyReview.self_task_points is Numeric(6, 3)


@dataclass(frozen=True)
class Summary:
    scored: bool
    leave: str | None
    general: Decimal | None  # the general points entered so far
    general_max: Decimal | None
    task_points: Decimal | None
    task_max: Decimal | None
    total: Decimal | None
    level: str | None  # reached by the total (scored years) or chosen (levels-only years)
    late: int
    with_errors: int
    not_done: int
    unassessed: int
    without_points: int  # items without planned points among scored ones: they weigh nothing
    gaps: Gaps

    @property
    def seen(self) -> str:
        """What the person saw when pressing "send": if it changed since (another tab), the send is refused."""
        return fingerprint(f"{self.leave}|{self.total}|{self.level}|{self.task_points}")


def general_entered(review: MonthlyReview | None) -> dict[str, Decimal]:
    return {code: Decimal(str(value)) for code, value in ((review.self_general or {}) if review else {}).items()
            if value not in (None, "")}


def item_results(items: Sequence[CommitmentItem]) -> list[ItemResult]:
    return [ItemResult(item.planned_points, item.outcome, item.major_error) for item in items]


def score(book: Rulebook, review: MonthlyReview | None, items: Sequence[CommitmentItem]) -> MonthlyScore | None:
    """The domain's score of what is stored; None for a levels-only year or a month on leave."""
    if book.scoring is None or (review is not None and review.leave):
        return None
    return monthly_score(general_entered(review), item_results(items), book)


def summarise(book: Rulebook, review: MonthlyReview | None, items: Sequence[CommitmentItem],
              reports: Sequence[str]) -> Summary:
    result = score(book, review, items)
    general = general_entered(review)
    scoring = book.scoring
    leave = review.leave if review else None
    has_points = any(item.planned_points for item in items)
    return Summary(
        scored=scoring is not None,
        leave=leave,
        general=result.general if result else None,
        general_max=scoring.general_points if scoring else None,
        task_points=result.tasks.points if result else None,
        task_max=scoring.task_points if scoring else None,
        total=result.total if result else None,
        level=(result.level if result else None) if scoring else (review.self_level if review else None),
        late=sum(1 for item in items if item.outcome == "late"),
        with_errors=sum(1 for item in items if item.major_error and item.outcome in ("on_time", "late")),
        not_done=sum(1 for item in items if item.outcome == "not_done"),
        unassessed=sum(1 for item in items if item.outcome is None),
        without_points=sum(1 for item in items if not item.planned_points) if scoring and has_points else 0,
        gaps=self_assessment_gaps(
            scored=scoring is not None,
            group_codes=[group.code for group in scoring.general_groups] if scoring else [],
            general=general, outcomes=[item.outcome for item in items],
            proposed_level=review.self_level if review else None, reports=reports, on_leave=bool(leave)),
    )


def stored_task_points(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(TASK_POINTS_PLACES)
