"""The office's task on "Việc của tôi": months the superior body has judged (they are over) whose result is not yet
recorded for someone the unit does not assess itself (app/reviews/superior.py). Asked of the year of the month
that ended last, so a January still reminds of December."""

from __future__ import annotations

from datetime import date

from flask import url_for
from flask_babel import gettext as _

from app.permissions.superior import can_record_superior
from app.reviews import superior
from app.years.queries import Calendar, calendar


def tasks_for(account, today: date, years: Calendar | None = None) -> list:
    from app.worklist import WorkItem

    if not can_record_superior(account):
        return []
    ended_year = today.year if today.month > 1 else today.year - 1
    year = next((found for found in (years or calendar()).years if found.year == ended_year), None)
    if year is None:
        return []
    people = superior.assessed_people(year)
    items = []
    months = superior.months_of(year, people, today)
    for person in people:
        missing = [row.month.number for row in months[person.id] if row.editable and not row.has_result]
        if missing:
            items.append(WorkItem(
                _("Ghi kết quả do cấp trên đánh giá của %(name)s: còn thiếu tháng %(months)s/%(year)s",
                  name=person.full_name, months=", ".join(str(number) for number in missing), year=year.year),
                url_for("reviews.superior", year=year.year), count=len(missing)))
    return items
