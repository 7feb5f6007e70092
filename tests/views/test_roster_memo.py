"""Who reviews whom is kept per worker between requests (app/roster.py, keyed by the data version), and "Việc của
tôi" reads the calendar once: a change of reviewer shows at once, and the home page's reads do not multiply."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import event

from app import clock, roster
from app.extensions import db
from app.models import Person
from tests import factories
from tests.views.conftest import HX, login


def _editor(client, person_id: int) -> int:
    return client.get(f"/reviews/2026/11/people/{person_id}/edit", headers=HX).status_code


def _signed_in(app, username: str):
    client = app.test_client()
    login(client, username)
    return client


def test_an_admins_change_of_reviewer_shows_at_once_in_who_may_open_the_editor(client, org, app):
    with app.app_context():
        factories.year(2026, states={10: "closed", 11: "review"})
    head, head_b = _signed_in(app, "head"), _signed_in(app, "head_b")
    assert _editor(head, org.staff) == 200  # the mapping is now kept by the worker
    assert _editor(head_b, org.staff) == 403
    login(client, "admin")
    assert client.post(f"/people/{org.staff}/reviewer", data={"reviewer_id": str(org.head_b)},
                       headers=HX).status_code == 200
    assert _editor(head, org.staff) == 403
    assert _editor(head_b, org.staff) == 200
    assert client.post(f"/people/{org.staff}/reviewer", data={"reviewer_id": "0"}, headers=HX).status_code == 200
    assert _editor(head, org.staff) == 200
    assert _editor(head_b, org.staff) == 403


def test_a_head_leaving_hands_their_people_to_the_leader_in_charge_at_once(client, org, app):
    with app.app_context():
        factories.year(2026, states={10: "closed", 11: "review"})
    leader = _signed_in(app, "leader")
    assert _editor(leader, org.staff) == 403
    login(client, "admin")
    assert client.post(f"/admin/people/{org.head}/deactivate", headers=HX).status_code == 200
    assert _editor(leader, org.staff) == 200  # department A has no head now: its supervising deputy reviews


def test_a_move_committed_elsewhere_is_seen_by_the_next_request(org, app):
    """Another worker, or a command, moves department B's staff member to department A."""
    with app.app_context():
        factories.year(2026, states={10: "closed", 11: "review"})
    head = _signed_in(app, "head")
    assert _editor(head, org.staff_b) == 403
    with app.app_context():
        db.session.get(Person, org.staff_b).department_id = org.dept_a
        db.session.commit()
    assert _editor(head, org.staff_b) == 200


def test_a_change_not_yet_committed_is_seen_by_its_request_and_never_kept(org, app):
    with app.test_request_context():
        assert roster.reviewer_choices()[org.staff].reviewer_id == org.head
        db.session.get(Person, org.staff).reviewer_override_id = org.head_b
        roster.forget()
        assert roster.reviewer_choices()[org.staff].reviewer_id == org.head_b  # asked again before the commit
        db.session.rollback()  # the write is refused after all
        roster.forget()
        assert roster.reviewer_choices()[org.staff].reviewer_id == org.head
    with app.test_request_context():
        assert roster.reviewer_choices()[org.staff].reviewer_id == org.head


CALENDAR_READ = re.compile(r"\b(FROM|JOIN) (year|month)\b")


def test_my_work_reads_the_years_and_months_once(client, org, app, monkeypatch):
    """The Trưởng ban's list gathers the calendar's, the commitments', the reviews' and the registrations' items:
    they share one reading of the years and months (the year end's own check of December is the third)."""
    with app.app_context():
        factories.year(2025, states=dict.fromkeys(range(1, 13), "closed"))
        factories.year(2026, states={**dict.fromkeys(range(1, 11), "closed"), 11: "review", 12: "commitments"})
    monkeypatch.setattr(clock, "today", lambda: date(2026, 12, 10))
    login(client, "chief")
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", listener)
    try:
        page = client.get("/").get_data(as_text=True)
    finally:
        with app.app_context():
            event.remove(db.engine, "before_cursor_execute", listener)
    assert "Tháng 12/2026 đã quá hạn bước “Đăng ký công việc”" in page  # the calendar
    assert "Đăng ký công việc tháng 12/2026" in page  # the commitments
    assert "Đánh giá 2 người tháng 11/2026" in page  # the reviews: the deputy and department B's head
    assert "Tổng kết năm 2026" in page  # the leaders' links to the latest year
    calendar_reads = [statement for statement in statements if CALENDAR_READ.search(statement)]
    assert len(calendar_reads) <= 3, calendar_reads
