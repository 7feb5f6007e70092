"""A person's shortcoming ledger: every shortcoming across months and years, what became of it month by month,
open or fixed, in a constant number of queries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import event, select

from app.extensions import db
from app.models import Shortcoming, ShortcomingFollowUp, Year
from tests import factories
from tests.views.conftest import HX, login
from tests.views.test_review_person import account_id, make_review, october


def _fixed_in_november(org, ids) -> None:
    """November's review finds October's shortcoming fixed."""
    year = db.session.scalar(select(Year).where(Year.year == 2026))
    november = factories.month(year, 11)
    db.session.add(ShortcomingFollowUp(shortcoming_id=ids.raised, month_id=november.id,
                                       person_report="Đã lập bảng kiểm số liệu trước khi gửi.", verdict="fixed",
                                       judged_by_id=account_id("head"), judged_at=datetime(2026, 12, 1, 9, 0)))
    db.session.get(Shortcoming, ids.raised).closed_in_month_id = november.id
    db.session.commit()


def test_the_ledger_shows_open_and_fixed_shortcomings_with_their_verdicts(app, client, org):
    with app.app_context():
        ids = october(org)
        _fixed_in_november(org, ids)
    login(client, "head")
    response = client.get(f"/reviews/people/{org.staff}/shortcomings")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Còn mở: 1" in page and "Đã khắc phục: 1" in page
    # Newest raised first: October's (fixed in November) before September's (partly fixed in October, still open).
    assert page.index("Báo cáo tuần còn sai số liệu.") < page.index("Chậm cập nhật hồ sơ khen thưởng lên phần mềm.")
    for text in ("Rà soát số liệu trước khi gửi.", "Tháng 11/2026:", "Đã lập bảng kiểm số liệu trước khi gửi.",
                 "Đã khắc phục tháng 11/2026", "Cập nhật trong 3 ngày làm việc kể từ khi nhận hồ sơ.",
                 "Tháng 10/2026:", "Đã cập nhật 18/20 hồ sơ trong hạn.", "Khắc phục một phần", "Còn 2 hồ sơ chậm.",
                 "(Đỗ Thị Lan)", "Còn mở"):
        assert text in page, text
    # Each shortcoming links to the month that raised it.
    assert f"/reviews/2026/9/people/{org.staff}" in page and f"/reviews/2026/10/people/{org.staff}" in page
    fragment = client.get(f"/reviews/people/{org.staff}/shortcomings", headers=HX).get_data(as_text=True)
    assert '<div id="ledger"' in fragment and "<h1>" not in fragment


def test_a_person_without_shortcomings_sees_an_empty_ledger(app, client, org):
    login(client, "staff")
    page = client.get(f"/reviews/people/{org.staff}/shortcomings").get_data(as_text=True)
    assert "Chưa có tồn tại, hạn chế nào" in page and "Còn mở: 0" in page


def test_the_ledger_is_refused_to_another_departments_head(app, client, org):
    login(client, "head_b")
    assert client.get(f"/reviews/people/{org.staff}/shortcomings").status_code == 403
    assert client.get("/reviews/people/99999/shortcomings").status_code == 404


def _queries(app, client, person_id) -> int:
    statements = []
    with app.app_context():
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get(f"/reviews/people/{person_id}/shortcomings").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
    return len(statements)


def test_the_ledger_costs_the_same_queries_for_one_shortcoming_or_many(app, client, org):
    with app.app_context():
        year = factories.year(2026, states={number: "closed" for number in range(1, 11)})
        with factories.past_writable():
            for number in range(1, 10):
                review_id = make_review(org.staff, 2026, number)
                db.session.add(Shortcoming(person_id=org.staff, raised_in_id=review_id,
                                           raised_month_id=factories.month(year, number).id,
                                           text=f"Tồn tại tháng {number}.", expected_fix="Khắc phục."))
                db.session.flush()
                if number > 1:
                    db.session.add(ShortcomingFollowUp(
                        shortcoming_id=db.session.scalar(select(Shortcoming.id).where(
                            Shortcoming.text == f"Tồn tại tháng {number - 1}.")),
                        month_id=factories.month(year, number).id, person_report="Đã sửa.", verdict="not_fixed",
                        judged_by_id=account_id("head" if number % 2 else "chief")))
            review_b = make_review(org.staff_b, 2026, 3, reviewer="head_b")
            only = Shortcoming(person_id=org.staff_b, raised_in_id=review_b,
                               raised_month_id=factories.month(year, 3).id, text="Một tồn tại.")
            db.session.add(only)
            db.session.flush()
            db.session.add(ShortcomingFollowUp(shortcoming_id=only.id, month_id=factories.month(year, 4).id,
                                               verdict="fixed", judged_by_id=account_id("head_b")))
            db.session.commit()
    login(client, "chief")
    _queries(app, client, org.staff_b)  # the first page of a worker also fills its per-worker memos (the unit's name)
    assert _queries(app, client, org.staff_b) == _queries(app, client, org.staff)
