"""The printable registration sheets: a print view and the same document as a .docx download, in the official
layout, for whoever may see the person (the unit's for everyone signed in); always in Vietnamese."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

import docx

from app.extensions import db
from app.models import Registration, UnitRegistration
from tests.views.conftest import login
from tests.views.test_registration_review import setup, switch


def sent_on_the_evening_of_the_4th(app, registration_id):
    """20:00 UTC on 4 January is 03:00 on the 5th in Hà Nội: the sheet is dated the 5th."""
    with app.app_context():
        record = db.session.get(Registration, registration_id)
        record.submitted_at = datetime(2026, 1, 4, 20, 0)
        record.target_title = "cstdcs"
        db.session.commit()
        return record.person.code


def docx_text(data: bytes) -> tuple[docx.document.Document, str]:
    document = docx.Document(BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return document, "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_print_view_shows_the_official_layout(client, org, app):
    ids = setup(app, org, {"staff": "submitted"})
    sent_on_the_evening_of_the_4th(app, ids["staff"])
    login(client, "staff")
    page = client.get(f"/registration/{ids['staff']}/sheet").get_data(as_text=True)
    for text in ("SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "Hà Nội, ngày 05 tháng 01 năm 2026", "BẢN ĐĂNG KÝ THI ĐUA NĂM 2026", "Hoàng Văn Ân",
                 "“Chiến sĩ thi đua cơ sở”", "(Bản chưa được duyệt — Chờ duyệt)", "NGƯỜI ĐĂNG KÝ"):
        assert text in page
    assert f'href="/registration/{ids["staff"]}/sheet.docx"' in page


def test_the_docx_download_holds_the_same_sheet_in_the_decree_layout(client, org, app):
    ids = setup(app, org, {"staff": "submitted"})
    code = sent_on_the_evening_of_the_4th(app, ids["staff"])
    login(client, "head")
    response = client.get(f"/registration/{ids['staff']}/sheet.docx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response.headers["Content-Disposition"] == f"attachment; filename=dang-ky-thi-dua-2026-{code}.docx"
    document, text = docx_text(response.data)
    left, right = document.tables[0].rows[0].cells
    assert "BAN THI ĐUA – KHEN THƯỞNG THÀNH PHỐ HÀ NỘI" in left.text
    assert right.text.splitlines() == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                       "Hà Nội, ngày 05 tháng 01 năm 2026"]
    assert "BẢN ĐĂNG KÝ THI ĐUA NĂM 2026" in text and "Họ và tên: Hoàng Văn Ân" in text
    assert "1. Danh hiệu thi đua đăng ký: “Chiến sĩ thi đua cơ sở”" in text
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_an_english_interface_still_gets_a_vietnamese_document(client, org, app):
    ids = setup(app, org, {"staff": "approved"})
    login(client, "staff")
    client.post("/language", data={"lang": "en", "next": "/"})
    _, text = docx_text(client.get(f"/registration/{ids['staff']}/sheet.docx").data)
    assert "“Lao động tiên tiến”" in text and "Chức vụ: Chuyên viên" in text
    assert "chưa được duyệt" not in text


def test_a_sheet_is_for_whoever_may_see_the_person(client, org, app):
    ids = setup(app, org, {"staff": "approved"})
    login(client, "head_b")
    assert client.get(f"/registration/{ids['staff']}/sheet").status_code == 403
    assert client.get(f"/registration/{ids['staff']}/sheet.docx").status_code == 403
    assert client.get("/registration/424242/sheet.docx").status_code == 404
    switch(client, "leader")
    assert client.get(f"/registration/{ids['staff']}/sheet").status_code == 200


def test_the_unit_sheet_lists_the_approved_people_and_is_signed_by_the_trưởng_ban(client, org, app):
    ids = setup(app, org, {"staff": "approved", "staff_b": "approved", "head": "submitted"})
    login(client, "staff")
    assert client.get("/registration/unit/sheet").status_code == 404  # the unit has not registered yet
    with app.app_context():
        year_id = db.session.get(Registration, ids["staff"]).year_id
        db.session.add(UnitRegistration(year_id=year_id, target_title="ttldxs", plan="Kế hoạch của đơn vị.",
                                        state="approved", decided_by_id=1, submitted_at=datetime(2026, 1, 6, 3)))
        db.session.commit()
    page = client.get("/registration/unit/sheet").get_data(as_text=True)
    assert "CỦA TẬP THỂ" in page and "“Tập thể lao động xuất sắc”" in page
    response = client.get("/registration/unit/sheet.docx")
    assert response.headers["Content-Disposition"] == "attachment; filename=dang-ky-thi-dua-2026-tap-the.docx"
    document, text = docx_text(response.data)
    people = [[cell.text for cell in row.cells] for row in document.tables[1].rows[1:]]
    assert people == [["1", "Hoàng Văn Ân", "Chuyên viên", "“Lao động tiên tiến”"],
                      ["2", "Tạ Văn Khôi", "Chuyên viên", "“Lao động tiên tiến”"]]  # approved only, official order
    assert "Hà Nội, ngày 06 tháng 01 năm 2026" in text and "TRƯỞNG BAN" in text and "Phạm Quang Huy" in text
