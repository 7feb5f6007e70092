"""What the year-end pages read. The assessment runs on the year document (app.yearfile.exporter.year_document:
one export whatever the number of people) and is computed once per request; the rest are a fixed number of
queries per page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import abort, g
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased, selectinload

from app import roster
from app.commitments.forms import points_text
from app.domain.rulebooks import Rulebook, rulebook, setting
from app.domain.year_end import assess, evaluate
from app.domain.year_end.facts import setting_number
from app.extensions import db
from app.models import (
    Account,
    AnnualDecision,
    Initiative,
    InitiativeAuthor,
    Meeting,
    MeetingAttendee,
    MeetingVote,
    Month,
    MonthlyReview,
    Person,
    Registration,
    Shortcoming,
    Year,
)
from app.yearfile.exporter import year_document

MONTHS = tuple(range(1, 13))


def year_or_404(number: int) -> Year:
    year = db.session.scalar(select(Year).where(Year.year == number))
    if year is None:
        abort(404)
    return year


@dataclass(frozen=True)
class Quota:
    """The Hoàn thành xuất sắc places: what the rulebook allows, how many reached it, and how many keep it once
    the leaders decided (counted on the level the titles are judged on, as the assessment says)."""

    htxs_max: int
    htxs_count: int
    over: bool
    kept: int
    percent: str  # as the page writes it, in the reader's language: "20", "15,5"
    percent_source: str
    percent_adjusted: bool
    in_denominator: bool
    denominator_source: str

    @property
    def resolved(self) -> bool:
        return self.kept <= self.htxs_max


@dataclass
class YearEnd:
    """One year as the year end sees it: the year document, its assessment, and the people of both."""

    year: Year
    book: Rulebook
    doc: dict[str, Any]
    assessment: dict[str, Any]
    people: dict[str, Person]  # by code: the people of the document that are on record
    judged_on: dict[str, str | None] = field(default_factory=dict)  # code → the level the titles are judged on
    results: dict[str, dict[str, Any]] = field(default_factory=dict)  # the assessment's people, by code
    months: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)  # code → month → the doc's record
    employment: dict[str, tuple[date | None, date | None]] = field(default_factory=dict)

    def __post_init__(self):
        self.results = {entry["person"]: entry for entry in self.assessment["people"]}
        months: dict[str, dict[int, dict]] = defaultdict(dict)
        for record in self.doc.get("months", []):
            months[record["person"]][int(record["month"])] = record
        self.months = dict(months)
        self.employment = {entry["code"]: (_date(entry.get("employed_from")), _date(entry.get("employed_to")))
                           for entry in self.doc.get("people", [])}

    @property
    def number(self) -> int:
        return self.year.year

    def result_of(self, person: Person) -> dict[str, Any] | None:
        return self.results.get(person.code)

    def employed_months(self, code: str) -> list[int]:
        start, end = self.employment.get(code, (None, None))
        return [n for n in MONTHS if _employed_in(start, end, self.number, n)]

    def gaps(self, code: str) -> list[int]:
        """The months the person worked in (by employment) that have no record yet: not reviewed."""
        recorded = self.months.get(code, {})
        return [n for n in self.employed_months(code) if n not in recorded]

    def quota(self) -> Quota:
        raw = self.assessment["quota"]
        name = "htxs_quota_percent_outstanding" if self.year.outstanding else "htxs_quota_percent"
        overrides = self.year.settings or {}
        kept = sum(1 for level in self.judged_on.values() if level == "htxs")
        return Quota(
            htxs_max=raw["htxs_max"], htxs_count=raw["htxs_count"], over=raw["over"], kept=kept,
            percent=points_text(setting_number(setting(self.book, overrides, name)), 2), percent_source=self.book.settings[name].source,
            percent_adjusted=name in overrides,
            in_denominator=bool(setting(self.book, overrides, "htxs_in_denominator")),
            denominator_source=self.book.settings["htxs_in_denominator"].source,
        )


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _employed_in(start: date | None, end: date | None, year: int, number: int) -> bool:
    first = date(year, number, 1)
    after = date(year + number // 12, number % 12 + 1, 1)
    return (start is None or start < after) and (end is None or end >= first)


def load(number: int) -> YearEnd:
    """The year, its document and its assessment: computed once per request."""
    cache = g.setdefault("year_end", {})
    if number not in cache:
        year = year_or_404(number)
        book = rulebook(year.rulebook_code)
        doc = year_document(number)
        assessment = evaluate(doc, book, year.settings or {})
        codes = [entry["code"] for entry in doc.get("people", [])]
        people = {person.code: person for person in db.session.scalars(
            select(Person).options(selectinload(Person.department)).where(Person.code.in_(codes)))} if codes else {}
        cache[number] = YearEnd(year, book, doc, assessment.document, people, judged_on=assessment.judged_on)
    return cache[number]


def reassess(year_end: YearEnd, doc: dict[str, Any]) -> dict[str, Any]:
    """The assessment of a changed copy of the year document (the what-if): nothing is written."""
    return assess(doc, year_end.book, year_end.year.settings or {})


def in_official_order(people) -> list[Person]:
    return roster.sort_by_department(list(people))


# --- One person's year -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MonthFacts:
    """What the database adds to a month of the year document: the review's state and whether it was amended."""

    review_state: str | None
    amended: bool


def month_facts(year: Year, person: Person) -> dict[int, MonthFacts]:
    rows = db.session.execute(
        select(Month.number, MonthlyReview.review_state, MonthlyReview.amended_at)
        .join(Month, MonthlyReview.month_id == Month.id)
        .where(Month.year_id == year.id, MonthlyReview.person_id == person.id)
    ).all()
    return {number: MonthFacts(state, amended_at is not None) for number, state, amended_at in rows}


def shortcomings_of_year(year: Year, person: Person) -> list[Shortcoming]:
    """The shortcomings raised in the year's months, oldest first, with the month that closed each (if any)."""
    raised = aliased(Month)
    return list(db.session.scalars(
        select(Shortcoming).join(raised, Shortcoming.raised_month_id == raised.id)
        .options(selectinload(Shortcoming.raised_month).selectinload(Month.year),
                 selectinload(Shortcoming.closed_in_month).selectinload(Month.year))
        .where(raised.year_id == year.id, Shortcoming.person_id == person.id)
        .order_by(raised.number, Shortcoming.id)
    ))


def initiatives_of_year(year: Year, person: Person) -> list[Initiative]:
    """The initiatives and research the person is an author of, registered for the year or decided in it."""
    first, last = date(year.year, 1, 1), date(year.year, 12, 31)
    return list(db.session.scalars(
        select(Initiative).join(InitiativeAuthor)
        .options(selectinload(Initiative.authors).selectinload(InitiativeAuthor.person))
        .where(InitiativeAuthor.person_id == person.id,
               or_(Initiative.year == year.year, and_(Initiative.decided_on >= first, Initiative.decided_on <= last)))
        .order_by(Initiative.id)
    ))


def registration_of(year: Year, person: Person) -> Registration | None:
    return db.session.scalar(
        select(Registration).where(Registration.year_id == year.id, Registration.person_id == person.id))


def decisions_of(year: Year, person_ids: list[int] | None = None) -> dict[int, AnnualDecision]:
    """The annual levels the leaders decided, by person, with who decided."""
    query = (select(AnnualDecision).options(selectinload(AnnualDecision.decided_by).selectinload(Account.person))
             .where(AnnualDecision.year_id == year.id))
    if person_ids is not None:
        query = query.where(AnnualDecision.person_id.in_(person_ids))
    return {decision.person_id: decision for decision in db.session.scalars(query)}


def meeting_of(year: Year) -> Meeting | None:
    return db.session.scalar(
        select(Meeting).options(selectinload(Meeting.attendees).selectinload(MeetingAttendee.person),
                                selectinload(Meeting.votes))
        .where(Meeting.year_id == year.id))


def votes_of(year: Year, person: Person) -> list[MeetingVote]:
    return list(db.session.scalars(
        select(MeetingVote).join(Meeting).where(Meeting.year_id == year.id, MeetingVote.person_id == person.id)
        .order_by(MeetingVote.id)))
