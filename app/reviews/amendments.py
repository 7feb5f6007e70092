"""Amending an approved review after its month closed: what the amendment changes, the record that keeps the
original (ReviewAmendment's `before`), and the lines the person page shows ("trước → sau").

A closed month is locked in the data layer (app/month_lock.py); the amendment is the one named way past it, and
it always carries a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.clock import utcnow
from app.commitments.forms import points_text
from app.domain import discipline as discipline_rules
from app.domain.points import canonical
from app.domain.reviews import level_problem
from app.domain.rulebooks import Rulebook
from app.domain.scoring import general_points, round_one_decimal
from app.extensions import db
from app.labels import LEVEL_LABELS
from app.models import Discipline, MonthlyReview, ReviewAmendment

# The review's fields an amendment may change, in the order the page lists them.
FIELDS = ("review_level", "review_score", "review_general", "review_task_points", "strengths", "direction")
POINTS_FIELDS = ("review_score", "review_task_points")
FIELD_LABELS = {
    "review_level": _l("Mức xếp loại"),
    "review_score": _l("Tổng điểm"),
    "review_task_points": _l("Điểm kết quả thực hiện nhiệm vụ"),
    "strengths": _l("Ưu điểm"),
    "direction": _l("Phương hướng tháng tới"),
}


def json_safe(value: Any) -> Any:
    """A value an audit event or an amendment can store as JSON: points as their canonical text ("9.5")."""
    if isinstance(value, Decimal):
        return canonical(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    return value


def _general(values: dict | None) -> dict[str, str]:
    return {code: canonical(value) for code, value in (values or {}).items() if canonical(value) != ""}


def current_values(review: MonthlyReview) -> dict[str, Any]:
    """The amendable fields as stored, JSON-safe and in one spelling per value (so that 85 and 85.0 compare equal)."""
    return {
        "review_level": review.review_level,
        "review_score": json_safe(review.review_score),
        "review_general": _general(review.review_general),
        "review_task_points": json_safe(review.review_task_points),
        "strengths": review.strengths or "",
        "direction": review.direction or "",
    }


def form_data(review: MonthlyReview) -> dict[str, Any]:
    """The amendment form as it opens: the review as it stands."""
    data: dict[str, Any] = {"strengths": review.strengths, "direction": review.direction, "version": review.version,
                            "level": review.review_level or "", "task_points": review.review_task_points}
    for code, value in (review.review_general or {}).items():
        text = canonical(value)
        data[f"g_{code}"] = Decimal(text) if text else None
    return data


def disciplined(person_id: int, year: int) -> bool:
    records = db.session.scalars(select(Discipline).where(Discipline.person_id == person_id))
    return discipline_rules.disciplined_in_year(list(records), year)


def proposed(review: MonthlyReview, book: Rulebook, form, year: int) -> dict[str, Any] | None:
    """The review's new values from a valid amendment form, the score computed here; None (with the error at the
    level field) when the level does not agree with the score's band or with a discipline in the year."""
    values: dict[str, Any] = {"strengths": form.strengths.data or "", "direction": form.direction.data or ""}
    if review.leave:
        return values
    score = review.review_score
    if book.scoring is not None:
        general = {group.code: form[f"g_{group.code}"].points for group in book.scoring.general_groups}
        score = total(book, general, form.task_points.points)
        values |= {"review_general": general, "review_task_points": form.task_points.points, "review_score": score}
    problem = level_problem(form.level.data, score, book, disciplined(review.person_id, year))
    if problem:
        form.level.errors.append(problem)
        return None
    return values | {"review_level": form.level.data}


def field_names(book: Rulebook, names) -> list[str]:
    """What the fields are called on the form, for a message naming them."""
    groups = group_names(book)
    return [", ".join(groups.values()) if name == "review_general" else str(FIELD_LABELS[name]) for name in names]


def total(book: Rulebook, general: dict[str, Decimal | None], task_points: Decimal | None) -> Decimal | None:
    """The month's score as the server computes it: the general points plus the task points, rounded as
    domain.scoring rounds every total. None in a levels-only year or while a figure is missing."""
    if book.scoring is None or task_points is None or any(value is None for value in general.values()):
        return None
    return round_one_decimal(general_points(general, book.scoring) + task_points)


@dataclass(frozen=True)
class Change:
    before: dict[str, Any]
    after: dict[str, Any]

    def __bool__(self) -> bool:
        return bool(self.after)


def change(review: MonthlyReview, proposed: dict[str, Any]) -> Change:
    """The fields the amendment changes, each with its stored and its new value (only the ones that differ)."""
    stored = current_values(review)
    wanted = {name: json_safe(value) for name, value in proposed.items()}
    changed = [name for name in FIELDS if name in wanted and wanted[name] != stored[name]]
    return Change(before={name: stored[name] for name in changed}, after={name: wanted[name] for name in changed})


def apply(review: MonthlyReview, amended: Change, reason: str, made_by_id: int | None) -> ReviewAmendment:
    """Write the new values into the review and keep the amendment beside it. The caller holds the month lock
    open (month_lock.unlocked(…, "amendment")) and commits."""
    for name, value in amended.after.items():
        if name == "review_general":
            review.review_general = dict(value)
        elif name in POINTS_FIELDS:
            setattr(review, name, Decimal(value) if value not in (None, "") else None)
        else:
            setattr(review, name, value)
    review.amended_at = utcnow()
    amendment = ReviewAmendment(review_id=review.id, made_by_id=made_by_id, reason=reason,
                                before=amended.before, after=amended.after)
    db.session.add(amendment)
    return amendment


# --- What the person page shows ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    label: str
    before: str
    after: str


def _shown(name: str, value: Any) -> str:
    if value in (None, ""):
        return "—"
    if name == "review_level":
        return str(LEVEL_LABELS.get(value, value))
    if name in POINTS_FIELDS:
        return points_text(Decimal(str(value)), 3 if name == "review_task_points" else 1)
    return str(value)


def group_names(book: Rulebook) -> dict[str, str]:
    return {group.code: group.name for group in book.scoring.general_groups} if book.scoring else {}


def lines(amendment: ReviewAmendment, book: Rulebook) -> list[Line]:
    """Each changed field of an amendment as "label: before → after"; the general points one line per group."""
    names = group_names(book)
    result = []
    for name in FIELDS:
        if name not in amendment.after and name not in amendment.before:
            continue
        before, after = amendment.before.get(name), amendment.after.get(name)
        if name == "review_general":
            before, after = before or {}, after or {}
            for code in [*names, *sorted((set(before) | set(after)) - set(names))]:
                if before.get(code) != after.get(code):
                    result.append(Line(names.get(code, code), _shown("review_score", before.get(code)),
                                       _shown("review_score", after.get(code))))
            continue
        result.append(Line(str(FIELD_LABELS[name]), _shown(name, before), _shown(name, after)))
    return result


def originals(review: MonthlyReview) -> dict[str, Any]:
    """The value each amended field had before its first amendment (the review as approved), shown beside the
    amended value; the general points per group code under "general"."""
    found: dict[str, Any] = {}
    general: dict[str, str | None] = {}
    for amendment in review.amendments:  # oldest first
        for name, value in (amendment.before or {}).items():
            if name == "review_general":
                after = (amendment.after or {}).get(name) or {}
                for code in set(value or {}) | set(after):
                    general.setdefault(code, (value or {}).get(code))
            else:
                found.setdefault(name, value)
    current = current_values(review)
    shown = {name: _shown(name, value) for name, value in found.items() if value != current.get(name)}
    shown["general"] = {code: _shown("review_score", value) for code, value in general.items()
                        if value != current["review_general"].get(code)}
    return shown
