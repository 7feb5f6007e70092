"""What the board's leaders must do with the calendar: open the year, move a month whose deadline has passed."""

from __future__ import annotations

from datetime import date

from flask import url_for
from flask_babel import gettext as _

from app.labels import MONTH_STATE_LABELS
from app.permissions import can_manage_year
from app.years.queries import Calendar, calendar


def tasks_for(account, today: date, years: Calendar | None = None) -> list:
    """`years`: the calendar "Việc của tôi" read once for every area (read here when not given)."""
    from app.worklist import WorkItem

    if not can_manage_year(account):
        return []
    years = years or calendar()
    items = []
    if not years.has_year(today.year):
        items.append(WorkItem(_("Mở năm thi đua %(year)s", year=today.year), url_for("years.index")))
    for month in years.active_months():
        due = {"commitments": month.commitments_due, "self_assessment": month.self_assessment_due}.get(month.state)
        if due is not None and due < today:
            items.append(WorkItem(
                _("Tháng %(month)s đã quá hạn bước “%(state)s”: chuyển sang bước tiếp theo?", month=month.label,
                  state=MONTH_STATE_LABELS[month.state]),
                url_for("years.show", year=month.year.year), due=due))
    return items
