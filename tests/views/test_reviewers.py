"""Who reviews whom is visible to everyone; an admin can name another reviewer."""

from __future__ import annotations

import re

from app.extensions import db
from app.models import AuditEvent, Person
from tests.views.conftest import HX, login


def reviewer_cell(page: str, name: str) -> str:
    row = re.search(rf"<th scope=\"row\">{name}</th>(.*?)</tr>", page, re.S).group(1)
    return re.findall(r"<td>(.*?)</td>", row, re.S)[2]


def test_everyone_sees_the_default_mapping_with_its_reasons(client, org):
    login(client, "staff")
    page = client.get("/people/reviewers").get_data(as_text=True)
    assert "Đỗ Thị Lan" in reviewer_cell(page, "Hoàng Văn Ân") and "(trưởng phòng)" in reviewer_cell(page, "Hoàng Văn Ân")
    assert "Lê Minh Ngọc" in reviewer_cell(page, "Đỗ Thị Lan")  # the deputy in charge of department A
    assert "Phạm Quang Huy" in reviewer_cell(page, "Cao Thị Hằng")  # department B has no leader in charge
    assert "do cấp trên đánh giá" in reviewer_cell(page, "Phạm Quang Huy")
    assert "Đổi người đánh giá" not in page  # only admins change it


def test_an_admin_overrides_a_reviewer_inline(client, org, app):
    login(client, "admin")
    response = client.post(f"/people/{org.staff_b}/reviewer", data={"reviewer_id": str(org.leader)}, headers=HX)
    assert response.status_code == 200
    row = response.get_data(as_text=True)
    assert "Lê Minh Ngọc" in row and "do quản trị chỉ định" in row
    with app.app_context():
        assert db.session.get(Person, org.staff_b).reviewer_override_id == org.leader
        assert db.session.query(AuditEvent).filter_by(action="set_reviewer").count() == 1
    # the reviewer sees the person on their home page
    leader = app.test_client()
    login(leader, "leader")
    assert "Tạ Văn Khôi" in leader.get("/").get_data(as_text=True)
    # back to the default
    client.post(f"/people/{org.staff_b}/reviewer", data={"reviewer_id": "0"}, headers=HX)
    with app.app_context():
        assert db.session.get(Person, org.staff_b).reviewer_override_id is None


def test_nobody_can_be_their_own_reviewer_and_unknown_people_are_refused(client, org):
    login(client, "admin")
    for reviewer in (org.staff_b, 999999):
        response = client.post(f"/people/{org.staff_b}/reviewer", data={"reviewer_id": str(reviewer)}, headers=HX)
        assert response.status_code == 422
        assert "Lựa chọn không hợp lệ." in response.get_data(as_text=True)


def test_home_page_shows_my_reviewer_approver_and_the_people_i_review(client, org):
    login(client, "head")
    page = client.get("/").get_data(as_text=True)
    assert "Lê Minh Ngọc" in page  # reviews me
    assert "Phạm Quang Huy" in page  # approves
    assert "Hoàng Văn Ân" in page  # I review him
    assert "Tạ Văn Khôi" not in page  # another department


def test_admin_home_shows_the_setup_checklist(client, org):
    login(client, "admin")
    page = client.get("/").get_data(as_text=True)
    assert "Thiết lập đơn vị" in page
    assert "6 người đang làm việc" in page


def test_unit_settings_are_saved_and_head_the_pages(client, org, app):
    login(client, "admin")
    response = client.post("/admin/unit", data={"name": "Ban Thi đua – Khen thưởng", "superior": "UBND Thành phố",
                                                "place": "Hà Nội"})
    assert response.status_code == 303
    assert "Ban Thi đua – Khen thưởng" in client.get("/").get_data(as_text=True)
    bad = client.post("/admin/unit", data={"name": " ", "superior": "", "place": ""})
    assert bad.status_code == 422
    assert "Hãy nhập tên đơn vị." in bad.get_data(as_text=True)
