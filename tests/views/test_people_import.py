"""Importing people from an XLSX or CSV file: all rows or none, every bad row reported by row and column."""

from __future__ import annotations

import codecs
import csv
import html
import io
import re
import unicodedata
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.admin import import_views
from app.domain.people_columns import COLUMNS, Known
from app.extensions import db
from app.models import Account, AuditEvent, Person
from tests import factories
from tests.views.conftest import login

URL = "/admin/people/import"
HEADER = [column.header for column in COLUMNS]
NEW_MAI = ["", "Nguyễn", "Thị", "Mai", "Nữ", "Chuyên viên", "Phòng A", "01/03/2020", "", "mai.nt"]


def xlsx(*rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_file(*rows, delimiter=",", encoding="utf-8-sig") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(encoding)


def upload(client, data: bytes | None, name="danh-sach.xlsx"):
    form = {} if data is None else {"file": (io.BytesIO(data), name)}
    return client.post(URL, data=form, content_type="multipart/form-data")


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def error_rows(response) -> list[tuple[str, str, str]]:
    """The error table as the admin reads it: row, column, message."""
    page = response.get_data(as_text=True)
    table = re.search(r'<table class="data-table" id="import-errors">(.*?)</table>', page, re.S)
    assert table, _text(page)[:2000]
    body = table.group(1).split("<tbody>")[1]
    return [tuple(_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S))
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def field_errors(response) -> list[str]:
    page = response.get_data(as_text=True)
    return [_text(error) for error in re.findall(r'<p class="field__error"[^>]*>(.*?)</p>', page, re.S)]


def passwords(response) -> list[str]:
    return re.findall(r"<code>([a-z0-9]+)</code>", response.get_data(as_text=True))


def state(app) -> tuple:
    """Everything an import could write, to show that a refused file changed nothing."""
    with app.app_context():
        people = db.session.execute(select(
            Person.code, Person.family_name, Person.middle_name, Person.given_name, Person.gender, Person.position,
            Person.department_id, Person.employed_from, Person.employed_to, Person.active, Person.version)).all()
        accounts = db.session.execute(select(Account.username, Account.person_id, Account.password_hash)).all()
        events = db.session.scalar(select(func.count()).select_from(AuditEvent))
    return sorted(people), sorted(accounts), events


def person_named(app, given: str) -> Person:
    with app.app_context():
        person = db.session.scalar(select(Person).where(Person.given_name == given))
        assert person is not None, given
        db.session.expunge(person)
        return person


@pytest.fixture
def admin(client, org):
    login(client, "admin")
    return client


# Templates.

def test_the_xlsx_template_has_the_headers_an_example_and_a_guide(admin, org):
    response = admin.get("/admin/people/import/template.xlsx")
    assert response.status_code == 200
    assert response.mimetype == import_views.XLSX_MIMETYPE
    assert "mau-nhap-can-bo.xlsx" in response.headers["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.data))
    people, guide = workbook.worksheets
    assert [cell.value for cell in people[1]] == HEADER
    assert [cell.value or "" for cell in people[2]] == NEW_MAI
    guide_text = " ".join(str(value) for row in guide.iter_rows(values_only=True) for value in row if value)
    for expected in ("Giá trị được phép", "Phó trưởng phòng", "Nữ, Nam", "A (Phòng A); B (Phòng B)", "ngày/tháng/năm"):
        assert expected in guide_text


def test_the_csv_template_is_utf8_with_a_bom_for_excel(admin, org):
    response = admin.get("/admin/people/import/template.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.data.startswith(codecs.BOM_UTF8)
    assert list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")))) == [HEADER, NEW_MAI]


def test_an_unknown_template_format_is_not_found(admin, org):
    assert admin.get("/admin/people/import/template.pdf").status_code == 404


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_template_imports_as_it_comes(admin, app, org, fmt):
    template = admin.get(f"/admin/people/import/template.{fmt}").data
    response = upload(admin, template, f"mau.{fmt}")
    assert response.status_code == 200, error_rows(response) if response.status_code == 422 else response.status_code
    assert person_named(app, "Mai").family_name == "Nguyễn"


# Good files.

def test_a_good_xlsx_creates_people_accounts_and_one_time_passwords(admin, app, org):
    before = state(app)
    data = xlsx(HEADER,
                ["", "Nguyễn", "Thị", "Mai", "Nữ", "Chuyên viên", "Phòng A", datetime(2020, 3, 1), None, "mai.nt"],
                [None, None, None],  # a blank row in the middle is skipped
                ["t100", unicodedata.normalize("NFD", "Vũ"), "Đức", "Thắng", "nam", "Phó trưởng phòng", "b",
                 "15/09/2010", "2030-12-31", None])
    response = upload(admin, data, "ds.xlsx")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    page = _text(response.get_data(as_text=True))
    assert "Từ tệp “ds.xlsx”: 2 người mới, 0 người được cập nhật, 0 người không thay đổi." in page
    (password,) = passwords(response)

    mai, thang = person_named(app, "Mai"), person_named(app, "Thắng")
    assert mai.code.startswith("CB") and thang.code == "T100"
    assert (mai.department_id, mai.position, mai.employed_from, mai.employed_to) == (
        org.dept_a, "chuyen_vien", date(2020, 3, 1), None)
    assert (thang.family_name, thang.gender, thang.department_id, thang.employed_from, thang.employed_to) == (
        "Vũ", "male", org.dept_b, date(2010, 9, 15), date(2030, 12, 31))
    with app.app_context():
        account = db.session.scalar(select(Account).where(Account.username == "mai.nt"))
        assert account.person_id == mai.id and account.must_change_password
        assert db.session.scalar(select(Account).where(Account.person_id == thang.id)) is None
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.entity == "person")).all()
        assert {(e.entity_id, e.action, e.reason) for e in events} == {
            (mai.id, "create", "Nhập từ tệp “ds.xlsx”"), (thang.id, "create", "Nhập từ tệp “ds.xlsx”")}
    assert len(state(app)[0]) == len(before[0]) + 2
    assert "Thắng" in admin.get("/admin/people").get_data(as_text=True)

    newcomer = app.test_client()
    login(newcomer, "mai.nt", password)  # the password shown once is the one that works


@pytest.mark.parametrize("delimiter, encoding", [(";", "utf-8-sig"), (",", "utf-8"), ("\t", "utf-8-sig")],
                         ids=["semicolon with bom", "comma without bom", "tab"])
def test_a_good_csv_with_header_variants(admin, app, org, delimiter, encoding):
    header = ["STT", "family_name", "Tên Đệm", "TÊN", "gioi tinh", "Chức vụ", "phong", "lam viec tu", "username"]
    data = csv_file(header, ["1", "Đặng", "Thị", unicodedata.normalize("NFD", "Ánh"), "Nữ", "truong_phong", "A",
                             "2019-03-01", "Anh.DT"],
                    delimiter=delimiter, encoding=encoding)
    response = upload(admin, data, "ds.csv")
    assert response.status_code == 200, error_rows(response) if response.status_code == 422 else ""
    anh = person_named(app, "Ánh")
    assert (anh.family_name, anh.position, anh.department_id, anh.employed_from) == (
        "Đặng", "truong_phong", org.dept_a, date(2019, 3, 1))
    assert len(passwords(response)) == 1
    with app.app_context():
        assert db.session.scalar(select(Account.username).where(Account.person_id == anh.id)) == "anh.dt"


def test_a_known_code_updates_that_person_and_says_what_changed(admin, app, org):
    with app.app_context():
        loner = factories.person("Bình", "Châu", "Văn", "nhan_vien", gender="male")  # no account yet
        db.session.commit()
        codes = {p.id: p.code for p in db.session.scalars(select(Person))}
    header = ["Mã", "Họ", "Tên đệm", "Tên", "Giới tính", "Chức vụ", "Phòng", "Tên đăng nhập"]
    data = xlsx(header,
                [codes[org.staff].lower(), "Hoàng", "Văn", "Ân", "Nam", "Phó trưởng phòng", "A", "staff"],
                [codes[org.head_b], "Cao", "Thị", "Hằng", "Nữ", "Trưởng phòng", "B", ""],
                [codes[org.staff_b], "Tạ", "Văn", "Khôi", "Nam", "Chuyên viên", "B", "khoi.tv"],
                [codes[loner.id], "Châu", "Văn", "Bình", "Nam", "Nhân viên", "", "binh.cv"])
    response = upload(admin, data)
    assert response.status_code == 200
    page = _text(response.get_data(as_text=True))
    assert "0 người mới, 3 người được cập nhật, 1 người không thay đổi." in page
    assert "Cập nhật: Chức vụ" in page and "Cập nhật: Tên đăng nhập" in page and "Không thay đổi" in page
    assert len(passwords(response)) == 1  # only the person who had no account gets one

    staff = person_named(app, "Ân")
    assert (staff.code, staff.position, staff.employed_from) == (codes[org.staff], "pho_truong_phong",
                                                                 date(2020, 1, 1))  # no date column: date kept
    with app.app_context():
        assert db.session.scalar(select(Account.username).where(Account.person_id == org.staff_b)) == "khoi.tv"
        assert db.session.scalar(select(Account.username).where(Account.person_id == org.head_b)) == "head_b"
        update = db.session.scalar(select(AuditEvent).where(AuditEvent.entity_id == org.staff,
                                                            AuditEvent.action == "update"))
        assert (update.before, update.after) == ({"position": "chuyen_vien"}, {"position": "pho_truong_phong"})
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.entity_id == org.head_b)) == 0


def test_importing_the_same_file_twice_adds_nobody_twice(admin, app, org):
    data = xlsx(HEADER, NEW_MAI)
    assert upload(admin, data).status_code == 200
    before = state(app)
    response = upload(admin, data)
    assert response.status_code == 422
    mai = person_named(app, "Mai")
    assert error_rows(response) == [
        ("2", "Mã (cột A)", f"Đã có Nguyễn Thị Mai (mã {mai.code}). Nếu là cùng người, ghi mã {mai.code} ở cột Mã "
                            "để cập nhật; nếu là người khác trùng tên, hãy ghi một mã mới cho người này."),
        ("2", "Tên đăng nhập (cột J)", "Tên đăng nhập “mai.nt” đã có người dùng."),
    ]
    assert state(app) == before


# Bad files: a clear message at the row and column or at the file field, status 422, nothing saved.

def _zip(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


GOOD_ROW = ["", "Lý", "Văn", "Ưng", "Nam", "Chuyên viên", "A", "15/06/2020", "", "ung.lv"]


AN = dict(zip([column.key for column in COLUMNS], ["", "Phan", "Minh", "An", "Nam", "Chuyên viên", "A", "", "",
                                                   "an.pm"], strict=True))


def _row(**changes) -> list[object]:
    return list({**AN, **changes}.values())


ROW_CASES = {
    "missing column": (xlsx([h for h in HEADER if h != "Tên"], [v for h, v in zip(HEADER, GOOD_ROW, strict=True)
                                                               if h != "Tên"]),
                       [("1", "Tên", "Thiếu cột “Tên”: cột này bắt buộc.")]),
    "unknown column": (xlsx([*HEADER, "Quê quán"], [*GOOD_ROW, "Hà Nội"]),
                       [("1", "Quê quán (cột K)", "Cột “Quê quán” không có trong mẫu. Các tên cột dùng được: "
                                                  + ", ".join(HEADER) + ".")]),
    "header only": (xlsx(HEADER), [("2", "cả dòng", "Chưa có người nào: dưới dòng tiêu đề chưa có dòng dữ liệu.")]),
    "overlong text": (xlsx(HEADER, GOOD_ROW, _row(family_name="Â" * 51)),
                      [("3", "Họ (cột B)", "Dài 51 ký tự, quá giới hạn 50 ký tự.")]),
    "duplicate usernames in the file": (
        csv_file(HEADER, GOOD_ROW, _row(username="UNG.LV")),
        [("3", "Tên đăng nhập (cột J)", "Tên đăng nhập “ung.lv” trùng với dòng 2.")]),
    "username already in use": (xlsx(HEADER, GOOD_ROW, _row(username="staff")),
                                [("3", "Tên đăng nhập (cột J)", "Tên đăng nhập “staff” đã có người dùng.")]),
    "empty names": (xlsx(HEADER, GOOD_ROW, _row(family_name=" ", given_name=None)),
                    [("3", "Họ (cột B)", "Hãy ghi họ."), ("3", "Tên (cột D)", "Hãy ghi tên.")]),
    "employed to before employed from": (
        xlsx(HEADER, GOOD_ROW, _row(employed_from=datetime(2021, 6, 1), employed_to="31/05/2021")),
        [("3", "Làm việc đến (cột I)", "Ngày nghỉ việc không được trước ngày bắt đầu làm việc.")]),
    "department head without department": (
        xlsx(HEADER, GOOD_ROW, _row(position="Trưởng phòng", department="")),
        [("3", "Phòng (cột G)", "Lãnh đạo phòng phải thuộc một phòng; hãy ghi phòng.")]),
    "several rows, several errors": (
        xlsx(HEADER, GOOD_ROW, _row(gender="X", department="Z"),
             _row(given_name="Bình", employed_from="32/1/2020", username="")),
        [("3", "Giới tính (cột E)", "Giới tính “X” không hợp lệ; ghi Nữ hoặc Nam."),
         ("3", "Phòng (cột G)", "Không có phòng “Z”; ghi mã hoặc tên một phòng đã có: A, B."),
         ("4", "Làm việc từ (cột H)",
          "Ngày “32/1/2020” không hợp lệ; ghi theo dạng ngày/tháng/năm, ví dụ 05/01/2026.")]),
}


@pytest.mark.parametrize("case", ROW_CASES)
def test_a_bad_row_is_reported_by_row_and_column_and_nothing_is_saved(admin, app, org, case):
    data, expected = ROW_CASES[case]
    before = state(app)
    response = upload(admin, data, "ds.csv" if data.startswith(codecs.BOM_UTF8) else "ds.xlsx")
    assert response.status_code == 422
    assert "Chưa nhập ai: tệp có lỗi cần sửa" in response.get_data(as_text=True)
    assert error_rows(response) == expected
    assert state(app) == before


FILE_CASES = {
    "no file chosen": (None, "ds.xlsx", "Hãy chọn tệp Excel (.xlsx) hoặc CSV để nhập."),
    "empty file": (b"", "ds.csv", "Tệp “ds.csv” trống: chưa có dữ liệu nào."),
    "only blank lines": (b"\r\n;;\r\n", "ds.csv", "Tệp không có dữ liệu: mọi dòng đều trống."),
    "non-UTF-8 csv": (",".join(HEADER[:6]).encode("utf-8") + b"\r\n,Ho\xe0ng,V\xe4n,An,Nam,Chuyen vien\r\n",
                      "ds.csv", "Tệp CSV “ds.csv” không được lưu bằng mã UTF-8 (chữ lỗi ở dòng 2), nên tiếng Việt "
                                "sẽ bị sai. Trong Excel, hãy chọn Lưu thành → CSV UTF-8 (Comma delimited), hoặc dùng "
                                "tệp mẫu Excel."),
    "utf-16 text": (codecs.BOM_UTF16_LE + "\t".join(HEADER).encode("utf-16-le"), "ds.txt",
                    "Tệp “ds.txt” được lưu ở dạng Unicode Text (UTF-16). Trong Excel, hãy chọn Lưu thành → CSV "
                    "UTF-8 (Comma delimited), hoặc dùng tệp mẫu Excel."),
    "an image named .xlsx": (b"\x89PNG\r\n\x1a\n" + bytes(64), "ds.xlsx",
                             "Tệp “ds.xlsx” không phải bảng tính. Hãy chọn tệp Excel (.xlsx) hoặc CSV, ví dụ điền vào "
                             "tệp mẫu."),
    "a word document": (_zip("[Content_Types].xml", "word/document.xml"), "ds.docx",
                        "Tệp “ds.docx” không phải bảng tính. Hãy chọn tệp Excel (.xlsx) hoặc CSV, ví dụ điền vào "
                        "tệp mẫu."),
    "a damaged workbook": (_zip("[Content_Types].xml", "xl/workbook.xml"), "ds.xlsx",
                           "Không đọc được tệp Excel “ds.xlsx”: tệp bị hỏng hoặc không phải .xlsx. Hãy mở lại bằng "
                           "Excel, Lưu thành .xlsx rồi thử lại."),
    "an old .xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "ds.xls",
                    "Tệp “ds.xls” là tệp Excel 97–2003 (.xls) hoặc tệp Excel có đặt mật khẩu. Hãy mở bằng Excel, bỏ "
                    "mật khẩu nếu có, rồi chọn Lưu thành → Excel Workbook (.xlsx)."),
    "too many rows": (xlsx(HEADER, *[_row(given_name=f"An{n}", username=f"an{n}") for n in range(4)]), "ds.xlsx",
                      "Tệp có hơn 3 dòng dữ liệu; mỗi lần chỉ nhập được tối đa 3 người. Hãy chia thành nhiều tệp."),
}


@pytest.mark.parametrize("case", FILE_CASES)
def test_a_file_that_cannot_be_read_is_refused_at_the_field(admin, app, org, case):
    data, name, message = FILE_CASES[case]
    app.config["PEOPLE_IMPORT_MAX_ROWS"] = 3
    before = state(app)
    response = upload(admin, data, name)
    assert response.status_code == 422
    assert field_errors(response) == [message]
    assert 'class="error-summary"' in response.get_data(as_text=True)
    assert state(app) == before


def test_a_clash_found_only_by_the_database_saves_nothing(admin, app, org, monkeypatch):
    # Another admin takes the username between the check and the commit: the first, good row must not stay.
    known = import_views._known
    monkeypatch.setattr(import_views, "_known", lambda: Known(departments=known().departments))
    before = state(app)
    response = upload(admin, xlsx(HEADER, GOOD_ROW, _row(username="staff")))
    assert response.status_code == 409
    assert "chưa ai được nhập" in field_errors(response)[0]
    assert state(app) == before


@pytest.mark.parametrize("role, status", [("staff", 403), ("head", 403), ("chief", 403)])
def test_only_an_admin_may_import(client, app, org, role, status):
    login(client, role)
    before = state(app)
    assert client.get(URL).status_code == status
    assert upload(client, xlsx(HEADER, GOOD_ROW)).status_code == status
    assert client.get("/admin/people/import/template.xlsx").status_code == status
    assert state(app) == before


def test_an_anonymous_visitor_is_sent_to_log_in(client, org):
    response = upload(client, xlsx(HEADER, GOOD_ROW))
    assert response.status_code == 302 and "/login" in response.headers["Location"]
