"""Closing a month: what still stands in the way (domain.reviews.close_blockers decides), asked by the board's
"close" button and by the years page's month stepper alike."""

from __future__ import annotations

from flask import abort
from flask_babel import gettext as _

from app import roster
from app.domain.reviews import PersonMonth, close_blockers
from app.errors import error_response
from app.models import Month
from app.reviews.queries import active_people, reviews_of_month, shortcomings_to_judge


def person_months(month: Month) -> list[PersonMonth]:
    """Every active person's month as the closing rule sees it, in a fixed number of queries."""
    people = roster.sort_by_department(active_people())
    choices = roster.reviewer_choices()
    reviews = reviews_of_month(month)
    to_judge = shortcomings_to_judge(month)
    rows = []
    for person in people:
        review = reviews.get(person.id)
        on_leave = bool(review and review.leave)
        reviewed_in_unit = choices.get(person.id) is not None and choices[person.id].reviewer_id is not None
        missing = 0 if on_leave else sum(1 for _shortcoming, follow_up in to_judge.get(person.id, [])
                                         if follow_up is None or follow_up.verdict is None)
        rows.append(PersonMonth(name=person.full_name, needs_review=reviewed_in_unit and not on_leave,
                                review_state=review.review_state if review else "pending",
                                shortcomings_without_verdict=missing))
    return rows


def blockers(month: Month) -> list[str]:
    return close_blockers(person_months(month))


def refuse_close_while_blocked(month: Month) -> None:
    """A 409 naming everything still open, when the month cannot close yet."""
    reasons = blockers(month)
    if reasons:
        abort(error_response(409, _("Chưa thể chốt tháng %(month)s. %(reasons)s", month=month.label,
                                    reasons=" ".join(reasons))))
