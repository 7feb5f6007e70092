"""What a year already holds, and clearing it before `flask year import --replace` (or the admin screen's
"Thay thế dữ liệu năm đã có") brings the file's version in."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    AnnualDecision,
    Attachment,
    CommitmentItem,
    CommitmentSheet,
    Discipline,
    Initiative,
    Month,
    MonthlyReview,
    Registration,
    Shortcoming,
    ShortcomingFollowUp,
    UnitRegistration,
    Year,
)


def _count(query) -> int:
    return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0


def existing_data(year: Year) -> dict[str, int]:
    """How many of the year's own records the database holds, by kind (only the kinds that have some)."""
    month_ids = select(Month.id).where(Month.year_id == year.id)
    counts = {
        "đánh giá tháng": _count(select(MonthlyReview.id).where(MonthlyReview.month_id.in_(month_ids))),
        "bản đăng ký công việc tháng": _count(select(CommitmentSheet.id)
                                              .where(CommitmentSheet.month_id.in_(month_ids))),
        "tồn tại, hạn chế": _count(select(Shortcoming.id).where(Shortcoming.raised_month_id.in_(month_ids))),
        "đăng ký thi đua": _count(select(Registration.id).where(Registration.year_id == year.id)),
        "đăng ký thi đua của đơn vị": _count(select(UnitRegistration.id)
                                            .where(UnitRegistration.year_id == year.id)),
        "sáng kiến, đề tài": _count(select(Initiative.id).where(Initiative.year == year.year)),
        "quyết định xếp loại năm": _count(select(AnnualDecision.id).where(AnnualDecision.year_id == year.id)),
    }
    return {kind: number for kind, number in counts.items() if number}


def clear_year(year: Year) -> list[str]:
    """Remove the year's own data before a replacement; returns the stored names of the attachments removed with
    it (their files are deleted once the transaction commits).

    Removed: the reviews of the year's months (with their amendments and answers), the shortcomings raised in them
    and every follow-up written in them, the commitment sheets and items, the registrations (personal and the
    unit's), the initiatives and research registered for the year, the annual decisions, and the disciplines
    decided in the year. Shortcomings of earlier years closed by a verdict of this year are reopened (the verdict
    is gone). Kept: the year and its months (states, deadlines), the settings, people, departments, the unit,
    pending cases and the awards history — the file's entries for those are matched, not duplicated."""
    month_ids = list(db.session.scalars(select(Month.id).where(Month.year_id == year.id)))
    stored_names: list[str] = []

    def delete_all(query) -> None:
        for record in db.session.scalars(query):
            db.session.delete(record)

    delete_all(select(ShortcomingFollowUp).where(ShortcomingFollowUp.month_id.in_(month_ids)))
    for shortcoming in db.session.scalars(select(Shortcoming).where(Shortcoming.closed_in_month_id.in_(month_ids),
                                                                     Shortcoming.raised_month_id.not_in(month_ids))):
        shortcoming.closed_in_month_id = None
    delete_all(select(Shortcoming).where(Shortcoming.raised_month_id.in_(month_ids)))
    db.session.flush()
    delete_all(select(MonthlyReview).where(MonthlyReview.month_id.in_(month_ids)))
    stored_names += db.session.scalars(
        select(Attachment.stored_name).join(CommitmentItem, Attachment.commitment_item_id == CommitmentItem.id)
        .join(CommitmentSheet).where(CommitmentSheet.month_id.in_(month_ids)))
    delete_all(select(CommitmentSheet).where(CommitmentSheet.month_id.in_(month_ids)))
    delete_all(select(Registration).where(Registration.year_id == year.id))
    delete_all(select(UnitRegistration).where(UnitRegistration.year_id == year.id))
    stored_names += db.session.scalars(select(Attachment.stored_name).join(Initiative)
                                       .where(Initiative.year == year.year))
    delete_all(select(Initiative).where(Initiative.year == year.year))
    delete_all(select(AnnualDecision).where(AnnualDecision.year_id == year.id))
    delete_all(select(Discipline).where(Discipline.decided_on.between(date(year.year, 1, 1),
                                                                      date(year.year, 12, 31))))
    db.session.flush()
    return stored_names


