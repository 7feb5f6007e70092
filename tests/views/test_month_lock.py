"""A closed month is locked where every write passes (the session's flush), and it closes only when every review
is written and approved and every earlier shortcoming has its verdict."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, CommitmentItem, CommitmentSheet, Month, MonthlyReview, Shortcoming, Year
from app.models import ShortcomingFollowUp as FollowUp
from app.month_lock import MonthClosed
from tests import factories
from tests.views.conftest import HX, login


def month_of(number: int, year: int = 2026) -> Month:
    return db.session.scalar(select(Month).join(Year).where(Year.year == year, Month.number == number))


@pytest.fixture
def october_closed(app, org):
    """October closed with a reviewed month for the staff member; November at review."""
    with app.app_context():
        factories.year(2026, states={10: "closed", 11: "review"})
        october = month_of(10)
        sheet = CommitmentSheet(person_id=org.staff, month_id=october.id, state="submitted")
        sheet.items.append(CommitmentItem(position=1, title="Báo cáo tháng", outcome="on_time"))
        db.session.add_all([
            sheet,
            MonthlyReview(person_id=org.staff, month_id=october.id, self_general={}, self_state="submitted",
                          review_state="approved", review_level="htt", review_score=Decimal("85.0")),
            Shortcoming(person_id=org.staff, raised_month_id=october.id, text="Nộp báo cáo chậm",
                        expected_fix="Nộp trước ngày 25"),
        ])
        with factories.past_writable():
            db.session.commit()
    return org


def test_no_write_reaches_a_closed_month_through_the_data_layer(app, october_closed):
    with app.app_context():
        october = month_of(10)
        changes = [
            lambda: setattr(db.session.scalar(select(MonthlyReview)), "review_level", "htxs"),
            lambda: setattr(db.session.scalar(select(CommitmentItem)), "outcome", "late"),
            lambda: _append_item(db.session.scalar(select(CommitmentSheet))),
            lambda: setattr(db.session.scalar(select(Shortcoming)), "text", "Sửa lại nội dung tồn tại"),
            lambda: db.session.add(MonthlyReview(person_id=october_closed.head, month_id=october.id,
                                                 self_general={})),
            lambda: db.session.delete(db.session.scalar(select(MonthlyReview))),
            lambda: setattr(month_of(10), "state", "review"),
        ]
        for change in changes:
            kept = change()  # noqa: F841  (the changed record must outlive the commit)
            with pytest.raises(MonthClosed) as refused:
                db.session.commit()
            assert refused.value.month_label == "10/2026"
            db.session.rollback()
        assert db.session.scalar(select(MonthlyReview)).review_level == "htt"
        assert db.session.scalar(select(CommitmentItem)).outcome == "on_time"
        assert len(db.session.scalar(select(CommitmentSheet)).items) == 1


def _append_item(sheet: CommitmentSheet) -> CommitmentSheet:
    sheet.items.append(CommitmentItem(position=2, title="Việc thêm sau khi chốt"))
    return sheet


def test_a_later_month_may_judge_a_shortcoming_raised_in_a_closed_month(app, october_closed):
    """Closing a shortcoming is November's business, not October's: it goes through while October stays locked."""
    with app.app_context():
        november = month_of(11)
        shortcoming = db.session.scalar(select(Shortcoming))
        db.session.add(FollowUp(shortcoming_id=shortcoming.id, month_id=november.id, verdict="fixed"))
        shortcoming.closed_in_month_id = november.id
        db.session.commit()
        assert db.session.scalar(select(Shortcoming)).closed_in_month_id == november.id


def test_closing_a_month_and_its_last_writes_in_one_transaction_is_allowed(app, october_closed):
    with app.app_context():
        november = month_of(11)
        db.session.add(MonthlyReview(person_id=october_closed.staff, month_id=november.id, self_general={},
                                     review_state="approved"))
        november.state = "closed"
        db.session.commit()
        assert month_of(11).state == "closed"


def test_a_write_refused_by_the_lock_answers_409_in_vietnamese_and_keeps_nothing(client, app, october_closed):
    login(client, "staff")
    response = client.post("/commitments/2026/10/items", data={"title": "Việc mới"}, headers=HX)
    assert response.status_code == 409
    assert "10/2026" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(CommitmentItem).count() == 1


def test_a_month_closes_only_when_every_review_is_approved_and_every_shortcoming_judged(client, app, october_closed):
    org = october_closed
    login(client, "leader")
    refused = client.post("/years/2026/months/11/advance", headers=HX)
    text = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "Chưa thể chốt tháng 11/2026" in text and "Chưa đánh giá" in text
    assert "Tồn tại, hạn chế của các tháng trước chưa có kết luận khắc phục" in text and "Hoàng Văn Ân (1)" in text
    with app.app_context():
        november = month_of(11)
        for person_id in (org.leader, org.head, org.staff, org.head_b, org.staff_b):
            db.session.add(MonthlyReview(person_id=person_id, month_id=november.id, self_general={},
                                         review_state="reviewed"))
        db.session.commit()
    still = client.post("/years/2026/months/11/advance", headers=HX).get_data(as_text=True)
    assert "Đã đánh giá nhưng chưa được duyệt (5)" in still and "Chưa đánh giá" not in still
    with app.app_context():
        november = month_of(11)
        for review in db.session.scalars(select(MonthlyReview).where(MonthlyReview.month_id == november.id)):
            review.review_state = "approved"
        shortcoming = db.session.scalar(select(Shortcoming))
        db.session.add(FollowUp(shortcoming_id=shortcoming.id, month_id=november.id, verdict="partly_fixed"))
        db.session.commit()
    closed = client.post("/years/2026/months/11/advance", headers=HX)
    assert closed.status_code == 200
    with app.app_context():
        assert month_of(11).state == "closed"
        assert db.session.query(AuditEvent).filter_by(entity="month", action="set_state").count() == 1


def test_people_on_leave_and_the_truong_ban_do_not_hold_a_month_open(client, app, org):
    with app.app_context():
        factories.year(2026, states={11: "review"})
        november = month_of(11)
        for person_id in (org.leader, org.head, org.head_b, org.staff_b):
            db.session.add(MonthlyReview(person_id=person_id, month_id=november.id, self_general={},
                                         review_state="approved"))
        db.session.add(MonthlyReview(person_id=org.staff, month_id=november.id, self_general={}, leave="sick"))
        db.session.commit()
    login(client, "chief")
    assert client.post("/years/2026/months/11/advance", headers=HX).status_code == 200
