"""Options for the admin forms' select boxes, read fresh for each form."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from wtforms import SelectChoice

from app.domain.org import BOARD_LEADER_POSITIONS
from app.extensions import db
from app.models import Department, Person
from app.roster import sort_by_name

NONE = 0  # SelectField with coerce=int: 0 stands for "none chosen"


def departments() -> list[Department]:
    return list(db.session.scalars(select(Department).order_by(Department.sort_order, Department.code)))


def department_choices() -> list[SelectChoice]:
    return [SelectChoice(NONE, _("— Không thuộc phòng —"))] + [SelectChoice(d.id, d.name) for d in departments()]


def board_leader_choices() -> list[SelectChoice]:
    leaders = db.session.scalars(
        select(Person).where(Person.active.is_(True), Person.position.in_(BOARD_LEADER_POSITIONS))
    )
    return [SelectChoice(NONE, _("— Trưởng ban —"))] + [SelectChoice(p.id, p.full_name) for p in sort_by_name(list(leaders))]


def active_people_choices(excluding: int | None = None) -> list[SelectChoice]:
    people = db.session.scalars(select(Person).where(Person.active.is_(True)))
    return [SelectChoice(p.id, p.full_name) for p in sort_by_name(list(people)) if p.id != excluding]
