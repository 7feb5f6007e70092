"""The month's roll: every active person's month as plain values (their department, whether they need a review,
the review's state, the earlier shortcomings still without a verdict), read as tuples in a fixed number of queries.

The board counts from it — the counters, the Hoàn thành xuất sắc quota, the department picker's figures, what
blocks the close — and places a row on its page from it, so neither a 2,000-person unit's board nor a save on it
builds 2,000 rows: only the rows shown are read in full (board.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from flask_babel import gettext as _
from sqlalchemy import and_, func, or_, select

from app import roster
from app.department_picker import BOARD_GROUP, department_order, name_of
from app.domain.names import full_name
from app.domain.reviews import PersonMonth, close_blockers
from app.extensions import db
from app.models import Account, Department, Month, MonthlyReview, Person, Shortcoming, Year
from app.models import ShortcomingFollowUp as FollowUp
from app.permissions import can_view_person

SHOWN_NAMES = 8  # names per reason on the board (domain.reviews.close_blockers shows as many)
@dataclass(frozen=True, slots=True)
class Entry:
    """One active person's month. It carries what permissions.can_view_person (id, department_id) and
    roster.sort_by_department (department, position, the name's parts) read of a person, so the roll is filtered
    and ordered by the very rules that filter and order the board's rows."""

    id: int
    department_id: int | None
    department: Department | None
    position: str
    family_name: str
    middle_name: str
    given_name: str
    needs_review: bool  # has a reviewer in the unit and is not on leave (closing's rule)
    state: str  # the leader's review: pending, reviewed, approved
    without_verdict: int  # earlier shortcomings this month has not judged yet (none asked of a month on leave)

    @property
    def full_name(self) -> str:
        return full_name(self.family_name, self.middle_name, self.given_name)

    @property
    def group(self) -> int:
        return self.department_id if self.department_id is not None else BOARD_GROUP


@dataclass
class Tally:
    """How far the month's review of some people has come."""

    needing: int = 0  # people whose review is asked for
    reviewed: int = 0  # of those, written (reviewed or approved)
    approved: int = 0
    awaiting_verdict: int = 0  # earlier shortcomings without a verdict

    @classmethod
    def of(cls, entries: list[Entry]) -> Tally:
        tally = cls()
        for entry in entries:
            tally.awaiting_verdict += entry.without_verdict
            if entry.needs_review:
                tally.needing += 1
                tally.reviewed += entry.state in ("reviewed", "approved")
                tally.approved += entry.state == "approved"
        return tally


@dataclass
class Section:
    """A department of the scope (BOARD_GROUP: the board's leaders) as the department picker lists it."""

    key: int
    name: str
    entries: list[Entry] = field(default_factory=list)

    @cached_property
    def tally(self) -> Tally:
        return Tally.of(self.entries)


@dataclass
class Roll:
    entries: dict[int, Entry]  # every active person, by id
    levels: dict[int, str | None]  # the leader's level of each written review not on leave (the quota counts them)

    def scope(self, account: Account, scope: str, reviewees: set[int]) -> list[Entry]:
        """"mine": the people `account` reviews; "all": everyone it may see."""
        if scope == "mine":
            return [entry for entry in self.entries.values() if entry.id in reviewees]
        return [entry for entry in self.entries.values() if can_view_person(account, entry)]

    def sections(self, entries: list[Entry]) -> list[Section]:
        """The departments of these people in official order, the board's leaders first."""
        by_key: dict[int, Section] = {}
        for entry in entries:
            section = by_key.get(entry.group)
            if section is None:
                section = by_key[entry.group] = Section(entry.group, name_of(entry.department))
            section.entries.append(entry)
        return sorted(by_key.values(), key=lambda section: department_order(section.entries[0].department))

    def close_blockers(self) -> list[str]:
        """What stands in the way of closing the month: closing.blockers(month)'s answer, from the roll."""
        return close_blockers(self._blocking())

    def blockers_shown(self, shown: int | None = SHOWN_NAMES) -> Blockers:
        """The same as the board says it: each reason with the first `shown` names (None: every name), so that a
        2,000-person unit's board does not carry a thousand names; the full list is a fragment loaded on demand."""
        return blockers_of(self._blocking(), shown)

    def _blocking(self) -> list[PersonMonth]:
        blocking = [entry for entry in self.entries.values()
                    if entry.without_verdict or (entry.needs_review and entry.state != "approved")]
        return [PersonMonth(name=entry.full_name, needs_review=entry.needs_review, review_state=entry.state,
                            shortcomings_without_verdict=entry.without_verdict)
                for entry in roster.sort_by_department(blocking)]


@dataclass(frozen=True)
class Blockers:
    """What blocks the month's close, as the board shows it: one sentence per reason, and whether a name was left
    out of them (then the board offers the full list)."""

    lines: list[str]
    complete: bool

    def __bool__(self) -> bool:
        return bool(self.lines)


def blockers_of(people: list[PersonMonth], shown: int | None) -> Blockers:
    """domain.reviews.close_blockers's reasons in its words, with every name or the first `shown` of each reason
    (theirs cuts the names of the first two reasons at eight and never the third's)."""
    unreviewed = [p.name for p in people if p.needs_review and p.review_state == "pending"]
    unapproved = [p.name for p in people if p.needs_review and p.review_state == "reviewed"]
    without_verdict = [f"{p.name} ({p.shortcomings_without_verdict})" for p in people if p.shortcomings_without_verdict]
    lines, complete = [], True

    def names(listed: list[str], separator: str) -> str:
        nonlocal complete
        if shown is None or len(listed) <= shown:
            return separator.join(listed)
        complete = False
        return _("%(names)s và %(num)s người khác", names=separator.join(listed[:shown]), num=len(listed) - shown)

    if unreviewed:
        lines.append(_("Chưa đánh giá (%(num)s): %(names)s.", num=len(unreviewed), names=names(unreviewed, ", ")))
    if unapproved:
        lines.append(_("Đã đánh giá nhưng chưa được duyệt (%(num)s): %(names)s.", num=len(unapproved),
                       names=names(unapproved, ", ")))
    if without_verdict:
        lines.append(_("Tồn tại, hạn chế của các tháng trước chưa có kết luận khắc phục: %(names)s.",
                       names=names(without_verdict, "; ")))
    return Blockers(lines, complete)


def read_roll(month: Month) -> Roll:
    """The roll of the month: four queries of tuples, and the reviewer mapping the request has already read. The
    two long reads run on the session's connection: a plain Core read skips the ORM's result handling."""
    choices = roster.reviewer_choices()
    departments = {department.id: department for department in db.session.scalars(select(Department))}
    connection = db.session.connection()
    reviews = {person_id: (state, level, leave) for person_id, state, level, leave in connection.execute(
        select(MonthlyReview.person_id, MonthlyReview.review_state, MonthlyReview.review_level, MonthlyReview.leave)
        .where(MonthlyReview.month_id == month.id))}
    waiting = without_verdict(month)
    entries = {}
    for person_id, department_id, position, family, middle, given in connection.execute(
            select(Person.id, Person.department_id, Person.position, Person.family_name, Person.middle_name,
                   Person.given_name).where(Person.active.is_(True))):
        state, _level, leave = reviews.get(person_id, ("pending", None, None))
        choice = choices.get(person_id)
        has_reviewer = choice is not None and choice.reviewer_id is not None
        entries[person_id] = Entry(
            id=person_id, department_id=department_id, department=departments.get(department_id), position=position,
            family_name=family, middle_name=middle, given_name=given, needs_review=has_reviewer and not leave,
            state=state, without_verdict=0 if leave else waiting.get(person_id, 0))
    levels = {person_id: level for person_id, (state, level, leave) in reviews.items()
              if state != "pending" and not leave}
    return Roll(entries, levels)


def without_verdict(month: Month) -> dict[int, int]:
    """Per person, the shortcomings raised before this month that this month's review must judge and has not
    given a verdict yet (queries.shortcomings_to_judge's, without a verdict), counted in one query."""
    judged_here = select(FollowUp.shortcoming_id).where(FollowUp.month_id == month.id)
    with_verdict = judged_here.where(FollowUp.verdict.is_not(None))
    earlier = or_(Year.year < month.year.year, and_(Year.year == month.year.year, Month.number < month.number))
    return dict(db.session.execute(
        select(Shortcoming.person_id, func.count())
        .join(Month, Shortcoming.raised_month_id == Month.id).join(Year)
        .where(earlier,
               or_(Shortcoming.closed_in_month_id.is_(None), Shortcoming.closed_in_month_id == month.id,
                   Shortcoming.id.in_(judged_here)),
               Shortcoming.id.not_in(with_verdict))
        .group_by(Shortcoming.person_id)).all())

