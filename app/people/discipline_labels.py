"""Display names of discipline forms and pending-case kinds, and the consequences in words citing the rule."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

DISCIPLINE_FORM_LABELS = {
    "khien_trach": _l("Khiển trách"),
    "canh_cao": _l("Cảnh cáo"),
    "ha_bac_luong": _l("Hạ bậc lương"),
    "giang_chuc": _l("Giáng chức"),
    "cach_chuc": _l("Cách chức"),
    "buoc_thoi_viec": _l("Buộc thôi việc"),
}

PENDING_KIND_LABELS = {
    "discipline": _l("Đang xem xét kỷ luật"),
    "inspection": _l("Thanh tra"),
    "investigation": _l("Điều tra"),
    "complaint": _l("Khiếu nại"),
}

CONSEQUENCE_DISCIPLINED = _l("xếp loại Không hoàn thành nhiệm vụ (Nghị định 335/2025/NĐ-CP, Điều 20)")
CONSEQUENCE_PENDING = _l("chưa xét khen thưởng khi đang bị xem xét (Nghị định 152/2025/NĐ-CP, Điều 4)")
