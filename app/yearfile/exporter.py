"""The database's view of one year as a year file (`tdkt-year/1`): `year_document(year)`.

The same document feeds `flask year export`, `flask year assess` and the year-end screens, so that the
assessment of a year is the assessment of what its file would say. A fixed number of queries, whatever the
number of people.

What it carries:
- months: each person's month when the leader's review is written (reviewed or approved), or the month is leave;
  a month without one is absent ("not reviewed yet"). In a scored year the level is given when it agrees with the
  score's band (a disciplined person's "kht" month would not: the file says the score, the engine the discipline).
- people: everyone employed at some time in the year, and anyone the year's records name (registrations, annual
  decisions, authors) — ordered by code.
- initiatives and research: those registered for the year and those decided in it or in the two years before
  (what “Chiến sĩ thi đua thành phố” looks back at).
- discipline: the decisions dated up to the end of the year, of the people above; pending: the cases still under
  way at the year's end; history: the awards of the unit and of those people, up to the year.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from app.domain.discipline import is_open
from app.domain.rulebooks import rulebook
from app.domain.scoring import level_for_score
from app.domain.year_file import FORMAT
from app.extensions import db
from app.models import (
    AnnualDecision,
    AwardHistory,
    Department,
    Discipline,
    Initiative,
    Month,
    MonthlyReview,
    PendingCase,
    Person,
    Registration,
    Shortcoming,
    Unit,
    UnitRegistration,
    Year,
)

STATE_TO_STATUS = {"draft": "registered", "submitted": "submitted", "recognised": "recognised",
                   "rejected": "rejected"}
REGISTERED_STATES = ("submitted", "approved")  # a draft was never sent, a rejected one is not a registration
WRITTEN_REVIEW_STATES = ("reviewed", "approved")
LOOK_BACK_YEARS = 2
_REVIEW_COLUMNS = (MonthlyReview.id, MonthlyReview.person_id, MonthlyReview.month_id, MonthlyReview.leave,
                   MonthlyReview.review_score, MonthlyReview.review_level, MonthlyReview.strengths)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _lines(text: str) -> list[str]:
    if not text:
        return []
    return [stripped for line in text.splitlines() if (stripped := line.strip())]


def find_year(number: int) -> Year | None:
    return db.session.scalar(select(Year).where(Year.year == number))


def _month_records(reviews, months: dict[int, int], codes: dict[int, str], book,
                   raised: dict[int, list[str]]) -> list[dict]:
    """The file's month of each written review (`reviews`: rows of _REVIEW_COLUMNS), unsorted. In a scored year
    the level is kept when it agrees with the score's band (worked out once per distinct score)."""
    records, bands = [], {}
    scored = book.is_scored
    for review_id, person_id, month_id, leave, review_score, level, strengths in reviews:
        score = None
        if leave:
            level = None
        else:
            if scored and review_score is not None:
                score = float(review_score)
            if score is not None and level is not None:
                band = bands.get(review_score)
                if band is None:
                    band = bands[review_score] = level_for_score(review_score, book)
                if band != level:
                    level = None
            if score is None and level is None:
                continue  # a written review with nothing to say about the month
        records.append({"person": codes[person_id], "month": months[month_id], "score": score, "level": level,
                        "leave": leave, "strengths": _lines(strengths), "shortcomings": raised.get(review_id) or []})
    return records


def _unit(year: Year) -> dict[str, Any]:
    unit = db.session.scalar(select(Unit).order_by(Unit.id).limit(1))
    return {"name": unit.name if unit else "", "superior": unit.superior if unit else "",
            "outstanding": bool(year.outstanding)}


def _initiatives(number: int) -> list[Initiative]:
    window = (date(number - LOOK_BACK_YEARS, 1, 1), date(number, 12, 31))
    return list(db.session.scalars(
        select(Initiative).options(selectinload(Initiative.authors))
        .where(or_(Initiative.year == number, Initiative.decided_on.between(*window)))
        .order_by(Initiative.decided_on, Initiative.id)))


def _people(number: int, named_ids: set[int]) -> list:
    """Rows of (id, code, names, gender, department code, position, employment), ordered by code."""
    start, end = date(number, 1, 1), date(number, 12, 31)
    employed = and_(or_(Person.employed_from.is_(None), Person.employed_from <= end),
                    or_(Person.employed_to.is_(None), Person.employed_to >= start))
    condition = or_(employed, Person.id.in_(named_ids)) if named_ids else employed
    return list(db.session.execute(
        select(Person.id, Person.code, Person.family_name, Person.middle_name, Person.given_name, Person.gender,
               Department.code.label("department"), Person.position, Person.employed_from, Person.employed_to)
        .outerjoin(Department, Person.department_id == Department.id).where(condition).order_by(Person.code)))


def year_document(number: int) -> dict[str, Any]:
    """The year file of year `number`; LookupError when the database has no such year."""
    year = find_year(number)
    if year is None:
        raise LookupError(f"no year {number}")
    book = rulebook(year.rulebook_code)
    months = dict(db.session.execute(select(Month.id, Month.number).where(Month.year_id == year.id)).all())
    # Columns, not ORM objects: a 2,000-person year has some 24,000 written months, and a whole review (its JSON
    # points among them) costs ten times what the file needs of it.
    reviews = db.session.execute(select(*_REVIEW_COLUMNS).where(
        MonthlyReview.month_id.in_(list(months)),
        or_(MonthlyReview.review_state.in_(WRITTEN_REVIEW_STATES), MonthlyReview.leave.is_not(None)))).all()
    raised: dict[int, list[str]] = defaultdict(list)
    for raised_in, text in db.session.execute(
            select(Shortcoming.raised_in_id, Shortcoming.text)
            .where(Shortcoming.raised_month_id.in_(list(months))).order_by(Shortcoming.id)):
        if raised_in is not None:
            raised[raised_in].append(text)
    registrations = db.session.execute(select(Registration.person_id, Registration.target_title).where(
        Registration.year_id == year.id, Registration.state.in_(REGISTERED_STATES))).all()
    unit_registration = db.session.scalar(select(UnitRegistration).where(
        UnitRegistration.year_id == year.id, UnitRegistration.state.in_(REGISTERED_STATES)))
    annual = db.session.execute(select(AnnualDecision.person_id, AnnualDecision.level, AnnualDecision.note)
                                .where(AnnualDecision.year_id == year.id)).all()
    initiatives = _initiatives(number)

    named = ({review.person_id for review in reviews} | {r.person_id for r in registrations}
             | {a.person_id for a in annual} | {author.person_id for i in initiatives for author in i.authors})
    people = _people(number, named)
    codes = {person.id: person.code for person in people}

    month_records = _month_records(reviews, months, codes, book, raised)
    # Of the people above: filtered here rather than by thousands of ids bound into each statement.
    disciplines = [row for row in db.session.execute(
        select(Discipline.person_id, Discipline.form, Discipline.decided_on, Discipline.ends_on)
        .where(Discipline.decided_on <= date(number, 12, 31)).order_by(Discipline.decided_on, Discipline.id))
        if row.person_id in codes]
    cases = [row for row in db.session.execute(
        select(PendingCase.person_id, PendingCase.kind, PendingCase.opened_on, PendingCase.closed_on)
        .order_by(PendingCase.id)) if row.person_id in codes]
    history = [row for row in db.session.execute(
        select(AwardHistory.person_id, AwardHistory.year, AwardHistory.title, AwardHistory.decision)
        .where(AwardHistory.year <= number).order_by(AwardHistory.year, AwardHistory.id))
        if row.person_id is None or row.person_id in codes]
    year_end = date(number, 12, 31)
    pending = {(case.person_id, case.kind) for case in cases if is_open(case, year_end)}

    return {
        "format": FORMAT,
        "year": number,
        "rulebook": book.code,
        "unit": _unit(year),
        "departments": [{"code": d.code, "name": d.name} for d in db.session.scalars(
            select(Department).order_by(Department.sort_order, Department.code))],
        "people": [{"code": p.code, "family_name": p.family_name, "middle_name": p.middle_name,
                    "given_name": p.given_name, "gender": p.gender, "department": p.department, "position": p.position,
                    "employed_from": _iso(p.employed_from), "employed_to": _iso(p.employed_to)} for p in people],
        "registrations": [{"person": codes[r.person_id], "title": r.target_title}
                          for r in sorted(registrations, key=lambda r: codes[r.person_id])],
        "unit_registration": {"title": unit_registration.target_title} if unit_registration else None,
        "months": sorted(month_records, key=lambda record: (record["person"], record["month"])),
        "initiatives": [{"title": i.title, "authors": [codes[a.person_id] for a in i.authors],
                         "status": STATE_TO_STATUS[i.status], "level": i.level,
                         "decision": i.decision_number or None, "decided_on": _iso(i.decided_on)}
                        for i in initiatives if i.kind != "research"],
        "research": [{"title": i.title, "authors": [codes[a.person_id] for a in i.authors],
                      "accepted_on": _iso(i.decided_on) if i.status == "recognised" else None}
                     for i in initiatives if i.kind == "research"],
        "discipline": [{"person": codes[d.person_id], "form": d.form, "decided_on": _iso(d.decided_on),
                        "ends_on": _iso(d.ends_on)} for d in disciplines],
        "pending": [{"person": codes[person_id], "kind": kind} for person_id, kind in sorted(
            pending, key=lambda pair: (codes[pair[0]], pair[1]))],
        "annual": [{"person": codes[a.person_id], "level": a.level, "note": a.note}
                   for a in sorted(annual, key=lambda a: codes[a.person_id])],
        "history": [{"person": codes[h.person_id] if h.person_id is not None else None, "year": h.year,
                     "title": h.title, "decision": h.decision or None} for h in history],
    }
