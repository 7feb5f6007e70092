"""The reviewed person's answer to an approved review — acknowledged, or an objection — and the reviewer's reply.

The answer (ReviewResponse) is deliberately outside the month lock: it comes after approval, often after the month
has closed.
"""

from __future__ import annotations

from flask import abort, flash
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app import audit, htmx
from app.clock import utcnow
from app.domain.dates import format_dmy
from app.extensions import db
from app.models import ReviewResponse
from app.permissions.reviews import can_reply, can_respond
from app.reviews.person_forms import ObjectionForm, ReplyForm
from app.reviews.person_page import RESPONSE, RESPONSE_FIELDS, ReviewPage, load_page, refuse, render_page
from app.reviews.views import bp


def _require_answerable(page: ReviewPage) -> None:
    """An approved review, within the days the year's rules give after the approval."""
    if not page.approved:
        refuse(409, _("Đánh giá tháng %(month)s chưa được duyệt: chưa thể xác nhận hay phản hồi.",
                       month=page.month.label))
    if not page.window_open():
        refuse(409, _("Đã quá hạn xác nhận hoặc phản hồi đánh giá tháng %(month)s: hạn cuối là ngày %(date)s.",
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
    return render_page(page, RESPONSE, 409, unsaved=unsaved, notices=[("error", message)])


def _create_response(response: ReviewResponse) -> ReviewResponse:
    """The answer is unique per review: the loser of a race between two tabs gets a 409, not a 500."""
    db.session.add(response)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        refuse(409, _("Đánh giá này vừa được trả lời ở nơi khác. Hãy tải lại trang để xem."))
    return response


def _answered(page: ReviewPage, message: str):
    db.session.commit()
    flash(message, "success")
    if not htmx.is_htmx():
        return htmx.redirect(page.url + "#review-response")
    fresh = load_page(page.month.year.year, page.month.number, page.person.id)  # the answer as stored, versions and all
    return render_page(fresh, RESPONSE)


@bp.route("/<int:year>/<int:month>/people/<int:person_id>/acknowledge", methods=["POST"])
@login_required
def acknowledge(year: int, month: int, person_id: int):
    page = load_page(year, month, person_id)
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
    page = load_page(year, month, person_id)
    if not can_respond(current_user, page.person):
        abort(403)
    _require_answerable(page)
    form = ObjectionForm()
    if page.response is not None:
        return _already_answered(page, unsaved=form.objection.data or "")
    if not form.validate_on_submit():
        return render_page(page, RESPONSE, 422, objection_form=form)
    response = _create_response(ReviewResponse(review_id=page.review.id, objection=form.objection.data,
                                               objected_at=utcnow()))
    audit.record("review_response", response.id, "object", None, audit.snapshot(response, RESPONSE_FIELDS))
    return _answered(page, _("Đã gửi phản hồi của bạn về đánh giá tháng %(month)s; người đánh giá sẽ trả lời.",
                             month=page.month.label))


@bp.route("/<int:year>/<int:month>/people/<int:person_id>/reply", methods=["POST"])
@login_required
def reply(year: int, month: int, person_id: int):
    page = load_page(year, month, person_id)
    if not can_reply(current_user, page.person):
        abort(403)
    response = page.response
    if response is None or not response.objection:
        refuse(409, _("Chưa có phản hồi nào về đánh giá tháng %(month)s để trả lời.", month=page.month.label))
    form = ReplyForm()
    if not form.validate_on_submit():
        return render_page(page, RESPONSE, 422, reply_form=form)
    if (form.version.data or "") != str(response.version) or response.reply:
        who = response.replied_by.display_name if response.replied_by else _("người khác")
        message = _("%(name)s vừa trả lời phản hồi này trong lúc bạn viết. Câu trả lời của bạn chưa được lưu; "
                    "nội dung bạn viết vẫn ở bên dưới.", name=who)
        return render_page(page, RESPONSE, 409, unsaved=form.reply.data, notices=[("error", message)])
    before = audit.snapshot(response, RESPONSE_FIELDS)
    response.reply, response.replied_by_id, response.replied_at = form.reply.data, current_user.id, utcnow()
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        refuse(409, _("Phản hồi này vừa được trả lời ở nơi khác. Hãy tải lại trang để xem."))
    audit.record("review_response", response.id, "reply", before, audit.snapshot(response, RESPONSE_FIELDS))
    return _answered(page, _("Đã ghi câu trả lời phản hồi của %(name)s.", name=page.person.full_name))

