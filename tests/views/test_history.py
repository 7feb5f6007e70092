"""A record's history panel: a change made through the interface shows who, when, before and after; the panel
is refused to whoever may not see the record; loading it takes the same few queries however long it is."""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import event

from app.extensions import db
from app.models import AuditEvent
from tests.views.conftest import HX, login

PERSON_EDIT = {"family_name": "Tạ", "middle_name": "Văn", "given_name": "Khôi", "gender": "male",
               "position": "truong_phong", "employed_from": "01/03/2024", "employed_to": "", "username": "staff_b"}


def _edit_staff_b(client, org, **changes):
    edit = client.get(f"/admin/people/{org.staff_b}/edit", headers=HX).get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', edit).group(1)
    data = {**PERSON_EDIT, "department_id": str(org.dept_b), "version": version, **changes}
    assert client.post(f"/admin/people/{org.staff_b}", data=data, headers=HX).status_code == 200


def test_a_change_made_in_the_interface_shows_who_when_before_and_after(client, org):
    login(client, "admin")
    _edit_staff_b(client, org, given_name="Khoa", department_id=str(org.dept_a))
    panel = client.get(f"/people/history/person/{org.staff_b}", headers=HX).get_data(as_text=True)
    assert "<html" not in panel and "Lịch sử thay đổi" in panel
    assert "Sửa" in panel and "admin" in panel  # the admin account is nobody: its username names it
    assert re.search(r"Tên:\s*Khôi\s*→\s*Khoa", panel)
    assert re.search(r"Chức vụ:\s*Chuyên viên\s*→\s*Trưởng phòng", panel)
    assert re.search(r"Phòng:\s*[^<]+→\s*[^<]+", panel)
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", panel)


def test_without_javascript_the_history_is_a_page(client, org):
    login(client, "admin")
    page = client.get(f"/people/history/person/{org.staff_b}").get_data(as_text=True)
    assert "<html" in page and "Chưa có thay đổi nào" in page


def test_admins_reach_each_person_history_from_the_reviewers_table(client, org):
    login(client, "admin")
    page = client.get("/people/reviewers").get_data(as_text=True)
    assert f"/people/history/person/{org.staff_b}" in page and 'id="record-history"' in page
    client.post("/logout")
    login(client, "staff")
    assert "/people/history/person/" not in client.get("/people/reviewers").get_data(as_text=True)


def test_staff_cannot_read_another_department_person_history(client, org):
    login(client, "staff")
    assert client.get(f"/people/history/person/{org.staff_b}", headers=HX).status_code == 403
    assert client.get(f"/people/history/person/{org.staff}").status_code == 200  # their own


def test_unknown_entities_and_records_are_not_found(client, org):
    login(client, "admin")
    assert client.get(f"/people/history/password/{org.staff_b}").status_code == 404
    assert client.get("/people/history/person/99999").status_code == 404


def test_a_long_text_is_shortened_with_the_whole_behind_a_details_element(client, org, app):
    with app.app_context():
        long_text = "Thẩm định hồ sơ đề nghị khen thưởng cho các tập thể và cá nhân " * 4
        db.session.add(AuditEvent(entity="person", entity_id=org.staff_b, action="update",
                                  before={"given_name": "Khôi"}, after={"given_name": long_text}))
        db.session.commit()
    login(client, "admin")
    panel = client.get(f"/people/history/person/{org.staff_b}", headers=HX).get_data(as_text=True)
    assert "<details" in panel and "xem đầy đủ" in panel and long_text.strip() in panel


@contextmanager
def _counted_queries():
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _add_events(app, org, how_many: int) -> None:
    with app.app_context():
        start = datetime(2026, 11, 1, 2, 0)
        accounts = [org.chief, org.leader, org.head, org.admin]
        for number in range(how_many):
            # Accounts with and without a person, references to departments and to people: every kind of name.
            db.session.add(AuditEvent(
                entity="person", entity_id=org.staff_b, action="update", at=start + timedelta(minutes=number),
                actor_id=_account_id(accounts[number % len(accounts)]),
                before={"department_id": org.dept_b, "reviewer_override_id": None},
                after={"department_id": org.dept_a, "reviewer_override_id": org.head}))
        db.session.commit()


def _account_id(person_id: int) -> int:
    from sqlalchemy import select

    from app.models import Account

    return db.session.scalar(select(Account.id).where(
        (Account.person_id == person_id) | ((Account.id == person_id) & Account.person_id.is_(None))))


def _queries_for_panel(app, client, org) -> int:
    with app.app_context(), _counted_queries() as statements:
        response = client.get(f"/people/history/person/{org.staff_b}", headers=HX)
        assert response.status_code == 200
    return len(statements)


def test_the_panel_takes_the_same_number_of_queries_for_5_or_50_events(client, app, org):
    login(client, "admin")
    _add_events(app, org, 5)
    few = _queries_for_panel(app, client, org)
    _add_events(app, org, 45)
    many = _queries_for_panel(app, client, org)
    assert client.get(f"/people/history/person/{org.staff_b}", headers=HX).get_data(as_text=True).count("<li>") >= 50
    assert many == few
