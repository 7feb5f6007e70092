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


@dataclass(frozen=True)
class _Unit:
    """What every member's rule looks at, worked out once for the whole unit (not once per member)."""

    active_ids: frozenset[int]
    chiefs: tuple[int, ...]  # active Trưởng ban ids, lowest first
    board: frozenset[int]
    heads: dict[int, tuple[int, ...]]  # department → active Trưởng phòng ids, lowest first
    deputies: dict[int, tuple[int, ...]]  # department → active Phó trưởng phòng ids, lowest first

    @classmethod
    def of(cls, people: list[Member]) -> _Unit:
        active = sorted((p for p in people if p.active), key=lambda p: p.id)
        heads: dict[int, list[int]] = {}
        deputies: dict[int, list[int]] = {}
        for p in active:
            if p.department_id is not None and p.position == "truong_phong":
                heads.setdefault(p.department_id, []).append(p.id)
            elif p.department_id is not None and p.position == "pho_truong_phong":
                deputies.setdefault(p.department_id, []).append(p.id)
        return cls(frozenset(p.id for p in active), tuple(p.id for p in active if p.position == "truong_ban"),
                   frozenset(p.id for p in active if p.position in BOARD_LEADER_POSITIONS),
                   {k: tuple(v) for k, v in heads.items()}, {k: tuple(v) for k, v in deputies.items()})


def _other(ids: tuple[int, ...], member_id: int) -> int | None:
    """The first of these who is not the member themselves."""
    return next((i for i in ids if i != member_id), None)


def default_reviewer(member: Member, people: list[Member], departments: dict[int, DepartmentInfo]) -> ReviewerChoice:
    return _reviewer(member, _Unit.of(people), departments)


def _reviewer(member: Member, unit: _Unit, departments: dict[int, DepartmentInfo]) -> ReviewerChoice:
    chief = _other(unit.chiefs, member.id)
    board = unit.board - {member.id}

    if member.reviewer_override_id is not None and member.reviewer_override_id in unit.active_ids - {member.id}:
        return ReviewerChoice(member.reviewer_override_id, "override")
    if member.position == "truong_ban":
        return ReviewerChoice(None, "none")
    if member.position == "pho_truong_ban" or member.department_id is None:
        return ReviewerChoice(chief, "chief") if chief else ReviewerChoice(None, "none")

    department = departments.get(member.department_id)
    supervisor = department.supervisor_id if department else None
    if member.position != "truong_phong":
        head = _other(unit.heads.get(member.department_id, ()), member.id)
        if head:
            return ReviewerChoice(head, "department_head")
        deputy = _other(unit.deputies.get(member.department_id, ()), member.id)
        if deputy and member.position != "pho_truong_phong":
            return ReviewerChoice(deputy, "department_deputy")
    if supervisor in board:
        return ReviewerChoice(supervisor, "supervisor")
    return ReviewerChoice(chief, "chief") if chief else ReviewerChoice(None, "none")


def reviewer_map(people: list[Member], departments: dict[int, DepartmentInfo]) -> dict[int, ReviewerChoice]:
    unit = _Unit.of(people)
    return {member.id: _reviewer(member, unit, departments) for member in people}


def approver_id(member: Member, people: list[Member]) -> int | None:
    """The Trưởng ban approves every review but his own (that one goes to the superior body)."""
    if member.position == "truong_ban":
        return None
    return _first(p.id for p in people if p.active and p.position == "truong_ban" and p.id != member.id)


def reviewees_of(reviewer_id: int, choices: dict[int, ReviewerChoice]) -> list[int]:
    return [person_id for person_id, choice in choices.items() if choice.reviewer_id == reviewer_id]
