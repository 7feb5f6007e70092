"""Error pages, htmx-aware: a fragment request gets its message in the flash area, not swapped into a row."""

from __future__ import annotations

from flask import make_response, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app import htmx
from app.extensions import db
from app.month_lock import MonthClosed


def _messages() -> dict[int, str]:
    return {
        400: _("Yêu cầu không hợp lệ."),
        403: _("Bạn không có quyền thực hiện thao tác này."),
        404: _("Không tìm thấy trang hoặc bản ghi bạn yêu cầu."),
        405: _("Thao tác này không được hỗ trợ ở địa chỉ này."),
        409: _("Bản ghi vừa được người khác thay đổi. Vui lòng tải lại để xem thay đổi rồi thử lại."),
        413: _("Tệp gửi lên quá lớn."),
        429: _("Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút."),
        500: _("Hệ thống gặp lỗi ngoài dự kiến. Thay đổi của bạn chưa được lưu; vui lòng thử lại."),
    }


def error_response(status: int, message: str | None = None):
    message = message or _messages().get(status, _("Đã xảy ra lỗi."))
    if htmx.is_htmx():
        response = make_response(render_template("partials/flash_error.html", message=message), status)
        return htmx.retarget(response, "#flash", "innerHTML")
    return make_response(render_template("error.html", status=status, message=message), status)


def init_app(app) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return error_response(
            400, _("Phiên làm việc đã hết hạn hoặc biểu mẫu thiếu mã bảo vệ. Vui lòng tải lại trang và thử lại.")
        )

    @app.errorhandler(MonthClosed)
    def month_closed(error: MonthClosed):
        # The data layer refused a write into a closed month: nothing of this request is kept.
        db.session.rollback()
        return error_response(409, _("Tháng %(month)s đã chốt: không ai thay đổi được dữ liệu của tháng này. "
                                     "Muốn sửa một đánh giá, hãy lập điều chỉnh có ghi lý do.",
                                     month=error.month_label))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code and error.code < 400:
            return error
        return error_response(error.code or 500)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        if app.testing:
            raise error
        # Nothing half-written: whatever the request had added to the session is dropped.
        db.session.rollback()
        app.logger.exception("Unhandled error")
        return error_response(500)
