"""What the board's leaders must do at the year end: decide who keeps Hoàn thành xuất sắc when more people reach it
than the quota allows. Asked of the latest year only, once its last month is at review or closed (the year end),
so the assessment does not run on every home page during the year."""

from __future__ import annotations

from datetime import date

from flask import url_for
from flask_babel import gettext as _

from app.year_end import queries
from app.year_end.permissions import can_decide_year_end
from app.years.queries import Calendar, calendar

YEAR_END_STATES = ("review", "closed")


def tasks_for(account, today: date, years: Calendar | None = None) -> list:
    from app.worklist import WorkItem

    if not can_decide_year_end(account):
        return []
    latest = (years or calendar()).latest()
    december = next((month for month in latest.months if month.number == 12), None) if latest else None
    if december is None or december.state not in YEAR_END_STATES:
        return []
    number = latest.year
    quota = queries.load(number).quota()
    if not quota.over or quota.resolved:
        return []
    return [WorkItem(_("Quyết định người giữ Hoàn thành xuất sắc nhiệm vụ năm %(year)s: vượt tỷ lệ %(num)s người",
                       year=number, num=quota.kept - quota.htxs_max),
                     url_for("year_end.quota", year=number), count=quota.kept - quota.htxs_max, kind="decide")]
