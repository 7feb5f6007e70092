"""The review board of one month (bình xét): whose rows it shows, what each row says, the counters above it and
the Hoàn thành xuất sắc quota — read in a fixed number of queries whatever the number of people.

A `Frame` is what every fragment of the board needs (the month, its rulebook, the scope, the row URLs); a `Board`
adds the rows and the counters. The row, the editor and the counters are rendered from these. Last, the warnings
shown under a row just saved, which compare its review with the month's others.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from app import roster
from app.commitments.forms import points_text
from app.domain.commitments import previous_month
from app.domain.reviews import PersonMonth, Quota, close_blockers, consistency_warnings, htxs_quota, pasted_texts
from app.domain.rulebooks import Rulebook, rulebook, setting
from app.extensions import db
from app.labels import BOARD_LEADERS_GROUP, LEAVE_LABELS, LEVEL_LABELS, POSITION_LABELS, REVIEW_STATE_LABELS
from app.models import Account, CommitmentItem, CommitmentSheet, Month, MonthlyReview, Person, Shortcoming, Year
from app.models import ShortcomingFollowUp as FollowUp
from app.permissions import can_view_person
from app.permissions.reviews import can_approve, can_review
from app.reviews.queries import active_people, reviews_of_month, shortcomings_to_judge

SCOPES = ("mine", "all")
_SENTINEL = 987654321  # stands for the person id in the row URLs built once per board


def reviewee_ids(account: Account) -> set[int]:
    me = account.person if account.is_authenticated else None
    if me is None:
        return set()
    return {pid for pid, choice in roster.reviewer_choices().items() if choice.reviewer_id == me.id}


class RowUrls:
    """The URLs of a row's actions, built once per board and filled in per person (url_for for each of 2,000 rows
    would cost more than the rest of the row)."""

    def __init__(self, month: Month, scope: str):
        args = {"year": month.year.year, "month": month.number}
        self.board = url_for("reviews.board", scope=scope, **args)
        self.approve_all = url_for("reviews.approve_all", scope=scope, **args)
        self.close = url_for("reviews.close", scope=scope, **args)
        self._patterns = {name: url_for(f"reviews.{name}", person_id=_SENTINEL, scope=scope, **args)
                          for name in ("edit", "row", "save", "approve")}
        self._patterns["view"] = url_for("reviews.person_review", person_id=_SENTINEL, **args)

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
class Frame:
    """What every fragment of the board needs."""

    month: Month
    book: Rulebook
    scope: str
    reviews_anyone: bool
    urls: RowUrls
    _points: dict = field(default_factory=dict, repr=False)

    @property
    def at_review(self) -> bool:
        return self.month.state == "review"

    @property
    def scored(self) -> bool:
        return self.book.is_scored

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


def frame_of(month: Month, account: Account, requested_scope: str | None) -> Frame:
    """"mine" (the people I review) by default when I review anyone, else "all" (everyone I may see)."""
    reviews_anyone = bool(reviewee_ids(account))
    scope = requested_scope if requested_scope in SCOPES else ("mine" if reviews_anyone else "all")
    return Frame(month, rulebook(month.year.rulebook_code), scope, reviews_anyone, RowUrls(month, scope))


@dataclass
class BoardRow:
    number: int  # its place on the board (the printed sheet's "TT")
    person: Person
    review: MonthlyReview | None
    outcomes: dict[str, int]
    to_judge: list[tuple[Shortcoming, FollowUp | None]]
    needs_review: bool  # has a reviewer in the unit and is not on leave (closing.person_months' rule)
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


@dataclass
class Board:
    frame: Frame
    rows: list[BoardRow]
    counters: Counters
    groups: list[tuple[str, list[BoardRow]]] = field(default_factory=list)
    extra: dict[int, BoardRow] = field(default_factory=dict)  # rows asked for that are outside the scope

    def close_blockers(self) -> list[str]:
        """What stands in the way of closing, from the rows already read: the same as closing.blockers(month) when
        the board shows every active person (a board leader's "all"), without reading them again."""
        return close_blockers([PersonMonth(name=row.person.full_name, needs_review=row.needs_review,
                                           review_state=row.state, shortcomings_without_verdict=row.without_verdict)
                               for row in self.rows])

    def row_of(self, person_id: int) -> BoardRow | None:
        return next((row for row in self.rows if row.person.id == person_id), None) or self.extra.get(person_id)


def outcome_counts(month: Month) -> dict[int, dict[str, int]]:
    """Per person, their commitment items of the month by outcome (None: not assessed). One query."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = db.session.execute(
        select(CommitmentSheet.person_id, CommitmentItem.outcome, func.count())
        .join(CommitmentItem, CommitmentItem.sheet_id == CommitmentSheet.id)
        .where(CommitmentSheet.month_id == month.id)
        .group_by(CommitmentSheet.person_id, CommitmentItem.outcome))
    for person_id, outcome, count in rows:
        counts[person_id][outcome] = count
    return counts


def scope_people(account: Account, frame: Frame, people: list[Person]) -> list[Person]:
    if frame.scope == "mine":
        mine = reviewee_ids(account)
        shown = [person for person in people if person.id in mine]
    else:
        shown = [person for person in people if can_view_person(account, person)]
    return roster.sort_by_department(shown)


def quota_of(month: Month, book: Rulebook, reviews: dict[int, MonthlyReview]) -> QuotaView:
    """The Hoàn thành xuất sắc places over the leader's levels of the month, for the whole unit."""
    year = month.year
    name = "htxs_quota_percent_outstanding" if year.outstanding else "htxs_quota_percent"
    percent = int(setting(book, year.settings, name))
    in_denominator = bool(setting(book, year.settings, "htxs_in_denominator"))
    levels = {person_id: review.review_level for person_id, review in reviews.items()
              if review.review_state != "pending" and not review.leave}
    quota = htxs_quota(levels, percent, in_denominator)
    source = book.settings[name].source
    if year.settings and name in year.settings:
        source = _("Điều chỉnh của đơn vị cho năm %(year)s (quy định gốc: %(source)s)", year=year.year,
                   source=source)
    counted = [level for level in levels.values() if level]
    denominator = counted.count("htt") + (counted.count("htxs") if in_denominator else 0)
    return QuotaView(quota, percent, in_denominator, source, denominator)


def load_board(frame: Frame, account: Account, also: Person | None = None) -> Board:
    """The rows of the scope (and `also`'s, if it is outside it), with the counters. A fixed number of queries."""
    month = frame.month
    people = scope_people(account, frame, active_people())
    reviews = reviews_of_month(month)
    to_judge = shortcomings_to_judge(month)
    outcomes = outcome_counts(month)
    choices = roster.reviewer_choices()

    def make(number: int, person: Person) -> BoardRow:
        review = reviews.get(person.id)
        choice = choices.get(person.id)
        has_reviewer = choice is not None and choice.reviewer_id is not None
        return BoardRow(number=number, person=person, review=review, outcomes=outcomes.get(person.id, {}),
                        to_judge=to_judge.get(person.id, []),
                        needs_review=has_reviewer and not (review and review.leave),
                        may_review=can_review(account, person), may_approve=can_approve(account, person))

    rows = [make(number, person) for number, person in enumerate(people, start=1)]
    groups: list[tuple[str, list[BoardRow]]] = []
    for row in rows:
        if not groups or groups[-1][0] != row.group:
            groups.append((row.group, []))
        groups[-1][1].append(row)
    needing = [row for row in rows if row.needs_review]
    counters = Counters(
        needing=len(needing),
        reviewed=sum(1 for row in needing if row.state in ("reviewed", "approved")),
        approved=sum(1 for row in needing if row.state == "approved"),
        awaiting_verdict=sum(row.without_verdict for row in rows),
        quota=quota_of(month, frame.book, reviews),
    )
    board = Board(frame, rows, counters, groups)
    if also is not None and board.row_of(also.id) is None:
        board.extra[also.id] = make(0, also)
    return board


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
