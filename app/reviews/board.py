"""The review board of one month (bình xét): whose rows it shows, what each row says, the counters above it and
the Hoàn thành xuất sắc quota — read in a fixed number of queries whatever the number of people.

A `Frame` is what every fragment of the board needs (the month, its rulebook, the scope and the page of it shown,
the row URLs); a `Board` adds the rows and the counters. The counting is done on the month's roll of plain values
(board_roll.py); only the rows shown are read in full, so a large unit's "all" shows one department at a time and a
save reads one row. Last, the warnings shown under a row just saved, which compare its review with the month's
others.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app import department_picker, roster
from app.commitments.forms import points_text
from app.domain.commitments import previous_month
from app.domain.reviews import Quota, consistency_warnings, htxs_quota, pasted_texts
from app.domain.rulebooks import Rulebook, rulebook, setting
from app.extensions import db
from app.labels import BOARD_LEADERS_GROUP, LEAVE_LABELS, LEVEL_LABELS, POSITION_LABELS, REVIEW_STATE_LABELS
from app.models import Account, CommitmentItem, CommitmentSheet, Month, MonthlyReview, Person, Shortcoming, Year
from app.models import ShortcomingFollowUp as FollowUp
from app.permissions.reviews import can_approve, can_review
from app.reviews.board_roll import Entry, Roll, Section, Tally, read_roll
from app.reviews.queries import reviews_of_month, shortcomings_to_judge

SCOPES = ("mine", "all")
# Above this many people in the "all" scope the board shows one department at a time: nobody reviews 2,000 rows on
# one screen, and the page would weigh megabytes. The counters still count the whole scope.
_SENTINEL = 987654321  # stands for the person id in the row URLs built once per board


def reviewee_ids(account: Account) -> set[int]:
    me = account.person if account.is_authenticated else None
    if me is None:
        return set()
    return {pid for pid, choice in roster.reviewer_choices().items() if choice.reviewer_id == me.id}


class RowUrls:
    """The URLs of a row's actions, built once per board and filled in per person (url_for for each of 2,000 rows
    would cost more than the rest of the row). Each keeps the scope and the department shown."""

    def __init__(self, month: Month, scope: str, department: int | None = None):
        args = {"year": month.year.year, "month": month.number, "scope": scope}
        if department is not None:
            args["department"] = department
        self.board = url_for("reviews.board", **args)
        self.approve_all = url_for("reviews.approve_all", **args)
        self.close = url_for("reviews.close", **args)
        self._patterns = {name: url_for(f"reviews.{name}", person_id=_SENTINEL, **args)
                          for name in ("edit", "row", "save", "approve")}
        self._patterns["view"] = url_for("reviews.person_review", person_id=_SENTINEL, year=month.year.year,
                                         month=month.number)

    def _fill(self, name: str, person_id: int) -> str | None:
        pattern = self._patterns.get(name)
        return pattern.replace(str(_SENTINEL), str(person_id)) if pattern else None

    def edit(self, person_id: int) -> str:
        return self._fill("edit", person_id)

    def row(self, person_id: int) -> str:
        return self._fill("row", person_id)

    def save(self, person_id: int) -> str:
        return self._fill("save", person_id)

    def approve(self, person_id: int) -> str:
        return self._fill("approve", person_id)

    def view(self, person_id: int) -> str | None:
        return self._fill("view", person_id)

    def at_row(self, person_id: int) -> str:
        return f"{self.board}#review-row-{person_id}"


@dataclass
class Page:
    """Which of the scope's people the board shows: everyone, or one department of the "all" scope."""

    scope: list[Entry]  # everyone in the scope: the counters count them
    sections: list[Section]  # the departments of the "all" scope, for the picker ("mine" has none)
    section: Section | None  # the department shown; None: the whole scope
    one_at_a_time: bool  # the scope is too large to show whole: there is no "every department"

    @cached_property
    def shown(self) -> list[Entry]:
        """The people shown, in the board's order (the printed sheet's numbering)."""
        return roster.sort_by_department(self.section.entries if self.section else self.scope)


def page_of(frame: Frame) -> Page:
    """Of the "all" scope, the department asked for, if the scope has it; else, when the scope is too large to
    show whole, the department of the person the request is about (their row must be on the page), or the first."""
    roll, scope, department, person = frame.roll, frame.scope, frame.requested_department, frame.person
    people = roll.scope(frame.account, scope, frame.reviewees)
    if scope != "all":
        return Page(people, [], None, False)
    sections = roll.sections(people)
    large = department_picker.one_at_a_time(len(people))
    entry = roll.entries.get(person.id) if person is not None else None
    section = department_picker.pick(sections, department, large, fallback=entry.group if entry else None)
    return Page(people, sections, section, large)


@dataclass
class Frame:
    """What every fragment of the board needs. The roll and the page are read when first asked for: a view that
    writes asks after its write (or calls reread())."""

    month: Month
    book: Rulebook
    account: Account
    reviewees: set[int]  # the people the account reviews
    scope: str
    requested_department: int | None = None
    person: Person | None = None  # the one the request is about, if any
    _points: dict = field(default_factory=dict, repr=False)

    @cached_property
    def roll(self) -> Roll:
        return read_roll(self.month)

    @cached_property
    def page(self) -> Page:
        return page_of(self)

    def reread(self) -> None:
        """Forget the roll read so far: the request has just changed a review."""
        self.__dict__.pop("roll", None)
        self.__dict__.pop("page", None)

    @property
    def reviews_anyone(self) -> bool:
        return bool(self.reviewees)

    @property
    def at_review(self) -> bool:
        return self.month.state == "review"

    @property
    def scored(self) -> bool:
        return self.book.is_scored

    @property
    def department(self) -> int | None:
        """The department shown (BOARD_GROUP for the board's leaders), None for the whole scope."""
        if self.scope != "all":  # "mine" has no departments (page_of): the roll need not be read for an editor's links
            return None
        return self.page.section.key if self.page.section else None

    @cached_property
    def urls(self) -> RowUrls:
        return RowUrls(self.month, self.scope, self.department)

    @cached_property
    def words(self) -> dict:
        """The rows' words, translated once per board rather than once per row (a board may have 2,000 rows)."""
        return {
            "positions": _translated(POSITION_LABELS), "levels": _translated(LEVEL_LABELS),
            "states": _translated(REVIEW_STATE_LABELS), "leave": _translated(LEAVE_LABELS),
            "edit": _("Sửa"), "review": _("Đánh giá"), "approve": _("Duyệt"), "view": _("Xem"),
            "not_sent": _("Chưa gửi"), "amended": _("Đã điều chỉnh"),
        }

    def points(self, value) -> str:
        """A score as the reader's language writes it (the `points` filter), remembered per value: formatting a
        number costs more than the rest of a row, and a board's scores repeat."""
        if value is None:
            return "—"
        if value not in self._points:
            self._points[value] = points_text(value)
        return self._points[value]

    @property
    def columns(self) -> int:
        """The table's columns: number, person, three outcome counts, self score and level, earlier shortcomings,
        the leader's score and level, state, actions (a levels-only year has no score columns)."""
        return 12 if self.scored else 10


def _translated(labels: dict) -> dict[str, str]:
    return {code: str(label) for code, label in labels.items()}


def frame_of(month: Month, account: Account, requested_scope: str | None, department: int | None = None,
             person: Person | None = None) -> Frame:
    """"mine" (the people I review) by default when I review anyone, else "all" (everyone I may see); of "all",
    the department asked for (see page_of). `person`: the one the request is about."""
    reviewees = reviewee_ids(account)
    scope = requested_scope if requested_scope in SCOPES else ("mine" if reviewees else "all")
    return Frame(month, rulebook(month.year.rulebook_code), account, reviewees, scope, department, person)


@dataclass
class BoardRow:
    number: int  # its place on the board (the printed sheet's "TT"); 0 outside the page
    person: Person
    review: MonthlyReview | None
    outcomes: dict[str, int]
    to_judge: list[tuple[Shortcoming, FollowUp | None]]
    may_review: bool
    may_approve: bool

    @property
    def state(self) -> str:
        return self.review.review_state if self.review else "pending"

    @property
    def on_leave(self) -> bool:
        return bool(self.review and self.review.leave)

    @property
    def self_submitted(self) -> bool:
        return bool(self.review and self.review.self_state == "submitted")

    @property
    def without_verdict(self) -> int:
        if self.on_leave:
            return 0
        return sum(1 for _shortcoming, follow_up in self.to_judge if follow_up is None or follow_up.verdict is None)

    @property
    def amended(self) -> bool:
        return bool(self.review and self.review.amended_at)

    @property
    def group(self) -> str:
        return self.person.department.name if self.person.department else str(BOARD_LEADERS_GROUP)


@dataclass(frozen=True)
class QuotaView:
    quota: Quota
    percent: int
    in_denominator: bool
    source: str
    denominator: int


@dataclass
class Counters:
    needing: int
    reviewed: int
    approved: int
    awaiting_verdict: int
    quota: QuotaView

    @classmethod
    def of(cls, frame: Frame) -> Counters:
        """The scope's progress (the whole scope, whichever department is shown) and the unit's quota."""
        tally = Tally.of(frame.page.scope)
        return cls(tally.needing, tally.reviewed, tally.approved, tally.awaiting_verdict,
                   quota_of(frame.month, frame.book, frame.roll.levels))


@dataclass
class Board:
    frame: Frame
    rows: list[BoardRow]
    counters: Counters
    groups: list[tuple[str, list[BoardRow]]] = field(default_factory=list)
    extra: dict[int, BoardRow] = field(default_factory=dict)  # rows asked for that are outside the page

    def row_of(self, person_id: int) -> BoardRow | None:
        return next((row for row in self.rows if row.person.id == person_id), None) or self.extra.get(person_id)


def outcome_counts(month: Month, person_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per person, their commitment items of the month by outcome (None: not assessed). One query."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = db.session.execute(
        select(CommitmentSheet.person_id, CommitmentItem.outcome, func.count())
        .join(CommitmentItem, CommitmentItem.sheet_id == CommitmentSheet.id)
        .where(CommitmentSheet.month_id == month.id, CommitmentSheet.person_id.in_(person_ids))
        .group_by(CommitmentSheet.person_id, CommitmentItem.outcome))
    for person_id, outcome, count in rows:
        counts[person_id][outcome] = count
    return counts


def quota_of(month: Month, book: Rulebook, levels: dict[int, str | None]) -> QuotaView:
    """The Hoàn thành xuất sắc places over the leader's levels of the month (`levels`: every written review not on
    leave), for the whole unit."""
    year = month.year
    name = "htxs_quota_percent_outstanding" if year.outstanding else "htxs_quota_percent"
    percent = int(setting(book, year.settings, name))
    in_denominator = bool(setting(book, year.settings, "htxs_in_denominator"))
    quota = htxs_quota(levels, percent, in_denominator)
    source = book.settings[name].source
    if year.settings and name in year.settings:
        source = _("Điều chỉnh của đơn vị cho năm %(year)s (quy định gốc: %(source)s)", year=year.year,
                   source=source)
    counted = [level for level in levels.values() if level]
    denominator = counted.count("htt") + (counted.count("htxs") if in_denominator else 0)
    return QuotaView(quota, percent, in_denominator, source, denominator)


def _rows(frame: Frame, numbered: list[tuple[int, Person]]) -> list[BoardRow]:
    """The rows of these (number, person) pairs, each read in full: four queries for any number of them."""
    month, account = frame.month, frame.account
    person_ids = [person.id for _number, person in numbered]
    reviews = reviews_of_month(month, person_ids)
    to_judge = shortcomings_to_judge(month, person_ids)
    outcomes = outcome_counts(month, person_ids)
    return [BoardRow(number=number, person=person, review=reviews.get(person.id),
                     outcomes=outcomes.get(person.id, {}), to_judge=to_judge.get(person.id, []),
                     may_review=can_review(account, person), may_approve=can_approve(account, person))
            for number, person in numbered]


def _people(person_ids: list[int]) -> dict[int, Person]:
    return {person.id: person for person in db.session.scalars(
        select(Person).options(selectinload(Person.department)).where(Person.id.in_(person_ids)))}


def load_board(frame: Frame, also: Person | None = None) -> Board:
    """The rows of the page (and `also`'s, if it is outside it), with the counters. A fixed number of queries."""
    shown = frame.page.shown
    people = _people([entry.id for entry in shown])
    rows = _rows(frame, [(number, people[entry.id]) for number, entry in enumerate(shown, start=1)])
    groups: list[tuple[str, list[BoardRow]]] = []
    for row in rows:
        if not groups or groups[-1][0] != row.group:
            groups.append((row.group, []))
        groups[-1][1].append(row)
    board = Board(frame, rows, Counters.of(frame), groups)
    if also is not None and also.id not in people:
        board.extra[also.id] = _rows(frame, [(0, also)])[0]
    return board


def load_row(frame: Frame, person: Person) -> Board:
    """One person's row, numbered as on the page, with the counters: what a save or an approval sends back. It
    reads that row alone, so a save costs the same in a unit of 2,000 as in one of 20."""
    number = next((number for number, entry in enumerate(frame.page.shown, start=1) if entry.id == person.id), 0)
    row = _rows(frame, [(number, person)])[0]
    return Board(frame, [row] if number else [], Counters.of(frame), extra={} if number else {person.id: row})


# --- One review among the month's others: the warnings shown after a save ---------------------------------------

def review_warnings(month: Month, person: Person, review: MonthlyReview, open_shortcomings: int) -> list[str]:
    """The consistency warnings of a review just saved (they never block): a top level with shortcomings, a jump
    of two levels from last month without a comment, and strengths or shortcomings word for word another
    person's of the same month. Five queries at most."""
    messages = [warning.message for warning in consistency_warnings(
        review.review_level, open_shortcomings, _previous_level(month, person), review.level_comment)]
    strengths = dict(db.session.execute(
        select(MonthlyReview.person_id, MonthlyReview.strengths)
        .where(MonthlyReview.month_id == month.id, MonthlyReview.review_state != "pending")).all())
    same_strengths = pasted_texts(strengths).get(person.id, [])
    raised = db.session.execute(select(Shortcoming.id, Shortcoming.person_id, Shortcoming.text)
                                .where(Shortcoming.raised_month_id == month.id)).all()
    owner = {shortcoming_id: person_id for shortcoming_id, person_id, _text in raised}
    pasted = pasted_texts({shortcoming_id: text for shortcoming_id, _person_id, text in raised})
    same_shortcomings = {owner[other] for shortcoming_id, person_id, _text in raised if person_id == person.id
                         for other in pasted.get(shortcoming_id, []) if owner[other] != person.id}
    names = _names(set(same_strengths) | same_shortcomings)
    if same_strengths:
        messages.append(_("Phần ưu điểm giống hệt nhận xét của: %(names)s. Hãy kiểm tra xem có dán nhầm không.",
                          names=", ".join(names[pid] for pid in same_strengths)))
    if same_shortcomings:
        messages.append(_("Tồn tại, hạn chế giống hệt của: %(names)s. Hãy kiểm tra xem có dán nhầm không.",
                          names=", ".join(names[pid] for pid in sorted(same_shortcomings))))
    return messages


def _previous_level(month: Month, person: Person) -> str | None:
    year, number = previous_month(month.year.year, month.number)
    return db.session.scalar(
        select(MonthlyReview.review_level).join(Month, MonthlyReview.month_id == Month.id).join(Year)
        .where(MonthlyReview.person_id == person.id, Year.year == year, Month.number == number,
               MonthlyReview.review_state != "pending"))


def _names(person_ids: set[int]) -> dict[int, str]:
    if not person_ids:
        return {}
    return {person.id: person.full_name for person in db.session.scalars(select(Person).where(Person.id.in_(person_ids)))}
