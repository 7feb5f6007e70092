"""Admins add, edit, deactivate people inline; bad input comes back in the row with 422; nothing half-saved."""

from __future__ import annotations

import re
import unicodedata

from app.extensions import db
from app.models import Account, AuditEvent, Person
from tests.views.conftest import HX, login

NEW = {"family_name": "Trần", "middle_name": "Văn", "given_name": "Bảo", "gender": "male",
       "position": "chuyen_vien", "department_id": "0", "employed_from": "01/03/2024", "employed_to": "",
       "username": ""}


def given_names_in_table(page: str) -> list[str]:
    return re.findall(r'<td class="given-name">([^<]*)</td>', page)


def person_named(app, given):
    with app.app_context():
        return db.session.query(Person).filter_by(given_name=given).one_or_none()


def test_the_list_sorts_the_vietnamese_way_by_given_name(client, org):
    login(client, "admin")
    names = given_names_in_table(client.get("/admin/people").get_data(as_text=True))
    assert names == ["Ân", "Hằng", "Huy", "Khôi", "Lan", "Ngọc"]


def test_the_list_can_follow_departments_and_positions(client, org):
    login(client, "admin")
    names = given_names_in_table(client.get("/admin/people?sort=department").get_data(as_text=True))
    assert names == ["Huy", "Ngọc", "Lan", "Ân", "Hằng", "Khôi"]


def test_adding_a_person_inline_returns_the_whole_table_re_sorted(client, org, app):
    login(client, "admin")
    data = {**NEW, "department_id": str(org.dept_a), "username": "bao.tv"}
    response = client.post("/admin/people", data=data, headers=HX)
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == "#people-table"
    assert "people-changed" in response.headers["HX-Trigger"]
    page = response.get_data(as_text=True)
    assert given_names_in_table(page) == ["Ân", "Bảo", "Hằng", "Huy", "Khôi", "Lan", "Ngọc"]
    assert 'hx-swap-oob' in page and "Đã thêm Trần Văn Bảo." in page
    password = re.search(r"bao\.tv\): ([a-z0-9]+)", page).group(1)  # shown once, never stored in the session
    person = person_named(app, "Bảo")
    assert person.code and person.department_id == org.dept_a
    client.post("/logout")
    assert client.post("/login", data={"username": "bao.tv", "password": password}).headers["Location"] == (
        "/account/password")


def test_the_page_works_without_javascript(client, org, app):
    login(client, "admin")
    page = client.get("/admin/people/new").get_data(as_text=True)
    assert '<tr id="person-new"' in page and "<html" in page
    response = client.post("/admin/people", data=NEW)
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/admin/people")
    assert person_named(app, "Bảo") is not None


def test_text_is_normalised_to_nfc_and_stripped(client, org, app):
    login(client, "admin")
    decomposed = {**NEW, "family_name": unicodedata.normalize("NFD", "  Nguyễn "),
                  "given_name": unicodedata.normalize("NFD", "Ánh  ")}
    client.post("/admin/people", data=decomposed, headers=HX)
    with app.app_context():
        person = db.session.query(Person).filter_by(given_name="Ánh").one()
        assert person.family_name == "Nguyễn"


def test_invalid_input_comes_back_as_the_same_row_with_errors(client, org, app):
    login(client, "admin")
    bad = {**NEW, "given_name": "  ", "employed_from": "01/03/2024", "employed_to": "01/01/2024",
           "family_name": "X" * 51, "username": "Bảo!"}
    response = client.post("/admin/people", data=bad, headers=HX)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert page.lstrip().startswith('<tr id="person-new"')
    for message in ("Hãy nhập tên.", "Ngày nghỉ việc không được trước ngày bắt đầu làm việc.",
                    "Tên đăng nhập dài 3–60 ký tự", "Không được dài quá 50 ký tự."):
        assert message in page
    assert 'aria-invalid="true"' in page
    with app.app_context():
        assert db.session.query(Person).count() == 6


def test_impossible_dates_are_refused_in_vietnamese(client, org):
    login(client, "admin")
    page = client.post("/admin/people", data={**NEW, "employed_from": "31/02/2024"}, headers=HX).get_data(True)
    assert "Ngày không hợp lệ; hãy nhập theo dạng ngày/tháng/năm" in page


def test_department_leaders_need_a_department(client, org):
    login(client, "admin")
    response = client.post("/admin/people", data={**NEW, "position": "truong_phong"}, headers=HX)
    assert response.status_code == 422
    assert "Lãnh đạo phòng phải thuộc một phòng" in response.get_data(as_text=True)


def test_unknown_choices_are_refused(client, org):
    login(client, "admin")
    for field, value in (("position", "giam_doc"), ("gender", "x"), ("department_id", "999999")):
        response = client.post("/admin/people", data={**NEW, field: value}, headers=HX)
        assert response.status_code == 422, field


def test_duplicate_username_and_code_are_refused(client, org, app):
    login(client, "admin")
    response = client.post("/admin/people", data={**NEW, "username": "HEAD"}, headers=HX)
    assert response.status_code == 422
    assert "Tên đăng nhập này đã có người dùng." in response.get_data(as_text=True)
    with app.app_context():
        code = db.session.get(Person, org.staff).code
    response = client.post("/admin/people", data={**NEW, "code": code.lower()}, headers=HX)
    assert "Mã cán bộ này đã có người dùng." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Account).count() == 7


def test_editing_a_person_and_their_username(client, org, app):
    login(client, "admin")
    edit = client.get(f"/admin/people/{org.staff_b}/edit", headers=HX).get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', edit).group(1)
    data = {**NEW, "family_name": "Tạ", "middle_name": "Văn", "given_name": "Khôi", "position": "chuyen_vien",
            "department_id": str(org.dept_a), "username": "khoi.tv", "version": version}
    response = client.post(f"/admin/people/{org.staff_b}", data=data, headers=HX)
    assert response.status_code == 200
    with app.app_context():
        person = db.session.get(Person, org.staff_b)
        assert person.department_id == org.dept_a and person.account.username == "khoi.tv"
        event = db.session.query(AuditEvent).filter_by(entity="person", entity_id=org.staff_b).one()
        assert event.before["department_id"] == org.dept_b and event.before["username"] == "staff_b"
        assert "given_name" not in event.before  # only what changed is recorded
        assert event.after["department_id"] == org.dept_a and event.after["username"] == "khoi.tv"


def test_two_admins_editing_the_same_person_never_lose_an_edit_silently(client, org, app):
    login(client, "admin")
    edit = client.get(f"/admin/people/{org.staff_b}/edit", headers=HX).get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', edit).group(1)
    base = {**NEW, "family_name": "Tạ", "middle_name": "Văn", "given_name": "Khôi", "department_id": str(org.dept_b),
            "username": "staff_b", "version": version}
    first = client.post(f"/admin/people/{org.staff_b}", data={**base, "given_name": "Khải"}, headers=HX)
    assert first.status_code == 200
    second = client.post(f"/admin/people/{org.staff_b}", data={**base, "position": "nhan_vien"}, headers=HX)
    assert second.status_code == 409
    page = second.get_data(as_text=True)
    assert "Người khác vừa lưu thay đổi" in page and "Tên" in page
    assert 'value="nhan_vien" selected' in page or 'selected value="nhan_vien"' in page  # this user's input kept
    with app.app_context():
        person = db.session.get(Person, org.staff_b)
        assert (person.given_name, person.position) == ("Khải", "chuyen_vien")
    # saving again, now knowingly, goes through
    new_version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    third = client.post(f"/admin/people/{org.staff_b}", data={**base, "position": "nhan_vien",
                                                              "version": new_version}, headers=HX)
    assert third.status_code == 200


def test_a_username_cannot_be_blanked_once_an_account_exists(client, org):
    login(client, "admin")
    data = {**NEW, "family_name": "Tạ", "given_name": "Khôi", "department_id": str(org.dept_b), "version": "1"}
    response = client.post(f"/admin/people/{org.staff_b}", data=data, headers=HX)
    assert response.status_code == 422
    assert "không thể bỏ trống tên đăng nhập" in response.get_data(as_text=True)


def test_deactivating_keeps_the_record_and_blocks_the_login(client, org, app):
    login(client, "admin")
    response = client.post(f"/admin/people/{org.staff_b}/deactivate", headers=HX)
    assert response.status_code == 200
    assert "Khôi" not in given_names_in_table(response.get_data(as_text=True))
    assert "Khôi" in given_names_in_table(client.get("/admin/people?inactive=1").get_data(as_text=True))
    other = app.test_client()
    assert other.post("/login", data={"username": "staff_b", "password": "mat-khau-thu"}).status_code == 403
    client.post(f"/admin/people/{org.staff_b}/activate", headers=HX)
    assert other.post("/login", data={"username": "staff_b", "password": "mat-khau-thu"}).status_code == 302


def test_an_admin_cannot_deactivate_themselves(client, org, app):
    with app.app_context():
        db.session.query(Account).filter_by(username="head").one().is_admin = True
        db.session.commit()
    login(client, "head")
    response = client.post(f"/admin/people/{org.head}/deactivate", headers=HX)
    assert response.status_code == 422
    assert "Bạn không thể tự cho mình nghỉ" in response.get_data(as_text=True)


def test_resetting_a_password_shows_a_temporary_one_once_and_signs_the_person_out(client, org, app):
    victim = app.test_client()
    login(victim, "staff")
    login(client, "admin")
    page = client.post(f"/admin/people/{org.staff}/reset-password", headers=HX).get_data(as_text=True)
    password = re.search(r"staff\): ([a-z0-9]+)", page).group(1)
    assert victim.get("/").status_code == 302
    assert victim.post("/login", data={"username": "staff", "password": password}).headers["Location"] == (
        "/account/password")


def test_unknown_ids_are_404(client, org):
    login(client, "admin")
    assert client.get("/admin/people/999999/edit").status_code == 404
    response = client.post("/admin/people/999999", data=NEW, headers=HX)
    assert response.status_code == 404
    assert response.headers["HX-Retarget"] == "#flash"
