"""The superior body's results for the people the unit does not assess itself (the Trưởng ban): the reads of the
page /reviews/<year>/superior and the writes of its inline editor.

A recorded month is an approved MonthlyReview with no reviewer and no approver, the superior body's total score
(a scored year; the level follows from the bands, or is Không hoàn thành nhiệm vụ for a person disciplined in the
year) or its level (a levels-only year) or a leave, and the document it came in (`superior_ref`). The person's own
self-assessment on the same row is kept. The result often arrives after the month has closed: the write passes the
month lock as its named exception "superior". Clearing a month puts it back to "not reviewed".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from flask import abort
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from wtforms import SelectChoice

from app import audit, clock, month_lock
from app.domain import discipline as discipline_rules
from app.domain.reviews import level_problem, required_level
from app.domain.rulebooks import Rulebook, rulebook
from app.domain.year_end.facts import employed_months
from app.errors import error_response
from app.extensions import db
from app.history import actor_name
from app.labels import LEVEL_LABELS
from app.models import Account, AuditEvent, Discipline, Month, MonthlyReview, Person, Year
from app.permissions.superior import is_assessed_by_superior
from app.reviews.superior_forms import SuperiorResultForm
from app.roster import sort_by_department

ACTION = "superior_result"
FIELDS = ("leave", "review_state", "review_score", "review_level", "review_general", "review_task_points",
          "superior_ref", "reviewer_id", "approved_by_id", "reviewed_at", "approved_at")


def refuse(status: int, message: str):
    abort(error_response(status, message))


def snapshot(review: MonthlyReview) -> dict:
    """The superior result's fields as JSON-safe values (points as text) for the audit event."""
    return {name: str(value) if isinstance(value, Decimal) else value
            for name, value in audit.snapshot(review, FIELDS).items()}


# --- Reads ---------------------------------------------------------------------------------------------------------

def year_or_404(number: int) -> Year:
    year = db.session.scalar(select(Year).where(Year.year == number))
    if year is None:
        abort(404)
    return year


def year_to_record(today: date) -> Year:
    """The year whose results the office records now: the one of the month that ended last (a January still records
    December), else the latest year there is."""
    ended = today.year if today.month > 1 else today.year - 1
    year = db.session.scalar(select(Year).where(Year.year == ended)) or db.session.scalar(
        select(Year).order_by(Year.year.desc()).limit(1))
    if year is None:
        abort(404)
    return year


def assessed_people(year: Year) -> list[Person]:
    """The people the superior body assesses, who worked in the year (usually the Trưởng ban alone)."""
    people = db.session.scalars(select(Person).where(Person.active.is_(True)))
    return sort_by_department([person for person in people if is_assessed_by_superior(person)
                               and employed_months(person.employed_from, person.employed_to, year.year)])


def assessed_person_or_404(person_id: int) -> Person:
    person = db.session.get(Person, person_id)
    if person is None or not is_assessed_by_superior(person):
        abort(404)
    return person


def month_of_year_or_404(year: Year, number: int) -> Month:
    month = next((m for m in year.months if m.number == number), None)
    if month is None:
        abort(404)
    return month


def has_ended(month: Month, today: date) -> bool:
    """The month is over (before today's): only then can the superior body have judged it."""
    return (month.year.year, month.number) < (today.year, today.month)


@dataclass(frozen=True)
class SuperiorMonth:
    """One row of a person's table: the month, what is recorded for it, and who recorded it when."""

    person: Person
    month: Month
    review: MonthlyReview | None
    employed: bool
    ended: bool
    recorded_at: datetime | None = None
    recorded_by: str | None = None

    @property
    def dom_id(self) -> str:
        return f"superior-{self.person.id}-{self.month.number}"

    @property
    def url_args(self) -> dict[str, int]:
        return {"year": self.month.year.year, "assessed_id": self.person.id, "month_number": self.month.number}

    @property
    def has_result(self) -> bool:
        review = self.review
        return review is not None and (review.review_state == "approved" or bool(review.leave))

    @property
    def from_superior(self) -> bool:
        return self.review is not None and bool(self.review.superior_ref)

    @property
    def editable(self) -> bool:
        return self.employed and self.ended


def _recorders(review_ids: list[int]) -> dict[int, tuple[datetime, str]]:
    """The latest superior-result event of each review: when, and who."""
    if not review_ids:
        return {}
    events = db.session.execute(
        select(AuditEvent.entity_id, AuditEvent.at, AuditEvent.actor_id)
        .where(AuditEvent.entity == "monthly_review", AuditEvent.action == ACTION,
               AuditEvent.entity_id.in_(review_ids))
        .order_by(AuditEvent.at, AuditEvent.id)).all()
    accounts = {account.id: account for account in db.session.scalars(
        select(Account).where(Account.id.in_({actor for _i, _a, actor in events if actor is not None})))}
    return {entity_id: (at, actor_name(accounts.get(actor_id))) for entity_id, at, actor_id in events}


def months_of(year: Year, people: list[Person], today: date) -> dict[int, list[SuperiorMonth]]:
    """Each person's twelve months, in one query for the reviews and one for who recorded them."""
    if not people:
        return {}
    month_ids = [month.id for month in year.months]
    reviews = {(review.person_id, review.month_id): review for review in db.session.scalars(
        select(MonthlyReview).where(MonthlyReview.person_id.in_([p.id for p in people]),
                                    MonthlyReview.month_id.in_(month_ids)))}
    recorders = _recorders([review.id for review in reviews.values() if review.superior_ref])
    rows: dict[int, list[SuperiorMonth]] = {}
    for person in people:
        employed = set(employed_months(person.employed_from, person.employed_to, year.year))
        rows[person.id] = []
        for month in sorted(year.months, key=lambda m: m.number):
            review = reviews.get((person.id, month.id))
            at, by = recorders.get(review.id, (None, None)) if review is not None and review.superior_ref else (None,
                                                                                                                None)
            rows[person.id].append(SuperiorMonth(person, month, review, month.number in employed,
                                                 has_ended(month, today), at, by))
    return rows


def one_month(person: Person, month: Month, today: date) -> SuperiorMonth:
    return months_of(month.year, [person], today)[person.id][month.number - 1]


def disciplined(person: Person, year: Year) -> bool:
    records = db.session.scalars(select(Discipline).where(Discipline.person_id == person.id))
    return discipline_rules.heaviest_form_in_year(list(records), year.year) is not None


# --- The form ------------------------------------------------------------------------------------------------------

def result_form(book: Rulebook, row: SuperiorMonth | None = None, formdata=True) -> SuperiorResultForm:
    """The editor's form for this year's rulebook: a total score in a scored year, a level in a levels-only one."""
    review = row.review if row is not None else None
    form = SuperiorResultForm() if formdata else SuperiorResultForm(formdata=None)
    if book.is_scored:
        del form.level
        form.score.maximum = book.scoring.general_points + book.scoring.task_points
    else:
        del form.score
        form.level.choices = [SelectChoice("", _("— Chọn mức —")),
                              *(SelectChoice(level.code, LEVEL_LABELS[level.code]) for level in book.levels)]
    if not formdata:
        form.version.data = str(review.version) if review is not None else ""
        if row is not None and row.has_result:
            form.leave.data = review.leave or ""
            form.superior_ref.data = review.superior_ref
            if "score" in form:
                form.score.process_data(review.review_score)
            else:
                form.level.data = review.review_level or ""
    return form


def validate(form: SuperiorResultForm, book: Rulebook, is_disciplined: bool) -> bool:
    """The form's own checks, then the result's: a score (or a level) unless on leave, a level the rules allow."""
    valid = form.validate_on_submit()
    if form.leave.data:
        return valid
    if "score" in form and not form.score.errors and form.score.points is None:
        form.score.errors = [*form.score.errors, _("Hãy nhập tổng điểm cấp trên chấm, ví dụ 92,5.")]
        valid = False
    if "level" in form and not form.level.errors:
        if not form.level.data:
            form.level.errors = [*form.level.errors, _("Hãy chọn mức xếp loại cấp trên đã đánh giá.")]
            valid = False
        else:
            problem = level_problem(form.level.data, None, book, is_disciplined)
            if problem:
                form.level.errors = [*form.level.errors, problem]
                valid = False
    return valid


def changed_since(form: SuperiorResultForm, review: MonthlyReview | None) -> list[str]:
    """Labels of the fields whose stored value differs from what this user submitted."""
    stored_leave = review.leave if review is not None else None
    stored_ref = review.superior_ref if review is not None else ""
    changed = []
    if (form.leave.data or None) != stored_leave:
        changed.append(str(form.leave.label.text))
    if "score" in form and form.score.points != (review.review_score if review is not None else None):
        changed.append(str(form.score.label.text))
    if "level" in form and (form.level.data or None) != (review.review_level if review is not None else None):
        changed.append(str(form.level.label.text))
    if form.superior_ref.data != stored_ref:
        changed.append(str(form.superior_ref.label.text))
    return changed


# --- Writes --------------------------------------------------------------------------------------------------------

def _commit(review: MonthlyReview, before: dict | None, reason: str = "") -> None:
    """Flush past the month lock (the superior body's result is its named exception), note it, commit: a second tab
    that saved first makes this a 409, never a 500."""
    with month_lock.unlocked(db.session, "superior"):
        try:
            db.session.flush()
        except (StaleDataError, IntegrityError):
            db.session.rollback()
            refuse(409, _("Kết quả tháng này vừa được ghi ở nơi khác. Hãy tải lại trang rồi thử lại."))
        audit.record("monthly_review", review.id, ACTION, before, snapshot(review), reason=reason)
        db.session.commit()


def record(row: SuperiorMonth, form: SuperiorResultForm, book: Rulebook, is_disciplined: bool) -> MonthlyReview:
    """Write the superior body's result into the person's month, keeping the person's self-assessment."""
    review = row.review
    before = snapshot(review) if review is not None else None
    if review is None:
        review = MonthlyReview(person_id=row.person.id, month_id=row.month.id, self_general={})
        db.session.add(review)
    now = clock.utcnow()
    review.leave = form.leave.data or None
    review.review_general, review.review_task_points = {}, None
    if review.leave:
        review.review_score = review.review_level = None
    elif book.is_scored:
        review.review_score = form.score.points
        review.review_level = required_level(form.score.points, book, is_disciplined)
    else:
        review.review_score, review.review_level = None, form.level.data
    review.superior_ref = form.superior_ref.data
    review.review_state, review.reviewer_id, review.approved_by_id = "approved", None, None
    review.reviewed_at = review.approved_at = now
    _commit(review, before)
    return review


def clear(review: MonthlyReview) -> None:
    """Back to "not reviewed": the superior result goes, the self-assessment stays."""
    before = snapshot(review)
    review.leave = None
    review.review_score = review.review_level = review.review_task_points = None
    review.review_general = {}
    review.superior_ref = ""
    review.review_state, review.reviewer_id, review.approved_by_id = "pending", None, None
    review.reviewed_at = review.approved_at = None
    _commit(review, before, reason=_("Xoá kết quả do cấp trên đánh giá"))


def book_of(year: Year) -> Rulebook:
    return rulebook(year.rulebook_code)
