"""'Việc của tôi' in the commitments area: register, answer a sheet sent back, self-assess, look at the team's sheets."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event

from app import clock
from app.commitments.tasks import tasks_for
from app.extensions import db
from app.models import Account
from tests import factories
from tests.views.conftest import login
from tests.views.test_commitments import make_sheet

TODAY = date(2026, 11, 27)


def work(app, username):
    with app.test_request_context():
        account = db.session.query(Account).filter_by(username=username).one()
        return [(item.title, item.kind, item.due, item.count) for item in tasks_for(account, TODAY)]


def test_a_person_is_asked_to_assess_one_month_and_register_the_next(app, org, client, monkeypatch):
    with app.app_context():
        factories.year(2026, states={10: "closed", 11: "self_assessment", 12: "commitments"})
        make_sheet(org.staff, 2026, 11, state="submitted", items=[{"title": "Việc"}])
    assert work(app, "staff") == [
        ("Tự đánh giá tháng 11/2026", "todo", date(2026, 11, 30), None),
        ("Đăng ký công việc tháng 12/2026", "todo", date(2026, 12, 5), None),
    ]
    assert ("Xem bản cam kết tháng 11/2026 của những người tôi đánh giá", "decide", None, 1) in work(app, "head")
    assert work(app, "admin") == []
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    login(client, "staff")
    page = client.get("/").get_data(as_text=True)
    assert "Tự đánh giá tháng 11/2026" in page and "/commitments/2026/11/self-assessment" in page


def test_a_sheet_sent_back_comes_first_and_nothing_is_asked_twice(app, org):
    with app.app_context():
        factories.year(2026, states={11: "commitments"})
        make_sheet(org.staff, 2026, 11, state="returned", items=[{"title": "Việc"}])
        make_sheet(org.head, 2026, 11, state="submitted", items=[{"title": "Việc"}])
    assert work(app, "staff") == [
        ("Bản cam kết tháng 11/2026 bị trả lại: sửa theo ý kiến rồi gửi lại", "returned", None, None)]
    assert work(app, "head") == []  # sent; nobody of theirs has sent anything


def test_the_number_of_queries_does_not_grow_with_months_or_people(app, org):
    with app.app_context():
        factories.year(2026, states={11: "self_assessment", 12: "commitments"})
        make_sheet(org.staff, 2026, 11, state="submitted", items=[{"title": "Việc"}])

    def queries(username):
        statements = []
        with app.app_context():
            listener = lambda *args: statements.append(args[2])  # noqa: E731
            event.listen(db.engine, "before_cursor_execute", listener)
            try:
                work(app, username)
            finally:
                event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    before = queries("head")
    with app.app_context():
        for given in ("Bình", "Cường", "Dung"):
            person = factories.person(given, dept=db.session.get(factories.Department, org.dept_a))
            make_sheet(person.id, 2026, 11, state="submitted", items=[{"title": "Việc"}])
            make_sheet(person.id, 2026, 12, state="submitted", items=[{"title": "Việc"}])
    assert queries("head") == before
