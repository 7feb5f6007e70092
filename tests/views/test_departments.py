"""Departments are edited inline like people; one in use cannot be deleted."""

from __future__ import annotations

import re

from app.extensions import db
from app.models import Department
from tests.views.conftest import HX, login


def test_adding_a_department_inline(client, org, app):
    login(client, "admin")
    response = client.post("/admin/departments", data={"code": "th", "name": "Phòng Tổng hợp", "sort_order": "3",
                                                       "supervisor_id": str(org.leader)}, headers=HX)
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == "#departments-table"
    with app.app_context():
        department = db.session.query(Department).filter_by(code="TH").one()
        assert department.supervisor_id == org.leader


def test_department_errors_come_back_in_the_row(client, org, app):
    login(client, "admin")
    cases = [
        ({"code": "", "name": "Phòng X", "sort_order": "1", "supervisor_id": "0"}, "Hãy nhập mã phòng."),
        ({"code": "a", "name": "Phòng mới", "sort_order": "1", "supervisor_id": "0"}, "Đã có phòng khác dùng giá trị này."),
        ({"code": "X", "name": "phòng a", "sort_order": "1", "supervisor_id": "0"}, "Đã có phòng khác dùng giá trị này."),
        ({"code": "X", "name": "Phòng X", "sort_order": "abc", "supervisor_id": "0"}, "Hãy nhập một số nguyên."),
        ({"code": "X", "name": "Phòng X", "sort_order": "5000", "supervisor_id": "0"}, "Thứ tự từ 0 đến 999."),
        ({"code": "X Y", "name": "Phòng X", "sort_order": "1", "supervisor_id": "0"}, "Mã chỉ gồm chữ không dấu"),
        ({"code": "X", "name": "Phòng X", "sort_order": "1", "supervisor_id": str(org.staff)}, "Lựa chọn không hợp lệ."),
    ]
    for data, message in cases:
        response = client.post("/admin/departments", data=data, headers=HX)
        assert response.status_code == 422, data
        page = response.get_data(as_text=True)
        assert page.lstrip().startswith('<tr id="department-new"')
        assert message in page, data
    with app.app_context():
        assert db.session.query(Department).count() == 2


def test_editing_with_a_stale_version_is_a_conflict(client, org, app):
    login(client, "admin")
    page = client.get(f"/admin/departments/{org.dept_b}/edit", headers=HX).get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    data = {"code": "B", "name": "Phòng B mới", "sort_order": "2", "supervisor_id": "0", "version": version}
    assert client.post(f"/admin/departments/{org.dept_b}", data=data, headers=HX).status_code == 200
    stale = client.post(f"/admin/departments/{org.dept_b}", data={**data, "name": "Phòng Bê"}, headers=HX)
    assert stale.status_code == 409
    assert "vừa được người khác sửa" in stale.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Department, org.dept_b).name == "Phòng B mới"


def test_a_department_with_people_cannot_be_deleted_an_empty_one_can(client, org, app):
    login(client, "admin")
    response = client.post(f"/admin/departments/{org.dept_a}/delete", headers=HX)
    assert response.status_code == 422
    assert "Không thể xóa phòng Phòng A vì còn 2 người" in response.get_data(as_text=True)
    client.post("/admin/departments", data={"code": "T", "name": "Phòng tạm", "sort_order": "9",
                                            "supervisor_id": "0"}, headers=HX)
    with app.app_context():
        temporary = db.session.query(Department).filter_by(code="T").one().id
    assert client.post(f"/admin/departments/{temporary}/delete", headers=HX).status_code == 200
    with app.app_context():
        assert db.session.get(Department, temporary) is None
