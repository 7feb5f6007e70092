"""A person's shortcoming ledger: every shortcoming named in their reviews, across months and years, with each
month's follow-up (what the person reported, the verdict, who gave it) and whether it is still open.

A fixed number of queries whatever the number of shortcomings: the shortcomings with their months and follow-ups,
the follow-ups' months, and the accounts that judged them.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_login import login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import htmx
from app.extensions import db
from app.models import Account, Month, Shortcoming, ShortcomingFollowUp, Year
from app.permissions import load_person_or_404
from app.reviews.views import bp

PAGE = "reviews/ledger.html"
TABLE = "reviews/partials/ledger_table.html"


@dataclass(frozen=True)
class FollowUpLine:
    month: Month
    follow_up: ShortcomingFollowUp
    judged_by: str


@dataclass(frozen=True)
class LedgerEntry:
    shortcoming: Shortcoming
    follow_ups: list[FollowUpLine]


def entries_of(person_id: int) -> list[LedgerEntry]:
    """The person's shortcomings, newest raised first, each with its follow-ups month by month."""
    shortcomings = list(db.session.scalars(
        select(Shortcoming).join(Month, Shortcoming.raised_month_id == Month.id).join(Year)
        .options(selectinload(Shortcoming.raised_month).selectinload(Month.year),
                 selectinload(Shortcoming.closed_in_month).selectinload(Month.year),
                 selectinload(Shortcoming.follow_ups))
        .where(Shortcoming.person_id == person_id)
        .order_by(Year.year.desc(), Month.number.desc(), Shortcoming.id.desc())))
    follow_ups = [follow_up for shortcoming in shortcomings for follow_up in shortcoming.follow_ups]
    month_ids = {follow_up.month_id for follow_up in follow_ups}
    months = {month.id: month for month in db.session.scalars(
        select(Month).options(selectinload(Month.year)).where(Month.id.in_(month_ids)))} if month_ids else {}
    judge_ids = {follow_up.judged_by_id for follow_up in follow_ups if follow_up.judged_by_id}
    judges = {account.id: account.display_name for account in db.session.scalars(
        select(Account).options(selectinload(Account.person)).where(Account.id.in_(judge_ids)))} if judge_ids else {}
    entries = []
    for shortcoming in shortcomings:
        lines = [FollowUpLine(months[f.month_id], f, judges.get(f.judged_by_id, "")) for f in shortcoming.follow_ups]
        lines.sort(key=lambda line: (line.month.year.year, line.month.number))
        entries.append(LedgerEntry(shortcoming, lines))
    return entries


@bp.route("/people/<int:person_id>/shortcomings", endpoint="ledger")
@login_required
def ledger_page(person_id: int):
    person = load_person_or_404(person_id)
    entries = entries_of(person.id)
    open_count = sum(1 for entry in entries if entry.shortcoming.is_open)
    return htmx.render(PAGE, TABLE, person=person, entries=entries, open_count=open_count,
                       fixed_count=len(entries) - open_count)
