"""What a person's registration and the unit's share: drafting, sending, deciding, and refusing what the state
or a stale page does not allow. The views load and check permissions; these steps write and audit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app import audit
from app.clock import utcnow
from app.domain.registration import can_decide, can_edit, year_accepts_registrations
from app.errors import error_response
from app.extensions import db
from app.labels import REGISTRATION_STATE_LABELS
from app.models import Year
from app.registration.forms import DecisionForm
from app.years.queries import latest_year

DECISION_FIELDS = ("state", "decision_reason")


def refuse(message: str):
    """Stop the request with 409 and say why: the flash area for htmx, an error page otherwise."""
    abort(error_response(409, message))


def current_year_or_refuse() -> Year:
    year = latest_year()
    if year is None:
        refuse(_("Chưa mở năm thi đua nào: lãnh đạo Ban cần mở năm trước khi đăng ký thi đua."))
    return year


def open_year_or_refuse() -> Year:
    """The year people register for, while it still takes registrations (it is not over)."""
    year = current_year_or_refuse()
    if not year_accepts_registrations(month.state for month in year.months):
        refuse(_("Năm %(year)s đã kết thúc (mọi tháng đã chốt): không nhận đăng ký thi đua nữa.", year=year.year))
    return year


def require_editable(record: Any | None) -> None:
    if record is not None and not can_edit(record.state):
        refuse(_("Bản đăng ký đang ở trạng thái “%(state)s”: không sửa được nữa. Chỉ bản chưa gửi hoặc bị từ chối "
                 "mới sửa được.", state=REGISTRATION_STATE_LABELS[record.state]))


def require_waiting(record: Any, whose: str) -> None:
    if not can_decide(record.state):
        refuse(_("Đăng ký của %(whose)s không còn chờ duyệt (hiện: %(state)s). Có thể người khác vừa quyết định; "
                 "hãy tải lại trang để xem.", whose=whose, state=REGISTRATION_STATE_LABELS[record.state]))


def flush_or_409() -> None:
    """Someone else wrote the same record first (version) or created it first (one per year): nothing is saved."""
    try:
        db.session.flush()
    except (StaleDataError, IntegrityError):
        db.session.rollback()
        abort(409)


def changed_since(form, record: Any | None, fields: tuple[str, ...]) -> list[str] | None:
    """None when the form was opened on the current version; else the labels of the fields whose stored value
    differs from what this user sent (their input is kept, and a second save goes through deliberately)."""
    if record is None or (form.version.data or "") == str(record.version):
        return None
    return [str(form[name].label.text) for name in fields if (form[name].data or "") != (getattr(record, name) or "")]


def save_content(record: Any, form, fields: tuple[str, ...], entity: str, is_new: bool) -> None:
    before = None if is_new else audit.snapshot(record, fields)
    for name in fields:
        setattr(record, name, form[name].data or "")
    if is_new:
        db.session.add(record)
    flush_or_409()
    after = audit.snapshot(record, fields)
    if before != after:
        audit.record(entity, record.id, "create" if is_new else "update", before, after)


def submit(record: Any, entity: str) -> None:
    before = record.state
    record.state = "submitted"
    record.submitted_at = utcnow()
    if hasattr(record, "submitted_by_id"):  # the unit's registration remembers which leader sent it
        record.submitted_by_id = current_user.id
    flush_or_409()
    audit.record(entity, record.id, "submit", {"state": before}, {"state": record.state})


def check_form(form, record: Any | None, fields: tuple[str, ...], whose_change: str) -> tuple[int, list] | None:
    """None when the form may be written; else the status (422 invalid, 409 stale) and the notices to show it
    again with, the user's input kept."""
    if not form.validate_on_submit():
        return 422, []
    changed = changed_since(form, record, fields)
    if changed is None:
        return None
    form.version.data = record.version
    return 409, [conflict_notice(changed, whose_change)]


def write(record: Any | None, make: Callable[[], Any], form, fields: tuple[str, ...], entity: str) -> Any:
    """Create (with `make`) or update the registration from its form, send it if asked, commit; return it."""
    is_new = record is None
    if is_new:
        record = make()
    save_content(record, form, fields, entity, is_new)
    if form.submitting:
        submit(record, entity)
    db.session.commit()
    return record


def decide(record: Any, form: DecisionForm, entity: str) -> str:
    """Approve or reject with the reviewer's words; return the decision made."""
    before = audit.snapshot(record, DECISION_FIELDS)
    approve = form.decision.data == "approve"
    record.state = "approved" if approve else "rejected"
    record.decision_reason = form.reason.data or ""
    record.decided_by_id = current_user.id
    record.decided_at = utcnow()
    flush_or_409()
    action = "approve" if approve else "reject"
    audit.record(entity, record.id, action, before, audit.snapshot(record, DECISION_FIELDS),
                 reason=record.decision_reason)
    return action


def check_decision(form: DecisionForm, record: Any, sent_again: str) -> tuple[int, list] | None:
    """None when the decision may be written; else 422 (invalid) or 409 (the registration was corrected and sent
    again since the page was opened: read it again), with the reason typed kept."""
    if not form.validate_on_submit():
        return 422, []
    if form.version.data == str(record.version):
        return None
    form.version.data = record.version
    return 409, [("error", sent_again)]


def decision_form(record: Any) -> DecisionForm:
    form = DecisionForm()
    if not form.is_submitted():
        form.version.data = record.version
    return form


def conflict_notice(changed: list[str], whose_change: str) -> tuple[str, str]:
    """The one-time message of a 409 on a stale form (notices, so it shows beside the kept input)."""
    return ("error", _("%(who)s trong lúc bạn đang sửa. Các mục khác với bản đang lưu: %(fields)s. Kiểm tra lại rồi "
                       "bấm lần nữa để ghi phần của bạn.", who=whose_change, fields=", ".join(changed) or _("không có")))
