"""The reads the reviews area shares, each a fixed number of queries whatever the number of people."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Month, MonthlyReview, Person, Shortcoming, Year
from app.models import ShortcomingFollowUp as FollowUp


def active_people() -> list[Person]:
    return list(db.session.scalars(select(Person).options(selectinload(Person.department))
                                   .where(Person.active.is_(True))))


def reviews_of_month(month: Month, person_ids: list[int] | None = None) -> dict[int, MonthlyReview]:
    query = select(MonthlyReview).where(MonthlyReview.month_id == month.id)
    if person_ids is not None:
        query = query.where(MonthlyReview.person_id.in_(person_ids))
    return {review.person_id: review for review in db.session.scalars(query)}


def _earlier_than(month: Month):
    return or_(Year.year < month.year.year, and_(Year.year == month.year.year, Month.number < month.number))


def shortcomings_to_judge(month: Month, person_ids: list[int] | None = None
                          ) -> dict[int, list[tuple[Shortcoming, FollowUp | None]]]:
    """Per person, the shortcomings raised before this month that this month's review must judge — still open,
    or closed by this very month's verdict — each with this month's follow-up (the person's report, the verdict)
    if there is one. Oldest first. Two queries."""
    judged_here = select(FollowUp.shortcoming_id).where(FollowUp.month_id == month.id)
    query = (select(Shortcoming).join(Month, Shortcoming.raised_month_id == Month.id).join(Year)
             .options(selectinload(Shortcoming.raised_month).selectinload(Month.year))
             .where(_earlier_than(month),
                    or_(Shortcoming.closed_in_month_id.is_(None), Shortcoming.closed_in_month_id == month.id,
                        Shortcoming.id.in_(judged_here)))
             .order_by(Year.year, Month.number, Shortcoming.id))
    if person_ids is not None:
        query = query.where(Shortcoming.person_id.in_(person_ids))
    shortcomings = list(db.session.scalars(query))
    follow_ups = {f.shortcoming_id: f for f in db.session.scalars(
        select(FollowUp).where(FollowUp.month_id == month.id))} if shortcomings else {}
    by_person: dict[int, list[tuple[Shortcoming, FollowUp | None]]] = defaultdict(list)
    for shortcoming in shortcomings:
        by_person[shortcoming.person_id].append((shortcoming, follow_ups.get(shortcoming.id)))
    return dict(by_person)


def raised_in_month(month: Month, person_ids: list[int] | None = None) -> dict[int, list[Shortcoming]]:
    """Per person, the shortcomings this month's review named (to fix next month)."""
    query = select(Shortcoming).where(Shortcoming.raised_month_id == month.id).order_by(Shortcoming.id)
    if person_ids is not None:
        query = query.where(Shortcoming.person_id.in_(person_ids))
    by_person: dict[int, list[Shortcoming]] = defaultdict(list)
    for shortcoming in db.session.scalars(query):
        by_person[shortcoming.person_id].append(shortcoming)
    return dict(by_person)
