"""A record's history: its audit events with who made them, read as Vietnamese lines.

Loading takes a constant number of queries however long the history: the events, their accounts and those
accounts' people (selectinload), then one query per kind of name the changes refer to (people, departments,
accounts). The wording of each field lives here; the formatting rules in app/domain/history.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import labels
from app.domain.history import Change, FieldSpec, changes, referenced_ids
from app.extensions import db
from app.models import Account, AuditEvent, Department, Person

YES_NO = {True: _l("Có"), False: _l("Không")}

ENTITY_LABELS = {
    "person": _l("Cán bộ"),
    "department": _l("Phòng"),
    "unit": _l("Đơn vị"),
    "account": _l("Tài khoản"),
    "year": _l("Năm"),
    "month": _l("Tháng"),
    "registration": _l("Đăng ký thi đua"),
    "unit_registration": _l("Đăng ký thi đua của đơn vị"),
    "commitment_item": _l("Nội dung công việc"),
    "commitment_sheet": _l("Bản đăng ký công việc tháng"),
    "monthly_review": _l("Đánh giá tháng"),
    "shortcoming_follow_up": _l("Kết quả khắc phục"),
    "shortcoming": _l("Tồn tại, hạn chế"),
    "review_response": _l("Phản hồi đánh giá"),
    "initiative": _l("Sáng kiến"),
    "attachment": _l("Tệp đính kèm"),
}

ACTION_LABELS = {
    "create": _l("Tạo mới"),
    "update": _l("Sửa"),
    "delete": _l("Xoá"),
    "submit": _l("Gửi"),
    "approve": _l("Duyệt"),
    "reject": _l("Từ chối"),
    "decide": _l("Quyết định công nhận"),
    "return": _l("Trả lại"),
    "reorder": _l("Sắp xếp lại"),
    "set_state": _l("Chuyển trạng thái"),
    "set_reviewer": _l("Chỉ định người đánh giá"),
    "activate": _l("Cho làm việc lại"),
    "deactivate": _l("Cho nghỉ"),
    "reset_password": _l("Đặt lại mật khẩu"),
    "create_admin": _l("Tạo tài khoản quản trị"),
    "reset_admin": _l("Đặt lại tài khoản quản trị"),
    "self_assess": _l("Tự đánh giá"),
    "self_update": _l("Sửa bản tự đánh giá"),
    "self_submit": _l("Gửi bản tự đánh giá"),
    "report": _l("Báo cáo kết quả khắc phục"),
    "mark_used": _l("Đánh dấu đã dùng để đề nghị khen thưởng"),
    "unmark_used": _l("Bỏ đánh dấu đã dùng"),
    "seed_demo": _l("Tạo dữ liệu mẫu"),
    "review": _l("Đánh giá, nhận xét"),
    "verdict": _l("Kết luận khắc phục"),
    "amend": _l("Điều chỉnh sau khi chốt tháng"),
    "acknowledge": _l("Xác nhận đánh giá"),
    "object": _l("Phản hồi đánh giá"),
    "reply": _l("Trả lời phản hồi"),
    "import": _l("Nhập từ tệp năm"),
    "settings": _l("Điều chỉnh quy định"),
    "superior_result": _l("Ghi kết quả do cấp trên đánh giá"),
}

_STATE_LABELS = {**labels.REGISTRATION_STATE_LABELS, **labels.MONTH_STATE_LABELS}
_TITLE_LABELS = {**labels.PERSON_TITLE_LABELS, **labels.UNIT_TITLE_LABELS}
_DECISION = {
    "state": FieldSpec(_l("Tình trạng"), "code", _STATE_LABELS),
    "decision_reason": FieldSpec(_l("Ý kiến của người duyệt")),
}

FIELDS: dict[str, dict[str, FieldSpec]] = {
    "person": {
        "code": FieldSpec(_l("Mã cán bộ")),
        "family_name": FieldSpec(_l("Họ")),
        "middle_name": FieldSpec(_l("Tên đệm")),
        "given_name": FieldSpec(_l("Tên")),
        "gender": FieldSpec(_l("Giới tính"), "code", labels.GENDER_LABELS),
        "position": FieldSpec(_l("Chức vụ"), "code", labels.POSITION_LABELS),
        "department_id": FieldSpec(_l("Phòng"), "ref", ref="department"),
        "employed_from": FieldSpec(_l("Làm việc từ"), "date"),
        "employed_to": FieldSpec(_l("Làm việc đến"), "date"),
        "active": FieldSpec(_l("Đang làm việc"), "code", YES_NO),
        "username": FieldSpec(_l("Tên đăng nhập")),
        "reviewer_override_id": FieldSpec(_l("Người đánh giá do quản trị chỉ định"), "ref", ref="person"),
    },
    "department": {
        "code": FieldSpec(_l("Mã phòng")),
        "name": FieldSpec(_l("Tên phòng")),
        "sort_order": FieldSpec(_l("Thứ tự")),
        "supervisor_id": FieldSpec(_l("Lãnh đạo Ban phụ trách"), "ref", ref="person"),
    },
    "unit": {
        "name": FieldSpec(_l("Tên đơn vị")),
        "superior": FieldSpec(_l("Cơ quan cấp trên")),
        "place": FieldSpec(_l("Địa danh")),
    },
    "year": {
        "year": FieldSpec(_l("Năm")),
        "rulebook_code": FieldSpec(_l("Quy định áp dụng")),
        "commitments_due_day": FieldSpec(_l("Hạn đăng ký công việc (ngày trong tháng)")),
        **{name: FieldSpec(label) for name, label in labels.SETTING_LABELS.items()},
    },
    "month": {
        "state": FieldSpec(_l("Tình trạng"), "code", labels.MONTH_STATE_LABELS),
        "commitments_due": FieldSpec(_l("Hạn đăng ký công việc"), "date"),
        "self_assessment_due": FieldSpec(_l("Hạn tự đánh giá"), "date"),
    },
    "registration": {
        "target_title": FieldSpec(_l("Danh hiệu thi đua đăng ký"), "code", _TITLE_LABELS),
        "initiative_plan": FieldSpec(_l("Sáng kiến, giải pháp mới dự kiến thực hiện")),
        "study_commitment": FieldSpec(_l("Cam kết học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")),
        **_DECISION,
    },
    "unit_registration": {
        "target_title": FieldSpec(_l("Danh hiệu thi đua đăng ký"), "code", _TITLE_LABELS),
        "plan": FieldSpec(_l("Nội dung, biện pháp thực hiện")),
        **_DECISION,
    },
    "commitment_item": {
        "position": FieldSpec(_l("Thứ tự")),
        "title": FieldSpec(_l("Công việc, sản phẩm sẽ hoàn thành")),
        "measure": FieldSpec(_l("Tiêu chí đo, số lượng")),
        "deadline": FieldSpec(_l("Thời hạn"), "date"),
        "planned_points": FieldSpec(_l("Điểm dự kiến")),
        "outcome": FieldSpec(_l("Kết quả"), "code", labels.OUTCOME_LABELS),
        "major_error": FieldSpec(_l("Có sai sót lớn"), "code", YES_NO),
        "evidence": FieldSpec(_l("Minh chứng (số văn bản hoặc đường dẫn)")),
        "carried_from_id": FieldSpec(_l("Chuyển từ tháng trước")),
    },
    "commitment_sheet": {
        "state": FieldSpec(_l("Tình trạng"), "code", labels.SHEET_STATE_LABELS),
        "submitted_at": FieldSpec(_l("Gửi lúc"), "datetime"),
        "return_comment": FieldSpec(_l("Lý do trả lại, điều cần sửa")),
        "returned_by_id": FieldSpec(_l("Người trả lại"), "ref", ref="account"),
        "returned_at": FieldSpec(_l("Trả lại lúc"), "datetime"),
        "items": FieldSpec(_l("Thứ tự các nội dung")),
    },
    "monthly_review": {
        "leave": FieldSpec(_l("Nghỉ trong tháng"), "code", labels.LEAVE_LABELS),
        "self_general": FieldSpec(_l("Điểm tiêu chí chung tự chấm")),
        "self_task_points": FieldSpec(_l("Điểm nhiệm vụ tự chấm")),
        "self_score": FieldSpec(_l("Tổng điểm tự chấm")),
        "self_level": FieldSpec(_l("Mức tự xếp loại"), "code", labels.LEVEL_LABELS),
        "self_strengths": FieldSpec(_l("Ưu điểm")),
        "self_shortcomings": FieldSpec(_l("Tồn tại, hạn chế")),
        "self_state": FieldSpec(_l("Tình trạng tự đánh giá"), "code", labels.SHEET_STATE_LABELS),
        "self_submitted_at": FieldSpec(_l("Gửi lúc"), "datetime"),
        "review_state": FieldSpec(_l("Tình trạng đánh giá"), "code", labels.REVIEW_STATE_LABELS),
        "review_general": FieldSpec(_l("Điểm tiêu chí chung")),
        "review_task_points": FieldSpec(_l("Điểm kết quả thực hiện nhiệm vụ")),
        "review_score": FieldSpec(_l("Tổng điểm")),
        "review_level": FieldSpec(_l("Mức xếp loại"), "code", labels.LEVEL_LABELS),
        "change_reasons": FieldSpec(_l("Lý do thay đổi điểm")),
        "strengths": FieldSpec(_l("Ưu điểm")),
        "direction": FieldSpec(_l("Phương hướng tháng tới")),
        "level_comment": FieldSpec(_l("Nhận xét về mức xếp loại")),
        "reviewed_at": FieldSpec(_l("Đánh giá lúc"), "datetime"),
        "approved_at": FieldSpec(_l("Duyệt lúc"), "datetime"),
        "superior_ref": FieldSpec(_l("Văn bản của cấp trên")),
    },
    "shortcoming": {
        "text": FieldSpec(_l("Tồn tại, hạn chế")),
        "expected_fix": FieldSpec(_l("Yêu cầu khắc phục")),
    },
    "shortcoming_follow_up": {
        "person_report": FieldSpec(_l("Kết quả khắc phục")),
        "verdict": FieldSpec(_l("Đánh giá kết quả khắc phục"), "code", labels.VERDICT_LABELS),
        "verdict_note": FieldSpec(_l("Ghi chú của người đánh giá")),
    },
    "initiative": {
        "year": FieldSpec(_l("Năm")),
        "kind": FieldSpec(_l("Loại"), "code", labels.INITIATIVE_KIND_LABELS),
        "title": FieldSpec(_l("Tên")),
        "problem": FieldSpec(_l("Thực trạng, vấn đề cần giải quyết")),
        "solution": FieldSpec(_l("Nội dung giải pháp")),
        "benefit": FieldSpec(_l("Hiệu quả dự kiến")),
        "status": FieldSpec(_l("Tình trạng"), "code", labels.INITIATIVE_STATE_LABELS),
        "level": FieldSpec(_l("Cấp công nhận"), "code", labels.RECOGNITION_LEVEL_LABELS),
        "decision_number": FieldSpec(_l("Số quyết định")),
        "decided_on": FieldSpec(_l("Ngày quyết định"), "date"),
        "scope": FieldSpec(_l("Phạm vi ảnh hưởng, hiệu quả áp dụng")),
        "rejection_reason": FieldSpec(_l("Lý do không công nhận")),
        "used_for_award": FieldSpec(_l("Đã dùng để đề nghị khen thưởng")),
        "authors": FieldSpec(_l("Tác giả"), "ref", ref="person"),
    },
    "attachment": {
        "original_name": FieldSpec(_l("Tên tệp")),
        "content_type": FieldSpec(_l("Loại tệp")),
        "size": FieldSpec(_l("Dung lượng (byte)")),
    },
}
# Stored for the system's own use, never worth a line in the panel.
HIDDEN = {"attachment": {"initiative_id", "commitment_item_id", "stored_name"}}


def local_time(moment: datetime) -> str:
    """A stored (naive UTC) time in the unit's time zone, dd/mm/yyyy HH:MM."""
    return format_datetime(moment, "dd/MM/yyyy HH:mm")


@dataclass(frozen=True)
class Entry:
    at: str
    actor: str  # who made the change, as people know them
    action: str
    reason: str
    changes: list[Change]


def _names(wanted: Mapping[str, set]) -> dict[str, dict]:
    """The display name of every id the changes refer to: one query per kind of reference, none if unused."""
    names: dict[str, dict] = {}
    if wanted.get("person"):
        people = db.session.scalars(select(Person).where(Person.id.in_(wanted["person"])))
        names["person"] = {person.id: person.full_name for person in people}
    if wanted.get("department"):
        rows = db.session.execute(select(Department.id, Department.name).where(Department.id.in_(wanted["department"])))
        names["department"] = {department_id: name for department_id, name in rows}
    if wanted.get("account"):
        accounts = db.session.scalars(select(Account).where(Account.id.in_(wanted["account"]))
                                      .options(selectinload(Account.person)))
        names["account"] = {account.id: actor_name(account) for account in accounts}
    return names


def actor_name(account: Account | None) -> str:
    if account is None:
        return str(_l("Hệ thống"))
    return account.person.full_name if account.person else account.username


def _visible(entity: str, values: dict | None) -> dict | None:
    if values is None:
        return None
    hidden = HIDDEN.get(entity, set())
    return {key: value for key, value in values.items() if key not in hidden}


def entries(entity: str, entity_id: int) -> list[Entry]:
    """The record's events, newest first, each with its actor and its lines."""
    events = list(db.session.scalars(
        select(AuditEvent).where(AuditEvent.entity == entity, AuditEvent.entity_id == entity_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .options(selectinload(AuditEvent.actor).selectinload(Account.person))
    ))
    specs = FIELDS.get(entity, {})
    pairs = [(_visible(entity, event.before), _visible(entity, event.after)) for event in events]
    names = _names(referenced_ids(pairs, [specs] * len(pairs)))
    return [
        Entry(at=local_time(event.at), actor=actor_name(event.actor), action=str(ACTION_LABELS.get(event.action, event.action)),
              reason=event.reason or "", changes=changes(before, after, specs, names, local_time))
        for event, (before, after) in zip(events, pairs, strict=True)
    ]
