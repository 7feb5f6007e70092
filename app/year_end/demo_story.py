"""The invented story of the year-end demo (app/year_end/demo.py writes it): the annual score each person's year
needs, the months on leave, the titles of earlier years, the city-level initiative of 2025 and the strengths texts
of the months kept in Excel. Every name, number, decision and text here is made up."""

from datetime import date, datetime

# The annual score each person's story needs (August–October as reviewed, January–July drawn around what is left);
# htxs ≥ 90, htt 70–<90, ht 50–<70 under vn-2026. Four people at Hoàn thành xuất sắc against fourteen at Hoàn thành
# tốt: the 20% quota allows two, so the leaders decide. Kiều Thị Mai is Không hoàn thành nhiệm vụ whatever her score
# (khiển trách in March).
TARGETS = {
    "Huy": 88.0, "Ngọc": 86.5, "Thắng": 87.0,
    "Lan": 87.5, "Ân": 86.0, "Ánh": 80.0, "Dũng": 85.0,
    "Đức": 87.5, "Ơn": 93.5, "Anh": 66.0, "Ưng": 88.0, "An": 85.5,
    "Hằng": 94.5, "Khôi": 93.0, "Trang": 84.0, "Phúc": 87.0,
    "Yến": 88.5, "Hải": 93.5, "Mai": 80.0, "Bình": 79.0,
}
SPREAD = 3.5  # how far a month strays from the person's January–July average, either way
# A person's months that follow a shape of their own, before the spread: Mai's first quarter (late files, which
# led to her khiển trách in March) and the recovery after it.
SHAPES = {"Mai": (-5, -8, -11, 4, 6, 7, 7)}
MATERNITY = ("Ánh", (1, 2, 3, 4))  # back from maternity leave in May
SICK = ("Dũng", 3)

# Titles and awards before 2026: (given name, or None for the unit; year; title; decision).
_UNIT_2023 = "05/QĐ-BTĐKT ngày 12/01/2024 của Trưởng Ban Thi đua – Khen thưởng"
_UNIT_2024 = "12/QĐ-BTĐKT ngày 10/01/2025 của Trưởng Ban Thi đua – Khen thưởng"
_UNIT_2025 = "03/QĐ-BTĐKT ngày 09/01/2026 của Trưởng Ban Thi đua – Khen thưởng"
_SNV_2024 = "38/QĐ-SNV ngày 15/01/2025 của Giám đốc Sở Nội vụ"
_SNV_2025 = "47/QĐ-SNV ngày 16/01/2026 của Giám đốc Sở Nội vụ"
HISTORY = (
    (None, 2023, "ttldtt", "45/QĐ-SNV ngày 19/01/2024 của Giám đốc Sở Nội vụ"),
    (None, 2024, "ttldtt", "52/QĐ-SNV ngày 17/01/2025 của Giám đốc Sở Nội vụ"),
    (None, 2025, "ttldxs", "318/QĐ-UBND ngày 21/01/2026 của Chủ tịch Ủy ban nhân dân Thành phố"),
    ("Huy", 2024, "ldtt", _SNV_2024),
    ("Huy", 2025, "ldtt", _SNV_2025),
    ("Hải", 2023, "ldtt", _UNIT_2023),
    ("Hải", 2024, "cstdcs", _UNIT_2024),
    ("Hải", 2025, "cstdcs", _UNIT_2025),
    ("Hằng", 2023, "ldtt", _UNIT_2023),
    ("Hằng", 2024, "cstdcs", _UNIT_2024),
    ("Hằng", 2025, "cstdcs", _UNIT_2025),
    ("Yến", 2024, "ldtt", _UNIT_2024),
    ("Yến", 2025, "cstdcs", _UNIT_2025),  # with her 2025 initiative (see the initiatives demo)
    ("Ân", 2024, "giay_khen", "96/QĐ-SNV ngày 20/12/2024 của Giám đốc Sở Nội vụ"),
    *((name, 2024, "ldtt", _UNIT_2024) for name in ("Ngọc", "Lan", "Đức", "Ơn", "Khôi", "Trang", "Mai")),
    *((name, 2025, "ldtt", _UNIT_2025) for name in ("Ngọc", "Thắng", "Lan", "Ân", "Dũng", "Đức", "Ơn", "Ưng",
                                                    "An", "Khôi", "Trang", "Phúc", "Bình")),
)

# The city-level initiative that makes Hải a candidate for “Chiến sĩ thi đua thành phố”: recognised in 2025 and not
# used for an award yet.
CITY_INITIATIVE = {
    "year": 2025, "kind": "initiative", "status": "recognised", "level": "thanh_pho",
    "title": "Bộ tiêu chí phát hiện, lựa chọn và tuyên truyền điển hình tiên tiến dùng chung cho các sở, ngành, "
             "quận, huyện, thị xã",
    "problem": "Mỗi đơn vị chọn điển hình tiên tiến để tuyên truyền theo cách riêng, thiếu tiêu chí thống nhất; "
               "nhiều gương được giới thiệu chưa được kiểm chứng, có trường hợp phải gỡ bài sau khi đăng.",
    "solution": "Xây dựng bộ 12 tiêu chí chia ba nhóm (thành tích, tính lan tỏa, khả năng nhân rộng), kèm mẫu phiếu "
                "đề xuất và quy trình thẩm định hai bước trước khi đăng trên Cổng thông tin.",
    "benefit": "Thời gian chọn và thẩm định một điển hình giảm từ 15 ngày xuống 6 ngày; 30 đơn vị của Thành phố "
               "áp dụng từ quý IV/2025.",
    "decision_number": "6215/QĐ-UBND", "decided_on": date(2025, 12, 12),
    "scope": "Hội đồng Sáng kiến Thành phố công nhận có phạm vi ảnh hưởng cấp Thành phố; áp dụng tại các sở, ngành, "
             "quận, huyện, thị xã từ năm 2026.",
    "created": datetime(2025, 3, 18, 2, 40), "submitted": datetime(2025, 10, 6, 3, 15),
}
CITY_INITIATIVE_AUTHORS = ("Hải",)

# Strengths of the months kept in Excel: a piece of the month's work, then a trait. Each month's texts are drawn
# without repeating (the same words for two people would be flagged as pasted).
WORK = {
    None: (
        "Chỉ đạo hoàn thành đúng tiến độ công việc tháng {m} của các phòng được phân công phụ trách.",
        "Chủ trì thẩm định các hồ sơ đề nghị khen thưởng cấp Thành phố trong tháng {m}, không để hồ sơ quá hạn.",
        "Điều hành tốt các cuộc họp giao ban và Hội đồng Thi đua – Khen thưởng trong tháng {m}.",
        "Tham mưu kịp thời các văn bản chỉ đạo công tác thi đua, khen thưởng của Thành phố trong tháng {m}.",
    ),
    "VP": (
        "Bảo đảm công tác văn thư, lưu trữ hồ sơ khen thưởng tháng {m} đúng quy định.",
        "Chuẩn bị chu đáo các hội nghị, buổi làm việc của Ban trong tháng {m}.",
        "Tổng hợp đầy đủ, đúng hạn báo cáo công tác tháng {m} của Ban.",
        "Quản lý tốt tài sản, kinh phí khen thưởng trong tháng {m}, chứng từ rõ ràng.",
    ),
    "TD": (
        "Hướng dẫn các đơn vị triển khai phong trào thi đua tháng {m} đúng kế hoạch.",
        "Tổng hợp kịp thời kết quả đăng ký thi đua của các sở, ngành trong tháng {m}.",
        "Theo dõi sát các phong trào thi đua chuyên đề, báo cáo đúng hạn trong tháng {m}.",
        "Dự thảo chắc chắn các văn bản phát động thi đua trình lãnh đạo Ban trong tháng {m}.",
    ),
    "KT": (
        "Thẩm định đúng hạn các hồ sơ đề nghị khen thưởng được giao trong tháng {m}.",
        "Hồ sơ khen thưởng trình trong tháng {m} đầy đủ thành phần, ít phải trả lại.",
        "Rà soát kỹ điều kiện, tiêu chuẩn khen thưởng của các hồ sơ tháng {m}.",
        "Phối hợp tốt với các đơn vị để hoàn thiện hồ sơ khen thưởng trong tháng {m}.",
    ),
    "TH": (
        "Đăng tải đều đặn tin, bài về phong trào thi đua trên Cổng thông tin trong tháng {m}.",
        "Tổng hợp số liệu thi đua, khen thưởng tháng {m} chính xác, đúng hạn.",
        "Biên tập tốt các bài giới thiệu gương điển hình tiên tiến trong tháng {m}.",
        "Hoàn thành đúng hạn báo cáo tổng hợp gửi Sở Nội vụ trong tháng {m}.",
    ),
}
TRAITS = (
    "Có tinh thần trách nhiệm, phối hợp tốt với đồng nghiệp.",
    "Chấp hành tốt kỷ luật, kỷ cương hành chính.",
    "Chủ động cập nhật văn bản mới về thi đua, khen thưởng.",
    "Tác phong làm việc chuẩn mực, tận tình với các đơn vị.",
    "Sẵn sàng nhận thêm việc khi cơ quan cần.",
    "Cẩn thận, ít sai sót trong sản phẩm.",
)
