"""A closed month cannot be changed by anyone, through any route: enforced where every write passes, the session's
flush, not only by the buttons a page hides.

Whatever belongs to a closed month — its reviews, shortcomings raised in it, follow-ups, commitment sheets and
items, the month's own row — is refused at flush with MonthClosed (shown as a 409 with the month's reason). The
only ways past are named: `unlocked(session, why)` for an amendment (which records its reason and the original),
for the superior body's result of a month it assessed (it often arrives after the month closed; recorded by the
office with its document reference, app/reviews/superior.py), and for loading data that already happened (the
demo, a year-file import).

Not covered: bulk UPDATE/DELETE statements that bypass the ORM's unit of work; the app issues none on these tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.models import CommitmentItem, CommitmentSheet, Month, MonthlyReview, Shortcoming, ShortcomingFollowUp

CLOSED = "closed"
_UNLOCKED = "month_lock_unlocked"


class MonthClosed(Exception):
    """A write into a closed month; `month_label` names it ("10/2026")."""

    def __init__(self, month_label: str):
        super().__init__(f"month {month_label} is closed")
        self.month_label = month_label


@contextmanager
def unlocked(session: Session, why: str) -> Iterator[None]:
    """Let this session write into closed months for the duration (`why` says which named exception this is:
    "amendment", "superior", "demo", "import")."""
    previous = session.info.get(_UNLOCKED)
    session.info[_UNLOCKED] = why
    try:
        yield
    finally:
        if previous is None:
            session.info.pop(_UNLOCKED, None)
        else:
            session.info[_UNLOCKED] = previous


def _stored_state(month: Month) -> str:
    """The month's state as the database has it now (a month being closed in this very flush is still open)."""
    history = inspect(month).attrs.state.history
    if history.deleted:
        return history.deleted[0]
    return month.state


def _month(session: Session, month_id: int | None) -> Month | None:
    return session.get(Month, month_id) if month_id is not None else None


def _changed_only(record, names: set[str]) -> bool:
    state = inspect(record)
    changed = {attr.key for attr in state.attrs if attr.history.has_changes()}
    return bool(changed) and changed <= names


def _old_value(record, name: str):
    history = inspect(record).attrs[name].history
    return history.deleted[0] if history.deleted else getattr(record, name)


def _months_touched(session: Session, record, is_new: bool) -> list[int | None]:
    """The months whose data this write changes."""
    if isinstance(record, (MonthlyReview, ShortcomingFollowUp, CommitmentSheet)):
        return [record.month_id] if is_new else [_old_value(record, "month_id"), record.month_id]
    if isinstance(record, CommitmentItem):
        sheet = record.sheet if record.sheet is not None else session.get(CommitmentSheet, record.sheet_id)
        return [sheet.month_id] if sheet is not None else []
    if isinstance(record, Shortcoming):
        if not is_new and _changed_only(record, {"closed_in_month_id", "closed_in_month", "version"}):
            # Closing (or reopening) a shortcoming is part of the later month's review, not of the month it was
            # raised in.
            return [_old_value(record, "closed_in_month_id"), record.closed_in_month_id]
        return [record.raised_month_id]
    return []


def _check(session: Session, _flush_context, _instances) -> None:
    if session.info.get(_UNLOCKED):
        return
    for is_new, records in ((True, session.new), (False, session.dirty), (False, session.deleted)):
        for record in records:
            if record in session.dirty and not session.is_modified(record):
                continue  # touched, not changed (a relationship list was loaded or appended to elsewhere)
            if isinstance(record, Month):
                if not is_new and _stored_state(record) == CLOSED:
                    raise MonthClosed(record.label)
                continue
            for month_id in _months_touched(session, record, is_new):
                month = _month(session, month_id)
                if month is not None and _stored_state(month) == CLOSED:
                    raise MonthClosed(month.label)


def install() -> None:
    """Called once by create_app: every session of the app checks its flushes."""
    if not event.contains(Session, "before_flush", _check):
        event.listen(Session, "before_flush", _check)
