"""Demo data for the year end of the invented unit: what the year-end assessment needs that the months in the app
do not give. Every name, number, decision and text here is made up.

- January to July 2026, the months the unit kept in Excel before it started using the app in August, brought in as
  the leaders' results only (as a year-file import would): score, level, a short strengths text, the reviewer and the
  Trưởng ban's approval in the first working days of the next month. Each person's months are drawn around the
  annual score that person's story needs, given their August–October results already in the database, so the twelve
  months look like one person's year. One person is on maternity leave from January to April (counted as worked),
  one on sick leave for a month. The Trưởng ban's own months are kept too (he is assessed by the superior body:
  no reviewer, no approver in the unit).
- The titles and awards of earlier years (“Chiến sĩ thi đua cơ sở” twice in a row for two people, several
  “Lao động tiên tiến”, the unit's “Tập thể lao động xuất sắc” 2025) and the one initiative the story still lacked:
  a city-level (thanh_pho) initiative recognised in 2025.

The story the assessment then tells (tests/views/test_year_end_demo.py checks it): everyone is rated; four people
reach Hoàn thành xuất sắc nhiệm vụ where the quota allows two, so the leaders must decide; Lương Văn Hải reaches
“Chiến sĩ thi đua thành phố” only if he keeps Hoàn thành xuất sắc (his initiative is from 2025), while the other
three reach “Chiến sĩ thi đua cơ sở” through an initiative or a research project whatever the quota decides; Cao Thị
Hằng reaches the Bằng khen (two years in a row) but not the city title (no city-level initiative); the person
disciplined in 2026 is Không hoàn thành nhiệm vụ, so the unit reaches “Tập thể lao động tiên tiến” but not
“Tập thể lao động xuất sắc”, and so not the unit's Bằng khen either, although it was “Tập thể lao động xuất sắc” in
2025.

The story's figures and texts are in demo_story.py; this module writes them. Runs after the reviews demo (it
reads August–October) and after the discipline and initiatives demos.
"""

from __future__ import annotations

import calendar
import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select

from app import roster
from app.domain import discipline as discipline_rules
from app.domain.reviews import required_level
from app.domain.rulebooks import Rulebook, rulebook
from app.extensions import db
from app.models import (
    AwardHistory,
    Discipline,
    Initiative,
    InitiativeAuthor,
    Month,
    MonthlyReview,
    Person,
    Year,
)
from app.reviews.demo_texts import DISCIPLINED_COMMENT
from app.year_end.demo_story import (
    CITY_INITIATIVE,
    CITY_INITIATIVE_AUTHORS,
    HISTORY,
    MATERNITY,
    SHAPES,
    SICK,
    SPREAD,
    TARGETS,
    TRAITS,
    WORK,
)

EXCEL_MONTHS = tuple(range(1, 8))  # kept in Excel; the app's months start in August
BROUGHT_IN = datetime(2026, 8, 3, 9, 30)  # when the unit entered them in the app (UTC: 16:30 in Hà Nội)
LOCAL_OFFSET = timedelta(hours=7)  # the demo's times are Hà Nội office hours, stored in UTC
HOLIDAYS = {date(2026, 1, 1), *(date(2026, 2, day) for day in range(16, 21)), date(2026, 4, 27),
            date(2026, 4, 30), date(2026, 5, 1), date(2026, 9, 2)}
TENTH = Decimal("0.1")


def seed(people: list[Person], year: Year, today: date, rng: random.Random) -> None:
    book = rulebook(year.rulebook_code)
    if book.scoring is None:  # the demo year is scored; a levels-only demo would need levels chosen by hand
        return
    by_name = {person.given_name: person for person in people}
    _months_from_excel(people, year, book, rng)
    _history(by_name)
    _city_initiative(by_name)
    db.session.flush()


# --- January to July ------------------------------------------------------------------------------------------------

def _months_from_excel(people: list[Person], year: Year, book: Rulebook, rng: random.Random) -> None:
    months = {month.number: month for month in year.months}
    roster.forget()  # the people were added in this request: ask the roster afresh
    choices = roster.reviewer_choices()
    accounts = {person.id: person.account.id for person in people if person.account is not None}
    chief = next(p for p in people if p.position == "truong_ban")
    disciplined = _disciplined(people, year.year)
    reviewed = _reviewed_scores(year)
    approval = {number: _approval_days(year.year, number) for number in EXCEL_MONTHS}
    scores = {person.id: _scores(person, reviewed.get(person.id, []), rng) for person in people
              if person.given_name in TARGETS}
    texts = {number: _strength_texts(people, number, rng) for number in EXCEL_MONTHS}
    for person in people:
        if person.id not in scores:
            continue
        choice = choices.get(person.id)
        reviewer = accounts.get(choice.reviewer_id) if choice and choice.reviewer_id is not None else None
        approver = None if person.id == chief.id else accounts[chief.id]  # the chief's own: the superior body
        for number in EXCEL_MONTHS:
            written_on, approved_on = approval[number]
            review = MonthlyReview(person_id=person.id, month_id=months[number].id, review_state="approved",
                                   reviewer_id=reviewer, approved_by_id=approver,
                                   reviewed_at=_at(written_on, rng.randint(8, 16), rng.choice((0, 15, 30, 45))),
                                   approved_at=_at(approved_on, 15, 30), created_at=BROUGHT_IN, updated_at=BROUGHT_IN)
            score = scores[person.id].get(number)
            if score is None:
                review.leave = _leave(person, number)
            else:
                review.review_score = score
                review.review_level = required_level(score, book, person.id in disciplined)
                review.strengths = texts[number][person.id]
                if person.id in disciplined:
                    review.level_comment = DISCIPLINED_COMMENT
            db.session.add(review)


def _leave(person: Person, number: int) -> str:
    if person.given_name == MATERNITY[0] and number in MATERNITY[1]:
        return "maternity"
    return "sick"


def _disciplined(people: list[Person], year: int) -> set[int]:
    by_person = defaultdict(list)
    for record in db.session.scalars(select(Discipline).where(Discipline.person_id.in_([p.id for p in people]))):
        by_person[record.person_id].append(record)
    return {person_id for person_id, found in by_person.items() if discipline_rules.disciplined_in_year(found, year)}


def _reviewed_scores(year: Year) -> dict[int, list[Decimal]]:
    """The scores of the months the leaders already reviewed in the app (written or approved, not on leave)."""
    rows = db.session.execute(
        select(MonthlyReview.person_id, MonthlyReview.review_score).join(Month, MonthlyReview.month_id == Month.id)
        .where(Month.year_id == year.id, MonthlyReview.review_state.in_(("reviewed", "approved")),
               MonthlyReview.leave.is_(None), MonthlyReview.review_score.is_not(None)))
    found: dict[int, list[Decimal]] = defaultdict(list)
    for person_id, score in rows:
        found[person_id].append(Decimal(score))
    return found


def _scores(person: Person, reviewed: list[Decimal], rng: random.Random) -> dict[int, Decimal | None]:
    """January–July for one person: None for a month on leave, else a score with one decimal, drawn so that the
    mean over all the person's scored months is the person's target."""
    name = person.given_name
    away = set(MATERNITY[1]) if name == MATERNITY[0] else {SICK[1]} if name == SICK[0] else set()
    worked = [number for number in EXCEL_MONTHS if number not in away]
    target = Decimal(str(TARGETS[name])) + Decimal(rng.randint(-4, 4)) / 10  # not a round figure
    needed = target * (len(worked) + len(reviewed)) - sum(reviewed, Decimal(0))
    base = min(max(needed / len(worked), Decimal(45)), Decimal(97))
    shape = SHAPES.get(name, (0,) * len(EXCEL_MONTHS))
    offsets = [Decimal(str(round(shape[number - 1] + rng.uniform(-SPREAD, SPREAD), 1))) for number in worked]
    mean = sum(offsets, Decimal(0)) / len(offsets)
    drawn = [_tenth(min(base + offset - mean, Decimal(100))) for offset in offsets]
    drawn[-1] = _tenth(min(max(drawn[-1] + base * len(worked) - sum(drawn, Decimal(0)), Decimal(0)), Decimal(100)))
    return {number: (None if number in away else drawn[worked.index(number)]) for number in EXCEL_MONTHS}


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


def _strength_texts(people: list[Person], number: int, rng: random.Random) -> dict[int, str]:
    """One strengths text per person for month `number`, no two alike."""
    pools: dict[str | None, list[str]] = {}
    texts = {}
    for person in people:
        code = person.department.code if person.department else None
        if code not in pools:
            pools[code] = [f"{work.format(m=number)} {trait}" for work in WORK[code] for trait in TRAITS]
            rng.shuffle(pools[code])
        texts[person.id] = pools[code].pop()
    return texts


def _approval_days(year: int, number: int) -> tuple[date, date]:
    """Written on the first or second working day of the next month, approved on the third."""
    day = date(year, number, calendar.monthrange(year, number)[1])
    days: list[date] = []
    while len(days) < 3:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in HOLIDAYS:
            days.append(day)
    return days[0], days[2]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute)) - LOCAL_OFFSET


# --- Earlier years ------------------------------------------------------------------------------------------------

def _history(by_name: dict[str, Person]) -> None:
    for name, year, title, decision in HISTORY:
        person_id = by_name[name].id if name is not None else None
        db.session.add(AwardHistory(person_id=person_id, year=year, title=title, decision=decision,
                                    created_at=BROUGHT_IN))


def _city_initiative(by_name: dict[str, Person]) -> None:
    data = dict(CITY_INITIATIVE)
    created, submitted = data.pop("created"), data.pop("submitted")
    chief = next(person for person in by_name.values() if person.position == "truong_ban")
    db.session.add(Initiative(
        **data, created_by_id=by_name[CITY_INITIATIVE_AUTHORS[0]].id, created_at=created, updated_at=BROUGHT_IN,
        submitted_at=submitted, decided_by_id=chief.account.id if chief.account else None,
        authors=[InitiativeAuthor(person_id=by_name[name].id, position=n)
                 for n, name in enumerate(CITY_INITIATIVE_AUTHORS)]))
