"""Who may see and do what. Views ask here; templates only hide what these rules already refuse.

Roles come from the person behind an account: the board's leaders (Trưởng ban, Phó trưởng ban) see the whole
unit, a department's leaders see their department and the people they review, everyone sees themselves.
Administration (the unit, departments, people, accounts) needs the account's admin flag.
"""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from app.domain.org import BOARD_LEADER_POSITIONS, DEPARTMENT_LEADER_POSITIONS
from app.extensions import db
from app.models import Account, Person
from app.roster import reviewer_choices

ROLES = ("anonymous", "staff", "head", "leader", "chief", "admin")


def role_of(account: Account | None) -> str:
    """The strongest role of an account, for display and for the access-control table."""
    if account is None or not account.is_authenticated:
        return "anonymous"
    if account.is_admin:
        return "admin"
    person = account.person
    if person is None:
        return "staff"
    if person.position == "truong_ban":
        return "chief"
    if person.position in BOARD_LEADER_POSITIONS:
        return "leader"
    if person.position in DEPARTMENT_LEADER_POSITIONS:
        return "head"
    return "staff"


def is_board_leader(account: Account) -> bool:
    return account.person is not None and account.person.position in BOARD_LEADER_POSITIONS


def can_manage_unit(account: Account) -> bool:
    return bool(account.is_authenticated and account.is_admin)


def can_view_person(account: Account, person: Person) -> bool:
    if account.is_admin or is_board_leader(account):
        return True
    me = account.person
    if me is None:
        return False
    if me.id == person.id:
        return True
    if me.position in DEPARTMENT_LEADER_POSITIONS and me.department_id and me.department_id == person.department_id:
        return True
    choice = reviewer_choices().get(person.id)
    return choice is not None and choice.reviewer_id == me.id


def requires(rule):
    """A view decorator: signed in (else the login page), and the rule holds for the account (else 403)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not rule(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def admin_required(view):
    """Only accounts with the admin flag; others get 403, anonymous users the login page."""
    return requires(can_manage_unit)(view)


def load_person_or_404(person_id: int) -> Person:
    """The person, if the current account may see them: 404 for an unknown id, 403 for someone else's."""
    person = db.session.get(Person, person_id)
    if person is None:
        abort(404)
    if not can_view_person(current_user, person):
        abort(403)
    return person


def can_manage_year(account: Account) -> bool:
    """Opening a year and moving its months along: the board's leaders, or an admin."""
    return bool(account.is_authenticated and (account.is_admin or is_board_leader(account)))


def year_manager_required(view):
    return requires(can_manage_year)(view)


def require_month_allows(month, action: str) -> None:
    """Refuse, with the month's own reason, what its state does not allow (checked on the server, always)."""
    from app.domain.calendar import month_allows
    from app.errors import error_response

    permission = month_allows(month.state, action, month.label)
    if not permission.allowed:
        abort(error_response(409, permission.reason))


# --- Who decides what about a person's year and months -------------------------------------------------------

def is_reviewer_of(account: Account, person: Person) -> bool:
    """The person's reviewer (domain.org's mapping, with any admin override)."""
    me = account.person if account.is_authenticated else None
    if me is None or me.id == person.id:
        return False
    choice = reviewer_choices().get(person.id)
    return choice is not None and choice.reviewer_id == me.id


def is_chief(account: Account) -> bool:
    return bool(account.is_authenticated and account.person and account.person.position == "truong_ban"
                and account.person.active)


def can_decide_for(account: Account, person: Person) -> bool:
    """Approve or reject a person's registration, send back their commitment sheet: their reviewer, or the
    Trưởng ban; never the person themselves."""
    if account.person is not None and account.person.id == person.id:
        return False
    return is_reviewer_of(account, person) or is_chief(account)


def can_edit_own(account: Account, person: Person) -> bool:
    """A person's own registration, commitments and self-assessment are theirs alone to write."""
    return bool(account.is_authenticated and account.person is not None and account.person.id == person.id)


def can_recognise_initiatives(account: Account) -> bool:
    """Recording recognition (decision number, date, level) or rejection: the board's leaders."""
    return bool(account.is_authenticated and is_board_leader(account))


def can_view_any_of(account: Account, people) -> bool:
    """An initiative is visible to whoever may see one of its authors."""
    return any(can_view_person(account, person) for person in people)


def can_prepare_unit_registration(account: Account) -> bool:
    """The unit's registration is prepared by the board's leaders (the ones who run the year) or an admin;
    the Trưởng ban decides it."""
    return can_manage_year(account)


def can_record_discipline(account: Account) -> bool:
    """Disciplines and pending cases are recorded and corrected by the board's leaders, or an admin."""
    return can_manage_year(account)
