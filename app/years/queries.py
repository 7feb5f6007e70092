"""Which year and month people are working in now."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Month, Year

ACTIVE_STATES = ("commitments", "self_assessment", "review")


@dataclass(frozen=True)
class Calendar:
    """Every year with its months, read in two queries, for a request that looks at the calendar several ways ("Việc
    của tôi": the year to open, the months under way, the latest year's registrations, the months at review). Built
    by the caller and passed down, never kept: it is what the database held when it was read."""

    years: tuple[Year, ...]  # oldest first, each with its months (by number) loaded

    def latest(self) -> Year | None:
        """The same year as latest_year()."""
        return self.years[-1] if self.years else None

    def has_year(self, number: int) -> bool:
        return any(year.year == number for year in self.years)

    def months_in(self, states: tuple[str, ...]) -> list[Month]:
        """The months in one of these states, oldest first."""
        return [month for year in self.years for month in year.months if month.state in states]

    def active_months(self) -> list[Month]:
        """The same months as active_months()."""
        return self.months_in(ACTIVE_STATES)

    def month(self, month_id: int) -> Month:
        return next(month for year in self.years for month in year.months if month.id == month_id)


def calendar() -> Calendar:
    return Calendar(tuple(db.session.scalars(select(Year).options(selectinload(Year.months)).order_by(Year.year))))


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
