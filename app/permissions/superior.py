"""Who records the superior body's results: the office (accounts with the admin role), for the people the unit does
not assess itself (the Trưởng ban, and anyone whose reviewer route is 'none' in app.domain.org)."""

from __future__ import annotations

from app.models import Account, Person
from app.permissions import can_manage_unit
from app.roster import reviewer_choices


def can_record_superior(account: Account) -> bool:
    """The office records what the superior body decided; no leader records his own or his chief's result."""
    return can_manage_unit(account)


def is_assessed_by_superior(person: Person) -> bool:
    """Nobody in the unit reviews this person: the superior body does (domain.org's route 'none')."""
    choice = reviewer_choices().get(person.id)
    return choice is not None and choice.source == "none"
