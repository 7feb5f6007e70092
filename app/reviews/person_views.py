"""One person's review of one month, read-only: the self-assessment, the leader's review and its approval, the
amendments made after the month closed (the original stays visible); the person's acknowledgement or objection
and the reviewer's reply; and the amendment form itself.

The answer (ReviewResponse) is deliberately outside the month lock: it comes after approval, often after the month
has closed. The amendment is the one named way into a closed month (month_lock.unlocked(…, "amendment")).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from app import audit, clock, htmx, month_lock
from app.clock import utcnow
from app.commitments.queries import month_or_404
from app.domain.dates import format_dmy
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
from app.reviews import amendments
from app.reviews.person_forms import AcknowledgeForm, ObjectionForm, ReplyForm, amend_form_class
from app.reviews.queries import raised_in_month, shortcomings_to_judge
from app.reviews.views import bp

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


def _load(year: int, number: int, person_id: int) -> ReviewPage:
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


def _context(page: ReviewPage) -> dict:
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
    }


def _render(page: ReviewPage, partial: str, status: int = 200, **overrides):
    return htmx.render(PAGE, partial, status, **{**_context(page), **overrides})


@bp.route("/<int:year>/<int:month>/people/<int:person_id>")
@login_required
def person_review(year: int, month: int, person_id: int):
    return _render(_load(year, month, person_id), BODY)


@bp.route("/mine/<int:year>/<int:month>")
@login_required
def my_review(year: int, month: int):
    me = current_user.person
    if me is None:
        abort(error_response(403, _("Tài khoản này không gắn với cán bộ nào nên không có đánh giá tháng riêng.")))
    return redirect(url_for("reviews.person_review", year=year, month=month, person_id=me.id))


# --- The person's answer and the reviewer's reply ------------------------------------------------------------------

def _refuse(status: int, message: str):
    abort(error_response(status, message))


def _require_answerable(page: ReviewPage) -> None:
    """An approved review, within the days the year's rules give after the approval."""
    if not page.approved:
        _refuse(409, _("Đánh giá tháng %(month)s chưa được duyệt: chưa thể xác nhận hay phản hồi.",
                       month=page.month.label))
    if not page.window_open():
        _refuse(409, _("Đã quá hạn xác nhận hoặc phản hồi đánh giá tháng %(month)s: hạn cuối là ngày %(date)s.",
                       month=page.month.label, date=format_dmy(page.deadline)))


def _stored_answer(response: ReviewResponse) -> str:
    if response.objection:
        return _("đã phản hồi ngày %(date)s", date=format_dmy(response.objected_at))
    return _("đã xác nhận ngày %(date)s", date=format_dmy(response.acknowledged_at))


def _already_answered(page: ReviewPage, unsaved: str = ""):
    """Answered in another tab (or twice): one answer per review. The page shows the stored answer and, for an
    objection typed in vain, the text typed, so that nothing written is lost."""
    message = _("Đánh giá này đã được trả lời trước đó (%(answer)s). Mỗi đánh giá chỉ trả lời một lần.",
                answer=_stored_answer(page.response))
    return _render(page, RESPONSE, 409, unsaved=unsaved, notices=[("error", message)])


def _create_response(response: ReviewResponse) -> ReviewResponse:
    """The answer is unique per review: the loser of a race between two tabs gets a 409, not a 500."""
    db.session.add(response)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        _refuse(409, _("Đánh giá này vừa được trả lời ở nơi khác. Hãy tải lại trang để xem."))
    return response


def _answered(page: ReviewPage, message: str):
    db.session.commit()
    flash(message, "success")
    if not htmx.is_htmx():
        return htmx.redirect(page.url + "#review-response")
    fresh = _load(page.month.year.year, page.month.number, page.person.id)  # the answer as stored, versions and all
    return _render(fresh, RESPONSE)


@bp.route("/<int:year>/<int:month>/people/<int:person_id>/acknowledge", methods=["POST"])
@login_required
def acknowledge(year: int, month: int, person_id: int):
    page = _load(year, month, person_id)
    if not can_respond(current_user, page.person):
        abort(403)
    _require_answerable(page)
    if page.response is not None:
        return _already_answered(page)
    response = _create_response(ReviewResponse(review_id=page.review.id, acknowledged_at=utcnow()))
    audit.record("review_response", response.id, "acknowledge", None, audit.snapshot(response, RESPONSE_FIELDS))
    return _answered(page, _("Đã ghi xác nhận của bạn về đánh giá tháng %(month)s.", month=page.month.label))


@bp.route("/<int:year>/<int:month>/people/<int:person_id>/object", methods=["POST"], endpoint="object")
@login_required
def object_to_review(year: int, month: int, person_id: int):
    page = _load(year, month, person_id)
    if not can_respond(current_user, page.person):
        abort(403)
    _require_answerable(page)
    form = ObjectionForm()
    if page.response is not None:
        return _already_answered(page, unsaved=form.objection.data or "")
    if not form.validate_on_submit():
        return _render(page, RESPONSE, 422, objection_form=form)
    response = _create_response(ReviewResponse(review_id=page.review.id, objection=form.objection.data,
                                               objected_at=utcnow()))
    audit.record("review_response", response.id, "object", None, audit.snapshot(response, RESPONSE_FIELDS))
    return _answered(page, _("Đã gửi phản hồi của bạn về đánh giá tháng %(month)s; người đánh giá sẽ trả lời.",
                             month=page.month.label))


@bp.route("/<int:year>/<int:month>/people/<int:person_id>/reply", methods=["POST"])
@login_required
def reply(year: int, month: int, person_id: int):
    page = _load(year, month, person_id)
    if not can_reply(current_user, page.person):
        abort(403)
    response = page.response
    if response is None or not response.objection:
        _refuse(409, _("Chưa có phản hồi nào về đánh giá tháng %(month)s để trả lời.", month=page.month.label))
    form = ReplyForm()
    if not form.validate_on_submit():
        return _render(page, RESPONSE, 422, reply_form=form)
    if (form.version.data or "") != str(response.version) or response.reply:
        who = response.replied_by.display_name if response.replied_by else _("người khác")
        message = _("%(name)s vừa trả lời phản hồi này trong lúc bạn viết. Câu trả lời của bạn chưa được lưu; "
                    "nội dung bạn viết vẫn ở bên dưới.", name=who)
        return _render(page, RESPONSE, 409, unsaved=form.reply.data, notices=[("error", message)])
    before = audit.snapshot(response, RESPONSE_FIELDS)
    response.reply, response.replied_by_id, response.replied_at = form.reply.data, current_user.id, utcnow()
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        _refuse(409, _("Phản hồi này vừa được trả lời ở nơi khác. Hãy tải lại trang để xem."))
    audit.record("review_response", response.id, "reply", before, audit.snapshot(response, RESPONSE_FIELDS))
    return _answered(page, _("Đã ghi câu trả lời phản hồi của %(name)s.", name=page.person.full_name))


# --- Amendment after the month closed ------------------------------------------------------------------------------

def _amend_form(page: ReviewPage):
    form_class = amend_form_class(page.book, not page.review.leave)
    if request.method == "POST":
        return form_class()
    return form_class(formdata=None, data=amendments.form_data(page.review))


@bp.route("/<int:year>/<int:month>/people/<int:person_id>/amend", methods=["GET", "POST"])
@login_required
def amend(year: int, month: int, person_id: int):
    page = _load(year, month, person_id)
    if not can_amend(current_user, page.person):
        abort(403)
    if page.month.state != "closed":
        _refuse(409, _("Tháng chưa chốt: hãy sửa trực tiếp ở bảng bình xét."))
    if not page.approved:
        _refuse(409, _("Tháng %(month)s chưa có đánh giá đã duyệt của %(name)s để điều chỉnh.",
                       month=page.month.label, name=page.person.full_name))
    review = page.review
    form = _amend_form(page)
    if request.method == "GET":
        return _render(page, AMEND, amending=True, amend_form=form)
    proposed = (amendments.proposed(page.review, page.book, form, page.month.year.year)
                if form.validate_on_submit() else None)
    if proposed is None:
        return _render(page, AMEND, 422, amending=True, amend_form=form)
    amended = amendments.change(review, proposed)
    if (form.version.data or "") != str(review.version):
        # Amended by someone else since this form opened: keep this user's input and name what differs.
        form.version.data = review.version
        message = _("Đánh giá này vừa được người khác điều chỉnh trong lúc bạn sửa. Các ô khác với bản đang lưu: "
                    "%(fields)s. Kiểm tra lại rồi bấm Lưu lần nữa để ghi phần của bạn.",
                    fields=", ".join(amendments.field_names(page.book, amended.after)) or _("không có"))
        return _render(page, AMEND, 409, amending=True, amend_form=form, notices=[("error", message)])
    if not amended:
        form.form_errors.append(_("Bạn chưa thay đổi nội dung nào của đánh giá."))
        return _render(page, AMEND, 422, amending=True, amend_form=form)
    reason = form.reason.data
    with month_lock.unlocked(db.session, "amendment"):
        amendments.apply(review, amended, reason, current_user.id)
        try:
            db.session.flush()
        except StaleDataError:
            db.session.rollback()
            _refuse(409, _("Đánh giá này vừa được người khác điều chỉnh. Hãy tải lại trang rồi thử lại."))
        audit.record("monthly_review", review.id, "amend", amended.before, amended.after, reason=reason)
        db.session.commit()
    flash(_("Đã lưu điều chỉnh đánh giá tháng %(month)s của %(name)s.", month=page.month.label,
            name=page.person.full_name), "success")
    return htmx.redirect(page.url)
