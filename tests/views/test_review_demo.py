"""The demo's leaders' side: three closed months reviewed and approved with the domain's own scores and levels,
shortcomings followed month by month (some still open for November to judge), one amendment, one objection."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest
from sqlalchemy import select

from app import demo, roster
from app.domain.discipline import disciplined_in_year
from app.domain.reviews import changes_needing_reasons, pasted_texts, required_level
from app.domain.rulebooks import rulebook
from app.domain.scoring import general_points, round_one_decimal
from app.extensions import db
from app.models import (
    Account,
    Discipline,
    Month,
    MonthlyReview,
    Person,
    ReviewAmendment,
    ReviewResponse,
    Shortcoming,
    ShortcomingFollowUp,
)
from app.reviews import closing
from app.reviews.queries import shortcomings_to_judge
from tests.views.conftest import login

BOOK = rulebook("vn-2026")
REVIEWS_DEMO = "app.reviews.demo"
PASSWORD = "demo1234"


def _seed(monkeypatch) -> dict[str, str]:
    """The whole demo, with this area's part in it (until app.demo lists it, after the discipline it rates)."""
    if REVIEWS_DEMO not in demo.AREA_SEEDS:
        monkeypatch.setattr(demo, "AREA_SEEDS", (*demo.AREA_SEEDS, REVIEWS_DEMO))
    return {line.split("\t")[1]: line.split("\t")[0] for line in demo.seed(password=PASSWORD)}


@pytest.fixture
def seeded(app, monkeypatch):
    with app.app_context():
        return _seed(monkeypatch)


def _months() -> dict[int, Month]:
    return {month.number: month for month in db.session.scalars(select(Month))}


def _points(values: dict) -> dict[str, Decimal]:
    return {code: Decimal(str(value)) for code, value in (values or {}).items()}


def test_the_demo_lists_the_reviews_after_the_discipline_they_rate():
    """The reviews demo reads the year's disciplines (a disciplined person is rated Không hoàn thành nhiệm vụ), so
    app.demo must run it after app.people.discipline_demo."""
    assert REVIEWS_DEMO in demo.AREA_SEEDS
    assert demo.AREA_SEEDS.index(REVIEWS_DEMO) > demo.AREA_SEEDS.index("app.people.discipline_demo")


def test_august_to_october_are_reviewed_and_approved_by_the_rules(app, seeded):
    with app.app_context():
        months = _months()
        choices = roster.reviewer_choices()
        chief_account = db.session.scalar(select(Account.id).join(Person).where(Person.position == "truong_ban"))
        accounts = dict(db.session.execute(select(Account.person_id, Account.id)).all())
        disciplines = defaultdict(list)
        for record in db.session.scalars(select(Discipline)):
            disciplines[record.person_id].append(record)
        disciplined = {pid for pid, found in disciplines.items() if disciplined_in_year(found, 2026)}
        assert disciplined, "the discipline demo records one khiển trách in 2026"
        for number in (8, 9, 10):
            reviews = list(db.session.scalars(select(MonthlyReview).where(MonthlyReview.month_id == months[number].id)))
            written = [r for r in reviews if r.review_state != "pending"]
            for review in reviews:
                reviewer = choices[review.person_id].reviewer_id
                if reviewer is None:  # the Trưởng ban: the superior body's result, recorded by the office
                    assert review.review_state == "approved" and review.review_level == "htxs"
                    assert (review.reviewer_id, review.approved_by_id) == (None, None)
                    assert review.superior_ref.startswith("Thông báo số ")
                    continue
                if review.leave:
                    assert review.review_state == "pending"
                    continue
                assert review.review_state == "approved"
                assert (review.reviewer_id, review.approved_by_id) == (accounts[reviewer], chief_account)
                assert review.reviewed_at < review.approved_at
                general = _points(review.review_general)
                assert review.review_score == round_one_decimal(general_points(general, BOOK.scoring)
                                                                + review.review_task_points)
                assert review.review_level == required_level(review.review_score, BOOK,
                                                             review.person_id in disciplined)
                changed = changes_needing_reasons({**_points(review.self_general), "tasks": review.self_task_points},
                                                  {**general, "tasks": review.review_task_points})
                if not review.amended_at:  # an amendment carries its own reason
                    assert set(changed) == set(review.change_reasons)  # every change has its reason, only changes
                assert review.strengths and review.direction
            assert len(written) >= 15
            # No text pasted for several people, and nothing left open that would have kept the month from closing.
            assert pasted_texts({r.person_id: r.strengths for r in written}) == {}
            assert pasted_texts({r.person_id: r.direction for r in written}) == {}
            assert closing.blockers(months[number]) == []
            assert any(r.change_reasons for r in written)  # some figures lowered, with reasons
        for person_id in disciplined:
            levels = db.session.scalars(select(MonthlyReview.review_level).where(
                MonthlyReview.person_id == person_id, MonthlyReview.review_state == "approved"))
            assert set(levels) == {"kht"}


def test_shortcomings_are_followed_until_fixed_and_november_has_some_to_judge(app, seeded):
    with app.app_context():
        months = _months()
        month_numbers = {month.id: number for number, month in months.items()}
        shortcomings = list(db.session.scalars(select(Shortcoming)))
        raised = {month_numbers[s.raised_month_id] for s in shortcomings}
        assert {8, 9} <= raised and raised <= {8, 9, 10}
        assert all(s.text and s.expected_fix and s.raised_in_id for s in shortcomings)
        for shortcoming in shortcomings:
            verdicts = {month_numbers[f.month_id]: f.verdict for f in shortcoming.follow_ups}
            judged = [n for n in (9, 10) if n > month_numbers[shortcoming.raised_month_id]]
            assert set(judged) <= set(verdicts)  # every month after it was raised gave a verdict
            if shortcoming.closed_in_month_id is not None:
                assert verdicts[month_numbers[shortcoming.closed_in_month_id]] == "fixed"
            else:
                assert "fixed" not in verdicts.values()
        assert {f.verdict for s in shortcomings for f in s.follow_ups} >= {"fixed", "partly_fixed", "not_fixed"}
        to_judge = shortcomings_to_judge(months[11])
        waiting = [(s, f) for pairs in to_judge.values() for s, f in pairs]
        assert len(waiting) >= 2 and all(f is None or f.verdict is None for _s, f in waiting)
        reported = [f for _s, f in waiting if f is not None and f.person_report]
        assert reported, "someone has already reported on an open shortcoming in November"
        assert db.session.scalar(select(ShortcomingFollowUp.id).where(
            ShortcomingFollowUp.month_id == months[12].id)) is None


def test_one_october_review_was_amended_after_closing_and_one_was_objected_to(app, seeded):
    with app.app_context():
        months = _months()
        amendment = db.session.scalars(select(ReviewAmendment)).one()
        review = amendment.review
        assert review.month_id == months[10].id and months[10].state == "closed"
        assert review.amended_at == amendment.made_at and amendment.made_at > review.approved_at
        assert amendment.reason and amendment.before and amendment.before != amendment.after
        assert amendment.after["review_score"] == format(review.review_score.normalize(), "f")
        assert review.review_level == required_level(review.review_score, BOOK, False)
        responses = list(db.session.scalars(select(ReviewResponse)))
        objections = [r for r in responses if r.objection]
        assert len(objections) == 1
        objection = objections[0]
        assert objection.review.month_id in (months[9].id, months[10].id)
        assert objection.reply and objection.replied_by_id == objection.review.reviewer_id
        assert objection.objected_at < objection.replied_at and objection.acknowledged_at is None
        # The months reviewed in the app (January–July were brought in from the unit's Excel sheets).
        approved = db.session.scalar(select(db.func.count()).select_from(MonthlyReview)
                                     .join(Month, MonthlyReview.month_id == Month.id)
                                     .where(MonthlyReview.review_state == "approved", Month.number.in_((8, 9, 10))))
        acknowledged = [r for r in responses if r.acknowledged_at]
        assert len(acknowledged) >= 0.7 * approved  # most people acknowledged their review


def test_the_overview_of_the_demo_year_shows_the_reviews_and_the_amendment(app, client, seeded):
    login(client, seeded["Phạm Quang Huy"], PASSWORD)
    page = client.get("/reviews/2026/overview").get_data(as_text=True)
    assert page.count('class="hm hm--review') >= 3 * 17
    assert page.count("Đã điều chỉnh sau khi chốt tháng") == 1
    assert "Không có tháng nào đang tự đánh giá hay đánh giá" not in page  # November is under way
