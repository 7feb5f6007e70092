"""One person's review of a month: who may read it, what it shows, and the person's answer (acknowledge or object)
with the reviewer's reply — which works after the month has closed."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import Account, AuditEvent, MonthlyReview, ReviewResponse, Shortcoming, ShortcomingFollowUp, Year
from tests import factories
from tests.views.conftest import HX, login

TODAY = date(2026, 11, 5)
APPROVED_AT = datetime(2026, 11, 3, 9, 30)  # with the rulebook's 5 days: answers until 08/11/2026


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def account_id(username: str) -> int:
    return db.session.scalar(select(Account.id).where(Account.username == username))


def make_review(person_id: int, year: int, number: int, *, state: str = "approved", reviewer: str = "head",
                approver: str | None = "chief", approved_at: datetime | None = APPROVED_AT, **fields) -> int:
    """A self-assessed, reviewed (and by default approved) month, written as it would have been before closing."""
    month = factories.month(db.session.scalar(select(Year).where(Year.year == year)), number)
    values = {
        "self_state": "submitted", "self_submitted_at": datetime(year, number, 25, 8, 0),
        "self_general": {"politics_ethics": "9", "competence": "9", "innovation": "8"},
        "self_task_points": Decimal("56"), "self_score": Decimal("82.0"), "self_level": "htt",
        "self_strengths": "Chủ động nắm bắt công việc.", "self_shortcomings": "Đôi khi chậm cập nhật số liệu.",
        "review_state": state, "reviewer_id": account_id(reviewer) if state != "pending" else None,
        "reviewed_at": datetime(year, number, 28, 10, 0) if state != "pending" else None,
        "review_general": {"politics_ethics": "9", "competence": "8.5", "innovation": "8"},
        "review_task_points": Decimal("56"), "review_score": Decimal("81.5"), "review_level": "htt",
        "change_reasons": {"competence": "Chậm nộp báo cáo tổng hợp quý III."},
        "strengths": "Thẩm định hồ sơ cẩn thận, đúng hạn.",
        "direction": "Lập lịch cập nhật số liệu hằng tuần.",
        "approved_by_id": account_id(approver) if state == "approved" and approver else None,
        "approved_at": approved_at if state == "approved" else None,
        **fields,
    }
    review = MonthlyReview(person_id=person_id, month_id=month.id, **values)
    with factories.past_writable():
        db.session.add(review)
        db.session.commit()
    return review.id


def october(org, states=None) -> SimpleNamespace:
    """2026 with September and October closed and November at review; department A's staff member has an approved
    October review, a shortcoming raised in September judged in October, and one raised in October."""
    year = factories.year(2026, states=states or {9: "closed", 10: "closed", 11: "review"})
    september, october_month = factories.month(year, 9), factories.month(year, 10)
    september_review = make_review(org.staff, 2026, 9, approved_at=datetime(2026, 10, 2, 9, 0))
    review_id = make_review(org.staff, 2026, 10)
    earlier = Shortcoming(person_id=org.staff, raised_in_id=september_review, raised_month_id=september.id,
                          text="Chậm cập nhật hồ sơ khen thưởng lên phần mềm.",
                          expected_fix="Cập nhật trong 3 ngày làm việc kể từ khi nhận hồ sơ.")
    raised = Shortcoming(person_id=org.staff, raised_in_id=review_id, raised_month_id=october_month.id,
                         text="Báo cáo tuần còn sai số liệu.", expected_fix="Rà soát số liệu trước khi gửi.")
    with factories.past_writable():
        db.session.add_all([earlier, raised])
        db.session.flush()
        db.session.add(ShortcomingFollowUp(shortcoming_id=earlier.id, month_id=october_month.id,
                                           person_report="Đã cập nhật 18/20 hồ sơ trong hạn.",
                                           verdict="partly_fixed", verdict_note="Còn 2 hồ sơ chậm.",
                                           judged_by_id=account_id("head"), judged_at=datetime(2026, 10, 29, 10, 0)))
        db.session.commit()
    return SimpleNamespace(review_id=review_id, earlier=earlier.id, raised=raised.id)


def url(org_person: int, number: int = 10, action: str = "") -> str:
    return f"/reviews/2026/{number}/people/{org_person}" + (f"/{action}" if action else "")


# --- Reading -----------------------------------------------------------------------------------------------------

def test_the_reviewer_reads_the_whole_month(app, client, org):
    with app.app_context():
        ids = october(org)
    login(client, "head")
    response = client.get(url(org.staff))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for text in ("Hoàng Văn Ân", "Chủ động nắm bắt công việc.",  # the self-assessment
                 "Thẩm định hồ sơ cẩn thận, đúng hạn.", "Lập lịch cập nhật số liệu hằng tuần.",  # strengths, direction
                 "Báo cáo tuần còn sai số liệu.", "Rà soát số liệu trước khi gửi.",  # raised this month, with the fix
                 "Chậm cập nhật hồ sơ khen thưởng lên phần mềm.", "Đã cập nhật 18/20 hồ sơ trong hạn.",
                 "Khắc phục một phần", "Còn 2 hồ sơ chậm.",  # the verdict on September's shortcoming
                 "Chậm nộp báo cáo tổng hợp quý III.", "81,5", "Hoàn thành tốt nhiệm vụ",  # points, reason, level
                 "Đỗ Thị Lan", "ngày 28/10/2026",  # who reviewed, when
                 "Phạm Quang Huy", "ngày 03/11/2026", "Đã duyệt"):  # who approved, when
        assert text in page, text
    assert f"/people/history/monthly_review/{ids.review_id}" in page
    assert f"/reviews/people/{org.staff}/shortcomings" in page
    assert "Đã điều chỉnh" not in page


@pytest.mark.parametrize(("username", "status"), [
    ("staff", 200), ("head", 200), ("leader", 200), ("chief", 200), ("admin", 200),
    ("head_b", 403), ("staff_b", 403),
])
def test_the_page_is_for_the_person_their_leaders_and_admins(app, client, org, username, status):
    with app.app_context():
        october(org)
    login(client, username)
    assert client.get(url(org.staff)).status_code == status
    assert client.get(url(org.staff), headers=HX).status_code == status


def test_a_staff_member_reaches_their_own_review_and_an_admin_has_none(app, client, org):
    with app.app_context():
        october(org)
    login(client, "staff")
    response = client.get("/reviews/mine/2026/10")
    assert response.status_code == 302 and response.headers["Location"].endswith(url(org.staff))
    client.post("/logout")
    login(client, "admin")
    response = client.get("/reviews/mine/2026/10")
    assert response.status_code == 403
    assert "không gắn với cán bộ nào" in response.get_data(as_text=True)


def test_the_person_sees_the_leaders_review_only_once_approved(app, client, org):
    with app.app_context():
        factories.year(2026, states={11: "review"})
        make_review(org.staff, 2026, 11, state="reviewed")
    login(client, "staff")
    page = client.get(url(org.staff, 11)).get_data(as_text=True)
    assert "Chủ động nắm bắt công việc." in page  # their own self-assessment
    assert "Thẩm định hồ sơ cẩn thận" not in page and "sẽ hiện ở đây khi đánh giá được duyệt" in page
    assert "Xác nhận đã xem" not in page
    client.post("/logout")
    login(client, "head")
    assert "Thẩm định hồ sơ cẩn thận" in client.get(url(org.staff, 11)).get_data(as_text=True)


def test_a_month_without_any_review_says_so(app, client, org):
    with app.app_context():
        factories.year(2026, states={11: "review"})
    login(client, "head")
    page = client.get(url(org.staff, 11)).get_data(as_text=True)
    assert "Chưa gửi bản tự đánh giá tháng này." in page
    assert "Chưa có nhận xét, đánh giá của lãnh đạo cho tháng này." in page


# --- The person's answer --------------------------------------------------------------------------------------------

def test_the_person_acknowledges_after_the_month_closed(app, client, org):
    with app.app_context():
        ids = october(org)
    login(client, "staff")
    page = client.get(url(org.staff)).get_data(as_text=True)
    assert "Hạn xác nhận hoặc phản hồi: ngày 08/11/2026" in page and "Xác nhận đã xem và đồng ý" in page
    response = client.post(url(org.staff, action="acknowledge"), data={"version": ""}, headers=HX)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert 'id="review-response"' in body and "Đã xác nhận đánh giá ngày" in body
    assert "Xác nhận đã xem và đồng ý" not in body  # one answer: the buttons are gone
    with app.app_context():
        answer = db.session.scalar(select(ReviewResponse))
        assert answer.review_id == ids.review_id and answer.acknowledged_at is not None and answer.objection == ""
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.entity == "review_response"))
        assert (event.entity_id, event.action, event.actor_id) == (answer.id, "acknowledge", account_id("staff"))
    again = client.post(url(org.staff, action="object"), data={"version": "", "objection": "Tôi chưa đồng ý."},
                        headers=HX)
    assert again.status_code == 409
    assert "đã được trả lời trước đó" in again.get_data(as_text=True)
    assert "Tôi chưa đồng ý." in again.get_data(as_text=True)  # what was typed in vain is shown, not lost


def test_the_person_objects_with_a_text_and_a_plain_form_comes_back_to_the_page(app, client, org):
    with app.app_context():
        october(org)
    login(client, "staff")
    objection = "Tôi đã nộp báo cáo quý III đúng hạn theo công văn số 15/CV-BTĐKT."
    response = client.post(url(org.staff, action="object"), data={"version": "", "objection": objection})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(url(org.staff) + "#review-response")
    page = client.get(url(org.staff)).get_data(as_text=True)
    assert objection in page and "Phản hồi của Hoàng Văn Ân, ngày" in page
    with app.app_context():
        answer = db.session.scalar(select(ReviewResponse))
        assert answer.objection == objection and answer.objected_at is not None and answer.acknowledged_at is None
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.entity == "review_response")) == "object"


def test_an_empty_objection_is_refused_at_the_field(app, client, org):
    with app.app_context():
        october(org)
    login(client, "staff")
    response = client.post(url(org.staff, action="object"), data={"version": "", "objection": "   "}, headers=HX)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Hãy ghi nội dung phản hồi." in body and 'aria-invalid="true"' in body
    with app.app_context():
        assert db.session.scalar(select(ReviewResponse)) is None


def test_after_the_window_the_answer_is_refused_naming_the_deadline(app, client, org, monkeypatch):
    with app.app_context():
        october(org)
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 9))
    login(client, "staff")
    for action, data in (("acknowledge", {}), ("object", {"objection": "Tôi chưa đồng ý."})):
        response = client.post(url(org.staff, action=action), data={"version": "", **data}, headers=HX)
        assert response.status_code == 409
        assert "hạn cuối là ngày 08/11/2026" in response.get_data(as_text=True)
        assert response.headers["HX-Retarget"] == "#flash"
    page = client.get(url(org.staff)).get_data(as_text=True)
    assert "Đã quá hạn xác nhận hoặc phản hồi (hạn cuối ngày 08/11/2026)" in page
    with app.app_context():
        assert db.session.scalar(select(ReviewResponse)) is None


def test_a_review_not_yet_approved_cannot_be_answered(app, client, org):
    with app.app_context():
        factories.year(2026, states={11: "review"})
        make_review(org.staff, 2026, 11, state="reviewed")
    login(client, "staff")
    response = client.post(url(org.staff, 11, "acknowledge"), data={"version": ""})
    assert response.status_code == 409 and "chưa được duyệt" in response.get_data(as_text=True)


@pytest.mark.parametrize("username", ["head", "chief", "admin"])
def test_only_the_person_answers_their_review(app, client, org, username):
    with app.app_context():
        october(org)
    login(client, username)
    assert client.post(url(org.staff, action="acknowledge"), data={"version": ""}).status_code == 403
    assert client.post(url(org.staff, action="object"), data={"objection": "Không đồng ý."}).status_code == 403
    with app.app_context():
        assert db.session.scalar(select(ReviewResponse)) is None


# --- The reviewer's reply -------------------------------------------------------------------------------------------

def _objected(app, org) -> int:
    with app.app_context():
        ids = october(org)
        answer = ReviewResponse(review_id=ids.review_id, objection="Tôi đã nộp báo cáo quý III đúng hạn.",
                                objected_at=datetime(2026, 11, 4, 8, 0))
        db.session.add(answer)
        db.session.commit()
        return answer.version


def test_the_reviewer_replies_and_everything_stays_on_the_page(app, client, org):
    version = _objected(app, org)
    login(client, "head")
    page = client.get(url(org.staff)).get_data(as_text=True)
    assert "Tôi đã nộp báo cáo quý III đúng hạn." in page and "Gửi trả lời" in page
    reply = "Đã kiểm tra: báo cáo nộp ngày 16/10, sau hạn 15/10; giữ nguyên điểm."
    response = client.post(url(org.staff, action="reply"), data={"version": version, "reply": reply}, headers=HX)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert reply in body and "Trả lời của Đỗ Thị Lan, ngày" in body
    client.post("/logout")
    login(client, "staff")
    page = client.get(url(org.staff)).get_data(as_text=True)
    assert "Tôi đã nộp báo cáo quý III đúng hạn." in page and reply in page and "Trả lời của Đỗ Thị Lan" in page
    with app.app_context():
        answer = db.session.scalar(select(ReviewResponse))
        assert (answer.reply, answer.replied_by_id) == (reply, account_id("head")) and answer.replied_at is not None
        assert answer.objection == "Tôi đã nộp báo cáo quý III đúng hạn."  # the objection is kept
        actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.entity == "review_response")).all()
        assert actions == ["reply"]


def test_an_empty_reply_is_refused_and_a_stale_one_keeps_the_text(app, client, org):
    version = _objected(app, org)
    login(client, "head")
    empty = client.post(url(org.staff, action="reply"), data={"version": version, "reply": ""}, headers=HX)
    assert empty.status_code == 422 and "Hãy ghi nội dung trả lời." in empty.get_data(as_text=True)
    with app.app_context():
        answer = db.session.scalar(select(ReviewResponse))
        answer.reply, answer.replied_by_id = "Trả lời của Trưởng ban.", account_id("chief")
        answer.replied_at = datetime(2026, 11, 5, 7, 0)
        db.session.commit()
    stale = client.post(url(org.staff, action="reply"), data={"version": version, "reply": "Trả lời muộn."},
                        headers=HX)
    assert stale.status_code == 409
    body = stale.get_data(as_text=True)
    assert "Phạm Quang Huy vừa trả lời phản hồi này" in body and "Trả lời muộn." in body
    with app.app_context():
        assert db.session.scalar(select(ReviewResponse.reply)) == "Trả lời của Trưởng ban."


@pytest.mark.parametrize(("username", "status"), [("staff", 403), ("head_b", 403), ("leader", 403)])
def test_the_person_and_others_cannot_reply(app, client, org, username, status):
    version = _objected(app, org)
    login(client, username)
    response = client.post(url(org.staff, action="reply"), data={"version": version, "reply": "Trả lời."})
    assert response.status_code == status
    with app.app_context():
        assert db.session.scalar(select(ReviewResponse.reply)) == ""


def test_there_is_nothing_to_reply_to_without_an_objection(app, client, org):
    with app.app_context():
        october(org)
    login(client, "head")
    response = client.post(url(org.staff, action="reply"), data={"version": "", "reply": "Trả lời."})
    assert response.status_code == 409 and "Chưa có phản hồi nào" in response.get_data(as_text=True)
