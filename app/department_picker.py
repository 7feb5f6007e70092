"""A large unit is shown one department at a time: the review board, the year overview and the year end.

Above ONE_DEPARTMENT_ABOVE people (config, 200) those pages show one department, picked with `?department=`, while
their unit-wide figures (counters, the quota, the unit's titles) still count everyone; below it they show everyone,
and the picker only narrows. One place for that threshold, for the board's leaders' place in the picker (they
belong to no department) and for the departments' official order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app

from app.labels import BOARD_LEADERS_GROUP
from app.models import Department, Person

BOARD_GROUP = 0  # the picker's value for the board's leaders


@dataclass(frozen=True)
class Section:
    """A department as the picker lists it (BOARD_GROUP: the board's leaders)."""

    key: int
    name: str


def one_at_a_time(people: int) -> bool:
    """Too many people to show at once: the page shows one department and offers no "everyone"."""
    return people > current_app.config["ONE_DEPARTMENT_ABOVE"]


def group_of(person: Person) -> int:
    return person.department_id if person.department_id is not None else BOARD_GROUP


def department_order(department: Department | None) -> tuple:
    """Official order (roster.sort_by_department's): the board's leaders first, then each department in its order."""
    return (0, 0, "") if department is None else (1, department.sort_order, department.code)


def name_of(department: Department | None) -> str:
    return department.name if department else str(BOARD_LEADERS_GROUP)


def sections_of(people: Iterable[Person]) -> list[Section]:
    """The departments of these people in official order, the board's leaders first."""
    departments = {group_of(person): person.department for person in people}
    ordered = sorted(departments.items(), key=lambda item: department_order(item[1]))
    return [Section(key, name_of(department)) for key, department in ordered]


def pick(sections: list, requested: int | None, one_at_a_time: bool, fallback: int | None = None):
    """The department asked for; else, when the page shows one at a time, the `fallback` one or the first."""
    by_key = {section.key: section for section in sections}
    if requested in by_key:
        return by_key[requested]
    if one_at_a_time and sections:
        return by_key.get(fallback, sections[0])
    return None
