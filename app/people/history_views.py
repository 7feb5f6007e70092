"""A record's history panel: who changed what, when, before and after. Shown to whoever may see the record.

Each kind of record has its own loader, which finds the record (404) and asks the permission rule that guards
the record itself (403): the history says no more than the record does.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import abort
from flask_login import current_user, login_required

from app import history, htmx
from app.extensions import db
from app.models import (
    Account,
    Attachment,
    CommitmentItem,
    CommitmentSheet,
    Department,
    Month,
    MonthlyReview,
    Person,
    Registration,
    ShortcomingFollowUp,
    Unit,
    UnitRegistration,
    Year,
)
from app.people.views import bp
from app.permissions import can_manage_unit, can_view_person
from app.permissions import initiatives as initiative_rules

PAGE = "history/page.html"
PANEL = "history/panel.html"


def _get(model, entity_id: int):
    record = db.session.get(model, entity_id)
    if record is None:
        abort(404)
    return record


def _of_person(person: Person) -> None:
    if not can_view_person(current_user, person):
        abort(403)


def _person(entity_id: int) -> None:
    _of_person(_get(Person, entity_id))


def _registration(entity_id: int) -> None:
    _of_person(_get(Registration, entity_id).person)


def _commitment_item(entity_id: int) -> None:
    _of_person(_get(CommitmentItem, entity_id).sheet.person)


def _commitment_sheet(entity_id: int) -> None:
    _of_person(_get(CommitmentSheet, entity_id).person)


def _monthly_review(entity_id: int) -> None:
    _of_person(_get(MonthlyReview, entity_id).person)


def _follow_up(entity_id: int) -> None:
    _of_person(_get(ShortcomingFollowUp, entity_id).shortcoming.person)


def _initiative(entity_id: int) -> None:
    initiative_rules.load_initiative(entity_id)  # 404 / 403 by the initiative's own rule


def _attachment(entity_id: int) -> None:
    initiative_rules.owner_of(_get(Attachment, entity_id))  # whoever may see the file's owner


def _signed_in(model) -> Callable[[int], None]:
    # The calendar and the unit's registration are read by everyone signed in (login_required saw to that).
    def check(entity_id: int) -> None:
        _get(model, entity_id)
    return check


def _admins(model) -> Callable[[int], None]:
    def check(entity_id: int) -> None:
        _get(model, entity_id)
        if not can_manage_unit(current_user):
            abort(403)
    return check


LOADERS: dict[str, Callable[[int], None]] = {
    "person": _person,
    "registration": _registration,
    "unit_registration": _signed_in(UnitRegistration),
    "commitment_item": _commitment_item,
    "commitment_sheet": _commitment_sheet,
    "monthly_review": _monthly_review,
    "shortcoming_follow_up": _follow_up,
    "initiative": _initiative,
    "attachment": _attachment,
    "year": _signed_in(Year),
    "month": _signed_in(Month),
    "unit": _admins(Unit),
    "department": _admins(Department),
    "account": _admins(Account),
}


@bp.route("/history/<entity>/<int:entity_id>")
@login_required
def history_panel(entity: str, entity_id: int):
    check = LOADERS.get(entity)
    if check is None:
        abort(404)
    check(entity_id)
    return htmx.render(PAGE, PANEL, entity=entity, entity_id=entity_id,
                       entity_label=history.ENTITY_LABELS[entity], entries=history.entries(entity, entity_id))
