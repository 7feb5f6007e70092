"""The words of the year-end documents: what each code of the year file is called on paper, and numbers written the
Vietnamese way ("91,3"). Plain strings, not the interface's translatable labels (app/labels.py): an administrative
document has one language, whatever language the person who downloads it reads the screens in."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

POSITIONS = {
    "truong_ban": "Trưởng ban",
    "pho_truong_ban": "Phó trưởng ban",
    "truong_phong": "Trưởng phòng",
    "pho_truong_phong": "Phó trưởng phòng",
    "chuyen_vien": "Chuyên viên",
    "nhan_vien": "Nhân viên",
}
GENDERS = {"female": "Nữ", "male": "Nam"}

LEVELS = {
    "htxs": "Hoàn thành xuất sắc nhiệm vụ",
    "htt": "Hoàn thành tốt nhiệm vụ",
    "ht": "Hoàn thành nhiệm vụ",
    "kht": "Không hoàn thành nhiệm vụ",
}
LEVEL_SHORT = {"htxs": "HTXS", "htt": "HTT", "ht": "HT", "kht": "KHT"}
LEVEL_LEGEND = "; ".join(f"{LEVEL_SHORT[code]}: {name}" for code, name in LEVELS.items())

LEAVE = {"maternity": "Nghỉ thai sản", "sick": "Nghỉ ốm", "other": "Nghỉ khác"}
LEAVE_SHORT = {"maternity": "Nghỉ TS", "sick": "Nghỉ ốm", "other": "Nghỉ"}
NOT_REVIEWED = "Chưa ĐG"  # employed that month, no review in the file
NOT_EMPLOYED = "—"

# The law's own names, quotes included where the law uses them (domain.md §4). A rulebook's title_rules may name
# a title it adds; these are the names of the titles both shipped rulebooks know.
PERSON_TITLES = {
    "cstd_tp": "“Chiến sĩ thi đua thành phố”",
    "cstdcs": "“Chiến sĩ thi đua cơ sở”",
    "ldtt": "“Lao động tiên tiến”",
    "bang_khen_tp": "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố",
    "giay_khen": "Giấy khen",
}
UNIT_TITLES = {
    "ttldxs": "“Tập thể lao động xuất sắc”",
    "ttldtt": "“Tập thể lao động tiên tiến”",
    "bang_khen_tp": "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố",
}
# Emulation titles (danh hiệu thi đua, Luật 2022 Điều 8) as opposed to forms of commendation (hình thức khen
# thưởng, Điều 9: Bằng khen, Giấy khen): "danh hiệu “…”" is said only of the former.
EMULATION_TITLES = frozenset({"cstd_tp", "cstdcs", "ldtt", "ttldxs", "ttldtt"})

# The order of the law (Luật Thi đua, khen thưởng 2022, Điều 8 then Điều 9): titles of persons from the highest,
# then the unit's, then the commendations, Bằng khen before Giấy khen. ("person", code) / ("unit", code).
LAW_ORDER = (("person", "cstd_tp"), ("person", "cstdcs"), ("person", "ldtt"), ("unit", "ttldxs"), ("unit", "ttldtt"),
             ("person", "bang_khen_tp"), ("unit", "bang_khen_tp"), ("person", "giay_khen"))

DISCIPLINE_FORMS = {
    "khien_trach": "Khiển trách",
    "canh_cao": "Cảnh cáo",
    "ha_bac_luong": "Hạ bậc lương",
    "giang_chuc": "Giáng chức",
    "cach_chuc": "Cách chức",
    "buoc_thoi_viec": "Buộc thôi việc",
}
PENDING_KINDS = {"discipline": "đang xem xét kỷ luật", "inspection": "đang bị thanh tra",
                 "investigation": "đang bị điều tra", "complaint": "đang có khiếu nại, tố cáo"}
INITIATIVE_STATUS = {"registered": "Đăng ký", "submitted": "Chờ công nhận", "recognised": "Đã công nhận",
                     "rejected": "Không công nhận"}
INITIATIVE_LEVELS = {"co_so": "Cấp cơ sở", "thanh_pho": "Cấp thành phố"}

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def number(value: float | Decimal | int | None, places: int = 1) -> str:
    """91.25 -> '91,3' (half away from zero, a decimal comma); None -> ''."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-places)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    return f"{rounded:f}".replace(".", ",")


def short_number(value: float | Decimal | int) -> str:
    """80 -> '80', 66.7 -> '66,7', 66.67 -> '66,67': a setting as people wrote it, never rounded."""
    return f"{Decimal(str(value)).normalize():f}".replace(".", ",")


def percent(part: int, whole: int) -> str:
    """Share of `whole` in per cent, one decimal: (7, 9) -> '77,8'; '0' of nothing."""
    return number(Decimal(part) * 100 / whole) if whole else "0"


def title_phrase(code: str, name: str) -> str:
    """How a proposal names it: 'danh hiệu “Lao động tiên tiến”', but 'Giấy khen' as it is."""
    return f"danh hiệu {name}" if code in EMULATION_TITLES else name



def sentence(text: str) -> str:
    """The first letter in upper case, the rest untouched (str.capitalize would lower “Chiến sĩ…”)."""
    return text[:1].upper() + text[1:]
