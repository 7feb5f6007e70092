"""The demo's commitments: four months of invented, consistent data whose scores are the domain's own."""

from __future__ import annotations

from decimal import Decimal

from app import demo
from app.commitments.summary import item_results
from app.domain.rulebooks import rulebook
from app.domain.scoring import monthly_score
from app.extensions import db
from app.models import CommitmentSheet, Month, MonthlyReview
from tests.views.test_commitments import items_of

BOOK = rulebook("vn-2026")


def test_the_demo_months_are_consistent_and_december_has_work_to_copy(app, client, monkeypatch):
    monkeypatch.setattr(demo, "AREA_SEEDS", ("app.commitments.demo",))  # this area's part alone
    with app.app_context():
        accounts = {line.split("\t")[1]: line.split("\t")[0] for line in demo.seed(password="demo1234")}
        months = {m.number: m for m in db.session.query(Month)}
        sheets = db.session.query(CommitmentSheet).all()
        assert {months_number for months_number, m in months.items() if any(s.month_id == m.id for s in sheets)} == {
            8, 9, 10, 11}
        assert all(3 <= len(sheet.items) <= 6 for sheet in sheets)
        for review in db.session.query(MonthlyReview).filter(MonthlyReview.self_state == "submitted"):
            if review.leave:
                assert review.self_score is None
                continue
            sheet = next(s for s in sheets if (s.person_id, s.month_id) == (review.person_id, review.month_id))
            general = {code: Decimal(value) for code, value in review.self_general.items()}
            expected = monthly_score(general, item_results(sheet.items), BOOK)
            assert (review.self_score, review.self_level) == (expected.total, expected.level)
        november = [s for s in sheets if s.month_id == months[11].id]
        returned = [s for s in november if s.state == "returned"]
        assert len(returned) == 1 and returned[0].return_comment and returned[0].returned_by_id
        states = {r.self_state for r in db.session.query(MonthlyReview).filter_by(month_id=months[11].id)}
        assert states == {"draft", "submitted"}
        done = db.session.query(MonthlyReview).filter_by(month_id=months[11].id, self_state="submitted").all()
        person = next(r.person for r in done if any(
            i.outcome == "not_done" for s in november if s.person_id == r.person_id for i in s.items))
        username, person_id = accounts[person.full_name], person.id
    client.post("/login", data={"username": username, "password": "demo1234"})
    response = client.post("/commitments/2026/12/copy-unfinished")
    assert response.status_code == 303
    assert items_of(app, person_id, 2026, 12) and all(i.carried_from_id for i in items_of(app, person_id, 2026, 12))
