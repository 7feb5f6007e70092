"""The unit's people as the rules see them: who reviews and approves whom.

Every page that asks "who reviews whom" goes through here, so every page agrees on it. The mapping is worked out
from two queries (people, departments) and kept in the worker's memory under the data version (app/data_version.py),
which changes with every committed write anywhere: a new head, a person moved or leaving, an admin's override are
seen by the next question. While the request's own session holds uncommitted changes, the mapping is worked out
afresh from them and not kept. What is handed out is read-only (frozen members, mapping proxies): callers share it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from flask import current_app, g
from sqlalchemy import select

from app import data_version
from app.domain.names import person_sort_key
from app.domain.org import DepartmentInfo, Member, ReviewerChoice, approver_id, position_rank, reviewer_map
from app.extensions import db
from app.models import Department, Person

_MEMO = "roster_of_version"


@dataclass(frozen=True)
class Roster:
    """The unit's reviewer mapping at one data version."""

    choices: Mapping[int, ReviewerChoice]  # person id → their reviewer, for every person (active or not)
    members: Mapping[int, Member]  # person id → what the rules know of them
    chiefs: tuple[Member, ...]  # the active Trưởng ban(s): the approvers
    reviewees: Mapping[int, tuple[int, ...]]  # reviewer id → the people they review, in the mapping's order

    @classmethod
    def read(cls) -> Roster:
        rows = db.session.execute(
            select(Person.id, Person.position, Person.department_id, Person.active, Person.reviewer_override_id)
        ).all()
        members = [Member(*row) for row in rows]
        departments = {
            dept_id: DepartmentInfo(dept_id, supervisor_id)
            for dept_id, supervisor_id in db.session.execute(select(Department.id, Department.supervisor_id)).all()
        }
        choices = reviewer_map(members, departments)
        reviewees: dict[int, list[int]] = {}
        for person_id, choice in choices.items():
            if choice.reviewer_id is not None:
                reviewees.setdefault(choice.reviewer_id, []).append(person_id)
        return cls(MappingProxyType(choices), MappingProxyType({m.id: m for m in members}),
                   tuple(m for m in members if m.active and m.position == "truong_ban"),
                   MappingProxyType({k: tuple(v) for k, v in reviewees.items()}))


def current() -> Roster:
    """The roster for this request: once per request, and once per data version per worker."""
    if "roster" not in g:
        g.roster = _of_version()
    return g.roster


def _version() -> int:
    key = g.get("page_cache_key")  # app/page_cache.py read the version for this GET before anything else
    if key and not db.session.info.get(data_version.WROTE):
        return key[0]
    return data_version.current(db.session)  # read before the people: what is kept is at least that recent


def _of_version() -> Roster:
    if data_version.pending_write(db.session):  # uncommitted changes: what it reads is not the version's
        return Roster.read()
    version = _version()
    memo = current_app.extensions.get(_MEMO)
    if memo is not None and memo[0] == version:
        return memo[1]
    roster = Roster.read()
    current_app.extensions[_MEMO] = (version, roster)  # one entry: the latest version this worker saw
    return roster


def reviewer_choices() -> Mapping[int, ReviewerChoice]:
    return current().choices


def reviewees_of(reviewer_id: int) -> tuple[int, ...]:
    """The people this person reviews (active or not), in the mapping's order."""
    return current().reviewees.get(reviewer_id, ())


def approver_of(person: Person) -> int | None:
    roster = current()
    return approver_id(roster.members[person.id], list(roster.chiefs))


def forget() -> None:
    """Call after changing people or departments within a request, so later questions see the change."""
    g.pop("roster", None)


def sort_by_name(people: list[Person]) -> list[Person]:
    return sorted(people, key=lambda p: (person_sort_key(p.given_name, p.middle_name, p.family_name), p.code))


def sort_by_department(people: list[Person]) -> list[Person]:
    """Official order: the board's leaders first, then each department in its order, by position, then name."""

    def key(p: Person):
        dept = p.department
        dept_order = (0, 0, "") if dept is None else (1, dept.sort_order, dept.code)
        return (dept_order, position_rank(p.position), person_sort_key(p.given_name, p.middle_name, p.family_name))

    return sorted(people, key=key)
