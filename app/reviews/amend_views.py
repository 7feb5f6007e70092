"""The amendment of a review after its month closed: the one named way into a closed month
(month_lock.unlocked(…, "amendment")), always with a reason, keeping the original visible.
"""

from __future__ import annotations

from flask import abort, flash, request
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm.exc import StaleDataError

from app import audit, htmx, month_lock
from app.extensions import db
from app.permissions.reviews import can_amend
from app.reviews import amendments
from app.reviews.person_forms import amend_form_class
from app.reviews.person_page import AMEND, ReviewPage, load_page, refuse, render_page
from app.reviews.views import bp


def _amend_form(page: ReviewPage):
    form_class = amend_form_class(page.book, not page.review.leave)
    if request.method == "POST":
        return form_class()
    return form_class(formdata=None, data=amendments.form_data(page.review))


@bp.route("/<int:year>/<int:month>/people/<int:person_id>/amend", methods=["GET", "POST"])
@login_required
def amend(year: int, month: int, person_id: int):
    page = load_page(year, month, person_id)
    if not can_amend(current_user, page.person):
        abort(403)
    if page.month.state != "closed":
        refuse(409, _("Tháng chưa chốt: hãy sửa trực tiếp ở bảng bình xét."))
    if not page.approved:
        refuse(409, _("Tháng %(month)s chưa có đánh giá đã duyệt của %(name)s để điều chỉnh.",
                       month=page.month.label, name=page.person.full_name))
    review = page.review
    form = _amend_form(page)
    if request.method == "GET":
        return render_page(page, AMEND, amending=True, amend_form=form)
    proposed = (amendments.proposed(page.review, page.book, form, page.month.year.year)
                if form.validate_on_submit() else None)
    if proposed is None:
        return render_page(page, AMEND, 422, amending=True, amend_form=form)
    amended = amendments.change(review, proposed)
    if (form.version.data or "") != str(review.version):
        # Amended by someone else since this form opened: keep this user's input and name what differs.
        form.version.data = review.version
        message = _("Đánh giá này vừa được người khác điều chỉnh trong lúc bạn sửa. Các ô khác với bản đang lưu: "
                    "%(fields)s. Kiểm tra lại rồi bấm Lưu lần nữa để ghi phần của bạn.",
                    fields=", ".join(amendments.field_names(page.book, amended.after)) or _("không có"))
        return render_page(page, AMEND, 409, amending=True, amend_form=form, notices=[("error", message)])
    if not amended:
        form.form_errors.append(_("Bạn chưa thay đổi nội dung nào của đánh giá."))
        return render_page(page, AMEND, 422, amending=True, amend_form=form)
    reason = form.reason.data
    with month_lock.unlocked(db.session, "amendment"):
        amendments.apply(review, amended, reason, current_user.id)
        try:
            db.session.flush()
        except StaleDataError:
            db.session.rollback()
            refuse(409, _("Đánh giá này vừa được người khác điều chỉnh. Hãy tải lại trang rồi thử lại."))
        audit.record("monthly_review", review.id, "amend", amended.before, amended.after, reason=reason)
        db.session.commit()
    flash(_("Đã lưu điều chỉnh đánh giá tháng %(month)s của %(name)s.", month=page.month.label,
            name=page.person.full_name), "success")
    return htmx.redirect(page.url)

