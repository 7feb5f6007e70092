"""An initiative's life (Luật Thi đua, khen thưởng 2022, Điều 3; domain.md §4) and what each state allows.

registered (draft) → submitted (Chờ công nhận) → recognised, with decision number, date, level and scope — or
not recognised, with the reason; a rejected one may be reworked and submitted again. Research (đề tài) follows
the same path, "recognised" meaning accepted (nghiệm thu). One recognised initiative supports one award only
(Nghị định 152/2025, Điều 4): once used it is marked, and it no longer counts for another.
"""

from __future__ import annotations

from dataclasses import dataclass

EDITABLE_STATES = frozenset({"draft", "rejected"})
# Authors may add files while the dossier is being prepared or waits for the decision; leaders at any time
# (they attach the signed decision).
AUTHOR_FILE_STATES = frozenset({"draft", "submitted"})
# What the council needs to read before it can decide.
REQUIRED_FOR_SUBMISSION = ("title", "problem", "solution", "benefit")
MAX_CO_AUTHORS = 9


def can_edit(status: str) -> bool:
    return status in EDITABLE_STATES


def can_submit(status: str) -> bool:
    return status in EDITABLE_STATES


def authors_may_attach(status: str) -> bool:
    return status in AUTHOR_FILE_STATES


def can_decide(status: str, used_for_award: str) -> bool:
    """A submitted one is decided; a recognised one's decision may be corrected until it has served an award."""
    return status == "submitted" or (status == "recognised" and not used_for_award)


def can_mark_used(status: str, used_for_award: str) -> bool:
    return status == "recognised" and not used_for_award


def can_unmark_used(used_for_award: str) -> bool:
    return bool(used_for_award)


def available_for_award(status: str, used_for_award: str) -> bool:
    """Whether an initiative may still support a title (CSTĐCS and above): recognised and not yet used."""
    return status == "recognised" and not used_for_award


def missing_for_submission(values: dict[str, str]) -> list[str]:
    """The fields still empty that a submission needs, in form order."""
    return [name for name in REQUIRED_FOR_SUBMISSION if not (values.get(name) or "").strip()]


@dataclass(frozen=True)
class AuthorCheck:
    ids: tuple[int, ...]  # the creator first, then the co-authors in the order chosen
    repeated: tuple[int, ...] = ()  # positions (0-based, among the co-author choices) naming someone twice
    too_many: bool = False

    @property
    def ok(self) -> bool:
        return not self.repeated and not self.too_many


def order_authors(creator_id: int | None, chosen: list[int | None]) -> AuthorCheck:
    """The author list: the creator always first, co-authors in the order chosen, blanks skipped.

    Naming someone twice (or the creator again) is reported, not silently dropped: the user meant someone else.
    """
    ids: list[int] = [creator_id] if creator_id else []
    repeated: list[int] = []
    for position, person_id in enumerate(chosen):
        if not person_id:
            continue
        if person_id in ids:
            repeated.append(position)
            continue
        ids.append(person_id)
    co_authors = len(ids) - (1 if creator_id else 0)
    return AuthorCheck(tuple(ids), tuple(repeated), co_authors > MAX_CO_AUTHORS)
