"""The demo's year end: January to July brought in from the unit's Excel sheets (the leaders' results only), the
awards of earlier years and a city-level initiative, so that the demo year 2026 has people to rate and titles to
decide: everyone rated, the Hoàn thành xuất sắc quota overflowing, one candidate for “Chiến sĩ thi đua thành phố”
whose title hangs on the quota decision, the unit's “Tập thể lao động tiên tiến” within reach."""

from __future__ import annotations

import copy
from collections import Counter, defaultdict

import pytest
from sqlalchemy import select

from app import demo, roster
from app.domain.discipline import disciplined_in_year
from app.domain.reviews import pasted_texts, required_level
from app.domain.rulebooks import rulebook
from app.domain.year_end import assess
from app.extensions import db
from app.models import Account, Discipline, Month, MonthlyReview, Person, Year
from app.year_end.demo import LOCAL_OFFSET
from app.yearfile.exporter import year_document
from tests.views.conftest import login

BOOK = rulebook("vn-2026")
YEAR_END_DEMO = "app.year_end.demo"
PASSWORD = "demo1234"
EXCEL_MONTHS = range(1, 8)
CANDIDATE = "Lương Văn Hải"  # “Chiến sĩ thi đua cơ sở” in 2024 and 2025, a city-level initiative from 2025
TWICE = "Cao Thị Hằng"  # “Chiến sĩ thi đua cơ sở” in 2024 and 2025, no city-level initiative


def _seed(monkeypatch) -> dict[str, str]:
    """The whole demo, with this area's part in it (until app.demo lists it, after the reviews it completes)."""
    if YEAR_END_DEMO not in demo.AREA_SEEDS:
        monkeypatch.setattr(demo, "AREA_SEEDS", (*demo.AREA_SEEDS, YEAR_END_DEMO))
    return {line.split("\t")[1]: line.split("\t")[0] for line in demo.seed(password=PASSWORD)}


@pytest.fixture
def seeded(app, monkeypatch):
    with app.app_context():
        return _seed(monkeypatch)


def _assessment(doc: dict | None = None) -> dict:
    year = db.session.scalar(select(Year).where(Year.year == 2026))
    return assess(doc or year_document(2026), rulebook(year.rulebook_code), dict(year.settings or {}))


def _results(assessment: dict) -> dict[str, dict]:
    """The assessment's people by full name."""
    names = {person.code: person.full_name for person in db.session.scalars(select(Person))}
    return {names[result["person"]]: result for result in assessment["people"]}


def _decided(name: str, level: str) -> dict:
    """The year document with the leaders' annual decision for one person (what the quota screen records)."""
    doc = copy.deepcopy(year_document(2026))
    code = db.session.scalar(select(Person.code).where(Person.given_name == name.split()[-1]))
    doc["annual"] = [{"person": code, "level": level, "note": "Theo quyết định về tỷ lệ Hoàn thành xuất sắc."}]
    return doc


def _eligible(result: dict, title: str) -> bool:
    return result["titles"][title]["eligible"]


def test_the_demo_lists_the_year_end_after_the_reviews_it_completes():
    """The year end's demo reads August to October (reviews), the discipline and the initiatives: app.demo must run
    it after them."""
    assert YEAR_END_DEMO in demo.AREA_SEEDS
    for earlier in ("app.reviews.demo", "app.people.discipline_demo", "app.initiatives.demo"):
        assert demo.AREA_SEEDS.index(YEAR_END_DEMO) > demo.AREA_SEEDS.index(earlier)


def test_january_to_july_are_the_leaders_results_kept_in_excel(app, seeded):
    with app.app_context():
        months = {month.number: month for month in db.session.scalars(select(Month))}
        choices = roster.reviewer_choices()
        accounts = dict(db.session.execute(select(Account.person_id, Account.id)).all())
        people = list(db.session.scalars(select(Person)))
        chief = next(person for person in people if person.position == "truong_ban")
        disciplines = defaultdict(list)
        for record in db.session.scalars(select(Discipline)):
            disciplines[record.person_id].append(record)
        leave = Counter()
        for number in EXCEL_MONTHS:
            assert months[number].state == "closed"
            reviews = {r.person_id: r for r in db.session.scalars(
                select(MonthlyReview).where(MonthlyReview.month_id == months[number].id))}
            assert set(reviews) == {person.id for person in people}  # everyone, the Trưởng ban too
            for person in people:
                review = reviews[person.id]
                assert review.review_state == "approved"
                reviewer = choices[person.id].reviewer_id
                assert review.reviewer_id == (accounts[reviewer] if reviewer is not None else None)
                assert review.approved_by_id == (None if person is chief else accounts[chief.id])
                approved = review.approved_at + LOCAL_OFFSET  # Hà Nội time
                assert (approved.year, approved.month) == (2026, number + 1) and approved.day <= 7
                assert approved.weekday() < 5 and review.reviewed_at < review.approved_at
                if review.leave:
                    leave[person.full_name, review.leave] += 1
                    assert review.review_score is None and review.review_level is None
                    continue
                assert review.review_score is not None and review.strengths
                assert review.review_level == required_level(
                    review.review_score, BOOK, disciplined_in_year(disciplines[person.id], 2026))
            assert pasted_texts({r.person_id: r.strengths for r in reviews.values() if not r.leave}) == {}
        maternity = [(name, count) for (name, kind), count in leave.items() if kind == "maternity"]
        sick = [(name, count) for (name, kind), count in leave.items() if kind == "sick"]
        assert len(maternity) == 1 and maternity[0][1] >= 3
        assert sick and sum(count for _name, count in sick) == 1


def test_the_assessment_rates_everyone_and_the_quota_overflows(app, seeded):
    with app.app_context():
        assessment = _assessment()
        results = _results(assessment)
        assert len(results) == 20 and all(result["rated"] for result in results.values())
        quota = assessment["quota"]
        assert quota["over"] and quota["htxs_count"] > quota["htxs_max"] >= 1
        levels = Counter(result["level"] for result in results.values())
        assert levels["htxs"] == quota["htxs_count"] and levels["htt"] >= 10
        # The mother back from maternity leave is rated on a year that counts those months as worked.
        mother = next(r for r in results.values() if any("thai sản" in reason for reason in r["titles"]["ldtt"]["reasons"]))
        assert mother["months_worked"] >= 9 and mother["level"] == "htt"
        cstdcs = [name for name, result in results.items() if _eligible(result, "cstdcs")]
        ldtt_only = [name for name, result in results.items() if _eligible(result, "ldtt") and name not in cstdcs]
        assert len(cstdcs) >= 5 and len(ldtt_only) >= 3
        # Some reach “Chiến sĩ thi đua cơ sở” through an initiative or research without Hoàn thành xuất sắc.
        assert any(results[name]["level"] == "htt" for name in cstdcs)


def test_the_city_title_candidate_depends_on_the_quota_decision(app, seeded):
    with app.app_context():
        results = _results(_assessment())
        candidate = results[CANDIDATE]
        assert candidate["level"] == "htxs"
        assert _eligible(candidate, "cstdcs") and _eligible(candidate, "cstd_tp") and _eligible(candidate, "bang_khen_tp")
        # Kept at Hoàn thành tốt by the leaders, he loses the year's “Chiến sĩ thi đua cơ sở”, so the city title too.
        lowered = _results(_assessment(_decided(CANDIDATE, "htt")))[CANDIDATE]
        assert lowered["decided_level"] == "htt"
        assert not _eligible(lowered, "cstdcs") and not _eligible(lowered, "cstd_tp") and _eligible(lowered, "ldtt")
        # The other people at Hoàn thành xuất sắc keep “Chiến sĩ thi đua cơ sở” whatever the leaders decide.
        others = [name for name, result in results.items() if result["level"] == "htxs" and name != CANDIDATE]
        assert others
        for name in others:
            assert _eligible(_results(_assessment(_decided(name, "htt")))[name], "cstdcs"), name
        # Twice “Chiến sĩ thi đua cơ sở” before: the Bằng khen, but no city title without a city-level initiative.
        twice = results[TWICE]
        assert _eligible(twice, "bang_khen_tp") and not _eligible(twice, "cstd_tp")
        assert any(reason.startswith("Không có sáng kiến") for reason in twice["titles"]["cstd_tp"]["reasons"])


def test_the_unit_reaches_the_advanced_title_but_not_the_excellent_one(app, seeded):
    with app.app_context():
        assessment = _assessment()
        results = _results(assessment)
        unit = assessment["unit"]
        assert unit["ttldtt"]["eligible"]
        disciplined = [name for name, result in results.items()
                       if any("Bị kỷ luật trong năm" in reason for reason in result["titles"]["ldtt"]["reasons"])]
        assert len(disciplined) == 1 and results[disciplined[0]]["level"] == "kht"
        assert not unit["ttldxs"]["eligible"]
        assert any(disciplined[0] in reason for reason in unit["ttldxs"]["reasons"])  # why: her level
        assert not unit["bang_khen_tp"]["eligible"]
        assert any(reason.startswith("Năm 2025: đã đạt") for reason in unit["bang_khen_tp"]["reasons"])


def test_the_leaders_find_the_overflow_on_the_quota_screen(app, client, seeded):
    login(client, seeded["Phạm Quang Huy"], PASSWORD)
    response = client.get("/year-end/2026/quota")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    with app.app_context():
        results = _results(_assessment())
    top = [name for name, result in results.items() if result["level"] == "htxs"]
    assert CANDIDATE in top and all(name in page for name in top)
    assert "Dương Thị Yến" not in page  # at Hoàn thành tốt: nothing to decide
