"""Invented demo content for the leaders' side: August to October reviewed by each person's reviewer and approved by
the Trưởng ban; shortcomings raised in those months and followed month by month until a verdict finds them fixed
(some are still open, so November's review must judge them, and one person has already reported on theirs); one
October review amended after the month closed; one objection with its reply, most other reviews acknowledged.
The Trưởng ban's August to October are the superior body's results, recorded by the office with the notice each came
in (app/reviews/superior.py).

Points are the self-assessed ones, sometimes lowered by 0.5 to 2 with a reason; scores and levels come from the
domain's rules (domain.scoring, domain.reviews.required_level), never typed in. Every name and text is made up.

Runs after the commitments demo (the sheets and self-assessments) and after the discipline demo: a person
disciplined in the year is rated Không hoàn thành nhiệm vụ whatever the score, so the discipline must be on record.
"""

from __future__ import annotations

import calendar
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import audit, roster
from app.commitments.summary import stored_task_points
from app.domain import discipline as discipline_rules
from app.domain.calendar import last_working_day
from app.domain.reviews import TASKS_KEY, TOP_LEVEL, level_steps, required_level
from app.domain.rulebooks import LEVELS, Rulebook, rulebook, setting
from app.domain.scoring import ItemResult, general_points, round_one_decimal, task_points
from app.extensions import db
from app.models import (
    CommitmentSheet,
    Discipline,
    Month,
    MonthlyReview,
    Person,
    ReviewResponse,
    Shortcoming,
    ShortcomingFollowUp,
    Year,
)
from app.reviews import amendments
from app.reviews.demo_texts import (
    AMENDMENT_REASON,
    DIRECTIONS,
    DISCIPLINED_COMMENT,
    HTXS_DESPITE_SHORTCOMINGS,
    JUMP_DOWN,
    JUMP_UP,
    LOWERING_REASONS,
    NOT_FIXED_REPORT,
    OBJECTION,
    REPLY,
    SHORTCOMING_DIRECTION,
    SHORTCOMINGS,
    STRENGTH_OPENERS,
    STRENGTH_TRAITS,
    SUPERIOR_NOTICE,
    SUPERIOR_SCORES,
    UNFINISHED_DIRECTION,
    VERDICT_NOTES,
)

REVIEWED_MONTHS = (8, 9, 10)
NEXT_MONTH = 11  # at self-assessment in the demo: its review will judge what October left open
LOCAL_OFFSET = timedelta(hours=7)  # the demo's times are Hà Nội office hours, stored in UTC


LOWERING_SHARE = 0.3
DISPUTED_GROUP = "politics_ethics"  # the cut the demo's one objection disputes
DISPUTED_MONTH = 9
PLANS = (("fixed",), ("partly_fixed", "fixed"), ("fixed",), ("partly_fixed", "partly_fixed"), ("not_fixed", "fixed"))
RAISED = {8: 3, 9: 2, 10: 2}  # how many people get shortcomings, by month

@dataclass
class _Open:
    """A shortcoming being followed: the verdicts still to come."""

    record: Shortcoming
    texts: tuple[str, str, str, str]
    plan: list[str] = field(default_factory=list)


def seed(people: list[Person], year: Year, today: date, rng: random.Random) -> None:
    months = {month.number: month for month in year.months}
    book = rulebook(year.rulebook_code)
    if book.scoring is None:  # the demo year is scored; a levels-only demo would need levels chosen by hand
        return
    roster.forget()  # the people were added in this request: ask the roster afresh
    choices = roster.reviewer_choices()
    accounts = {person.id: person.account.id for person in people if person.account is not None}
    chief = next(p for p in people if p.position == "truong_ban")
    disciplined = _disciplined(people, year.year)
    reviews = _reviews(year, (*REVIEWED_MONTHS, NEXT_MONTH))
    sheets = _sheets(year, REVIEWED_MONTHS)
    reviewed = [p for p in people if choices.get(p.id) and choices[p.id].reviewer_id is not None]
    reviewer_of = {p.id: accounts[choices[p.id].reviewer_id] for p in reviewed}
    # Shortcomings go to the departments' people present every month (a month on leave has no review to judge
    # them in); the board's deputies are reviewed too, but the demo's texts are a department's work.
    present = [p for p in reviewed if p.department_id is not None
               and all(reviews.get((p.id, n)) is not None and not reviews[p.id, n].leave for n in REVIEWED_MONTHS)]
    objector = rng.choice([p for p in present if p.position in ("chuyen_vien", "nhan_vien")
                           and p.id not in disciplined])
    following: list[_Open] = []
    pool = list(SHORTCOMINGS)
    rng.shuffle(pool)
    previous_level: dict[int, str | None] = {}
    for number in REVIEWED_MONTHS:
        month = months[number]
        # Written in the first three working days of the next month, approved on the fourth.
        next_days = _working_days_after(date(year.year, number, calendar.monthrange(year.year, number)[1]), 4)
        written = _written_on(next_days[:3], reviewed, rng)
        approved_at = _at(next_days[3], 15, 30)
        _judge(following, month, written, reviewer_of)
        used_texts: set[str] = set()
        month_reviews = []
        for person in reviewed:
            review = reviews.get((person.id, number))
            if review is None or review.leave or review.self_state != "submitted":
                continue
            items = sheets.get((person.id, number), [])
            _points(review, items, book, rng, disputed=number == DISPUTED_MONTH and person is objector)
            review.review_level = (required_level(review.review_score, book, person.id in disciplined)
                                   or review.self_level)
            review.strengths = _unique(used_texts, _strengths, items, rng)
            review.direction = _unique(used_texts, _direction, items, number, rng)
            review.reviewer_id, review.reviewed_at = reviewer_of[person.id], written[person.id]
            review.review_state, review.approved_by_id, review.approved_at = "approved", accounts[chief.id], approved_at
            month_reviews.append(review)
        holders = _raise(following, pool, present, number, month, reviews, rng)
        open_count: dict[int, int] = defaultdict(int)
        for item in following:
            open_count[item.record.person_id] += 1
        for review in month_reviews:
            _comment(review, previous_level.get(review.person_id), open_count[review.person_id],
                     review.person_id in disciplined)
            if review.person_id in holders:
                review.direction += SHORTCOMING_DIRECTION.format(next=number % 12 + 1)
            previous_level[review.person_id] = review.review_level
        db.session.flush()
        _responses(month_reviews, book, year, rng)
        db.session.flush()
    _november_reports(following, months[NEXT_MONTH], reviews, today, rng)
    _objection(reviews[objector.id, DISPUTED_MONTH], book, reviewer_of[objector.id])
    _amendment(reviews, sheets, reviewed, reviewer_of, disciplined, book, year, rng)
    _superior_results(chief, reviews, year, book, chief.id in disciplined)
    db.session.flush()


def _superior_results(chief: Person, reviews, year: Year, book: Rulebook, is_disciplined: bool) -> None:
    """The superior body's results for the Trưởng ban, as the office records them: the score of each month's
    notice (no rng: the draws of everything else stay as they were), its level from the bands, the notice itself."""
    months = {month.number: month for month in year.months}
    for number in REVIEWED_MONTHS:
        review = reviews.get((chief.id, number))
        if review is None:
            review = MonthlyReview(person_id=chief.id, month_id=months[number].id)
            db.session.add(review)
        noticed = _working_days_after(date(year.year, number, calendar.monthrange(year.year, number)[1]), 6)[-1]
        review.leave, review.reviewer_id, review.approved_by_id = None, None, None
        review.review_score = SUPERIOR_SCORES[number]
        review.review_level = required_level(review.review_score, book, is_disciplined)
        review.superior_ref = SUPERIOR_NOTICE.format(number=40 + number, day=noticed.strftime("%d/%m/%Y"),
                                                     month=number, year=year.year)
        review.review_state, review.reviewed_at, review.approved_at = "approved", _at(noticed, 9), _at(noticed, 9)


def _comment(review: MonthlyReview, previous: str | None, open_shortcomings: int, disciplined: bool) -> None:
    """Why this level, where the review rules ask for a word (domain.reviews.consistency_warnings)."""
    if disciplined:
        review.level_comment = DISCIPLINED_COMMENT
    elif review.review_level == TOP_LEVEL and open_shortcomings:
        review.level_comment = HTXS_DESPITE_SHORTCOMINGS
    elif previous and review.review_level and level_steps(previous, review.review_level) >= 2:
        review.level_comment = JUMP_UP if LEVELS.index(review.review_level) < LEVELS.index(previous) else JUMP_DOWN


# --- Loading what the earlier demos wrote ------------------------------------------------------------------------

def _disciplined(people: list[Person], year: int) -> set[int]:
    records = db.session.scalars(select(Discipline).where(Discipline.person_id.in_([p.id for p in people])))
    by_person = defaultdict(list)
    for record in records:
        by_person[record.person_id].append(record)
    return {person_id for person_id, found in by_person.items() if discipline_rules.disciplined_in_year(found, year)}


def _reviews(year: Year, numbers) -> dict[tuple[int, int], MonthlyReview]:
    rows = db.session.execute(select(MonthlyReview, Month.number).join(Month, MonthlyReview.month_id == Month.id)
                              .where(Month.year_id == year.id, Month.number.in_(numbers))).all()
    return {(review.person_id, number): review for review, number in rows}


def _sheets(year: Year, numbers) -> dict[tuple[int, int], list]:
    rows = db.session.execute(select(CommitmentSheet, Month.number).join(Month, CommitmentSheet.month_id == Month.id)
                              .options(selectinload(CommitmentSheet.items))
                              .where(Month.year_id == year.id, Month.number.in_(numbers))).all()
    return {(sheet.person_id, number): list(sheet.items) for sheet, number in rows}


# --- The review ------------------------------------------------------------------------------------------------

def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute)) - LOCAL_OFFSET


def _working_days_after(day: date, count: int) -> list[date]:
    days = []
    while len(days) < count:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return days


def _written_on(days: list[date], people: list[Person], rng: random.Random) -> dict[int, datetime]:
    """When each person's review was written: one of the given working days, in office hours."""
    return {person.id: _at(rng.choice(days), rng.randint(8, 16), rng.choice((0, 15, 30, 45))) for person in people}


def _points(review: MonthlyReview, items, book: Rulebook, rng: random.Random, disputed: bool = False) -> None:
    """The self-assessed points, now and then one figure lowered by 0.5 to 2 with the reason. `disputed`: the cut
    the person will object to (a point of discipline for an absence they say they had reported)."""
    general = {code: Decimal(str(value)) for code, value in (review.self_general or {}).items()}
    tasks = review.self_task_points
    reasons: dict[str, str] = {}
    if disputed:
        cut = min(Decimal(1), general[DISPUTED_GROUP])
        general[DISPUTED_GROUP] -= cut
        reasons[DISPUTED_GROUP] = LOWERING_REASONS[DISPUTED_GROUP][1]
    elif rng.random() < LOWERING_SHARE:
        key = rng.choice([*general, TASKS_KEY] if tasks is not None and items else list(general))
        cut = Decimal(rng.choice(("0.5", "1", "1.5", "2")))
        if key == TASKS_KEY:
            tasks = max(tasks - cut, Decimal(0))
            reasons[key] = rng.choice(LOWERING_REASONS[key]).format(item=rng.choice(items).title)
        else:
            general[key] = max(general[key] - cut, Decimal(0))
            reasons[key] = rng.choice(LOWERING_REASONS[key])
    review.review_general = {code: format(value.normalize(), "f") for code, value in general.items()}
    review.review_task_points = tasks
    review.change_reasons = reasons
    review.review_score = (round_one_decimal(general_points(general, book.scoring) + tasks)
                           if tasks is not None else None)


def _unique(used: set[str], make, *args, tries: int = 12) -> str:
    """A text not given to anyone else this month (the same text for several people is flagged as pasted)."""
    text = make(*args)
    for _attempt in range(tries):
        if text not in used:
            break
        text = make(*args)
    used.add(text)
    return text


def _strengths(items, rng: random.Random) -> str:
    done = [item for item in items if item.outcome == "on_time"] or list(items)
    opener = rng.choice(STRENGTH_OPENERS).format(item=rng.choice(done).title) if done else ""
    return f"{opener} {rng.choice(STRENGTH_TRAITS)}".strip()


def _direction(items, number: int, rng: random.Random) -> str:
    unfinished = [item for item in items if item.outcome == "not_done"]
    if unfinished and rng.random() < 0.8:
        return UNFINISHED_DIRECTION.format(next=number % 12 + 1, item=rng.choice(unfinished).title)
    return rng.choice(DIRECTIONS).format(next=number % 12 + 1, item=rng.choice(items).title if items else "")


# --- Shortcomings and their verdicts ---------------------------------------------------------------------------------

def _raise(following: list[_Open], pool: list, present: list[Person], number: int, month: Month,
           reviews, rng: random.Random) -> set[int]:
    """Name 1–2 shortcomings for a few people this month, preferring people not rated at the top level and not
    already following one."""
    busy = {item.record.person_id for item in following}
    candidates = [p for p in present if p.id not in busy]
    not_top = [p for p in candidates if reviews[p.id, number].review_level != TOP_LEVEL]
    chosen = rng.sample(not_top, min(RAISED[number], len(not_top)))
    if len(chosen) < RAISED[number]:
        rest = [p for p in candidates if p not in chosen]
        chosen += rng.sample(rest, min(RAISED[number] - len(chosen), len(rest)))
    for index, person in enumerate(chosen):
        review = reviews[person.id, number]
        for _count in range(1 if index else 2):  # the first person gets two
            if not pool:
                break
            texts = pool.pop()
            record = Shortcoming(person_id=person.id, raised_in_id=review.id, raised_month_id=month.id,
                                 text=texts[0], expected_fix=texts[1], created_at=review.reviewed_at)
            db.session.add(record)
            # The first ones raised stay open into November, so that its review has verdicts to give.
            plan = (["partly_fixed", "not_fixed"] if number == 8 and index == 0 and _count == 0
                    else ["not_fixed"] if number == 9 and index == 0 and _count == 0
                    else list(rng.choice(PLANS)))
            following.append(_Open(record, texts, plan))
    return {person.id for person in chosen}


def _judge(following: list[_Open], month: Month, written: dict[int, datetime], reviewer_of: dict[int, int]) -> None:
    """This month's review of every shortcoming still open: the person's report, then the reviewer's verdict."""
    reported = _at(last_working_day(month.year.year, month.number), 10)
    for item in list(following):
        verdict = item.plan.pop(0) if item.plan else "not_fixed"
        person_id = item.record.person_id
        report = {"fixed": item.texts[2], "partly_fixed": item.texts[3]}.get(verdict, NOT_FIXED_REPORT)
        db.session.add(ShortcomingFollowUp(
            shortcoming=item.record, month_id=month.id, person_report=report, reported_at=reported,
            verdict=verdict, verdict_note=VERDICT_NOTES[verdict],
            judged_by_id=reviewer_of[person_id], judged_at=written[person_id]))
        if verdict == "fixed":
            item.record.closed_in_month_id = month.id
            following.remove(item)


def _november_reports(following: list[_Open], month: Month, reviews, today: date, rng: random.Random) -> None:
    """November is at self-assessment: some people have already written what they did about their open
    shortcomings (those who sent their self-assessment; at least one person, whatever happens)."""
    by_person = defaultdict(list)
    for item in following:
        by_person[item.record.person_id].append(item)
    if not by_person:
        return
    sent = [pid for pid in by_person if (review := reviews.get((pid, month.number))) is not None
            and review.self_state == "submitted"]
    writers = sent or [min(by_person)]
    for person_id in writers:
        for item in by_person[person_id]:
            db.session.add(ShortcomingFollowUp(
                shortcoming=item.record, month_id=month.id, person_report=item.texts[3],
                reported_at=_at(today - timedelta(days=rng.randint(1, 3)), 16)))


# --- After approval: answers, the objection, the amendment -----------------------------------------------------------

def _responses(month_reviews: list[MonthlyReview], book: Rulebook, year: Year, rng: random.Random) -> None:
    """Most people acknowledge within the days the unit allows; a few let the time pass."""
    days = int(setting(book, year.settings, "response_days"))
    for review in month_reviews:
        if rng.random() < 0.85:
            moment = review.approved_at + timedelta(days=rng.randint(0, days - 1), hours=rng.randint(1, 6))
            db.session.add(ReviewResponse(review_id=review.id, acknowledged_at=moment))


def _objection(review: MonthlyReview, book: Rulebook, reviewer_account: int) -> None:
    """The person disputes the point cut from their September review; the reviewer replies, keeping it."""
    group = next(g for g in book.scoring.general_groups if g.code == DISPUTED_GROUP)
    cut = Decimal(str(review.self_general[DISPUTED_GROUP])) - Decimal(str(review.review_general[DISPUTED_GROUP]))
    response = db.session.scalar(select(ReviewResponse).where(ReviewResponse.review_id == review.id))
    if response is None:
        response = ReviewResponse(review_id=review.id)
        db.session.add(response)
    objected = review.approved_at + timedelta(days=2, hours=2)
    replied = objected + timedelta(days=1, hours=3)
    response.acknowledged_at = None
    response.objection = OBJECTION.format(points=_comma(cut), group=group.name)
    response.objected_at = objected
    response.reply = REPLY.format(day=(replied + LOCAL_OFFSET).strftime("%d/%m/%Y"))
    response.replied_by_id = reviewer_account
    response.replied_at = replied


def _amendment(reviews, sheets, reviewed: list[Person], reviewer_of: dict[int, int], disciplined: set[int],
               book: Rulebook, year: Year, rng: random.Random) -> None:
    """One October review amended after the month closed: an item counted late was on time after all."""
    candidates = [p for p in reviewed if p.id not in disciplined and (p.id, 10) in reviews
                  and reviews[p.id, 10].review_state == "approved"
                  and any(item.outcome == "late" for item in sheets.get((p.id, 10), []))]
    if not candidates:
        return
    person = rng.choice(candidates)
    review, items = reviews[person.id, 10], sheets[person.id, 10]
    late = sorted((item for item in items if item.outcome == "late"), key=lambda item: "“" in item.title)[0]
    results = [ItemResult(item.planned_points, "on_time" if item is late else item.outcome, item.major_error)
               for item in items]
    recomputed = stored_task_points(task_points(results, book.scoring).points)
    cut = (review.self_task_points or Decimal(0)) - (review.review_task_points or Decimal(0))
    new_tasks = max(recomputed - cut, Decimal(0))
    general = {code: Decimal(str(value)) for code, value in review.review_general.items()}
    score = round_one_decimal(general_points(general, book.scoring) + new_tasks)
    proposed = {"review_task_points": new_tasks, "review_score": score,
                "review_level": required_level(score, book, False)}
    made_at = _at(date(year.year, 11, 12), 10, 15)
    reason = AMENDMENT_REASON.format(item=late.title, day=late.deadline.strftime("%d/%m/%Y"))
    made_by = reviewer_of[person.id]
    change = amendments.change(review, proposed)
    amendment = amendments.apply(review, change, reason, made_by)
    amendment.made_at = review.amended_at = made_at
    db.session.flush()
    audit.record("monthly_review", review.id, "amend", change.before, change.after, reason=reason,
                 actor_id=made_by).at = made_at


def _comma(value: Decimal) -> str:
    return format(value.normalize(), "f").replace(".", ",")
