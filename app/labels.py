"""What the interface calls each code: positions, genders, reviewer sources. One place, translatable."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

POSITION_LABELS = {
    "truong_ban": _l("Trưởng ban"),
    "pho_truong_ban": _l("Phó trưởng ban"),
    "truong_phong": _l("Trưởng phòng"),
    "pho_truong_phong": _l("Phó trưởng phòng"),
    "chuyen_vien": _l("Chuyên viên"),
    "nhan_vien": _l("Nhân viên"),
}

GENDER_LABELS = {"female": _l("Nữ"), "male": _l("Nam")}

REVIEWER_SOURCE_LABELS = {
    "override": _l("do quản trị chỉ định"),
    "department_head": _l("trưởng phòng"),
    "department_deputy": _l("phó trưởng phòng (phòng chưa có trưởng phòng)"),
    "supervisor": _l("lãnh đạo Ban phụ trách phòng"),
    "chief": _l("Trưởng ban"),
    "none": _l("do cấp trên đánh giá"),
}

ROLE_LABELS = {
    "anonymous": _l("Khách"),
    "staff": _l("Cán bộ"),
    "head": _l("Lãnh đạo phòng"),
    "leader": _l("Lãnh đạo Ban"),
    "chief": _l("Trưởng ban"),
    "admin": _l("Quản trị"),
}

BOARD_LEADERS_GROUP = _l("Lãnh đạo Ban")
