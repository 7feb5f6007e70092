"""Approving reviews and closing the month, from the review board: one review (its row comes back with the
counters), every review waiting (the board's leaders), and the month's close once nothing stands in the way."""

from __future__ import annotations

from flask import abort, flash
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import audit, htmx
from app.clock import utcnow
from app.commitments.common import flush_or_409, refuse, snapshot
from app.commitments.queries import review_of
from app.extensions import db
from app.labels import REVIEW_STATE_LABELS
from app.models import MonthlyReview
from app.permissions import is_board_leader, load_person_or_404, require_month_allows, requires
from app.permissions.reviews import can_approve, can_close_month
from app.reviews.board_views import frame_for, render_saved
from app.reviews.closing import refuse_close_while_blocked
from app.reviews.forms import ApproveForm, CloseMonthForm
from app.reviews.views import bp
from app.years.views import MONTH_FIELDS

APPROVAL_FIELDS = ("review_state", "approved_by_id", "approved_at")


def _approve(review: MonthlyReview) -> None:
    before = snapshot(review, APPROVAL_FIELDS)
    review.review_state = "approved"
    review.approved_by_id = current_user.id
    review.approved_at = utcnow()
    flush_or_409(_("Đánh giá vừa được thay đổi ở nơi khác. Hãy tải lại bảng bình xét rồi thử lại."))
    audit.record("monthly_review", review.id, "approve", before, snapshot(review, APPROVAL_FIELDS))


@bp.route("/<int:year>/<int:month>/people/<int:person_id>/approve", methods=["POST"])
@login_required
def approve(year: int, month: int, person_id: int):
    person = load_person_or_404(person_id)
    if not can_approve(current_user, person):
        abort(403)
    frame = frame_for(year, month, person)
    require_month_allows(frame.month, "review")
    review = review_of(person.id, frame.month.id)
    if review is None or review.review_state != "reviewed":
        refuse(409, _("Đánh giá tháng %(month)s của %(name)s không ở trạng thái chờ duyệt (hiện: %(state)s).",
                      month=frame.month.label, name=person.full_name,
                      state=REVIEW_STATE_LABELS[review.review_state if review else "pending"]))
    form = ApproveForm()
    if form.version.data and form.version.data != str(review.version):
        refuse(409, _("Đánh giá của %(name)s vừa được sửa sau khi bạn mở bảng. Hãy xem lại rồi duyệt.",
                      name=person.full_name))
    _approve(review)
    db.session.commit()
    flash(_("Đã duyệt đánh giá tháng %(month)s của %(name)s.", month=frame.month.label, name=person.full_name),
          "success")
    if not htmx.is_htmx():
        return htmx.redirect(frame.urls.at_row(person.id))
    return render_saved(frame, person)


@bp.route("/<int:year>/<int:month>/approve", methods=["POST"])
@requires(is_board_leader)
def approve_all(year: int, month: int):
    frame = frame_for(year, month)
    require_month_allows(frame.month, "review")
    waiting = db.session.scalars(select(MonthlyReview).options(selectinload(MonthlyReview.person))
                                 .where(MonthlyReview.month_id == frame.month.id,
                                        MonthlyReview.review_state == "reviewed"))
    approved = 0
    for review in waiting:
        if can_approve(current_user, review.person):
            _approve(review)
            approved += 1
    db.session.commit()
    if approved:
        flash(ngettext("Đã duyệt %(num)s đánh giá tháng %(month)s.", "Đã duyệt %(num)s đánh giá tháng %(month)s.",
                       approved, month=frame.month.label), "success")
    else:
        flash(_("Không có đánh giá nào đang chờ bạn duyệt."), "info")
    return htmx.redirect(frame.urls.board)


@bp.route("/<int:year>/<int:month>/close", methods=["POST"])
@login_required
def close(year: int, month: int):
    if not can_close_month(current_user):
        abort(403)
    frame = frame_for(year, month)
    month_record = frame.month
    require_month_allows(month_record, "review")
    form = CloseMonthForm()
    if form.version.data and form.version.data != str(month_record.version):
        refuse(409, _("Tháng %(month)s vừa được thay đổi ở nơi khác. Hãy tải lại trang rồi thử lại.",
                      month=month_record.label))
    refuse_close_while_blocked(month_record)
    before = audit.snapshot(month_record, MONTH_FIELDS)
    month_record.state = "closed"
    month_record.state_changed_at = utcnow()
    flush_or_409()
    audit.record("month", month_record.id, "set_state", before, audit.snapshot(month_record, MONTH_FIELDS))
    db.session.commit()
    flash(_("Đã chốt tháng %(month)s. Từ nay đánh giá của tháng này chỉ sửa được bằng điều chỉnh có ghi lý do.",
            month=month_record.label), "success")
    return htmx.redirect(frame.urls.board)
