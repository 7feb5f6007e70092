"""What a person must do now in the commitments area, for 'Việc của tôi': register this month's work, answer a
sheet sent back, assess the month; for a reviewer, the sheets their people have sent. A constant number of
queries, whatever the number of months under way or of people reviewed."""

from __future__ import annotations

from datetime import date

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from app import roster
from app.domain.calendar import month_allows
from app.extensions import db
from app.models import CommitmentSheet, MonthlyReview
from app.worklist import WorkItem
from app.years.queries import Calendar, calendar

OPEN_FOR_SHEETS = ("commitments", "self_assessment")


def tasks_for(account, today: date, years: Calendar | None = None) -> list[WorkItem]:
    """`years`: the calendar "Việc của tôi" read once for every area (read here when not given)."""
    person = account.person if account.is_authenticated else None
    if person is None:
        return []
    months = (years or calendar()).active_months()
    if not months:
        return []
    month_ids = [month.id for month in months]
    sheets = {s.month_id: s for s in db.session.scalars(
        select(CommitmentSheet).where(CommitmentSheet.person_id == person.id, CommitmentSheet.month_id.in_(month_ids)))}
    reviews = {r.month_id: r for r in db.session.scalars(
        select(MonthlyReview).where(MonthlyReview.person_id == person.id, MonthlyReview.month_id.in_(month_ids)))}
    items = []
    for month in months:
        args = {"year": month.year.year, "month": month.number}
        sheet, review = sheets.get(month.id), reviews.get(month.id)
        on_leave = bool(review and review.leave)
        if sheet is not None and sheet.state == "returned":
            if month_allows(month.state, "submit_commitments", month.label).allowed:
                items.append(WorkItem(_("Bản cam kết tháng %(month)s bị trả lại: sửa theo ý kiến rồi gửi lại",
                                        month=month.label), url_for("commitments.sheet", **args), kind="returned"))
        elif month.state in OPEN_FOR_SHEETS and not on_leave and (sheet is None or sheet.state == "draft"):
            items.append(WorkItem(_("Đăng ký công việc tháng %(month)s", month=month.label),
                                  url_for("commitments.sheet", **args), due=month.commitments_due))
        if month.state == "self_assessment" and not (review and review.self_state == "submitted"):
            items.append(WorkItem(_("Tự đánh giá tháng %(month)s", month=month.label),
                                  url_for("commitments.self_assessment", **args), due=month.self_assessment_due))
    items.extend(_sheets_to_look_at(person.id, [m for m in months if m.state in OPEN_FOR_SHEETS]))
    return items


def _sheets_to_look_at(me_id: int, months) -> list[WorkItem]:
    """Sheets sent by the people I review, while I may still send them back."""
    reviewees = roster.reviewees_of(me_id)
    if not reviewees or not months:
        return []
    counts = dict(db.session.execute(
        select(CommitmentSheet.month_id, func.count())
        .where(CommitmentSheet.person_id.in_(reviewees), CommitmentSheet.state == "submitted",
               CommitmentSheet.month_id.in_([m.id for m in months]))
        .group_by(CommitmentSheet.month_id)).all())
    return [WorkItem(_("Xem bản cam kết tháng %(month)s của những người tôi đánh giá", month=month.label),
                     url_for("commitments.team", year=month.year.year, month=month.number),
                     count=counts[month.id], kind="decide")
            for month in months if counts.get(month.id)]
