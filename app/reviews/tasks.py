"""What a person must do now in the reviews area, for 'Việc của tôi': review the people they review in a month at
review, approve the reviews written (the board's leaders), read their own approved review and answer it while the
window is open, and reply to objections. A constant number of queries, whatever the number of months or people.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from app import roster
from app.domain.reviews import may_respond, response_deadline
from app.domain.rulebooks import rulebook, setting
from app.extensions import db
from app.models import Month, MonthlyReview, ReviewResponse
from app.permissions import is_board_leader
from app.permissions.reviews import can_reply
from app.worklist import WorkItem
from app.years.queries import Calendar, calendar


def tasks_for(account, today: date, years: Calendar | None = None) -> list[WorkItem]:
    """`years`: the calendar "Việc của tôi" read once for every area (read here when not given)."""
    person = account.person if account.is_authenticated else None
    if person is None:
        return []
    years = years or calendar()
    reviewees = list(roster.reviewees_of(person.id))
    months = years.months_in(("review",))
    items = _reviews_to_write(reviewees, months)
    if is_board_leader(account):
        items += _reviews_to_approve(person.id, months)
    items += _reviews_to_answer(person.id, today, years)
    items += _objections_to_reply(account, reviewees)
    return items


def _board_url(month: Month) -> str:
    return url_for("reviews.board", year=month.year.year, month=month.number)


def _reviews_to_write(reviewees: list[int], months: list[Month]) -> list[WorkItem]:
    """Per month at review, my active reviewees whose review is not written yet (someone on leave needs none)."""
    if not reviewees or not months:
        return []
    members = roster.current().members  # the same reading of the people as the reviewer mapping's
    active = {person_id for person_id in reviewees if members[person_id].active}
    if not active:
        return []
    done = Counter(db.session.scalars(
        select(MonthlyReview.month_id).where(
            MonthlyReview.month_id.in_([month.id for month in months]), MonthlyReview.person_id.in_(active),
            or_(MonthlyReview.review_state != "pending", MonthlyReview.leave.is_not(None)))))
    items = []
    for month in months:
        waiting = len(active) - done.get(month.id, 0)
        if waiting > 0:
            items.append(WorkItem(_("Đánh giá %(count)s người tháng %(month)s", count=waiting, month=month.label),
                                  _board_url(month), count=waiting))
    return items


def _reviews_to_approve(me_id: int, months: list[Month]) -> list[WorkItem]:
    """Per month at review, the reviews written and waiting for a board leader's approval (never one's own)."""
    if not months:
        return []
    waiting = Counter(db.session.scalars(
        select(MonthlyReview.month_id).where(MonthlyReview.month_id.in_([month.id for month in months]),
                                             MonthlyReview.review_state == "reviewed",
                                             MonthlyReview.person_id != me_id)))
    return [WorkItem(_("Duyệt %(count)s đánh giá tháng %(month)s", count=waiting[month.id], month=month.label),
                     _board_url(month), count=waiting[month.id], kind="decide")
            for month in months if waiting.get(month.id)]


def _reviews_to_answer(me_id: int, today: date, years: Calendar) -> list[WorkItem]:
    """My approved reviews not yet acknowledged or objected to, while the year's window is open (their months and
    years are the calendar's)."""
    found = [(years.month(review.month_id), review) for review in db.session.scalars(
        select(MonthlyReview).outerjoin(ReviewResponse, ReviewResponse.review_id == MonthlyReview.id)
        .where(MonthlyReview.person_id == me_id, MonthlyReview.review_state == "approved",
               MonthlyReview.approved_at.is_not(None), ReviewResponse.id.is_(None)))]
    items = []
    for month, review in sorted(found, key=lambda pair: (pair[0].year.year, pair[0].number)):
        days = int(setting(rulebook(month.year.rulebook_code), month.year.settings, "response_days"))
        approved_on = review.approved_at.date()
        if may_respond(approved_on, today, days):
            items.append(WorkItem(_("Xem kết quả đánh giá tháng %(month)s", month=month.label),
                                  url_for("reviews.person_review", year=month.year.year, month=month.number,
                                          person_id=me_id) + "#review-response",
                                  due=response_deadline(approved_on, days)))
    return items


def _objections_to_reply(account, reviewees: list[int]) -> list[WorkItem]:
    """Objections without a reply on the reviews of people I review, or that I wrote."""
    responses = db.session.scalars(
        select(ReviewResponse).join(MonthlyReview, ReviewResponse.review_id == MonthlyReview.id)
        .options(selectinload(ReviewResponse.review).options(
            selectinload(MonthlyReview.person), selectinload(MonthlyReview.month).selectinload(Month.year)))
        .where(ReviewResponse.objection != "", ReviewResponse.reply == "",
               or_(MonthlyReview.person_id.in_(reviewees), MonthlyReview.reviewer_id == account.id))
        .order_by(ReviewResponse.objected_at, ReviewResponse.id))
    items = []
    for response in responses:
        review = response.review
        if not can_reply(account, review.person):
            continue
        items.append(WorkItem(_("Trả lời phản hồi của %(name)s về đánh giá tháng %(month)s",
                                name=review.person.full_name, month=review.month.label),
                              url_for("reviews.person_review", year=review.month.year.year, month=review.month.number,
                                      person_id=review.person_id) + "#review-response", kind="decide"))
    return items
