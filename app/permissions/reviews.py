"""Who may do what with a monthly review. The views ask here; templates only hide what these rules refuse.

- Writing a person's review: their reviewer (domain.org's mapping, with any admin override), or the Trưởng ban;
  never the person themselves.
- Approving it: the board's leaders (Trưởng ban, Phó trưởng ban), never for their own review.
- Closing the month: the board's leaders.
- Amending a review after the month closed: whoever may write it, or a board leader; always with a reason.
- Acknowledging or objecting: the reviewed person alone. Replying to an objection: whoever may write the review.
"""

from __future__ import annotations

from app.models import Account, Person
from app.permissions import can_decide_for, is_board_leader


def _is_self(account: Account, person: Person) -> bool:
    return account.person is not None and account.person.id == person.id


def can_review(account: Account, person: Person) -> bool:
    return bool(account.is_authenticated) and can_decide_for(account, person)


def can_approve(account: Account, person: Person) -> bool:
    return bool(account.is_authenticated) and is_board_leader(account) and not _is_self(account, person)


def can_close_month(account: Account) -> bool:
    return bool(account.is_authenticated) and is_board_leader(account)


def can_amend(account: Account, person: Person) -> bool:
    return can_review(account, person) or can_approve(account, person)


def can_respond(account: Account, person: Person) -> bool:
    return bool(account.is_authenticated) and _is_self(account, person)


def can_reply(account: Account, person: Person) -> bool:
    return can_review(account, person)
