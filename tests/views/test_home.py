"""'Việc của tôi' lists what each person must do now."""

from __future__ import annotations

from datetime import date

from app import clock
from tests import factories
from tests.views.conftest import login


def test_leaders_are_asked_to_open_the_year(client, org, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 1, 2))
    login(client, "leader")
    assert "Mở năm thi đua 2026" in client.get("/").get_data(as_text=True)


def test_leaders_are_told_when_a_month_is_past_its_step_deadline(client, org, app, monkeypatch):
    with app.app_context():
        factories.year(2026, states={3: "commitments"})
    monkeypatch.setattr(clock, "today", lambda: date(2026, 3, 9))
    login(client, "chief")
    page = client.get("/").get_data(as_text=True)
    assert "Mở năm thi đua" not in page
    assert "Tháng 03/2026 đã quá hạn bước “Đăng ký công việc”" in page
    assert "hạn 05/03/2026" in page


def test_staff_are_not_given_the_leaders_calendar_work(client, org, app, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 1, 2))
    login(client, "staff")
    assert "Mở năm thi đua" not in client.get("/").get_data(as_text=True)
