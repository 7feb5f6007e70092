"""A person's monthly commitments (cam kết công việc tháng): a sheet of ordered items, assessed at month end."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.extensions import db

# draft (the person edits) → submitted (locked for the person) → returned (the reviewer sent it back, editable).
SHEET_STATES = ("draft", "submitted", "returned")
ITEM_OUTCOMES = ("on_time", "late", "not_done")  # domain.scoring.OUTCOMES


class CommitmentSheet(db.Model):
    __tablename__ = "commitment_sheet"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    month_id: Mapped[int] = mapped_column(ForeignKey("month.id", ondelete="CASCADE"))
    state: Mapped[str] = mapped_column(String(20), default="draft")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    return_comment: Mapped[str] = mapped_column(Text, default="")
    returned_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    returned_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    person: Mapped[Person] = relationship()  # noqa: F821
    month: Mapped[Month] = relationship()  # noqa: F821
    items: Mapped[list[CommitmentItem]] = relationship(
        back_populates="sheet", order_by="CommitmentItem.position", cascade="all, delete-orphan"
    )

    __table_args__ = (UniqueConstraint("person_id", "month_id"),)
    __mapper_args__ = {"version_id_col": version}


class CommitmentItem(db.Model):
    __tablename__ = "commitment_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("commitment_sheet.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(500))  # what will be delivered
    measure: Mapped[str] = mapped_column(String(300), default="")  # how it is measured: the product, the quantity
    deadline: Mapped[date | None] = mapped_column(Date)
    planned_points: Mapped[Decimal | None] = mapped_column(Numeric(5, 1))  # where the rulebook scores tasks
    # The month-end self-assessment of the item.
    outcome: Mapped[str | None] = mapped_column(String(20))
    major_error: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence: Mapped[str] = mapped_column(String(500), default="")  # document number, or a link
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("commitment_item.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    sheet: Mapped[CommitmentSheet] = relationship(back_populates="items")

    __mapper_args__ = {"version_id_col": version}
