"""Adjusting the rulebook's settings for one year: everyone reads them with their sources, the board's leaders change
them with a reason, the change is recorded, and the screens that use a setting follow it."""

from __future__ import annotations

import re

import lxml.html
import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, MonthlyReview, Year
from tests import factories
from tests.views.conftest import HX, login
from tests.views.test_year_end_pages import unit_year

URL = "/years/2026/settings"
# What the form shows for vn-2026 when nothing is adjusted (a checkbox is sent only when ticked).
UNCHANGED = {"min_months_worked": "6", "htxs_quota_percent": "20", "htxs_quota_percent_outstanding": "25",
             "response_days": "5", "council_vote_percent": "80", "ldtt_min_months": "0", "ttld_percent": "70"}


@pytest.fixture
def year_2026(app, org):
    with app.app_context():
        factories.year(2026, states={10: "closed", 11: "review"})


def _year(app) -> Year:
    with app.app_context():
        year = db.session.query(Year).filter_by(year=2026).one()
        db.session.expunge(year)
        return year


def _row(page: str, name: str) -> str:
    match = re.search(rf'<tr id="setting-{name}".*?</tr>', page, re.S)
    assert match, f"no row for {name}"
    return match.group(0)


def test_everyone_signed_in_reads_every_setting_with_its_value_and_source(client, org, year_2026):
    login(client, "staff")
    page = client.get(URL).get_data(as_text=True)
    quota = _row(page, "htxs_quota_percent")
    assert "Tỷ lệ tối đa Hoàn thành xuất sắc (%)" in quota and "Nghị định 335/2025/NĐ-CP, Điều 20 khoản 5" in quota
    section = re.search(r'<section id="year-settings".*?</section>', page, re.S).group(0)
    assert "<input" not in section and "Lưu điều chỉnh" not in section  # a staff member reads, nothing to fill in
    denominator = _row(page, "htxs_in_denominator")
    assert "Tính người Hoàn thành xuất sắc vào mẫu số của tỷ lệ" in denominator and "Không" in denominator
    for name in ("min_months_worked", "response_days", "council_vote_percent", "ldtt_min_months", "ttld_percent",
                 "registration_required", "htxs_quota_percent_outstanding"):
        _row(page, name)
    assert "đã điều chỉnh" not in page
    assert "Điều chỉnh quy định cho năm 2026" in client.get("/years/2026").get_data(as_text=True)


def test_a_leader_adjusts_the_quota_with_a_reason_and_the_review_board_follows(client, org, year_2026, app):
    login(client, "leader")
    form = client.get(URL).get_data(as_text=True)
    assert 'name="htxs_quota_percent"' in form and 'value="20"' in _row(form, "htxs_quota_percent")
    version = _year(app).version
    response = client.post(URL, data={**UNCHANGED, "htxs_quota_percent": "25", "version": version,
                                      "reason": "Nghị quyết Hội nghị cán bộ, công chức năm 2026"})
    assert response.status_code == 303 and response.headers["Location"] == URL
    year = _year(app)
    assert year.settings == {"htxs_quota_percent": 25}  # only what differs from the rulebook is stored
    with app.app_context():
        event = db.session.query(AuditEvent).filter_by(entity="year", action="settings").one()
        assert (event.entity_id, event.before, event.after) == (year.id, {"htxs_quota_percent": 20},
                                                                {"htxs_quota_percent": 25})
        assert event.reason == "Nghị quyết Hội nghị cán bộ, công chức năm 2026"
    page = client.get(URL).get_data(as_text=True)
    assert "Đã điều chỉnh quy định cho năm 2026: Tỷ lệ tối đa Hoàn thành xuất sắc (%)." in page
    assert "đã điều chỉnh" in _row(page, "htxs_quota_percent") and "đã điều chỉnh" not in _row(page, "ttld_percent")
    board = client.get("/reviews/2026/11").get_data(as_text=True)
    assert "theo tỷ lệ 25%" in board and "Điều chỉnh của đơn vị cho năm 2026" in board


def test_setting_a_value_back_to_the_rulebooks_removes_the_adjustment(client, org, year_2026, app):
    with app.app_context():
        year = db.session.query(Year).filter_by(year=2026).one()
        year.settings = {"htxs_quota_percent": 25}
        db.session.commit()
    login(client, "chief")
    client.post(URL, data={**UNCHANGED, "htxs_in_denominator": "y", "version": _year(app).version,
                           "reason": "Theo hướng dẫn mới của cấp trên"})
    assert _year(app).settings == {"htxs_in_denominator": True}
    page = client.get(URL).get_data(as_text=True)
    assert "đã điều chỉnh" in _row(page, "htxs_in_denominator")
    assert "đã điều chỉnh" not in _row(page, "htxs_quota_percent")


def test_a_bad_value_is_refused_at_its_field_and_nothing_is_saved(client, org, year_2026, app):
    login(client, "leader")
    version = _year(app).version
    response = client.post(URL, headers=HX, data={**UNCHANGED, "htxs_quota_percent": "120", "response_days": "năm",
                                                  "version": version, "reason": "Thử"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Giá trị từ 0 đến 100." in _row(page, "htxs_quota_percent")
    assert 'value="120"' in _row(page, "htxs_quota_percent")  # the user's input is kept
    assert "Hãy nhập một số nguyên." in _row(page, "response_days")
    assert _year(app).settings == {}
    with app.app_context():
        assert db.session.query(AuditEvent).filter_by(entity="year").count() == 0


def test_a_change_without_a_reason_is_refused(client, org, year_2026, app):
    login(client, "leader")
    response = client.post(URL, headers=HX, data={**UNCHANGED, "htxs_quota_percent": "25",
                                                  "version": _year(app).version, "reason": "  "})
    assert response.status_code == 422
    assert "Hãy ghi lý do điều chỉnh." in response.get_data(as_text=True)
    assert _year(app).settings == {}


def test_saving_without_a_change_needs_no_reason_and_records_nothing(client, org, year_2026, app):
    login(client, "leader")
    response = client.post(URL, data={**UNCHANGED, "version": _year(app).version})
    assert response.status_code == 303
    with app.app_context():
        assert db.session.query(AuditEvent).filter_by(entity="year").count() == 0


def test_a_stale_form_gets_409_with_the_users_input_and_what_differs(client, org, year_2026, app):
    login(client, "leader")
    version = _year(app).version
    client.post(URL, data={**UNCHANGED, "ttld_percent": "60", "version": version, "reason": "Quy chế mới"})
    response = client.post(URL, headers=HX, data={**UNCHANGED, "htxs_quota_percent": "25", "version": version,
                                                  "reason": "Nghị quyết Hội nghị cán bộ"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Người khác vừa lưu thay đổi của năm 2026" in page
    assert "Tỷ lệ tối đa Hoàn thành xuất sắc (%)" in page and 'value="25"' in _row(page, "htxs_quota_percent")
    assert _year(app).settings == {"ttld_percent": 60}


def test_a_closed_month_does_not_stop_an_adjustment(client, org, app):
    with app.app_context():
        factories.year(2026, states=dict.fromkeys(range(1, 13), "closed"))
    login(client, "leader")
    response = client.post(URL, data={**UNCHANGED, "response_days": "7", "version": _year(app).version,
                                      "reason": "Quy chế mới của đơn vị"})
    assert response.status_code == 303 and _year(app).settings == {"response_days": 7}


@pytest.mark.parametrize("username", ["staff", "head"])
def test_staff_and_department_heads_may_not_adjust(client, org, year_2026, app, username):
    login(client, username)
    response = client.post(URL, data={**UNCHANGED, "htxs_quota_percent": "25", "version": _year(app).version,
                                      "reason": "Thử"})
    assert response.status_code == 403
    assert _year(app).settings == {}


def test_an_unknown_year_is_404(client, org, year_2026):
    login(client, "leader")
    assert client.get("/years/2031/settings").status_code == 404
    assert client.post("/years/2031/settings", data={"reason": "Thử"}).status_code == 404


def test_switching_on_the_months_off_cap_lowers_the_level_and_the_person_page_says_why(client, org, app):
    """NĐ 90/2020 as amended by NĐ 48/2023: off in the shipped rulebook, switched on for the year by a leader; Tạ Văn
    Khôi (Hoàn thành tốt every month) was off sick from May to August."""
    with app.app_context():
        unit_year(org)
        with factories.past_writable():
            for review in db.session.scalars(select(MonthlyReview).where(MonthlyReview.person_id == org.staff_b)):
                if review.month.number in (5, 6, 7, 8):
                    review.leave, review.review_score, review.review_level = "sick", None, None
            db.session.commit()
    login(client, "leader")
    person_url = f"/year-end/2026/people/{org.staff_b}"
    ldtt = _title(client.get(person_url).get_data(as_text=True), "ldtt")
    assert "Đủ điều kiện" in ldtt and "từ 3 tháng đến dưới 6 tháng" not in ldtt

    form = client.get(URL).get_data(as_text=True)
    row = _row(form, "months_off_cap")
    assert "Nghị định 48/2023/NĐ-CP" in row and "Không bật sẵn" in row and "Không" in row
    assert 'type="checkbox"' in row and "checked" not in row
    response = client.post(URL, data={**UNCHANGED, "months_off_cap": "y", "version": _year(app).version,
                                      "reason": "Năm 2026 đơn vị áp dụng Nghị định 90/2020/NĐ-CP (sửa đổi)"})
    assert response.status_code == 303 and _year(app).settings == {"months_off_cap": True}
    assert "đã điều chỉnh" in _row(client.get(URL).get_data(as_text=True), "months_off_cap")

    ldtt = _title(client.get(person_url).get_data(as_text=True), "ldtt")
    assert "Chưa đủ điều kiện" in ldtt
    assert ("Nghỉ ốm hoặc nghỉ khác 4 tháng trong năm 2026 (tháng 5, 6, 7, 8), từ 3 tháng đến dưới 6 tháng: mức năm "
            "là Hoàn thành nhiệm vụ thay cho Hoàn thành tốt nhiệm vụ") in ldtt
    assert "do đơn vị điều chỉnh cho năm 2026" in ldtt and "Nghị định 48/2023/NĐ-CP" in ldtt


def _title(page: str, code: str) -> str:
    """The text of a title's block on the year-end person page."""
    return " ".join(lxml.html.fromstring(page).get_element_by_id(f"ye-title-{code}").text_content().split())
