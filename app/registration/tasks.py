"""'Việc của tôi' items of the registration area: register (or register again after a rejection), and decide
the registrations waiting for this account. A constant number of queries whatever the size of the unit."""

from __future__ import annotations

from datetime import date

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from app.domain.registration import EDITABLE_STATES, can_decide, year_accepts_registrations
from app.extensions import db
from app.models import Account, UnitRegistration
from app.permissions import can_prepare_unit_registration, is_chief
from app.registration import queries
from app.worklist import WorkItem
from app.years.queries import Calendar


def _todo_kind(state: str | None) -> str:
    return "returned" if state == "rejected" else "todo"


def tasks_for(account: Account, today: date, years: Calendar | None = None) -> list[WorkItem]:
    """`years`: the calendar "Việc của tôi" read once for every area (its latest year is current_year())."""
    year = years.latest() if years is not None else queries.current_year()
    # A year already behind us, or whose months are all closed, takes no more registrations.
    if year is None or year.year < today.year:
        return []
    items: list[WorkItem] = []
    unit_state = db.session.scalar(select(UnitRegistration.state).where(UnitRegistration.year_id == year.id))
    if year_accepts_registrations(month.state for month in year.months):
        me = account.person
        if me is not None and me.active:
            mine = queries.registration_of(year, me)
            if mine is None or mine.state in EDITABLE_STATES:
                items.append(WorkItem(_("Đăng ký thi đua năm %(year)s", year=year.year),
                                      url_for("registration.index"), kind=_todo_kind(mine and mine.state)))
        if can_prepare_unit_registration(account) and (unit_state is None or unit_state in EDITABLE_STATES):
            items.append(WorkItem(_("Đăng ký danh hiệu thi đua của đơn vị năm %(year)s", year=year.year),
                                  url_for("registration.unit"), kind=_todo_kind(unit_state)))
    if is_chief(account) and can_decide(unit_state):
        items.append(WorkItem(_("Duyệt đăng ký thi đua của đơn vị năm %(year)s", year=year.year),
                              url_for("registration.unit"), kind="decide"))
    waiting = queries.waiting_for(account, year)
    if waiting:
        items.append(WorkItem(_("Duyệt đăng ký thi đua"), url_for("registration.people", state="submitted"),
                              count=waiting, kind="decide"))
    return items
