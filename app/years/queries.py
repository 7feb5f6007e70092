"""Which year and month people are working in now."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import Month, Year

ACTIVE_STATES = ("commitments", "self_assessment", "review")


def latest_year() -> Year | None:
    return db.session.scalar(select(Year).order_by(Year.year.desc()).limit(1))


def active_months() -> list[Month]:
    """Months under way (not before opening, not closed), oldest first: a unit may close March in early April."""
    return list(db.session.scalars(
        select(Month).join(Year).where(Month.state.in_(ACTIVE_STATES)).order_by(Year.year, Month.number)
    ))


def month_of(year: int, number: int) -> Month | None:
    return db.session.scalar(select(Month).join(Year).where(Year.year == year, Month.number == number))


def month_under_way(today, first_in_state: str | None = None) -> Month | None:
    """The month people are working in: the oldest month in `first_in_state` if any (a board reviews October in
    early November); else today's month when it is under way; else the newest month under way (people register
    ahead)."""
    months = active_months()
    if first_in_state is not None:
        in_state = [month for month in months if month.state == first_in_state]
        if in_state:
            return in_state[0]
    for month in months:
        if (month.year.year, month.number) == (today.year, today.month):
            return month
    return months[-1] if months else None
