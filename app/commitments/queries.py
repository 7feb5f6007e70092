"""The reads and the get-or-create writes of the commitments area, so views stay load → check → act → render."""

from __future__ import annotations

from flask import abort
from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.domain.commitments import previous_month
from app.extensions import db
from app.models import CommitmentItem, CommitmentSheet, Month, MonthlyReview, Person, Shortcoming, Year
from app.models import ShortcomingFollowUp as FollowUp


def month_or_404(year: int, number: int) -> Month:
    month = db.session.scalar(select(Month).join(Year).where(Year.year == year, Month.number == number))
    if month is None:
        abort(404)
    return month


def sheet_of(person_id: int, month_id: int) -> CommitmentSheet | None:
    return db.session.scalar(
        select(CommitmentSheet).options(selectinload(CommitmentSheet.items))
        .where(CommitmentSheet.person_id == person_id, CommitmentSheet.month_id == month_id)
    )


def review_of(person_id: int, month_id: int) -> MonthlyReview | None:
    return db.session.scalar(
        select(MonthlyReview).where(MonthlyReview.person_id == person_id, MonthlyReview.month_id == month_id)
    )


def _created(record):
    """Add a record another tab may be adding at the same moment: the loser of that race gets a 409, not a 500."""
    db.session.add(record)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        abort(409)
    return record


def sheet_for_writing(person: Person, month: Month) -> CommitmentSheet:
    return sheet_of(person.id, month.id) or _created(CommitmentSheet(person_id=person.id, month_id=month.id,
                                                                     state="draft"))


def review_for_writing(person: Person, month: Month) -> MonthlyReview:
    return review_of(person.id, month.id) or _created(MonthlyReview(person_id=person.id, month_id=month.id,
                                                                    self_general={}, self_state="draft"))


def previous_sheet(person_id: int, month: Month) -> CommitmentSheet | None:
    year, number = previous_month(month.year.year, month.number)
    return db.session.scalar(
        select(CommitmentSheet).options(selectinload(CommitmentSheet.items))
        .join(Month, CommitmentSheet.month_id == Month.id).join(Year)
        .where(CommitmentSheet.person_id == person_id, Year.year == year, Month.number == number)
    )


def shortcomings_to_report(person_id: int, month: Month) -> list[tuple[Shortcoming, FollowUp | None]]:
    """Shortcomings raised in earlier months that are still open (or were reported on in this month), each with
    this month's follow-up if there is one: the person says here what they did to fix them."""
    earlier = or_(Year.year < month.year.year, and_(Year.year == month.year.year, Month.number < month.number))
    reported_here = select(FollowUp.shortcoming_id).where(FollowUp.month_id == month.id)
    shortcomings = list(db.session.scalars(
        select(Shortcoming).join(Month, Shortcoming.raised_month_id == Month.id).join(Year)
        .options(selectinload(Shortcoming.raised_month).selectinload(Month.year))
        .where(Shortcoming.person_id == person_id, earlier,
               or_(Shortcoming.closed_in_month_id.is_(None), Shortcoming.id.in_(reported_here)))
        .order_by(Year.year, Month.number, Shortcoming.id)
    ))
    follow_ups = {f.shortcoming_id: f for f in db.session.scalars(
        select(FollowUp).where(FollowUp.month_id == month.id,
                               FollowUp.shortcoming_id.in_([s.id for s in shortcomings]))
    )} if shortcomings else {}
    return [(shortcoming, follow_ups.get(shortcoming.id)) for shortcoming in shortcomings]


def follow_up_for_writing(shortcoming: Shortcoming, month: Month, existing: FollowUp | None) -> FollowUp:
    return existing or _created(FollowUp(shortcoming_id=shortcoming.id, month_id=month.id, person_report=""))


def team_rows(people: list[Person], month: Month) -> dict[int, tuple[CommitmentSheet | None, int, MonthlyReview | None]]:
    """Each person's sheet, its number of items and their review for the month, in three queries."""
    ids = [person.id for person in people]
    if not ids:
        return {}
    sheets = {s.person_id: s for s in db.session.scalars(
        select(CommitmentSheet).where(CommitmentSheet.month_id == month.id, CommitmentSheet.person_id.in_(ids)))}
    counts = dict(db.session.execute(
        select(CommitmentItem.sheet_id, func.count()).where(CommitmentItem.sheet_id.in_([s.id for s in
                                                                                        sheets.values()]))
        .group_by(CommitmentItem.sheet_id)).all()) if sheets else {}
    reviews = {r.person_id: r for r in db.session.scalars(
        select(MonthlyReview).where(MonthlyReview.month_id == month.id, MonthlyReview.person_id.in_(ids)))}
    return {pid: (sheets.get(pid), counts.get(sheets[pid].id, 0) if pid in sheets else 0, reviews.get(pid))
            for pid in ids}
