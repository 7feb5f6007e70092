"""The year overview's data: each visible person's twelve months, the levels given month by month, and what is
still pending in the months under way.

A constant number of queries whatever the number of people or months: the years, the people, the months of the
people shown, the levels counted month by month (one GROUP BY), the states of the months under way, the
shortcomings and their verdicts; then plain Python. Rows are read as tuples of the columns the page shows, not as
ORM objects: 2,000 people make 24,000 cells. So a large unit's overview shows one department's heatmap at a time,
and its tables — counted in the database — still the whole unit's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Integer, String, and_, case, cast, func, or_, select, type_coerce
from sqlalchemy.orm import aliased, joinedload

from app import department_picker, roster
from app.department_picker import Section
from app.domain.rulebooks import LEVELS
from app.extensions import db
from app.models import Month, MonthlyReview, Person, Shortcoming, ShortcomingFollowUp, Year

# The months whose work is still under way and can be pending (a closed month had to be complete to close).
UNDER_WAY = ("self_assessment", "review")
# Up to this many people shown out of more, their months are asked for by id; beyond, all are read and sifted.
ASK_BY_ID_UP_TO = 500
# Above this many people the heatmap shows one department at a time (the picker has no "everyone" then): 2,000
# people make a page of megabytes nobody reads whole. The tables still count everyone.
WRITTEN = ("reviewed", "approved")


@dataclass(frozen=True, slots=True)
class Cell:
    """One person's month as the heatmap shows it. `kind`: "none" (the month has not opened), "blank" (opened,
    nothing to show yet), "self" (only self-assessed), "review" (the leader's level), "leave". `score` is the
    score's text as the database gives it ("85.5", "90" or "90.0"): many cells share one, shown once formatted.
    Equal cells are equal values, so a page renders each distinct cell once."""

    kind: str
    level: str | None = None
    score: str | None = None
    leave: str | None = None
    amended: bool = False


NOT_OPEN = Cell("none")
BLANK = Cell("blank")


@dataclass
class PersonRow:
    person: Person
    cells: list[Cell]


@dataclass
class Group:
    """A department (None: the board's leaders) and its people in official order."""

    department_name: str | None
    rows: list[PersonRow] = field(default_factory=list)


@dataclass
class Distribution:
    """The levels the leaders gave in a month (self-assessments not yet reviewed are counted apart)."""

    month: Month
    levels: dict[str, int]
    leave: int
    self_only: int
    nothing: int

    @property
    def rated(self) -> int:
        return sum(self.levels.values())

    def segments(self) -> list[tuple[str, int, int]]:
        """The stacked bar: (level, start, length) in people, best level first."""
        result, start = [], 0
        for level, count in self.levels.items():
            if count:
                result.append((level, start, count))
                start += count
        return result


@dataclass
class Pending:
    """What still stands open in a month under way. None: not asked at this step of the month."""

    month: Month
    self_not_sent: int
    reviews_not_written: int | None
    awaiting_approval: int | None
    without_verdict: int


@dataclass
class Overview:
    year: Year
    months: list[Month]  # the twelve, in order
    groups: list[Group]
    distribution: list[Distribution]  # the months that have opened
    pending: list[Pending]  # the months under way
    people_count: int  # in the heatmap
    counted: int  # in the tables: the heatmap's people, or everyone visible when it shows one department of many
    sections: list[Section]  # the departments of the people the account may see (for the picker)
    section: Section | None  # the department shown; None: everyone visible
    one_at_a_time: bool  # too many people to show at once: there is no "everyone"


def all_years() -> list[Year]:
    return list(db.session.scalars(select(Year).order_by(Year.year)))


def months_of(year: Year) -> list[Month]:
    return list(db.session.scalars(select(Month).where(Month.year_id == year.id).order_by(Month.number)))


def people_of_year(year: Year) -> list[Person]:
    """Everyone working in the year: the active people employed in it, and whoever has a month on record in it
    (someone who left since still has their months). With their departments, in one query."""
    first, last = date(year.year, 1, 1), date(year.year, 12, 31)
    with_months = (select(MonthlyReview.person_id).join(Month, MonthlyReview.month_id == Month.id)
                   .where(Month.year_id == year.id))
    employed = and_(Person.active.is_(True),
                    or_(Person.employed_from.is_(None), Person.employed_from <= last),
                    or_(Person.employed_to.is_(None), Person.employed_to >= first))
    return list(db.session.scalars(select(Person).options(joinedload(Person.department))
                                   .where(or_(employed, Person.id.in_(with_months)))))


def _reviews(year: Year, person_ids: set[int] | None):
    """The year's months of the people shown (None: everyone), only the columns a cell shows. The scores come as
    text and the amendment as a flag: converting 24,000 of each to Decimal and datetime would cost more than the
    rest of the page. Run on the session's connection: a plain Core read skips the ORM's result handling."""
    columns = (MonthlyReview.person_id, Month.number, MonthlyReview.leave, MonthlyReview.self_state,
               MonthlyReview.self_level, cast(MonthlyReview.self_score, String), MonthlyReview.review_state,
               MonthlyReview.review_level, cast(MonthlyReview.review_score, String),
               type_coerce(MonthlyReview.amended_at.is_not(None), Integer))
    query = select(*columns).join(Month, MonthlyReview.month_id == Month.id).where(Month.year_id == year.id)
    if person_ids is not None:
        query = query.where(MonthlyReview.person_id.in_(sorted(person_ids)))
    return db.session.connection().execute(query).all()


def _cell(leave, self_state, self_level, self_score, review_state, review_level, review_score, amended) -> Cell:
    if leave:
        return Cell("leave", leave=leave, amended=bool(amended))
    if review_state in ("reviewed", "approved") and review_level:
        return Cell("review", review_level, review_score, amended=bool(amended))
    if self_state == "submitted" and self_level:
        return Cell("self", self_level, self_score)
    return BLANK


def _verdicts_missing(year: Year, months: list[Month]) -> dict[int, Counter]:
    """Per month number, per person: the shortcomings raised before the month, still open in it, that have no
    verdict in it yet. Two queries."""
    raised_month, raised_year = aliased(Month), aliased(Year)
    closed_month, closed_year = aliased(Month), aliased(Year)
    rows = db.session.execute(
        select(Shortcoming.id, Shortcoming.person_id, raised_year.year, raised_month.number, closed_year.year,
               closed_month.number)
        .join(raised_month, Shortcoming.raised_month_id == raised_month.id)
        .join(raised_year, raised_month.year_id == raised_year.id)
        .outerjoin(closed_month, Shortcoming.closed_in_month_id == closed_month.id)
        .outerjoin(closed_year, closed_month.year_id == closed_year.id)
        .where(raised_year.year <= year.year, or_(closed_year.year.is_(None), closed_year.year >= year.year))
    ).all()
    if not rows:
        return {}
    judged = set(db.session.execute(
        select(ShortcomingFollowUp.shortcoming_id, Month.number)
        .join(Month, ShortcomingFollowUp.month_id == Month.id)
        .where(Month.year_id == year.id, ShortcomingFollowUp.verdict.is_not(None))
    ).all())
    missing: dict[int, Counter] = {}
    for month in months:
        if month.state not in UNDER_WAY:
            continue
        here = (year.year, month.number)
        counts: Counter = Counter()
        for shortcoming_id, person_id, r_year, r_number, c_year, c_number in rows:
            still_open = c_year is None or (c_year, c_number) >= here
            if (r_year, r_number) < here and still_open and (shortcoming_id, month.number) not in judged:
                counts[person_id] += 1
        missing[month.number] = counts
    return missing


def _employed_in(person: Person, year: int, number: int) -> bool:
    first = date(year, number, 1)
    last = date(year + number // 12, number % 12 + 1, 1)
    return ((person.employed_from is None or person.employed_from < last)
            and (person.employed_to is None or person.employed_to >= first))


def build(year: Year, may_see: Callable[[Person], bool], department_id: int | None = None) -> Overview:
    """The overview of the people `may_see` allows: of one department when asked for it, or when they are too
    many to show at once (the first department then, and the tables count them all)."""
    months = months_of(year)
    all_people = people_of_year(year)
    visible_people = [person for person in all_people if may_see(person)]
    sections = department_picker.sections_of(visible_people)
    one_at_a_time = department_picker.one_at_a_time(len(visible_people))
    section = department_picker.pick(sections, department_id, one_at_a_time)
    people = roster.sort_by_department([p for p in visible_people
                                        if section is None or department_picker.group_of(p) == section.key])
    # A department, or a head's few people, out of a large unit: ask for their rows only (still one query).
    everyone = len(people) == len(visible_people) == len(all_people)
    asked = None if everyone or len(people) > ASK_BY_ID_UP_TO else {person.id for person in people}
    position = {month.number: index for index, month in enumerate(months)}
    opened = [month.state != "not_open" for month in months]
    empty_row = [BLANK if is_open else NOT_OPEN for is_open in opened]
    cells_of: dict[int, list[Cell]] = {person.id: list(empty_row) for person in people}
    seen: dict[tuple, Cell] = {}  # most cells repeat a few (level, score) pairs: build each once
    for row in _reviews(year, asked):
        person_id, number = row[0], row[1]
        cells = cells_of.get(person_id)
        index = position[number]
        if cells is None or not opened[index]:
            continue
        key = row[2:]
        cell = seen.get(key)
        if cell is None:
            cell = seen[key] = _cell(*key)
        cells[index] = cell

    groups: list[Group] = []
    for person in people:
        department = person.department.name if person.department else None
        if not groups or groups[-1].department_name != department:
            groups.append(Group(department))
        groups[-1].rows.append(PersonRow(person, cells_of[person.id]))
    counted = visible_people if one_at_a_time else people  # what the tables count
    counted_ids = None if len(counted) == len(all_people) else sorted(person.id for person in counted)
    opened_months = [month for month, is_open in zip(months, opened, strict=True) if is_open]
    return Overview(year=year, months=months, groups=groups,
                    distribution=_distribution(opened_months, counted_ids, len(counted)),
                    pending=_pending(year, months, counted, _states_under_way(months, counted_ids)),
                    people_count=len(people), counted=len(counted), sections=sections, section=section,
                    one_at_a_time=one_at_a_time)


def _distribution(months: list[Month], person_ids: list[int] | None, people: int) -> list[Distribution]:
    """The levels given in each opened month, counted in the database (one GROUP BY): each month's row is read as
    _cell reads it (leave, the leader's level, a self-assessment alone, nothing yet)."""
    kind = case((MonthlyReview.leave.is_not(None), "leave"),
                (and_(MonthlyReview.review_state.in_(WRITTEN), MonthlyReview.review_level.is_not(None)),
                 MonthlyReview.review_level),
                (and_(MonthlyReview.self_state == "submitted", MonthlyReview.self_level.is_not(None)), "self"),
                else_="blank")
    # By the months' ids rather than a join on the months: SQLite then reads the reviews once, not once a month.
    cells = select(MonthlyReview.month_id, kind.label("kind")).where(
        MonthlyReview.month_id.in_([month.id for month in months]))
    if person_ids is not None:
        cells = cells.where(MonthlyReview.person_id.in_(person_ids))
    cells = cells.subquery()
    counts: dict[int, Counter] = {month.id: Counter() for month in months}
    for month_id, kind_of, count in db.session.execute(
            select(cells.c.month_id, cells.c.kind, func.count()).group_by(cells.c.month_id, cells.c.kind)):
        counts[month_id][kind_of] = count
    result = []
    for month in months:
        month_counts = counts[month.id]
        levels = {level: month_counts[level] for level in LEVELS}
        leave, self_only = month_counts["leave"], month_counts["self"]
        result.append(Distribution(month, levels, leave=leave, self_only=self_only,
                                   nothing=people - sum(levels.values()) - leave - self_only))
    return result


def _states_under_way(months: list[Month], person_ids: list[int] | None) -> dict[tuple[int, int], tuple]:
    """(person, month number) → (leave, self-assessment's state, review's state) in the months under way. One
    query, if any month is under way."""
    number = {month.id: month.number for month in months if month.state in UNDER_WAY}
    if not number:
        return {}
    query = select(MonthlyReview.person_id, MonthlyReview.month_id, MonthlyReview.leave, MonthlyReview.self_state,
                   MonthlyReview.review_state).where(MonthlyReview.month_id.in_(list(number)))
    if person_ids is not None:
        query = query.where(MonthlyReview.person_id.in_(person_ids))
    return {(person_id, number[month_id]): tuple(states)
            for person_id, month_id, *states in db.session.execute(query)}


def _pending(year: Year, months: list[Month], people: list[Person], states: dict[tuple[int, int], tuple]
             ) -> list[Pending]:
    under_way = [month for month in months if month.state in UNDER_WAY]
    if not under_way:
        return []
    choices = roster.reviewer_choices()
    missing = _verdicts_missing(year, months)
    result = []
    for month in under_way:
        at_review = month.state == "review"
        self_not_sent = not_written = awaiting = without_verdict = 0
        for person in people:
            if not person.active or not _employed_in(person, year.year, month.number):
                continue
            leave, self_state, review_state = states.get((person.id, month.number), (None, None, None))
            if leave:
                continue
            if self_state != "submitted":
                self_not_sent += 1
            choice = choices.get(person.id)
            if choice is not None and choice.reviewer_id is not None:
                not_written += review_state in (None, "pending")
                awaiting += review_state == "reviewed"
            without_verdict += missing.get(month.number, {}).get(person.id, 0)
        result.append(Pending(month, self_not_sent, not_written if at_review else None,
                              awaiting if at_review else None, without_verdict))
    return result
