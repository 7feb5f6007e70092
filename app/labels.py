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

MONTH_STATE_LABELS = {
    "not_open": _l("Chưa mở"),
    "commitments": _l("Đăng ký công việc"),
    "self_assessment": _l("Tự đánh giá"),
    "review": _l("Đánh giá, nhận xét"),
    "closed": _l("Đã chốt"),
}

LEVEL_LABELS = {
    "htxs": _l("Hoàn thành xuất sắc nhiệm vụ"),
    "htt": _l("Hoàn thành tốt nhiệm vụ"),
    "ht": _l("Hoàn thành nhiệm vụ"),
    "kht": _l("Không hoàn thành nhiệm vụ"),
}

# The law's own names, quotes included where the law uses them (domain.md §4).
PERSON_TITLE_LABELS = {
    "ldtt": _l("“Lao động tiên tiến”"),
    "cstdcs": _l("“Chiến sĩ thi đua cơ sở”"),
    "cstd_tp": _l("“Chiến sĩ thi đua thành phố”"),
    "bang_khen_tp": _l("Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố"),
    "giay_khen": _l("Giấy khen"),
}
UNIT_TITLE_LABELS = {
    "ttldtt": _l("“Tập thể lao động tiên tiến”"),
    "ttldxs": _l("“Tập thể lao động xuất sắc”"),
    "bang_khen_tp": _l("Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố"),
}

REGISTRATION_STATE_LABELS = {
    "draft": _l("Chưa gửi"),
    "submitted": _l("Chờ duyệt"),
    "approved": _l("Đã duyệt"),
    "rejected": _l("Từ chối"),
}

SHEET_STATE_LABELS = {
    "draft": _l("Đang soạn"),
    "submitted": _l("Đã gửi"),
    "returned": _l("Bị trả lại"),
}

OUTCOME_LABELS = {
    "on_time": _l("Hoàn thành đúng hạn"),
    "late": _l("Hoàn thành chậm"),
    "not_done": _l("Chưa hoàn thành"),
}

INITIATIVE_KIND_LABELS = {
    "initiative": _l("Sáng kiến"),
    "solution": _l("Giải pháp mới"),
    "research": _l("Đề tài, đề án khoa học"),
}

INITIATIVE_STATE_LABELS = {
    "draft": _l("Chưa gửi"),
    "submitted": _l("Chờ công nhận"),
    "recognised": _l("Đã công nhận"),
    "rejected": _l("Không công nhận"),
}

RECOGNITION_LEVEL_LABELS = {
    "co_so": _l("Cấp cơ sở (đơn vị công nhận)"),
    "thanh_pho": _l("Cấp thành phố (phạm vi ảnh hưởng toàn Thành phố)"),
}

LEAVE_LABELS = {"maternity": _l("Nghỉ thai sản"), "sick": _l("Nghỉ ốm"), "other": _l("Nghỉ khác")}

VERDICT_LABELS = {"fixed": _l("Đã khắc phục"), "partly_fixed": _l("Khắc phục một phần"),
                  "not_fixed": _l("Chưa khắc phục")}

REVIEW_STATE_LABELS = {"pending": _l("Chưa đánh giá"), "reviewed": _l("Đã đánh giá, chờ duyệt"),
                       "approved": _l("Đã duyệt")}

# A rulebook setting as a year's settings page and the history panel call it.
SETTING_LABELS = {
    "min_months_worked": _l("Số tháng làm việc tối thiểu để được xếp loại"),
    "htxs_quota_percent": _l("Tỷ lệ tối đa Hoàn thành xuất sắc (%)"),
    "htxs_quota_percent_outstanding": _l("Tỷ lệ tối đa Hoàn thành xuất sắc của đơn vị xuất sắc (%)"),
    "htxs_in_denominator": _l("Tính người Hoàn thành xuất sắc vào mẫu số của tỷ lệ"),
    "response_days": _l("Số ngày để người được đánh giá xác nhận hoặc phản hồi"),
    "council_vote_percent": _l("Tỷ lệ phiếu đồng ý của Hội đồng để xét “Chiến sĩ thi đua cơ sở” (%)"),
    "ldtt_min_months": _l("Số tháng làm việc tối thiểu để xét “Lao động tiên tiến” (0 là không áp dụng)"),
    "ttld_percent": _l("Tỷ lệ tối thiểu thành viên đạt “Lao động tiên tiến” để xét danh hiệu tập thể (%)"),
    "registration_required": _l("Phải đăng ký thi đua đầu năm mới được xét danh hiệu"),
    "months_off_cap": _l("Nghỉ ốm, nghỉ khác từ 3 đến dưới 6 tháng trong năm thì không xếp loại trên Hoàn thành "
                         "nhiệm vụ"),
}
