"""The unit's people as the rules see them, loaded once per request.

Every page that asks "who reviews whom" goes through here, so the mapping costs two queries whatever the
number of people, and every page agrees on it.
"""

from __future__ import annotations

from flask import g
from sqlalchemy import select

from app.domain.names import person_sort_key
from app.domain.org import DepartmentInfo, Member, ReviewerChoice, approver_id, position_rank, reviewer_map
from app.extensions import db
from app.models import Department, Person


def _members_and_departments() -> tuple[list[Member], dict[int, DepartmentInfo]]:
    rows = db.session.execute(
        select(Person.id, Person.position, Person.department_id, Person.active, Person.reviewer_override_id)
    ).all()
    members = [Member(*row) for row in rows]
    departments = {
        dept_id: DepartmentInfo(dept_id, supervisor_id)
        for dept_id, supervisor_id in db.session.execute(select(Department.id, Department.supervisor_id)).all()
    }
    return members, departments


def reviewer_choices() -> dict[int, ReviewerChoice]:
    if "reviewer_choices" not in g:
        members, departments = _members_and_departments()
        g.members = members
        g.reviewer_choices = reviewer_map(members, departments)
    return g.reviewer_choices


def approver_of(person: Person) -> int | None:
    reviewer_choices()
    member = next(m for m in g.members if m.id == person.id)
    return approver_id(member, g.members)


def forget() -> None:
    """Call after changing people or departments within a request, so later questions see the change."""
    g.pop("reviewer_choices", None)
    g.pop("members", None)


def sort_by_name(people: list[Person]) -> list[Person]:
    return sorted(people, key=lambda p: (person_sort_key(p.given_name, p.middle_name, p.family_name), p.code))


def sort_by_department(people: list[Person]) -> list[Person]:
    """Official order: the board's leaders first, then each department in its order, by position, then name."""

    def key(p: Person):
        dept = p.department
        dept_order = (0, 0, "") if dept is None else (1, dept.sort_order, dept.code)
        return (dept_order, position_rank(p.position), person_sort_key(p.given_name, p.middle_name, p.family_name))

    return sorted(people, key=key)
