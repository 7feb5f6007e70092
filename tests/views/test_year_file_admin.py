"""The year file from the admin screens: export as a download, import all-or-nothing (../shared/spec/year-file.md)."""

from __future__ import annotations

import html
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain.year_file import canonical
from app.extensions import db
from app.models import Account, AuditEvent, MonthlyReview, Person, Year
from tests import factories
from tests.views.conftest import HX, login

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "year_files"
RICH = FIXTURES / "rich-2026.json"
PAGE = "/admin/year-file"
IMPORT = "/admin/year-file/import"


@pytest.fixture(autouse=True)
def early_2027(monkeypatch):
    """Imports happen on 10/01/2027: every month of 2026 is over."""
    monkeypatch.setattr("app.clock.today", lambda: date(2027, 1, 10))


@pytest.fixture
def admin_only(app):
    """A database with nothing but an administrator's account, so that an export holds only what was imported."""
    with app.app_context():
        factories.admin_account("admin")
        db.session.commit()


def rich() -> dict:
    return json.loads(RICH.read_text(encoding="utf-8"))


def as_bytes(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def upload(client, data: bytes | None, name="nam-2026.json", replace=False, headers=None):
    form: dict = {} if data is None else {"file": (io.BytesIO(data), name)}
    if replace:
        form["replace"] = "y"
    return client.post(IMPORT, data=form, content_type="multipart/form-data", headers=headers or {})


def text(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def error_lines(response) -> list[str]:
    page = response.get_data(as_text=True)
    listing = re.search(r'<ul id="year-file-errors">(.*?)</ul>', page, re.S)
    assert listing, text(response)[:2000]
    return [html.unescape(item.strip()) for item in re.findall(r"<li>(.*?)</li>", listing.group(1), re.S)]


def row_counts() -> dict[str, int]:
    return {table.name: db.session.execute(select(func.count()).select_from(table)).scalar()
            for table in db.metadata.sorted_tables}


def export(client, year: int):
    return client.get(f"/admin/year-file/export?year={year}")


# --- the page --------------------------------------------------------------------------------------------------

def test_the_page_offers_every_year_to_export_and_the_import_form(app, client, org):
    with app.app_context():
        factories.year(2025)
        factories.year(2026)
    login(client, "admin")
    response = client.get(PAGE)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert re.findall(r'<option value="(\d+)">', page) == ["2026", "2025"]
    assert 'href="/admin/year-file" aria-current="page"' in page  # the admin subnav's new item is the current one
    assert "Tải tệp năm" in page and "Thay thế dữ liệu năm đã có" in page and 'enctype="multipart/form-data"' in page


def test_without_any_year_there_is_nothing_to_export(client, admin_only):
    login(client, "admin")
    page = client.get(PAGE)
    assert "Chưa có năm thi đua nào để xuất." in text(page)
    assert "<select" not in page.get_data(as_text=True)


# --- export ----------------------------------------------------------------------------------------------------

def test_export_downloads_the_years_document(app, client, org):
    with app.app_context():
        factories.year(2026)
        staff_b_code = db.session.get(Person, org.staff_b).code
    login(client, "admin")
    response = export(client, 2026)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="tdkt-year-2026.json"'
    body = response.get_data(as_text=True)
    assert '\n  "format": "tdkt-year/1",' in body  # indented by two
    assert "Tạ" in body  # Vietnamese letters as they are, not \u escapes
    document = json.loads(body)
    assert (document["format"], document["year"], document["rulebook"]) == ("tdkt-year/1", 2026, "vn-2026")
    people = {person["code"]: person for person in document["people"]}
    assert (people[staff_b_code]["family_name"], people[staff_b_code]["given_name"]) == ("Tạ", "Khôi")
    assert {department["name"] for department in document["departments"]} == {"Phòng A", "Phòng B"}


def test_exporting_a_year_that_is_not_there_is_not_found(app, client, org):
    login(client, "admin")
    assert export(client, 2031).status_code == 404
    assert client.get("/admin/year-file/export").status_code == 404


# --- import ----------------------------------------------------------------------------------------------------

def test_importing_a_valid_file_loads_it_and_export_gives_it_back(app, client, admin_only):
    login(client, "admin")
    response = upload(client, RICH.read_bytes(), name="rich-2026.json")
    assert response.status_code == 303 and response.headers["Location"].endswith(PAGE)
    shown = text(client.get(PAGE))
    assert "Đã nhập năm 2026 (quy định vn-2026) từ “rich-2026.json”: 10 người mới" in shown
    assert "88 tháng đánh giá" in shown
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(MonthlyReview)) == 88
        admin_id = db.session.scalar(select(Account.id).where(Account.username == "admin"))
        year_id = db.session.scalar(select(Year.id).where(Year.year == 2026))
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.entity == "year"))
        assert (event.entity_id, event.action, event.actor_id, event.reason) == (
            year_id, "import", admin_id, "Nhập tệp năm “rich-2026.json”")
    document = json.loads(export(client, 2026).get_data(as_text=True))
    assert canonical(document) == canonical(rich())


def test_a_bad_file_lists_every_path_and_changes_nothing(app, client, org):
    doc = rich()
    doc["people"][3]["employed_from"] = "2012-09-31"
    doc["months"][0]["score"] = 92.25
    doc["months"][1]["ghi_chu"] = "…"
    doc["annual"].append({"person": "CB04", "level": "htxs"})
    with app.app_context():
        before = row_counts()
    login(client, "admin")
    response = upload(client, as_bytes(doc))
    assert response.status_code == 422
    assert error_lines(response) == [
        "people[3].employed_from: không phải ngày hợp lệ (YYYY-MM-DD)",
        "months[1].ghi_chu: trường không có trong định dạng tdkt-year/1",
        "months[0].score: tối đa một chữ số thập phân",
        "annual[1].person: CB04 đã có quyết định ở annual[0]: mỗi người một mức xếp loại năm",
    ]
    assert "Chưa nhập gì: tệp có lỗi cần sửa" in text(response)
    with app.app_context():
        assert row_counts() == before


@pytest.mark.parametrize(("content", "message"), [
    (b'{"format": "tdkt-year/1",\n  "year": 2026,,}', "Tệp không phải JSON hợp lệ: lỗi ở dòng 2, cột 16."),
    (b"\xff\xfe{}", "Tệp không phải JSON hợp lệ: tệp không phải văn bản UTF-8."),
])
def test_a_file_that_is_not_json_is_refused_at_the_field(app, client, org, content, message):
    with app.app_context():
        before = row_counts()
    login(client, "admin")
    response = upload(client, content, name="hong.json")
    assert response.status_code == 422
    assert message in text(response)
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    with app.app_context():
        assert row_counts() == before


def test_json_that_is_not_an_object_gets_the_validators_line(client, org):
    login(client, "admin")
    response = upload(client, b'[{"format": "tdkt-year/1"}]')
    assert response.status_code == 422
    assert error_lines(response) == ["$: phải là một đối tượng JSON ({…})"]


def test_posting_without_a_file_asks_for_one(client, org):
    login(client, "admin")
    response = upload(client, None)
    assert response.status_code == 422
    assert "Hãy chọn tệp năm thi đua (.json) để nhập." in text(response)


def test_a_year_with_data_is_refused_unless_replace_is_ticked(app, client, admin_only):
    login(client, "admin")
    assert upload(client, RICH.read_bytes()).status_code == 303
    with app.app_context():
        before = row_counts()
    refused = upload(client, RICH.read_bytes())
    assert refused.status_code == 422
    [line] = error_lines(refused)
    assert line.startswith("Năm 2026 đã có dữ liệu (88 đánh giá tháng, 4 tồn tại, hạn chế, 5 đăng ký thi đua")
    assert "Dùng “Thay thế dữ liệu năm đã có” để xoá dữ liệu của năm 2026" in line
    with app.app_context():
        assert row_counts() == before

    replaced = upload(client, RICH.read_bytes(), replace=True)
    assert replaced.status_code == 303
    assert "Đã thay dữ liệu năm 2026 (quy định vn-2026) từ “nam-2026.json”" in text(client.get(PAGE))
    with app.app_context():
        assert row_counts()["monthly_review"] == before["monthly_review"] == 88  # replaced, not doubled
    assert canonical(json.loads(export(client, 2026).get_data(as_text=True))) == canonical(rich())


def test_htmx_gets_the_import_fragment_with_errors_and_a_redirect_on_success(client, admin_only):
    login(client, "admin")
    doc = rich()
    doc["months"][0]["score"] = 92.25
    bad = upload(client, as_bytes(doc), headers=HX)
    assert bad.status_code == 422
    body = bad.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="year-file-import"') and "<html" not in body
    assert error_lines(bad) == ["months[0].score: tối đa một chữ số thập phân"]

    good = upload(client, RICH.read_bytes(), headers=HX)
    assert good.status_code == 204 and good.headers["HX-Redirect"] == PAGE


def test_a_head_of_department_may_not_import(app, client, org):
    with app.app_context():
        before = row_counts()
    login(client, "head")
    assert upload(client, RICH.read_bytes()).status_code == 403
    assert export(client, 2026).status_code == 403
    with app.app_context():
        assert row_counts() == before
