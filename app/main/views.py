"""'Việc của tôi', each person's home page: what they must do now, then who they are in the unit."""

from __future__ import annotations

import importlib

from flask import Blueprint, render_template
from flask_login import current_user, login_required
from sqlalchemy import func, select

from app import clock, roster
from app.extensions import db
from app.models import Account, Department, Person, Unit
from app.years.queries import Calendar, calendar

bp = Blueprint("main", __name__)

# Each area says what a person must do in it now (its tasks_for(account, today)).
WORK_SOURCES = ("app.years.tasks", "app.registration.tasks", "app.commitments.tasks", "app.initiatives.tasks",
                "app.reviews.tasks", "app.reviews.superior_tasks", "app.year_end.tasks")
# The areas that look at the calendar are handed the one read here (tasks_for(account, today, years)) rather than
# each reading the years and months again.
TAKE_CALENDAR = frozenset({"app.years.tasks", "app.registration.tasks", "app.commitments.tasks", "app.reviews.tasks",
                           "app.reviews.superior_tasks", "app.year_end.tasks"})


def work_items(account, today, years: Calendar | None = None):
    years = years or calendar()
    items = []
    for module_name in WORK_SOURCES:
        module = importlib.import_module(module_name)
        if module_name in TAKE_CALENDAR:
            items.extend(module.tasks_for(account, today, years))
        else:
            items.extend(module.tasks_for(account, today))
    # Things sent back to me first, then decisions waiting for me, then the rest; the nearest deadline first.
    order = {"returned": 0, "decide": 1, "todo": 2}
    return sorted(items, key=lambda item: (order.get(item.kind, 3), item.due or today.replace(year=today.year + 1)))


@bp.route("/")
@login_required
def home():
    me = current_user.person
    choices = roster.reviewer_choices()
    people_by_id = {}
    reviewees: list[Person] = []
    if me is not None:
        wanted = {choices[me.id].reviewer_id, roster.approver_of(me)} - {None}
        reviewee_ids = roster.reviewees_of(me.id)
        ids = wanted | set(reviewee_ids)
        if ids:
            people_by_id = {p.id: p for p in db.session.scalars(select(Person).where(Person.id.in_(ids)))}
        reviewees = roster.sort_by_name([people_by_id[pid] for pid in reviewee_ids if people_by_id[pid].active])
    today = clock.today()
    years = calendar()
    latest = years.latest()
    return render_template(
        "main/home.html",
        today=today,
        work=work_items(current_user, today, years),
        me=me,
        reviewer=people_by_id.get(choices[me.id].reviewer_id) if me else None,
        reviewer_source=choices[me.id].source if me else None,
        approver=people_by_id.get(roster.approver_of(me)) if me else None,
        reviewees=reviewees,
        setup=_setup_checklist() if current_user.is_admin else None,
        latest_year=latest.year if latest else None,
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
