"""The year-end documents, reopened: the unit's report, each person's report (Mẫu 05), the minutes of the bình xét
meeting, the nomination list (python-docx), the workbook (openpyxl) and the print views — built from a hand-made
year file of a 6-person unit (tests/fixtures/year_end/) and its assessment."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import date, time
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt
from jinja2 import Environment, FileSystemLoader, select_autoescape
from lxml import etree
from openpyxl import load_workbook

from app.documents.docx_writer import to_docx, to_docx_many
from app.documents.official import MOTTO, NATION, Paragraph
from app.documents.year_end import (
    award_list,
    file_name,
    files,
    meeting_minutes,
    person_report,
    print_views,
    unit_report,
    workbook,
)
from app.documents.year_end.blocks import citations
from app.documents.year_end.inputs import Attendee, Meeting, Vote, YearEndContext
from app.documents.year_end.year_data import YearData

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "year_end"
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
THRESHOLD_SOURCE = ("cài đặt “tỷ lệ phiếu bầu của Hội đồng” (Nghị định 152/2025/NĐ-CP, Điều 6 khoản 2 điểm c "
                    "giao Thành phố quy định)")
CHAIR = Attendee("Phạm Quang Huy", "Trưởng ban, Chủ tịch Hội đồng")
SECRETARY = Attendee("Hoàng Thu Trang", "Nhân viên Văn phòng, Thư ký Hội đồng")
VOTES = (Vote("cstdcs", 5, 0, "CB01"), Vote("cstdcs", 5, 0, "CB02"), Vote("cstdcs", 3, 2, "CB03"),
         Vote("cstd_tp", 5, 0, "CB01"), Vote("bang_khen_tp", 4, 1, "CB01"), Vote("ttldtt", 5, 0))


def year_file() -> dict:
    return json.loads((FIXTURES / "year-2026.json").read_text(encoding="utf-8"))


def assessment() -> dict:
    return json.loads((FIXTURES / "assessment-2026.json").read_text(encoding="utf-8"))


def meeting(**changes) -> Meeting:
    values = dict(
        held_on=date(2026, 12, 18), place="Phòng họp tầng 3, trụ sở Ban", chair=CHAIR, secretary=SECRETARY,
        attendees=(CHAIR, Attendee("Trần Thị Hoa", "Trưởng phòng Nghiệp vụ Thi đua, Phó Chủ tịch Hội đồng"),
                   Attendee("Đỗ Văn Nam", "Phó trưởng phòng Văn phòng, Ủy viên"),
                   Attendee("Lê Minh Tuấn", "Chuyên viên, Ủy viên"), SECRETARY),
        members=5, threshold_percent=80, threshold_source=THRESHOLD_SOURCE, votes=VOTES,
        starts_at=time(14, 0), ends_at=time(16, 30),
    )
    return Meeting(**{**values, **changes})


def context(**changes) -> YearEndContext:
    values = dict(signed_on=date(2027, 1, 5), signer_name="Phạm Quang Huy", signer_position="Trưởng ban",
                  unit_abbreviation="BTĐKT", meeting=meeting())
    return YearEndContext(**{**values, **changes})


def opened(data: bytes) -> docx.document.Document:
    return docx.Document(BytesIO(data))


def all_text(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def table_with(document, first_header: str, second_header: str):
    return next(table for table in document.tables
                if [cell.text for cell in table.rows[0].cells][:2] == [first_header, second_header])


def title_of(document) -> list[str]:
    """The bold centred lines after the letterhead, up to the first empty paragraph."""
    lines = []
    for paragraph in document.paragraphs:
        if not paragraph.text:
            if lines:
                break
            continue
        lines.append(paragraph.text)
    return lines


# --- The year read once -------------------------------------------------------------------------------------------

def test_people_come_in_the_official_order_leaders_first_then_each_department_by_position_and_name():
    data = YearData.of(year_file(), assessment(), context())
    assert [person.code for person in data.people] == ["CB01", "CB05", "CB06", "CB02", "CB04", "CB03"]


def test_a_month_is_reviewed_on_leave_not_reviewed_or_before_the_person_came():
    doc = year_file()
    doc["months"] = [m for m in doc["months"] if not (m["person"] == "CB03" and m["month"] == 12)]
    data = YearData.of(doc, assessment(), context())
    mai, trang, tuan = data.by_code["CB04"], data.by_code["CB06"], data.by_code["CB03"]
    assert [cell.level_text for cell in mai.months[1:4]] == ["HTT", "Nghỉ TS", "Nghỉ TS"]
    assert [cell.level_text for cell in trang.months[6:8]] == ["—", "HTT"]  # came on 01/08/2026
    assert tuan.months[11].level_text == "Chưa ĐG"
    assert mai.months[0].score_text == "81,0"


def test_the_level_printed_is_the_leaders_decision_or_kht_after_a_discipline_and_none_when_not_rated():
    data = YearData.of(year_file(), assessment(), context())
    assert data.by_code["CB02"].level == "htt"  # decided over the quota, computed htxs
    assert data.by_code["CB05"].level == "kht"
    assert data.by_code["CB06"].level is None


def test_the_level_printed_is_the_engines_when_the_screens_pass_it():
    """The engine knows rules the document does not show (a partial year capped at Hoàn thành nhiệm vụ when the
    unit switched NĐ 90/2020's rule on): its judged level wins over the leaders' decision in print."""
    judged = {"CB01": "htxs", "CB02": "ht", "CB05": "kht", "CB06": None}
    data = YearData.of(year_file(), assessment(), context(judged_levels=judged))
    assert data.by_code["CB02"].level == "ht"  # decided Hoàn thành tốt, capped
    assert data.by_code["CB02"].level_name == "Hoàn thành nhiệm vụ"
    assert data.by_code["CB05"].level == "kht" and data.by_code["CB06"].level is None
    assert data.by_code["CB03"].level is None  # absent from what the engine judged: no level


def test_by_default_the_eligible_titles_are_proposed_less_those_the_council_voted_down():
    data = YearData.of(year_file(), assessment(), context())
    assert data.by_code["CB01"].decided == ("cstd_tp", "cstdcs", "ldtt", "bang_khen_tp", "giay_khen")
    assert data.by_code["CB03"].decided == ("ldtt", "giay_khen")  # 3 of 5 votes: 60% < 80%
    assert data.by_code["CB05"].decided == ()
    assert data.unit_decided == ("ttldtt",)
    without_meeting = YearData.of(year_file(), assessment(), context(meeting=None))
    assert "cstdcs" in without_meeting.by_code["CB03"].decided


def test_the_titles_the_unit_decided_replace_the_default():
    chosen = context(person_titles={"CB01": ("cstdcs", "ldtt"), "CB04": ("ldtt",)}, unit_titles=())
    data = YearData.of(year_file(), assessment(), chosen)
    assert [(p.code, p.decided) for p in data.people if p.decided] == [("CB01", ("cstdcs", "ldtt")),
                                                                       ("CB04", ("ldtt",))]
    assert data.unit_decided == ()


# --- The unit's report --------------------------------------------------------------------------------------------

def test_the_unit_report_has_the_letterhead_number_date_line_and_the_proposal_in_its_title():
    document = opened(unit_report.docx(year_file(), assessment(), context(report_number="15")))
    left, right = document.tables[0].rows[0].cells
    assert left.text.splitlines() == ["SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI", "BAN THI ĐUA – KHEN THƯỞNG THÀNH PHỐ HÀ NỘI", "",
                                      "Số: 15/BC-BTĐKT"]
    assert right.text.splitlines() == [NATION, MOTTO, "Hà Nội, ngày 05 tháng 01 năm 2027"]
    assert title_of(document) == ["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG DANH HIỆU “TẬP THỂ LAO ĐỘNG TIÊN TIẾN”",
                                  "NĂM 2026"]
    assert document.core_properties.title.startswith("BÁO CÁO THÀNH TÍCH")


def test_the_unit_report_describes_the_staff_the_year_and_the_awards_already_received():
    document = opened(unit_report.docx(year_file(), assessment(), context()))
    text = all_text(document)
    for heading in ("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", "II. THÀNH TÍCH ĐẠT ĐƯỢC", "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"):
        assert heading in text
    assert "6 người (nữ: 3 người, chiếm 50,0%)" in text
    assert "trong năm tiếp nhận 1 người" in text
    assert "Trưởng ban: 1; Trưởng phòng: 1; Phó trưởng phòng: 1; Chuyên viên: 2; Nhân viên: 1." in text
    assert rows(table_with(document, "TT", "Phòng"))[1:] == [
        ["1", "Văn phòng", "3", "1", "2", "1"], ["2", "Phòng Nghiệp vụ Thi đua", "3", "2", "1", "2"],
        ["", "Tổng cộng", "6", "3", "3", "3"]]
    months = rows(table_with(document, "Tháng", "HTXS"))
    assert months[0] == ["Tháng", "HTXS", "HTT", "HT", "KHT", "Nghỉ", "Chưa ĐG"]
    assert months[4] == ["Tháng 4", "1", "3", "0", "0", "1", "0"]  # CB02 at 89,5; CB04 on maternity leave
    assert "đã đánh giá 59 lượt (người × tháng); 6 lượt nghỉ" in text
    levels = rows(table_with(document, "Mức xếp loại", "Số người"))
    assert levels[1:] == [["Hoàn thành xuất sắc nhiệm vụ", "1", "20,0"], ["Hoàn thành tốt nhiệm vụ", "3", "60,0"],
                          ["Hoàn thành nhiệm vụ", "0", "0,0"], ["Không hoàn thành nhiệm vụ", "1", "20,0"]]
    assert "Số người được xếp loại năm 2026: 5/6 người (1 người không đủ thời gian" in text
    assert "Điểm bình quân năm của cán bộ, công chức trong đơn vị: 85,0 điểm." in text
    assert "tối đa 0 người theo quy định; 2 người đạt mức này" in text
    assert "Đỗ Văn Nam (khiển trách, quyết định ngày 04/05/2026)" in text
    initiatives = rows(table_with(document, "TT", "Tác giả"))
    assert initiatives[1][1] == "Trần Thị Hoa" and "Quyết định số 15/QĐ-BTĐKT ngày 20/10/2026" in initiatives[1][2]
    assert initiatives[2][1] == "Lê Minh Tuấn" and "nghiệm thu ngày 01/09/2026" in initiatives[2][2]
    assert len(initiatives) == 3  # the 2025 initiative and the one still waiting are not this year's
    assert "- Danh hiệu “Chiến sĩ thi đua cơ sở”: 2 người;" in text
    history = rows(table_with(document, "Năm", "Danh hiệu thi đua"))
    assert history[1:] == [["2024", "“Tập thể lao động xuất sắc”", "15/QĐ-SNV ngày 15/01/2025 của Sở Nội vụ"],
                           ["2025", "“Tập thể lao động xuất sắc”", "11/QĐ-SNV ngày 14/01/2026 của Sở Nội vụ"]]
    assert "tặng danh hiệu “Tập thể lao động tiên tiến” năm 2026." in text
    assert "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG" in text and "TRƯỞNG BAN" in text and "Phạm Quang Huy" in text


def test_a_unit_that_proposes_nothing_says_so_without_a_blank_number():
    document = opened(unit_report.docx(year_file(), assessment(), context(unit_titles=(), unit_abbreviation="")))
    assert title_of(document) == ["BÁO CÁO THÀNH TÍCH", "NĂM 2026"]
    assert document.tables[0].rows[0].cells[0].text.splitlines()[-1] == "Số: …/BC"
    assert "kính đề nghị" not in all_text(document)


# --- Each person's report (Mẫu 05) --------------------------------------------------------------------------------

def test_a_person_report_shows_the_twelve_months_the_year_and_the_proposal():
    document = opened(person_report.docx(year_file(), assessment(), context(), "CB04"))
    text = all_text(document)
    assert title_of(document) == ["BÁO CÁO THÀNH TÍCH",
                                  "ĐỀ NGHỊ TẶNG DANH HIỆU “LAO ĐỘNG TIÊN TIẾN” VÀ GIẤY KHEN", "NĂM 2026"]
    assert "I. SƠ LƯỢC LÝ LỊCH" in text and "II. THÀNH TÍCH ĐẠT ĐƯỢC" in text
    assert "- Họ và tên: Nguyễn Thị Mai" in text and "- Giới tính: Nữ" in text
    assert "- Đơn vị công tác: Phòng Nghiệp vụ Thi đua, Ban Thi đua – Khen thưởng thành phố Hà Nội" in text
    assert "- Công tác tại đơn vị từ: 15/07/2019" in text
    assert "- Sinh ngày, tháng, năm: ……" in text  # left for the person to write in
    months = rows(table_with(document, "Tháng", "Điểm"))
    assert months[0] == ["Tháng", "Điểm", "Xếp loại", "Tháng", "Điểm", "Xếp loại"]
    assert months[1] == ["1", "81,0", "HTT", "7", "", "Nghỉ TS"]
    assert months[6] == ["6", "", "Nghỉ TS", "12", "83,0", "HTT"]
    assert "Số tháng làm việc trong năm: 12 (kể cả 6 tháng nghỉ thai sản)." in text
    assert "Điểm bình quân năm: 80,7 điểm; mức xếp loại theo điểm: Hoàn thành tốt nhiệm vụ." in text
    assert "Xếp loại năm 2026: Hoàn thành tốt nhiệm vụ" in text
    assert "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ" in text and "NGƯỜI BÁO CÁO THÀNH TÍCH" in text


def test_a_person_report_lists_initiatives_research_and_the_awards_already_received():
    huy = all_text(opened(person_report.docx(year_file(), assessment(), context(), "CB01")))
    assert "“Bộ tiêu chí chấm điểm thi đua hằng tháng cho các sở, ngành”: Đã công nhận, cấp thành phố" in huy
    assert "2024\n“Chiến sĩ thi đua cơ sở”\n12/QĐ-SNV ngày 10/01/2025 của Sở Nội vụ" in huy
    tuan = opened(person_report.docx(year_file(), assessment(), context(), "CB03"))
    text = all_text(tuan)
    assert "Đề tài “Đề án nâng cao chất lượng phong trào thi đua" in text and "nghiệm thu ngày 01/09/2026" in text
    assert "“Bảng kiểm thẩm định hồ sơ khen thưởng cấp cơ sở”: Chờ công nhận" in text
    assert rows(table_with(tuan, "Năm", "Hình thức khen thưởng"))[1][:2] == ["2025", "Giấy khen"]
    assert "CHIẾN SĨ THI ĐUA CƠ SỞ" not in title_of(tuan)[1]  # voted down by the council


def test_a_person_decided_over_the_quota_disciplined_or_not_rated_reads_so():
    hoa = all_text(opened(person_report.docx(year_file(), assessment(), context(), "CB02")))
    assert "mức xếp loại theo điểm: Hoàn thành xuất sắc nhiệm vụ" in hoa
    assert "Mức xếp loại do lãnh đạo đơn vị quyết định: Hoàn thành tốt nhiệm vụ." in hoa
    nam = opened(person_report.docx(year_file(), assessment(), context(), "CB05"))
    text = all_text(nam)
    assert "Bị kỷ luật khiển trách theo quyết định ngày 04/05/2026, thời hạn đến 04/11/2026" in text
    assert "Điểm bình quân năm: 75,8 điểm." in text  # the score's band is not what decides
    assert "mức xếp loại theo điểm" not in text
    assert "Xếp loại năm 2026: Không hoàn thành nhiệm vụ" in text
    assert title_of(nam) == ["BÁO CÁO THÀNH TÍCH", "NĂM 2026"]
    trang = opened(person_report.docx(year_file(), assessment(), context(), "CB06"))
    assert "Không được xếp loại năm 2026" in all_text(trang)
    assert rows(table_with(trang, "Tháng", "Điểm"))[1] == ["1", "", "—", "7", "", "—"]


def test_everyone_s_reports_go_into_one_file_each_from_a_new_page():
    document = opened(person_report.all_docx(year_file(), assessment(), context()))
    names = [row.cells[1].text for table in document.tables for row in table.rows
             if row.cells[0].text.startswith("SỞ NỘI VỤ")]
    assert len(names) == 6  # six letterheads
    reporters = [line for line in all_text(document).splitlines() if line.startswith("- Họ và tên: ")]
    assert reporters == ["- Họ và tên: Phạm Quang Huy", "- Họ và tên: Đỗ Văn Nam", "- Họ và tên: Hoàng Thu Trang",
                         "- Họ và tên: Trần Thị Hoa", "- Họ và tên: Nguyễn Thị Mai", "- Họ và tên: Lê Minh Tuấn"]
    breaks = [p for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert len(breaks) == 5
    assert document.core_properties.title == "Báo cáo thành tích cá nhân năm 2026"
    chosen = opened(person_report.all_docx(year_file(), assessment(), context(), people=["CB03", "CB01"]))
    assert [line for line in all_text(chosen).splitlines() if line.startswith("- Họ và tên: ")] == [
        "- Họ và tên: Phạm Quang Huy", "- Họ và tên: Lê Minh Tuấn"]


def test_a_levels_only_year_prints_levels_without_scores():
    doc, result = year_file(), assessment()
    doc["year"], doc["rulebook"], result["year"], result["rulebook"] = 2025, "vn-2024", 2025, "vn-2024"
    for month in doc["months"]:
        month["score"] = None
    for entry in result["people"]:
        entry["annual_score"] = None
    document = opened(person_report.docx(doc, result, context(), "CB01"))
    assert rows(table_with(document, "Tháng", "Xếp loại"))[1] == ["1", "HTXS", "7", "HTXS"]
    assert "Điểm bình quân" not in all_text(document)
    sheet = load_workbook(BytesIO(workbook.xlsx(doc, result, context())))["Bảng tổng hợp"]
    assert (sheet["F4"].value, sheet["F4"].number_format) == ("HTXS", "General")


# --- The minutes of the bình xét meeting --------------------------------------------------------------------------

def test_the_minutes_say_when_where_who_and_the_vote_against_the_threshold_and_its_source():
    document = opened(meeting_minutes.docx(year_file(), assessment(), context(minutes_number="3")))
    text = all_text(document)
    assert document.tables[0].rows[0].cells[0].text.splitlines()[-1] == "Số: 3/BB-BTĐKT"
    assert title_of(document)[:3] == ["BIÊN BẢN", "HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
                                      "Bình xét danh hiệu thi đua, hình thức khen thưởng năm 2026"]
    assert "Thời gian: Vào hồi 14 giờ 00 phút, ngày 18 tháng 12 năm 2026." in text
    assert "Địa điểm: Phòng họp tầng 3, trụ sở Ban." in text
    assert "có 5 thành viên; có mặt 5 người:" in text
    assert "- Lê Minh Tuấn, Chuyên viên, Ủy viên;" in text
    assert "Chủ trì: Phạm Quang Huy, Trưởng ban, Chủ tịch Hội đồng." in text
    assert "Thư ký: Hoàng Thu Trang, Nhân viên Văn phòng, Thư ký Hội đồng." in text
    assert f"Theo {THRESHOLD_SOURCE}, đề nghị được thông qua khi có từ 80% tổng số thành viên" in text
    assert "(ít nhất 4/5 thành viên)" in text
    votes = rows(table_with(document, "TT", "Cá nhân, tập thể được đề nghị"))
    groups = [row[0] for row in votes if len(set(row)) == 1]
    assert groups == ["I. Danh hiệu “Chiến sĩ thi đua thành phố”", "II. Danh hiệu “Chiến sĩ thi đua cơ sở”",
                      "III. Danh hiệu “Tập thể lao động tiên tiến”",
                      "IV. Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố"]
    assert ["3", "Lê Minh Tuấn", "3", "2", "60,0", "Không đạt"] in votes
    assert ["1", "Phạm Quang Huy", "4", "1", "80,0", "Đạt"] in votes  # exactly the threshold passes
    assert ["1", "Ban Thi đua – Khen thưởng thành phố Hà Nội", "5", "0", "100,0", "Đạt"] in votes
    assert "- Danh hiệu “Chiến sĩ thi đua cơ sở”: Phạm Quang Huy, Trần Thị Hoa;" in text
    assert "Không đề nghị (không đạt tỷ lệ biểu quyết): Lê Minh Tuấn (danh hiệu “Chiến sĩ thi đua cơ sở”)." in text
    assert "Cuộc họp kết thúc vào hồi 16 giờ 30 phút cùng ngày." in text
    signatures = rows(document.tables[-1])
    assert signatures[0] == ["THƯ KÝ", "CHỦ TRÌ"] and signatures[-1] == ["Hoàng Thu Trang", "Phạm Quang Huy"]


def test_the_meeting_s_own_decision_prevails_over_the_count():
    overruled = context(meeting=meeting(votes=(Vote("cstdcs", 4, 1, "CB02", decided=False),)))
    text = all_text(opened(meeting_minutes.docx(year_file(), assessment(), overruled)))
    assert "Không đề nghị (không đạt tỷ lệ biểu quyết): Trần Thị Hoa" in text
    assert "cstdcs" not in YearData.of(year_file(), assessment(), overruled).by_code["CB02"].decided


@pytest.mark.parametrize("changes", [{"members": 0}, {"threshold_percent": 120},
                                     {"votes": (Vote("ldtt", 4, 2, "CB01"),)}])
def test_a_meeting_that_cannot_be_is_refused(changes):
    with pytest.raises(ValueError):
        meeting(**changes)


def test_minutes_need_a_meeting():
    with pytest.raises(ValueError, match="meeting"):
        meeting_minutes.document(year_file(), assessment(), context(meeting=None))


# --- The nomination list ------------------------------------------------------------------------------------------

def test_the_list_groups_the_proposals_by_title_in_the_law_s_order_with_their_articles():
    document = opened(award_list.docx(year_file(), assessment(), context(submission_number="21")))
    assert title_of(document)[:3] == ["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", "NĂM 2026",
                                      "(Kèm theo Tờ trình số 21/TTr-BTĐKT ngày 05/01/2027 của Ban Thi đua – "
                                      "Khen thưởng thành phố Hà Nội)"]
    table = table_with(document, "TT", "Họ và tên")
    listed = rows(table)
    assert listed[0] == ["TT", "Họ và tên", "Chức vụ", "Đơn vị, phòng", "Danh hiệu, hình thức đề nghị", "Căn cứ"]
    groups = [row[0] for row in listed if len(set(row)) == 1]
    assert groups == ["I. Danh hiệu “Chiến sĩ thi đua thành phố” (1 người)",
                      "II. Danh hiệu “Chiến sĩ thi đua cơ sở” (2 người)",
                      "III. Danh hiệu “Lao động tiên tiến” (4 người)",
                      "IV. Danh hiệu “Tập thể lao động tiên tiến” (tập thể)",
                      "V. Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố (1 người)",
                      "VI. Giấy khen (4 người)"]
    assert ["2", "Trần Thị Hoa", "Trưởng phòng", "Phòng Nghiệp vụ Thi đua", "“Chiến sĩ thi đua cơ sở”",
            "Luật Thi đua, khen thưởng 2022, Điều 23"] in listed
    assert ["3", "Nguyễn Thị Mai", "Chuyên viên", "Phòng Nghiệp vụ Thi đua", "“Lao động tiên tiến”",
            "Luật Thi đua, khen thưởng 2022, Điều 24"] in listed
    assert ["1", "Ban Thi đua – Khen thưởng thành phố Hà Nội", "", "Tập thể", "“Tập thể lao động tiên tiến”",
            "Luật Thi đua, khen thưởng 2022, Điều 28"] in listed
    names = {row[1] for row in listed}
    assert "Đỗ Văn Nam" not in names and "Hoàng Thu Trang" not in names
    assert sum(row[1] == "Lê Minh Tuấn" for row in listed) == 2  # LĐTT and Giấy khen, not CSTĐCS
    header_flags = table.rows[0]._tr.trPr.findall(qn("w:tblHeader"))
    assert header_flags  # the header repeats on every page
    text = all_text(document)
    assert "Tổng số: 12 lượt đề nghị cho 4 cá nhân; 1 lượt đề nghị cho tập thể." in text
    assert "TRƯỞNG BAN" in text


def test_a_proposal_whose_reasons_cite_nothing_rests_on_the_rulebook_s_article():
    result = assessment()
    result["people"][0]["titles"]["cstd_tp"]["reasons"] = ["Đủ điều kiện."]
    listed = rows(table_with(opened(award_list.docx(year_file(), result, context())), "TT", "Họ và tên"))
    assert listed[2][-1] == "Luật Thi đua, khen thưởng 2022, Điều 22"


def test_an_empty_list_says_nobody_is_proposed():
    text = all_text(opened(award_list.docx(year_file(), assessment(), context(person_titles={}, unit_titles=()))))
    assert "Không có cá nhân, tập thể nào được đề nghị." in text


@pytest.mark.parametrize(("reasons", "expected"), [
    (["Đạt (Luật Thi đua, khen thưởng 2022, Điều 24).", "Lại (Luật Thi đua, khen thưởng 2022, Điều 24)."],
     "Luật Thi đua, khen thưởng 2022, Điều 24"),
    (["Theo Điều 23 Luật Thi đua, khen thưởng năm 2022 và Nghị định 152/2025/NĐ-CP, Điều 4."],
     "Điều 23 Luật Thi đua, khen thưởng năm 2022; Nghị định 152/2025/NĐ-CP, Điều 4"),
    (["Tỷ lệ theo Nghị định 335/2025/NĐ-CP, Điều 20 khoản 5."], "Nghị định 335/2025/NĐ-CP, Điều 20 khoản 5"),
    (["Có sáng kiến (Quyết định số 15/QĐ-BTĐKT)."], "dự phòng"),  # a decision number is not an article
])
def test_citations_are_read_from_the_reasons(reasons, expected):
    assert citations(reasons, "dự phòng") == expected


# --- The workbook -------------------------------------------------------------------------------------------------

def test_the_workbook_grid_holds_score_and_level_per_month_coloured_as_in_the_app():
    book = load_workbook(BytesIO(workbook.xlsx(year_file(), assessment(), context())))
    assert book.sheetnames == ["Bảng tổng hợp", "Danh hiệu", "Sáng kiến"]
    sheet = book["Bảng tổng hợp"]
    header = [cell.value for cell in sheet[3]]
    assert header[:7] == ["TT", "Mã", "Họ và tên", "Phòng", "Chức vụ", "Tháng 1", "Tháng 2"]
    assert header[-4:] == ["Số tháng làm việc", "Điểm năm", "Xếp loại năm", "Ghi chú"]
    assert sheet.freeze_panes == "D4"
    assert sheet.print_title_rows == "$3:$3"
    assert (sheet.page_setup.orientation, int(sheet.page_setup.paperSize)) == ("landscape", 9)  # 9: A4
    by_code = {row[1].value: row for row in sheet.iter_rows(min_row=4) if row[1].value}
    huy = by_code["CB01"]
    assert (huy[5].value, huy[5].number_format) == (92, '0.0" HTXS"')
    assert huy[5].fill.fgColor.rgb.endswith("009E73")  # green, as --level-htxs
    mai = by_code["CB04"]
    assert mai[7].value == "Nghỉ TS" and mai[7].fill.fgColor.rgb.endswith("E6E6E6")
    assert mai[5].fill.fgColor.rgb.endswith("56B4E9")  # blue, htt
    nam = by_code["CB05"]
    assert [nam[17].value, nam[18].value, nam[19].value] == [12, 75.8, "KHT"]
    assert nam[19].fill.fgColor.rgb.endswith("D55E00")  # red-orange, kht
    assert "Kỷ luật khiển trách 04/05/2026" in nam[20].value
    assert "Lãnh đạo quyết định: Hoàn thành tốt nhiệm vụ (theo điểm: HTXS)" in by_code["CB02"][20].value
    trang = by_code["CB06"]
    assert [cell.value for cell in trang[5:12]] == ["—"] * 7 and trang[18].value is None
    assert "Không đủ thời gian làm việc để xếp loại (5 tháng)" in trang[20].value
    assert [row[2].value for row in sheet.iter_rows(min_row=4, max_row=9)] == [
        "Phạm Quang Huy", "Đỗ Văn Nam", "Hoàng Thu Trang", "Trần Thị Hoa", "Nguyễn Thị Mai", "Lê Minh Tuấn"]


def test_the_titles_sheet_gives_every_person_and_title_with_the_reasons_and_the_proposal():
    sheet = load_workbook(BytesIO(workbook.xlsx(year_file(), assessment(), context())))["Danh hiệu"]
    assert sheet.freeze_panes == "D4"
    lines = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert len(lines) == 6 * 5 + 3
    tuan = next(line for line in lines if line[1] == "CB03" and line[5] == "“Chiến sĩ thi đua cơ sở”")
    assert tuan[4:8] == ["HTT", "“Chiến sĩ thi đua cơ sở”", "Có", None]  # eligible, voted down
    assert "đề tài, đề án khoa học được nghiệm thu năm 2026" in tuan[8]
    unit = [line for line in lines if line[3] == "Tập thể"]
    assert [(line[5], line[6], line[7]) for line in unit] == [
        ("“Tập thể lao động tiên tiến”", "Có", "Có"), ("“Tập thể lao động xuất sắc”", "Không", None),
        ("Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố", "Không", None)]


def test_the_initiatives_sheet_lists_initiatives_and_research_with_real_dates():
    sheet = load_workbook(BytesIO(workbook.xlsx(year_file(), assessment(), context())))["Sáng kiến"]
    lines = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert [line[1] for line in lines] == ["Sáng kiến", "Sáng kiến", "Sáng kiến", "Đề tài, đề án khoa học"]
    first = lines[0]
    assert first[3:7] == ["Trần Thị Hoa", "Đã công nhận", "Cấp cơ sở", "15/QĐ-BTĐKT"]
    assert first[7].date() == date(2026, 10, 20) and sheet["H4"].number_format == "DD/MM/YYYY"
    assert [line[8] for line in lines] == ["Có", None, None, "Có"]  # 2025's and the waiting one do not count


# --- All at once, and the print views -----------------------------------------------------------------------------

def test_files_makes_every_document_with_safe_names():
    made = files(year_file(), assessment(), context())
    assert sorted(made) == ["bao-cao-thanh-tich-ca-nhan-2026.docx", "bao-cao-thanh-tich-tap-the-2026.docx",
                            "bien-ban-hop-binh-xet-2026.docx", "danh-sach-de-nghi-khen-thuong-2026.docx",
                            "tong-hop-thi-dua-2026.xlsx"]
    assert "BIÊN BẢN" in all_text(opened(made["bien-ban-hop-binh-xet-2026.docx"]))
    assert "bien-ban-hop-binh-xet-2026.docx" not in files(year_file(), assessment(), context(meeting=None))
    assert file_name("person_report", 2026, "../Đ 01") == "bao-cao-thanh-tich-2026-D-01.docx"


def test_every_document_is_in_times_new_roman_13_to_14_pt_on_a4():
    made = files(year_file(), assessment(), context())
    for name, data in made.items():
        if not name.endswith(".docx"):
            continue
        document = opened(data)
        section = document.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297), name
        assert document.styles["Normal"].font.name == "Times New Roman"
        sizes = {run.font.size for paragraph in document.paragraphs for run in paragraph.runs if run.font.size}
        assert all(Pt(13) <= size <= Pt(14) for size in sizes), name


def _render_official(document, next_page=False) -> str:
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    return environment.get_template("documents/official.html").render(document=document,
                                                                                next_page=next_page)


def test_the_print_view_draws_the_same_words_as_the_docx():
    view = print_views.award_list(year_file(), assessment(), context())
    assert view.template == "documents/year_end/print_page.html"
    html = _render_official(view.context["documents"][0])
    assert "Hà Nội, ngày 05 tháng 01 năm 2027" in html
    assert '<th scope="rowgroup" colspan="6">II. Danh hiệu “Chiến sĩ thi đua cơ sở” (2 người)</th>' in html
    assert "doc-table--small" in html
    minutes_html = _render_official(print_views.minutes(year_file(), assessment(), context()).documents[0])
    assert "Số: …/BB-BTĐKT" in minutes_html and "Lê Minh Tuấn" in minutes_html
    people = print_views.person_reports(year_file(), assessment(), context())
    assert len(people.documents) == 6
    assert "doc-next-page" in _render_official(people.documents[1], next_page=True)


def test_the_print_page_renders_in_the_app_with_each_person_on_a_new_sheet(tmp_path):
    from flask import render_template

    from app import create_app
    from app.extensions import db

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'print.sqlite3'}",
                      "SECRET_KEY": "x", "INSTANCE_PATH": str(tmp_path / "instance")})
    view = print_views.person_reports(year_file(), assessment(), context(), people=["CB01", "CB02"])
    with app.app_context():
        db.create_all()
        with app.test_request_context("/"):
            html = render_template(view.template, **view.context, page_title="Báo cáo", back_url="/",
                                   back_label="Quay lại", docx_url="/x.docx")
        db.engine.dispose()
    assert html.count('class="official-document') == 2 and html.count("doc-next-page") == 1
    assert "Phạm Quang Huy" in html and "Trần Thị Hoa" in html


def test_all_documents_on_paper_at_once():
    data = YearData.of(year_file(), assessment(), context())
    titles = [document.title[0] for document in print_views.all_documents(data).documents]
    assert titles == ["BÁO CÁO THÀNH TÍCH", "BIÊN BẢN", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"] + ["BÁO CÁO THÀNH TÍCH"] * 6


def test_the_fixture_is_left_untouched_by_the_generators():
    doc, result = year_file(), assessment()
    before = copy.deepcopy((doc, result))
    files(doc, result, context())
    assert (doc, result) == before


# --- Many documents in one file -----------------------------------------------------------------------------------

def _blocks(data: bytes) -> list[list[bytes]]:
    """The body's blocks as XML, document by document (split at the page breaks between them)."""
    documents: list[list[bytes]] = [[]]
    for block in opened(data).element.body:
        if block.tag == qn("w:sectPr"):
            continue
        if block.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None:
            documents.append([])
            continue
        documents[-1].append(etree.tostring(block))
    return documents


def test_a_report_written_after_others_is_the_same_as_written_alone():
    reports = person_report.documents(year_file(), assessment(), context())
    together = _blocks(to_docx_many(reports))
    assert len(together) == 6
    for number in (1, 4, 5):  # later reports are mostly copies of the blocks of the first ones
        assert together[number] == _blocks(to_docx(reports[number]))[0]


def test_words_with_line_breaks_are_written_by_python_docx_even_in_a_known_shape():
    first, second = (replace(person_report.documents(year_file(), assessment(), context(), ["CB01"])[0],
                             body=(Paragraph(text),)) for text in ("Một dòng.", "Dòng một\nDòng hai"))
    document = opened(to_docx_many((first, second)))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Dòng một"))
    assert paragraph.text == "Dòng một\nDòng hai"
    assert paragraph._p.find(f"{qn('w:r')}/{qn('w:br')}") is not None


def test_a_threshold_with_a_fraction_is_written_the_vietnamese_way_and_rounds_the_members_up():
    two_thirds = context(meeting=meeting(threshold_percent=Decimal("66.7")))
    text = all_text(opened(meeting_minutes.docx(year_file(), assessment(), two_thirds)))
    assert "khi có từ 66,7% tổng số thành viên Hội đồng đồng ý (ít nhất 4/5 thành viên)" in text
    assert ["3", "Lê Minh Tuấn", "3", "2", "60,0", "Không đạt"] in rows(
        table_with(opened(meeting_minutes.docx(year_file(), assessment(), two_thirds)), "TT",
                   "Cá nhân, tập thể được đề nghị"))


def test_a_threshold_with_two_decimals_is_written_as_set_and_a_share_never_reads_past_it():
    council = context(meeting=meeting(members=3, threshold_percent=Decimal("66.67"), attendees=(CHAIR, SECRETARY),
                                      votes=(Vote("cstdcs", 2, 1, "CB01"),)))
    document = opened(meeting_minutes.docx(year_file(), assessment(), council))
    assert "khi có từ 66,67% tổng số thành viên Hội đồng đồng ý (ít nhất 3/3 thành viên)" in all_text(document)
    assert ["1", "Phạm Quang Huy", "2", "1", "66,66", "Không đạt"] in rows(
        table_with(document, "TT", "Cá nhân, tập thể được đề nghị"))
