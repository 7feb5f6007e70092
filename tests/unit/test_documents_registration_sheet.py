"""The registration sheets as DOCX: reopened with python-docx, they hold the official header block, the words of
the sheet and the page setup of Nghị định 30/2020 (A4, margins, Times New Roman)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import docx
import pytest
from docx.shared import Pt

from app.documents.official import MOTTO, NATION, Letterhead
from app.documents.registration_sheet import (
    PersonRegistrationValues,
    RegisteredPerson,
    UnitRegistrationValues,
    file_name,
    person_document,
    person_docx,
    unit_docx,
)

LETTERHEAD = Letterhead(superior="Sở Nội vụ thành phố Hà Nội", unit_name="Ban Thi đua – Khen thưởng thành phố Hà Nội",
                        place="Hà Nội", signed_on=date(2026, 1, 5))
PERSON = PersonRegistrationValues(
    year=2026, full_name="Trần Thị Hoa", position="Chuyên viên", department="Phòng Nghiệp vụ Thi đua",
    title="“Chiến sĩ thi đua cơ sở”", initiative_plan="Số hóa hồ sơ thi đua.\nBảng kiểm thẩm định hồ sơ.",
    study_commitment="Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.", approved=True,
    state="Đã duyệt", approver="Đỗ Thị Lan",
)


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(BytesIO(data))


def _all_text(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def test_the_header_block_has_the_unit_on_the_left_and_the_state_on_the_right():
    document = _open(person_docx(LETTERHEAD, PERSON))
    left, right = document.tables[0].rows[0].cells
    assert left.text.splitlines()[:2] == ["SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI", "BAN THI ĐUA – KHEN THƯỞNG THÀNH PHỐ HÀ NỘI"]
    assert right.text.splitlines() == [NATION, MOTTO, "Hà Nội, ngày 05 tháng 01 năm 2026"]
    unit_run = left.paragraphs[1].runs[0]
    nation_run, motto_run = right.paragraphs[0].runs[0], right.paragraphs[1].runs[0]
    assert unit_run.bold and nation_run.bold
    assert motto_run.bold and motto_run.underline
    assert right.paragraphs[2].runs[0].italic  # the place-and-date line


def test_the_person_sheet_says_who_registered_for_what():
    text = _all_text(_open(person_docx(LETTERHEAD, PERSON)))
    assert "BẢN ĐĂNG KÝ THI ĐUA NĂM 2026" in text
    assert "Họ và tên: Trần Thị Hoa" in text
    assert "Đơn vị công tác: Phòng Nghiệp vụ Thi đua, Ban Thi đua – Khen thưởng thành phố Hà Nội" in text
    assert "1. Danh hiệu thi đua đăng ký: “Chiến sĩ thi đua cơ sở”" in text
    assert "Số hóa hồ sơ thi đua." in text and "Bảng kiểm thẩm định hồ sơ." in text
    assert "NGƯỜI ĐĂNG KÝ" in text and "Đỗ Thị Lan" in text
    assert "chưa được duyệt" not in text


def test_a_sheet_not_yet_approved_says_so_and_leaves_the_approver_blank():
    waiting = PersonRegistrationValues(**{**PERSON.__dict__, "approved": False, "state": "Chờ duyệt", "approver": ""})
    document = person_document(LETTERHEAD, waiting)
    assert document.subtitle == "(Bản chưa được duyệt — Chờ duyệt)"
    assert document.signatures[0].name == ""


def test_the_page_is_a4_with_the_decree_margins_and_times_new_roman():
    document = _open(person_docx(LETTERHEAD, PERSON))
    section = document.sections[0]
    # Word keeps lengths in twentieths of a point: compare whole millimetres.
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman"
    assert Pt(13) <= normal.size <= Pt(14)
    sizes = {run.font.size for paragraph in document.paragraphs for run in paragraph.runs if run.font.size}
    assert all(Pt(13) <= size <= Pt(14) for size in sizes)
    assert document.core_properties.title == "BẢN ĐĂNG KÝ THI ĐUA NĂM 2026"


def test_the_unit_sheet_lists_the_approved_people_in_a_ruled_table():
    values = UnitRegistrationValues(
        year=2026, title="“Tập thể lao động xuất sắc”", plan="100% hoàn thành nhiệm vụ.", approved=True,
        state="Đã duyệt", signer_title="Trưởng ban", signer="Phạm Quang Huy",
        people=(RegisteredPerson("Trần Thị Hoa", "Chuyên viên", "“Chiến sĩ thi đua cơ sở”"),
                RegisteredPerson("Hoàng Văn Ân", "Chuyên viên", "“Lao động tiên tiến”")),
    )
    document = _open(unit_docx(LETTERHEAD, values))
    text = _all_text(document)
    assert "1. Danh hiệu thi đua tập thể đăng ký: “Tập thể lao động xuất sắc”" in text
    assert "Tổng số: 2 người" in text
    people = document.tables[1]
    assert [cell.text for cell in people.rows[0].cells] == ["STT", "Họ và tên", "Chức vụ", "Danh hiệu đăng ký"]
    assert [cell.text for cell in people.rows[2].cells] == ["2", "Hoàng Văn Ân", "Chuyên viên", "“Lao động tiên tiến”"]
    assert "TRƯỞNG BAN" in text and "Phạm Quang Huy" in text


def test_an_unnamed_unit_still_gives_a_letterhead():
    letterhead = Letterhead.of_unit(None, date(2026, 12, 1))
    assert (letterhead.unit_caps, letterhead.date_line) == ("", "Hà Nội, ngày 01 tháng 12 năm 2026")


@pytest.mark.parametrize(("code", "expected"), [
    ("CB05", "dang-ky-thi-dua-2026-CB05.docx"),
    ("Đ01", "dang-ky-thi-dua-2026-D01.docx"),
    ("../x y", "dang-ky-thi-dua-2026-x-y.docx"),  # nothing a path or a header could misread
    (None, "dang-ky-thi-dua-2026-tap-the.docx"),
])
def test_file_names_are_safe_everywhere(code, expected):
    assert file_name(2026, code) == expected
