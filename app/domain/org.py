"""The unit's shape: positions, and who reviews and approves whom.

By default a department head (Trưởng phòng) reviews the department's members, the board's leaders review the
department heads (the leader in charge of the department, else the Trưởng ban), the Trưởng ban reviews the
deputies, and the Trưởng ban approves every review. An admin may name another reviewer for anyone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

GENDERS = ("female", "male")

# Highest first: official lists by department go down this order.
POSITIONS = ("truong_ban", "pho_truong_ban", "truong_phong", "pho_truong_phong", "chuyen_vien", "nhan_vien")
BOARD_LEADER_POSITIONS = frozenset({"truong_ban", "pho_truong_ban"})
DEPARTMENT_LEADER_POSITIONS = frozenset({"truong_phong", "pho_truong_phong"})


# What a person's record accepts, shared by the person form, the spreadsheet import and the tables.
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{2,59}$"
MAX_LENGTH = {"code": 20, "family_name": 50, "middle_name": 50, "given_name": 50, "username": 60}


def position_rank(position: str) -> int:
    return POSITIONS.index(position) if position in POSITIONS else len(POSITIONS)


@dataclass(frozen=True)
class Member:
    """What the reviewer rules need to know of a person."""

    id: int
    position: str
    department_id: int | None
    active: bool = True
    reviewer_override_id: int | None = None


@dataclass(frozen=True)
class DepartmentInfo:
    id: int
    supervisor_id: int | None = None


@dataclass(frozen=True)
class ReviewerChoice:
    """A person's reviewer and why it is that one ('override', 'department_head', 'department_deputy',
    'supervisor', 'chief', or 'none' for the Trưởng ban, who is assessed by the superior body)."""

    reviewer_id: int | None
    source: str


def _first(ids: Iterable[int]) -> int | None:
    return min(ids, default=None)


def default_reviewer(member: Member, people: list[Member], departments: dict[int, DepartmentInfo]) -> ReviewerChoice:
    active = [p for p in people if p.active and p.id != member.id]
    chief = _first(p.id for p in active if p.position == "truong_ban")
    board = {p.id for p in active if p.position in BOARD_LEADER_POSITIONS}

    if member.reviewer_override_id is not None and member.reviewer_override_id in {p.id for p in active}:
        return ReviewerChoice(member.reviewer_override_id, "override")
    if member.position == "truong_ban":
        return ReviewerChoice(None, "none")
    if member.position == "pho_truong_ban" or member.department_id is None:
        return ReviewerChoice(chief, "chief") if chief else ReviewerChoice(None, "none")

    department = departments.get(member.department_id)
    supervisor = department.supervisor_id if department else None
    if member.position != "truong_phong":
        colleagues = [p for p in active if p.department_id == member.department_id]
        head = _first(p.id for p in colleagues if p.position == "truong_phong")
        if head:
            return ReviewerChoice(head, "department_head")
        deputy = _first(p.id for p in colleagues if p.position == "pho_truong_phong")
        if deputy and member.position != "pho_truong_phong":
            return ReviewerChoice(deputy, "department_deputy")
    if supervisor in board:
        return ReviewerChoice(supervisor, "supervisor")
    return ReviewerChoice(chief, "chief") if chief else ReviewerChoice(None, "none")


def reviewer_map(people: list[Member], departments: dict[int, DepartmentInfo]) -> dict[int, ReviewerChoice]:
    return {member.id: default_reviewer(member, people, departments) for member in people}


def approver_id(member: Member, people: list[Member]) -> int | None:
    """The Trưởng ban approves every review but his own (that one goes to the superior body)."""
    if member.position == "truong_ban":
        return None
    return _first(p.id for p in people if p.active and p.position == "truong_ban" and p.id != member.id)


def reviewees_of(reviewer_id: int, choices: dict[int, ReviewerChoice]) -> list[int]:
    return [person_id for person_id, choice in choices.items() if choice.reviewer_id == reviewer_id]
