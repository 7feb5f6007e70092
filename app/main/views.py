"""The home page: who I am in the unit, who reviews me, whom I review; for admins, what setup is left."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required
from sqlalchemy import func, select

from app import roster
from app.extensions import db
from app.models import Account, Department, Person, Unit

bp = Blueprint("main", __name__)


@bp.route("/")
@login_required
def home():
    me = current_user.person
    choices = roster.reviewer_choices()
    people_by_id = {}
    reviewees: list[Person] = []
    if me is not None:
        wanted = {choices[me.id].reviewer_id, roster.approver_of(me)} - {None}
        reviewee_ids = [pid for pid, choice in choices.items() if choice.reviewer_id == me.id]
        ids = wanted | set(reviewee_ids)
        if ids:
            people_by_id = {p.id: p for p in db.session.scalars(select(Person).where(Person.id.in_(ids)))}
        reviewees = roster.sort_by_name([people_by_id[pid] for pid in reviewee_ids if people_by_id[pid].active])
    return render_template(
        "main/home.html",
        me=me,
        reviewer=people_by_id.get(choices[me.id].reviewer_id) if me else None,
        reviewer_source=choices[me.id].source if me else None,
        approver=people_by_id.get(roster.approver_of(me)) if me else None,
        reviewees=reviewees,
        setup=_setup_checklist() if current_user.is_admin else None,
    )


def _setup_checklist() -> dict[str, int | bool]:
    """What an admin still has to do before the unit can start its year."""
    unit = db.session.scalar(select(Unit))
    return {
        "unit_named": bool(unit and unit.name),
        "departments": db.session.scalar(select(func.count()).select_from(Department)),
        "people": db.session.scalar(select(func.count()).select_from(Person).where(Person.active.is_(True))),
        "accounts": db.session.scalar(
            select(func.count()).select_from(Account).where(Account.person_id.is_not(None))
        ),
        "has_chief": bool(db.session.scalar(
            select(func.count()).select_from(Person).where(Person.active.is_(True), Person.position == "truong_ban")
        )),
    }
