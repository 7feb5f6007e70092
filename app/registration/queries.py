"""The registrations a page needs, in a constant number of queries whatever the number of people."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from app import roster
from app.extensions import db
from app.models import Account, Person, Registration, UnitRegistration, Year
from app.permissions import can_decide_for, can_view_person
from app.years.queries import latest_year


def current_year() -> Year | None:
    """Registration is for the latest year the board's leaders opened."""
    return latest_year()


def registration_of(year: Year, person: Person) -> Registration | None:
    return db.session.scalar(
        select(Registration).where(Registration.year_id == year.id, Registration.person_id == person.id)
    )


def unit_registration_of(year: Year) -> UnitRegistration | None:
    return db.session.scalar(
        select(UnitRegistration).where(UnitRegistration.year_id == year.id)
        .options(selectinload(UnitRegistration.decided_by).selectinload(Account.person),
                 selectinload(UnitRegistration.submitted_by).selectinload(Account.person))
    )


def load_registration(registration_id: int) -> Registration:
    """A registration the current account may see: 404 for an unknown id, 403 for someone it may not see."""
    registration = db.session.get(Registration, registration_id)
    if registration is None:
        abort(404)
    if not can_view_person(current_user, registration.person):
        abort(403)
    return registration


@dataclass(frozen=True)
class Row:
    person: Person
    registration: Registration | None
    can_decide: bool

    @property
    def state(self) -> str | None:
        return self.registration.state if self.registration else None


def rows(year: Year) -> list[Row]:
    """Everyone this account may see who could register (still working, with a login) or did, in official order."""
    registrations = {
        record.person_id: record for record in db.session.scalars(
            select(Registration).where(Registration.year_id == year.id)
            .options(selectinload(Registration.decided_by).selectinload(Account.person))
        )
    }
    people = db.session.scalars(
        select(Person)
        .where(or_(Person.active.is_(True), Person.id.in_(registrations)))
        .options(selectinload(Person.department), selectinload(Person.account))
    )
    visible = [person for person in people
               if (person.id in registrations or person.account is not None) and can_view_person(current_user, person)]
    return [Row(person, registrations.get(person.id), can_decide_for(current_user, person))
            for person in roster.sort_by_department(visible)]


def waiting_for(account: Account, year: Year) -> int:
    """How many registrations of the year wait for this account's decision."""
    waiting = db.session.scalars(
        select(Person).join(Registration, Registration.person_id == Person.id)
        .where(Registration.year_id == year.id, Registration.state == "submitted")
    )
    return sum(1 for person in waiting if can_decide_for(account, person))
