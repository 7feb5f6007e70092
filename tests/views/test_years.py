"""The board's leaders open a year and move its months through their states; deadlines show as dates."""

from __future__ import annotations

from datetime import date

from app.extensions import db
from app.models import AuditEvent, Month, Year
from tests import factories
from tests.views.conftest import HX, login


def test_opening_a_year_creates_twelve_months_with_default_deadlines(client, org, app):
    login(client, "leader")
    response = client.post("/years/", data={"year": "2026", "rulebook_code": "vn-2026", "commitments_due_day": "5"})
    assert response.headers["Location"] == "/years/2026"
    with app.app_context():
        year = db.session.query(Year).filter_by(year=2026).one()
        assert [m.state for m in year.months] == ["not_open"] * 12
        january = year.months[0]
        assert (january.commitments_due, january.self_assessment_due) == (date(2026, 1, 5), date(2026, 1, 30))
    page = client.get("/years/2026").get_data(as_text=True)
    assert "05/01/2026" in page and "30/01/2026" in page
    assert "Nghị định 335/2025/NĐ-CP" in page


def test_a_year_cannot_be_opened_twice_and_bad_input_is_explained(client, org):
    login(client, "chief")
    client.post("/years/", data={"year": "2026", "rulebook_code": "vn-2026", "commitments_due_day": "5"})
    again = client.post("/years/", data={"year": "2026", "rulebook_code": "vn-2026", "commitments_due_day": "5"})
    assert again.status_code == 422 and "Năm 2026 đã được mở." in again.get_data(as_text=True)
    bad = client.post("/years/", data={"year": "26", "rulebook_code": "khong-co", "commitments_due_day": "31"})
    page = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert "Năm từ 2000 đến 2100." in page and "Lựa chọn không hợp lệ." in page and "Từ ngày 1 đến ngày 28." in page


def test_months_move_forward_and_back_one_step_and_every_step_is_recorded(client, org, app):
    with app.app_context():
        factories.year(2026)
    login(client, "leader")
    for expected in ("Đăng ký công việc", "Tự đánh giá"):
        response = client.post("/years/2026/months/4/advance", headers=HX)
        assert response.status_code == 200
        assert expected in response.get_data(as_text=True)
    client.post("/years/2026/months/4/back", headers=HX)
    with app.app_context():
        month = db.session.query(Month).join(Year).filter(Year.year == 2026, Month.number == 4).one()
        assert month.state == "commitments"
        assert db.session.query(AuditEvent).filter_by(entity="month", action="set_state").count() == 3


def test_a_closed_month_cannot_be_stepped_back_or_past(client, org, app):
    with app.app_context():
        factories.year(2026, states={1: "closed"})
    login(client, "leader")
    assert client.post("/years/2026/months/1/back", headers=HX).status_code == 409
    assert client.post("/years/2026/months/1/advance", headers=HX).status_code == 409


def test_a_stale_page_cannot_step_a_month_twice(client, org, app):
    with app.app_context():
        factories.year(2026)
        version = db.session.query(Month).filter_by(number=5).one().version
    login(client, "leader")
    assert client.post("/years/2026/months/5/advance", data={"version": version}, headers=HX).status_code == 200
    assert client.post("/years/2026/months/5/advance", data={"version": version}, headers=HX).status_code == 409


def test_deadlines_are_edited_inline_and_checked(client, org, app):
    with app.app_context():
        factories.year(2026)
    login(client, "chief")
    edit = client.get("/years/2026/months/3/deadlines", headers=HX)
    assert edit.status_code == 200 and "month-form-" in edit.get_data(as_text=True)
    bad = client.post("/years/2026/months/3/deadlines", headers=HX, data={
        "commitments_due": "10/03/2026", "self_assessment_due": "01/03/2026", "version": "1"})
    assert bad.status_code == 422
    assert "Hạn tự đánh giá phải sau hạn đăng ký công việc." in bad.get_data(as_text=True)
    good = client.post("/years/2026/months/3/deadlines", headers=HX, data={
        "commitments_due": "6/3/2026", "self_assessment_due": "27/03/2026", "version": "1"})
    assert good.status_code == 200 and "06/03/2026" in good.get_data(as_text=True)


def test_staff_read_the_calendar_but_cannot_run_it(client, org, app):
    with app.app_context():
        factories.year(2026)
    login(client, "staff")
    page = client.get("/years/2026").get_data(as_text=True)
    assert "Mở đăng ký công việc" not in page
    assert client.post("/years/2026/months/1/advance").status_code == 403
