"""One person's review of one month as its page shows it: what every route of the page loads (ReviewPage), the
rows and facts it shows, and the render. The routes are in person_views (the page), answer_views (the person's
acknowledgement or objection and the reviewer's reply) and amend_views (the amendment after the month closed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask import abort, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import clock, htmx
from app.commitments.queries import month_or_404
from app.domain.points import canonical
from app.domain.reviews import TASKS_KEY, may_respond, response_deadline
from app.domain.rulebooks import Rulebook, rulebook, setting
from app.errors import error_response
from app.extensions import db
from app.models import (
    Account,
    Month,
    MonthlyReview,
    Person,
    ReviewAmendment,
    ReviewResponse,
    Shortcoming,
)
from app.permissions import load_person_or_404
from app.permissions.reviews import can_amend, can_reply, can_respond
from app.permissions.superior import can_record_superior
from app.reviews import amendments
from app.reviews.person_forms import AcknowledgeForm, ObjectionForm, ReplyForm
from app.reviews.queries import raised_in_month, shortcomings_to_judge

PAGE = "reviews/person.html"
BODY = "reviews/partials/person_review.html"
RESPONSE = "reviews/partials/response.html"
AMEND = "reviews/partials/amend_form.html"
RESPONSE_FIELDS = ("acknowledged_at", "objection", "objected_at", "reply", "replied_by_id", "replied_at")


@dataclass
class ReviewPage:
    """What every route of the page loads: the person (whom the account may see), the month, the review and the
    answer to it, and the year's rulebook."""

    person: Person
    month: Month
    review: MonthlyReview | None
    response: ReviewResponse | None
    book: Rulebook

    @property
    def url_args(self) -> dict[str, int]:
        return {"year": self.month.year.year, "month": self.month.number, "person_id": self.person.id}

    @property
    def url(self) -> str:
        return url_for("reviews.person_review", **self.url_args)

    @property
    def approved(self) -> bool:
        return self.review is not None and self.review.review_state == "approved"

    @property
    def approved_on(self) -> date | None:
        return self.review.approved_at.date() if self.approved and self.review.approved_at else None

    @property
    def response_days(self) -> int:
        return int(setting(self.book, self.month.year.settings, "response_days"))

    @property
    def deadline(self) -> date | None:
        return response_deadline(self.approved_on, self.response_days) if self.approved_on else None

    def window_open(self) -> bool:
        return may_respond(self.approved_on, clock.today(), self.response_days)


def load_page(year: int, number: int, person_id: int) -> ReviewPage:
    person = load_person_or_404(person_id)
    month = month_or_404(year, number)
    with_person = selectinload(Account.person)
    review = db.session.scalar(
        select(MonthlyReview)
        .options(selectinload(MonthlyReview.reviewer).options(with_person),
                 selectinload(MonthlyReview.approved_by).options(with_person),
                 selectinload(MonthlyReview.amendments).selectinload(ReviewAmendment.made_by).options(with_person))
        .where(MonthlyReview.person_id == person.id, MonthlyReview.month_id == month.id))
    response = db.session.scalar(
        select(ReviewResponse).options(selectinload(ReviewResponse.replied_by).options(with_person))
        .where(ReviewResponse.review_id == review.id)) if review is not None else None
    return ReviewPage(person, month, review, response, rulebook(month.year.rulebook_code))


# --- What the page shows -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PointRow:
    label: str
    maximum: Decimal | None
    self_value: Decimal | None
    review_value: Decimal | None
    reason: str
    original: str | None  # the value before an amendment changed it, as shown
    places: int = 1
    total: bool = False


def _decimal(value) -> Decimal | None:
    text = canonical(value)
    return Decimal(text) if text else None


def _point_rows(page: ReviewPage, originals: dict) -> list[PointRow]:
    """The general groups, the task points and the total, the self-assessed figure beside the leader's."""
    review, scoring = page.review, page.book.scoring
    if review is None or scoring is None or review.leave:
        return []
    reasons = review.change_reasons or {}
    rows = [PointRow(group.name, group.max_points, _decimal((review.self_general or {}).get(group.code)),
                     _decimal((review.review_general or {}).get(group.code)), reasons.get(group.code, ""),
                     originals.get("general", {}).get(group.code))
            for group in scoring.general_groups]
    rows.append(PointRow(_("Kết quả thực hiện nhiệm vụ"), scoring.task_points, review.self_task_points,
                         review.review_task_points, reasons.get(TASKS_KEY, ""), originals.get("review_task_points"),
                         places=2))
    rows.append(PointRow(_("Tổng điểm"), scoring.general_points + scoring.task_points, review.self_score,
                         review.review_score, "", originals.get("review_score"), total=True))
    return rows


def _judges(follow_ups) -> dict[int, str]:
    ids = {follow_up.judged_by_id for follow_up in follow_ups if follow_up and follow_up.judged_by_id}
    if not ids:
        return {}
    accounts = db.session.scalars(select(Account).options(selectinload(Account.person)).where(Account.id.in_(ids)))
    return {account.id: account.display_name for account in accounts}


def _leader_part_visible(page: ReviewPage) -> bool:
    """The reviewed person sees the leader's review once it is approved (the approval makes it final); the
    reviewers and leaders see it as it is written."""
    return page.approved or not can_respond(current_user, page.person)


def page_context(page: ReviewPage) -> dict:
    review, person = page.review, page.person
    visible = review is not None and _leader_part_visible(page)
    raised: list[Shortcoming] = raised_in_month(page.month, [person.id]).get(person.id, []) if visible else []
    judged = shortcomings_to_judge(page.month, [person.id]).get(person.id, []) if visible else []
    originals = amendments.originals(review) if review is not None and review.amendments else {}
    response = page.response
    may_answer = can_respond(current_user, person)
    return {
        "person": person, "month": page.month, "review": review, "response": response, "book": page.book,
        "months": [m for m in page.month.year.months if m.state != "not_open"],
        "leader_visible": visible, "raised": raised, "judged": judged,
        "judges": _judges([follow_up for _shortcoming, follow_up in judged]),
        "point_rows": _point_rows(page, originals) if visible else [], "originals": originals,
        "amendment_lines": [(amendment, amendments.lines(amendment, page.book)) for amendment in review.amendments]
        if review is not None else [],
        "can_amend": (page.approved and page.month.state == "closed" and can_amend(current_user, person)),
        "can_answer": may_answer, "can_reply": can_reply(current_user, person),
        "window_open": page.window_open(), "deadline": page.deadline, "response_days": page.response_days,
        "ack_form": AcknowledgeForm(formdata=None, version=""),
        "objection_form": ObjectionForm(formdata=None, version=""),
        "reply_form": ReplyForm(formdata=None, version=response.version if response else ""),
        "url_args": page.url_args,
        "superior_url": url_for("reviews.superior", year=page.month.year.year)
        if can_record_superior(current_user) else None,
    }


def render_page(page: ReviewPage, partial: str, status: int = 200, **overrides):
    return htmx.render(PAGE, partial, status, **{**page_context(page), **overrides})


def refuse(status: int, message: str):
    abort(error_response(status, message))
