"""What the board's leaders must do at the year end: decide who keeps Hoàn thành xuất sắc when more people reach it
than the quota allows. Asked of the latest year only, once its last month is at review or closed (the year end),
so the assessment does not run on every home page during the year."""

from __future__ import annotations

from datetime import date

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import Month, Year
from app.year_end import queries
from app.year_end.permissions import can_decide_year_end

YEAR_END_STATES = ("review", "closed")


def tasks_for(account, today: date) -> list:
    from app.worklist import WorkItem

    if not can_decide_year_end(account):
        return []
    latest = db.session.execute(
        select(Year.year, Month.state).join(Month, Month.year_id == Year.id)
        .where(Month.number == 12).order_by(Year.year.desc()).limit(1)).first()
    if latest is None or latest.state not in YEAR_END_STATES:
        return []
    number = latest.year
    quota = queries.load(number).quota()
    if not quota.over or quota.resolved:
        return []
    return [WorkItem(_("Quyết định người giữ Hoàn thành xuất sắc nhiệm vụ năm %(year)s: vượt tỷ lệ %(num)s người",
                       year=number, num=quota.kept - quota.htxs_max),
                     url_for("year_end.quota", year=number), count=quota.kept - quota.htxs_max, kind="decide")]
