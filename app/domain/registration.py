"""Yearly emulation registration (đăng ký thi đua): the life of a registration and what one must hold when sent.

A registration — a person's or the unit's — goes Chưa gửi (draft) → Chờ duyệt (submitted) → Đã duyệt (approved)
or Từ chối (rejected, with the reason); a rejected one is edited and sent again. Plain values in, plain values out.
"""

from __future__ import annotations

from collections.abc import Iterable

STATES = ("draft", "submitted", "approved", "rejected")
# Its author may still change it: before it is sent, and after it came back rejected.
EDITABLE_STATES = frozenset({"draft", "rejected"})
# The key for people who have not registered at all, in the counts of a list.
NOT_REGISTERED = "none"

# Long enough for a page of plans, short enough to fit the one-page registration sheet.
MAX_PLAN_LENGTH = 4000
MAX_REASON_LENGTH = 1000

# “Chiến sĩ thi đua thành phố” goes to an initiative or research with city-wide effect (Luật Thi đua, khen
# thưởng 2022, Điều 22): aiming for it without planning one is aiming for what cannot be reached.
TITLES_NEEDING_AN_INITIATIVE = frozenset({"cstd_tp"})


def can_edit(state: str | None) -> bool:
    """Whether the author may write it: none yet, a draft, or one sent back."""
    return state is None or state in EDITABLE_STATES


def can_decide(state: str | None) -> bool:
    """Only a registration waiting for a decision can be approved or rejected (once, until sent again)."""
    return state == "submitted"


def missing_for_submission(title: str, initiative_plan: str, study_commitment: str) -> list[str]:
    """The fields that must be filled before sending, in form order (a draft may leave them empty)."""
    missing = []
    if title in TITLES_NEEDING_AN_INITIATIVE and not initiative_plan.strip():
        missing.append("initiative_plan")
    if not study_commitment.strip():
        missing.append("study_commitment")
    return missing


def year_accepts_registrations(month_states: Iterable[str]) -> bool:
    """A year takes registrations until it is over, that is until all its months are closed."""
    states = list(month_states)
    return not states or any(state != "closed" for state in states)


def state_counts(states: Iterable[str | None]) -> dict[str, int]:
    """How many people stand in each state, those not registered (None) first; every key present, in order."""
    counts = dict.fromkeys((NOT_REGISTERED, *STATES), 0)
    for state in states:
        counts[state or NOT_REGISTERED] += 1
    return counts
