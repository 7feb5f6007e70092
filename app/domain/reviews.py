"""Rules of the leaders' monthly review (the issue after the staff side builds its screens on these).

- The level must agree with the score's band in a scored year; a person disciplined (khiển trách or heavier) in
  the year is rated Không hoàn thành nhiệm vụ whatever the score (Nghị định 335/2025, Điều 20).
- Consistency warnings never block: a top level given together with shortcomings, a jump of two levels from last
  month without a comment, the same text pasted for several people.
- The Hoàn thành xuất sắc quota: at most a share of the people rated Hoàn thành tốt (Điều 20.5); whether the
  HTXS people join the denominator is a setting.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from app.domain.rulebooks import LEVELS, Rulebook
from app.domain.scoring import level_for_score
from app.domain.text import clean_text

TOP_LEVEL = LEVELS[0]
DISCIPLINED_LEVEL = LEVELS[-1]
# Texts shorter than this are too ordinary ("Hoàn thành tốt nhiệm vụ.") to count as pasted.
PASTED_MIN_LENGTH = 40


def required_level(score: Decimal | None, book: Rulebook, disciplined: bool) -> str | None:
    """The level the rules impose, or None when the leader chooses (a levels-only year, no score yet)."""
    if disciplined:
        return DISCIPLINED_LEVEL
    if book.is_scored and score is not None:
        return level_for_score(score, book)
    return None


def level_problem(level: str, score: Decimal | None, book: Rulebook, disciplined: bool) -> str | None:
    """A Vietnamese reason why this level cannot be given, or None when it may."""
    if level not in LEVELS:
        return "Mức xếp loại không hợp lệ."
    required = required_level(score, book, disciplined)
    if required is None or required == level:
        return None
    if disciplined:
        return ("Người bị kỷ luật (khiển trách trở lên) trong năm xếp mức Không hoàn thành nhiệm vụ "
                "(Nghị định 335/2025/NĐ-CP, Điều 20).")
    return (f"Điểm {score} thuộc mức {book.level(required).name}, không phải {book.level(level).name} "
            f"({book.level(required).source}).")


def level_steps(earlier: str, later: str) -> int:
    """How many levels apart two levels are: htxs → ht is 2."""
    return abs(LEVELS.index(earlier) - LEVELS.index(later))


@dataclass(frozen=True)
class ReviewWarning:
    code: str
    message: str


def consistency_warnings(level: str | None, open_shortcomings: int, previous_level: str | None,
                         comment: str) -> list[ReviewWarning]:
    warnings = []
    if level == TOP_LEVEL and open_shortcomings:
        warnings.append(ReviewWarning("top_level_with_shortcomings",
                                f"Mức Hoàn thành xuất sắc nhiệm vụ nhưng còn {open_shortcomings} tồn tại, hạn chế: "
                                "hãy xem lại hoặc ghi rõ lý do."))
    if level and previous_level and level_steps(previous_level, level) >= 2 and not clean_text(comment):
        warnings.append(ReviewWarning("level_jump",
                                "Mức xếp loại thay đổi hai bậc so với tháng trước: hãy ghi nhận xét giải thích."))
    return warnings


def pasted_texts(texts: Mapping[int, str]) -> dict[int, list[int]]:
    """For each person whose text (strengths, shortcomings…) is word for word another person's, the others.

    Compared after cleaning (NFC, spaces, case), so a pasted text with a stray space still counts."""
    holders: dict[str, list[int]] = defaultdict(list)
    for person_id, text in texts.items():
        key = clean_text(text).casefold()
        if len(key) >= PASTED_MIN_LENGTH:
            holders[key].append(person_id)
    return {person_id: [other for other in group if other != person_id]
            for group in holders.values() if len(group) > 1 for person_id in group}


@dataclass(frozen=True)
class Quota:
    htxs_max: int
    htxs_count: int

    @property
    def over(self) -> bool:
        return self.htxs_count > self.htxs_max


def htxs_quota(levels: Mapping[int, str | None], percent: int, htxs_in_denominator: bool) -> Quota:
    """How many Hoàn thành xuất sắc places the rule allows against how many are proposed.

    The places are floor(percent × the people at Hoàn thành tốt), or of those at HTT and HTXS when the setting
    counts the HTXS people in the denominator."""
    counted = [level for level in levels.values() if level]
    htxs = counted.count(TOP_LEVEL)
    denominator = counted.count("htt") + (htxs if htxs_in_denominator else 0)
    return Quota(htxs_max=math.floor(Decimal(percent) * denominator / 100), htxs_count=htxs)


# --- The leader's points against the self-assessed ones -------------------------------------------------------

TASKS_KEY = "tasks"  # change_reasons' key for the task points (the general groups use their rulebook codes)


def changes_needing_reasons(self_points: Mapping[str, Decimal | None],
                            review_points: Mapping[str, Decimal | None]) -> list[str]:
    """The keys (general group codes, "tasks") where the leader's figure differs from the self-assessed one.

    A figure the person never gave (None) needs no reason: there is nothing to differ from."""
    return [key for key, value in review_points.items()
            if value is not None and self_points.get(key) is not None and Decimal(value) != Decimal(self_points[key])]


# --- Closing a month -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PersonMonth:
    """What closing the month needs to know of one person's month."""

    name: str
    needs_review: bool  # False for someone on leave or assessed outside the unit (the Trưởng ban)
    review_state: str  # "pending", "reviewed", "approved"
    shortcomings_without_verdict: int


def close_blockers(people: list[PersonMonth]) -> list[str]:
    """Vietnamese reasons why the month cannot close yet; empty when it can.

    Every review must be written and approved, and every shortcoming open from earlier months must have been
    given a verdict in this month's review (đã khắc phục, khắc phục một phần, chưa khắc phục)."""
    blockers = []
    unreviewed = [p.name for p in people if p.needs_review and p.review_state == "pending"]
    unapproved = [p.name for p in people if p.needs_review and p.review_state == "reviewed"]
    without_verdict = [(p.name, p.shortcomings_without_verdict) for p in people if p.shortcomings_without_verdict]
    if unreviewed:
        blockers.append(f"Chưa đánh giá ({len(unreviewed)}): {_names(unreviewed)}.")
    if unapproved:
        blockers.append(f"Đã đánh giá nhưng chưa được duyệt ({len(unapproved)}): {_names(unapproved)}.")
    if without_verdict:
        blockers.append("Tồn tại, hạn chế của các tháng trước chưa có kết luận khắc phục: "
                        + "; ".join(f"{name} ({count})" for name, count in without_verdict) + ".")
    return blockers


def _names(names: list[str], shown: int = 8) -> str:
    if len(names) <= shown:
        return ", ".join(names)
    return ", ".join(names[:shown]) + f" và {len(names) - shown} người khác"


# --- The reviewed person's answer ------------------------------------------------------------------------------

def response_deadline(approved_on: date, days: int) -> date:
    """The last day the person may acknowledge or object: `days` calendar days after the approval."""
    return approved_on + timedelta(days=days)


def may_respond(approved_on: date | None, today: date, days: int) -> bool:
    return approved_on is not None and today <= response_deadline(approved_on, days)
