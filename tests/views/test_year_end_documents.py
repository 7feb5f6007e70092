"""The year's documents from the year-end pages: each .docx and the .xlsx download as attachments with safe names
and open again with the year's content; the print views show the same documents; the minutes exist once the
meeting is recorded; a person's own report is theirs and their leaders', the unit's documents the leaders'."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from openpyxl import load_workbook

from tests.views.conftest import login
from tests.views.test_year_end_meeting import meeting_form
from tests.views.test_year_end_pages import NAMES, document, text, unit_year


def docx_text(data: bytes) -> str:
    doc = Document(BytesIO(data))
    parts = [paragraph.text for paragraph in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_leaders_download_the_units_documents(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    page = client.get("/year-end/2026").get_data(as_text=True)
    links = [a.get("href") for a in document(page).get_element_by_id("ye-documents").iter("a")]
    assert "/year-end/2026/documents/unit-report.docx" in links and "/year-end/2026/documents/workbook.xlsx" in links
    assert not any("minutes" in link for link in links)  # no meeting recorded yet

    response = client.get("/year-end/2026/documents/unit-report.docx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == "attachment; filename=bao-cao-thanh-tich-tap-the-2026.docx"
    assert "no-store" in response.headers["Cache-Control"]
    content = docx_text(response.data)
    assert "BÁO CÁO THÀNH TÍCH" in content and "BAN THI ĐUA – KHEN THƯỞNG THÀNH PHỐ HÀ NỘI" in content

    everyone = docx_text(client.get("/year-end/2026/documents/person-reports.docx").data)
    assert all(name in everyone for name in NAMES.values())
    listing = docx_text(client.get("/year-end/2026/documents/award-list.docx").data)
    assert NAMES["head"] in listing and "Chiến sĩ thi đua cơ sở" in listing

    workbook = client.get("/year-end/2026/documents/workbook.xlsx")
    assert workbook.headers["Content-Disposition"] == "attachment; filename=tong-hop-thi-dua-2026.xlsx"
    book = load_workbook(BytesIO(workbook.data))
    assert book.sheetnames == ["Bảng tổng hợp", "Danh hiệu", "Sáng kiến"]
    cells = {str(cell.value) for row in book["Bảng tổng hợp"].iter_rows() for cell in row if cell.value}
    assert NAMES["staff_b"] in cells


def test_the_print_view_draws_the_same_document(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "leader")
    response = client.get("/year-end/2026/documents/award-list")
    assert response.status_code == 200
    page = document(response.get_data(as_text=True))
    assert page.find_class("official-document") and NAMES["head"] in text(page.find_class("official-document")[0])
    assert page.xpath("//a[@download]")[0].get("href") == "/year-end/2026/documents/award-list.docx"


def test_the_minutes_follow_the_meeting(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "chief")
    missing = client.get("/year-end/2026/documents/minutes.docx")
    assert missing.status_code == 404 and "hãy ghi kết quả họp bình xét" in missing.get_data(as_text=True)
    head = f"{org.head}_cstdcs"
    saved = client.post("/year-end/2026/meeting", data=meeting_form(
        org, **{f"for_{head}": "7", f"against_{head}": "0", f"decided_{head}": "y"}))
    assert saved.status_code == 303
    minutes = docx_text(client.get("/year-end/2026/documents/minutes.docx").data)
    assert "BIÊN BẢN" in minutes and "Nguyễn Văn Bình" in minutes and NAMES["head"] in minutes
    assert "Phòng họp tầng 2, trụ sở Ban" in minutes
    page = client.get("/year-end/2026").get_data(as_text=True)
    assert "/year-end/2026/documents/minutes.docx" in page


def test_a_person_downloads_their_own_report_and_others_are_refused(app, client, org):
    with app.app_context():
        unit_year(org)
    login(client, "staff_b")
    page = document(client.get(f"/year-end/2026/people/{org.staff_b}").get_data(as_text=True))
    link = page.find_class("ye-report")[0].xpath(".//a[@download]")[0].get("href")
    assert link == f"/year-end/2026/documents/person-report.docx?person={org.staff_b}"
    response = client.get(link)
    assert response.status_code == 200 and response.headers["Content-Disposition"].startswith("attachment;")
    assert NAMES["staff_b"] in docx_text(response.data)
    assert client.get("/year-end/2026/documents/unit-report.docx").status_code == 403
    head = app.test_client()
    login(head, "head")
    assert head.get(link).status_code == 403
    assert head.get("/year-end/2026/documents/nothing.docx").status_code == 404
    assert head.get("/year-end/2026/documents/person-report.docx").status_code == 404
