"""'Việc của tôi' in the reviews area: reviews to write, reviews to approve, one's own review to read and answer
while the window is open, objections to reply to — in a constant number of queries."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import event, select

from app.extensions import db
from app.models import Account, Department, ReviewResponse
from app.reviews.tasks import tasks_for
from tests import factories
from tests.views.test_review_person import make_review, october

TODAY = date(2026, 11, 5)


def work(app, username, today=TODAY):
    with app.test_request_context():
        account = db.session.scalar(select(Account).where(Account.username == username))
        return [(item.title, item.url, item.kind, item.due, item.count) for item in tasks_for(account, today)]


def test_a_reviewer_is_asked_to_review_the_people_still_waiting(app, org):
    with app.app_context():
        factories.year(2026, states={10: "closed", 11: "review"})
        make_review(org.staff, 2026, 11, state="reviewed")  # department A's head has written hers
    # Department B's head reviews B's staff member; the deputy in charge of department A reviews its head; the
    # Trưởng ban reviews the deputy and department B's head (B has no leader in charge).
    assert ("Đánh giá 1 người tháng 11/2026", "/reviews/2026/11", "todo", None, 1) in work(app, "head_b")
    assert ("Đánh giá 1 người tháng 11/2026", "/reviews/2026/11", "todo", None, 1) in work(app, "leader")
    assert ("Đánh giá 2 người tháng 11/2026", "/reviews/2026/11", "todo", None, 2) in work(app, "chief")
    assert not [item for item in work(app, "head") if item[0].startswith("Đánh giá ")]
    assert not [item for item in work(app, "staff") if item[0].startswith("Đánh giá ")]


def test_someone_on_leave_needs_no_review(app, org):
    with app.app_context():
        factories.year(2026, states={11: "review"})
        make_review(org.staff_b, 2026, 11, state="pending", leave="maternity")
    assert not [item for item in work(app, "head_b") if item[0].startswith("Đánh giá ")]


def test_a_board_leader_is_asked_to_approve_the_reviews_written_but_never_their_own(app, org):
    with app.app_context():
        factories.year(2026, states={11: "review"})
        make_review(org.staff, 2026, 11, state="reviewed")
        make_review(org.staff_b, 2026, 11, state="reviewed", reviewer="head_b")
        make_review(org.leader, 2026, 11, state="reviewed", reviewer="chief")
        make_review(org.head, 2026, 11, state="approved", reviewer="leader")
    assert ("Duyệt 3 đánh giá tháng 11/2026", "/reviews/2026/11", "decide", None, 3) in work(app, "chief")
    assert ("Duyệt 2 đánh giá tháng 11/2026", "/reviews/2026/11", "decide", None, 2) in work(app, "leader")
    assert not [item for item in work(app, "head") if item[0].startswith("Duyệt")]


def test_the_person_is_asked_to_read_their_review_until_they_answer_or_the_window_closes(app, org):
    with app.app_context():
        ids = october(org)
    reading = ("Xem kết quả đánh giá tháng 10/2026", f"/reviews/2026/10/people/{org.staff}#review-response", "todo",
               date(2026, 11, 8), None)
    assert reading in work(app, "staff")
    # September's review was approved on 02/10: its window closed long ago.
    assert not [item for item in work(app, "staff") if "09/2026" in item[0]]
    assert reading not in work(app, "staff", today=date(2026, 11, 9))
    with app.app_context():
        db.session.add(ReviewResponse(review_id=ids.review_id, acknowledged_at=datetime(2026, 11, 4, 8, 0)))
        db.session.commit()
    assert reading not in work(app, "staff")


def test_the_reviewer_is_asked_to_reply_to_an_objection_until_they_do(app, org):
    with app.app_context():
        ids = october(org)
        answer = ReviewResponse(review_id=ids.review_id, objection="Tôi chưa đồng ý với điểm năng lực.",
                                objected_at=datetime(2026, 11, 4, 8, 0))
        db.session.add(answer)
        db.session.commit()
    replying = ("Trả lời phản hồi của Hoàng Văn Ân về đánh giá tháng 10/2026",
                f"/reviews/2026/10/people/{org.staff}#review-response", "decide", None, None)
    assert replying in work(app, "head")
    assert replying not in work(app, "head_b") and replying not in work(app, "staff")
    with app.app_context():
        answer = db.session.scalar(select(ReviewResponse))
        answer.reply = "Đã xem lại, giữ nguyên."
        db.session.commit()
    assert replying not in work(app, "head")


def test_an_account_without_a_person_has_nothing_to_do_here(app, org):
    with app.app_context():
        october(org)
    assert work(app, "admin") == []


def _queries(app, username) -> int:
    """The statements of a second look, so that both counts see the worker's reviewer mapping (app/roster.py, kept
    per data version) in the same state."""
    work(app, username)
    statements = []
    with app.app_context():
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert work(app, username)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
    return len(statements)


def _objection(review_id: int) -> None:
    db.session.add(ReviewResponse(review_id=review_id, objection="Tôi chưa đồng ý với điểm năng lực.",
                                  objected_at=datetime(2026, 11, 4, 8, 0)))
    db.session.commit()


def test_the_number_of_queries_does_not_grow_with_people_or_months(app, org):
    """Department B's head has people to review, their own review to answer, and objections to reply to."""
    with app.app_context():
        factories.year(2026, states={9: "review", 10: "review", 11: "review"})
        make_review(org.head_b, 2026, 10, state="approved", reviewer="chief")
        _objection(make_review(org.staff_b, 2026, 9, state="approved", reviewer="head_b"))
    few = _queries(app, "head_b")
    with app.app_context():
        department = db.session.get(Department, org.dept_b)
        for number in range(12):
            person = factories.person(f"Người{number}", "Vũ", "Thị", "chuyen_vien", department,
                                      username=f"nguoi{number}")
            review_id = make_review(person.id, 2026, 9 + number % 3, state="approved", reviewer="head_b")
            if number % 2:
                _objection(review_id)
        make_review(org.head_b, 2026, 11, state="approved", reviewer="chief")
    assert len([item for item in work(app, "head_b") if item[0].startswith("Trả lời phản hồi")]) == 7
    assert _queries(app, "head_b") == few
