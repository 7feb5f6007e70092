"""Amending a review after its month closed: only with a reason, only once the month is closed, the score computed
on the server, the original kept visible beside the amended values, and the change in the audit trail. Any other
write into the closed month stays refused by the data layer."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import AuditEvent, MonthlyReview, ReviewAmendment, Shortcoming
from app.month_lock import MonthClosed
from tests import factories
from tests.views.conftest import HX, login
from tests.views.test_review_person import account_id, make_review, october, url

# The October review as approved: 9 + 8,5 + 8 general points, 56 task points, 81,5 in all, Hoàn thành tốt.
AMENDED = {"g_politics_ethics": "9", "g_competence": "9,5", "g_innovation": "9", "task_points": "63",
           "level": "htxs", "strengths": "Thẩm định hồ sơ cẩn thận, đúng hạn.",
           "direction": "Lập lịch cập nhật số liệu hằng tuần.",
           "reason": "Bổ sung kết quả chuyên đề tháng 10 được Sở Nội vụ ghi nhận sau khi chốt tháng."}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 5))


def _version(app, review_id: int) -> int:
    with app.app_context():
        return db.session.get(MonthlyReview, review_id).version


def test_the_form_opens_prefilled_with_the_approved_review(app, client, org):
    with app.app_context():
        ids = october(org)
    login(client, "head")
    page = client.get(url(org.staff)).get_data(as_text=True)
    assert "Điều chỉnh sau khi chốt tháng" in page and url(org.staff, action="amend") in page
    response = client.get(url(org.staff, action="amend"), headers=HX)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert 'id="review-body"' in body
    assert re.search(r'name="g_competence"[^>]*value="8,5"', body) and re.search(r'name="task_points"[^>]*value="56"', body)
    assert '<option selected value="htt">' in body
    assert f'name="version" type="hidden" value="{_version(app, ids.review_id)}"' in body


def test_an_amendment_with_its_reason_keeps_the_original_visible_everywhere_on_the_page(app, client, org):
    with app.app_context():
        ids = october(org)
    login(client, "head")
    response = client.post(url(org.staff, action="amend"), data={**AMENDED, "version": _version(app, ids.review_id)})
    assert response.status_code == 303 and response.headers["Location"].endswith(url(org.staff))
    with app.app_context():
        review = db.session.get(MonthlyReview, ids.review_id)
        # 9 + 9,5 + 9 + 63 = 90,5: computed on the server, never posted.
        assert (review.review_score, review.review_level, review.review_task_points) == (
            Decimal("90.5"), "htxs", Decimal("63"))
        assert review.review_general == {"politics_ethics": "9", "competence": "9.5", "innovation": "9"}
        assert review.amended_at is not None and review.review_state == "approved"
        amendment = db.session.scalar(select(ReviewAmendment))
        assert amendment.made_by_id == account_id("head") and amendment.reason == AMENDED["reason"]
        assert amendment.before == {"review_level": "htt", "review_score": "81.5", "review_task_points": "56",
                                    "review_general": {"politics_ethics": "9", "competence": "8.5", "innovation": "8"}}
        assert amendment.after["review_score"] == "90.5" and amendment.after["review_level"] == "htxs"
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.entity == "monthly_review",
                                                           AuditEvent.action == "amend"))
        assert event.entity_id == ids.review_id and event.reason == AMENDED["reason"]
        assert event.before["review_level"] == "htt" and event.after["review_level"] == "htxs"
    for username in ("head", "staff"):  # the reviewer and the person read the same marks
        client.post("/logout")
        login(client, username)
        page = client.get(url(org.staff)).get_data(as_text=True)
        assert "Đã điều chỉnh" in page and "Các lần điều chỉnh sau khi chốt tháng" in page
        assert AMENDED["reason"] in page and "Đỗ Thị Lan" in page
        assert "Hoàn thành xuất sắc nhiệm vụ" in page and "90,5" in page  # the amended values
        assert "Ban đầu: Hoàn thành tốt nhiệm vụ" in page and "Ban đầu: 81,5" in page and "Ban đầu: 8,5" in page
        assert "Hoàn thành tốt nhiệm vụ</span> → <span" in page and "81,5</span> → <span" in page


def test_an_amendment_without_a_reason_is_refused_and_changes_nothing(app, client, org):
    with app.app_context():
        ids = october(org)
    login(client, "head")
    response = client.post(url(org.staff, action="amend"),
                           data={**AMENDED, "reason": "  ", "version": _version(app, ids.review_id)}, headers=HX)
    assert response.status_code == 422
    assert "Điều chỉnh sau khi chốt tháng phải ghi lý do." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(MonthlyReview, ids.review_id).review_level == "htt"
        assert db.session.scalar(select(ReviewAmendment)) is None


def test_the_level_must_agree_with_the_recomputed_score(app, client, org):
    with app.app_context():
        ids = october(org)
    login(client, "head")
    response = client.post(url(org.staff, action="amend"),
                           data={**AMENDED, "task_points": "56", "version": _version(app, ids.review_id)}, headers=HX)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Điểm 83.5 thuộc mức Hoàn thành tốt nhiệm vụ" in body and 'value="9,5"' in body  # input kept
    with app.app_context():
        assert db.session.scalar(select(ReviewAmendment)) is None


def test_an_amendment_that_changes_nothing_is_refused(app, client, org):
    with app.app_context():
        ids = october(org)
    login(client, "head")
    unchanged = {**AMENDED, "g_competence": "8,5", "g_innovation": "8", "task_points": "56", "level": "htt"}
    response = client.post(url(org.staff, action="amend"), data={**unchanged, "version": _version(app, ids.review_id)},
                           headers=HX)
    assert response.status_code == 422 and "chưa thay đổi nội dung nào" in response.get_data(as_text=True)


def test_a_stale_amendment_gets_409_with_the_input_kept(app, client, org):
    with app.app_context():
        ids = october(org)
    stale = _version(app, ids.review_id)
    login(client, "chief")
    first = {**AMENDED, "level": "htt", "g_competence": "8,5", "g_innovation": "8", "task_points": "56",
             "strengths": "Thẩm định hồ sơ cẩn thận, đúng hạn; hướng dẫn đồng nghiệp mới.",
             "reason": "Bổ sung ưu điểm theo ý kiến của phòng."}
    assert client.post(url(org.staff, action="amend"), data={**first, "version": stale}).status_code == 303
    client.post("/logout")
    login(client, "head")
    response = client.post(url(org.staff, action="amend"), data={**AMENDED, "version": stale}, headers=HX)
    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert "vừa được người khác điều chỉnh" in body and "Ưu điểm" in body and 'value="9,5"' in body
    assert f'name="version" type="hidden" value="{_version(app, ids.review_id)}"' in body  # a second save overwrites
    with app.app_context():
        assert db.session.scalar(select(MonthlyReview.review_level)
                                 .where(MonthlyReview.id == ids.review_id)) == "htt"
        assert len(db.session.scalars(select(ReviewAmendment)).all()) == 1


def test_an_amendment_is_refused_while_the_month_is_open(app, client, org):
    with app.app_context():
        factories.year(2026, states={11: "review"})
        make_review(org.staff, 2026, 11)
    login(client, "head")
    page = client.get(url(org.staff, 11)).get_data(as_text=True)
    assert "Điều chỉnh sau khi chốt tháng" not in page
    for method in ("get", "post"):
        response = getattr(client, method)(url(org.staff, 11, "amend"), data=AMENDED)
        assert response.status_code == 409
        assert "Tháng chưa chốt: hãy sửa trực tiếp ở bảng bình xét." in response.get_data(as_text=True)


@pytest.mark.parametrize("username", ["staff", "head_b", "admin"])
def test_neither_the_person_nor_outsiders_amend(app, client, org, username):
    with app.app_context():
        ids = october(org)
    login(client, username)
    response = client.post(url(org.staff, action="amend"), data={**AMENDED, "version": _version(app, ids.review_id)})
    assert response.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(ReviewAmendment)) is None


def test_a_levels_only_year_amends_the_level_alone(app, client, org):
    with app.app_context():
        year = factories.year(2025, states={12: "closed"})
        review = MonthlyReview(person_id=org.staff, month_id=factories.month(year, 12).id, self_state="submitted",
                               self_level="htt", review_state="approved", review_level="htt",
                               reviewer_id=account_id("head"), approved_by_id=account_id("chief"),
                               strengths="Hoàn thành tốt công việc được giao.")
        with factories.past_writable():
            db.session.add(review)
            db.session.commit()
        review_id, version = review.id, review.version
    login(client, "leader")
    form = client.get(f"/reviews/2025/12/people/{org.staff}/amend").get_data(as_text=True)
    assert 'name="level"' in form and "g_competence" not in form and "task_points" not in form
    response = client.post(f"/reviews/2025/12/people/{org.staff}/amend",
                           data={"level": "ht", "strengths": "Hoàn thành tốt công việc được giao.", "direction": "",
                                 "reason": "Phát hiện sai sót trong hồ sơ tháng 12 sau khi chốt.",
                                 "version": version})
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(MonthlyReview, review_id).review_level == "ht"
        assert db.session.scalar(select(ReviewAmendment)).before == {"review_level": "htt"}


def test_the_data_layer_refuses_any_other_write_into_a_closed_month(app, org):
    with app.app_context():
        ids = october(org)
        review = db.session.get(MonthlyReview, ids.review_id)
        review.strengths = "Sửa thẳng vào tháng đã chốt."
        with pytest.raises(MonthClosed):
            db.session.commit()
        db.session.rollback()
        db.session.add(Shortcoming(person_id=org.staff, raised_in_id=ids.review_id,
                                   raised_month_id=review.month_id, text="Thêm tồn tại sau khi chốt."))
        with pytest.raises(MonthClosed):
            db.session.commit()
        db.session.rollback()
        assert db.session.get(MonthlyReview, ids.review_id).strengths == "Thẩm định hồ sơ cẩn thận, đúng hạn."
