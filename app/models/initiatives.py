"""Initiatives (sáng kiến), new solutions (giải pháp mới) and research (đề tài), their authors and attached files."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.extensions import db

INITIATIVE_KINDS = ("initiative", "solution", "research")
# draft → submitted → recognised (decision number, date, level, scope) or rejected (with the reason).
INITIATIVE_STATES = ("draft", "submitted", "recognised", "rejected")
RECOGNITION_LEVELS = ("co_so", "thanh_pho")


class Initiative(db.Model):
    __tablename__ = "initiative"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)  # the emulation year it was registered for
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    problem: Mapped[str] = mapped_column(Text, default="")
    solution: Mapped[str] = mapped_column(Text, default="")
    benefit: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    level: Mapped[str | None] = mapped_column(String(20))
    decision_number: Mapped[str] = mapped_column(String(100), default="")
    decided_on: Mapped[date | None] = mapped_column(Date)  # recognised on, or accepted on for research
    scope: Mapped[str] = mapped_column(Text, default="")  # phạm vi ảnh hưởng
    rejection_reason: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    # One sáng kiến supports one award: once used, it is marked so that it is not counted for a second one.
    used_for_award: Mapped[str] = mapped_column(String(200), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    authors: Mapped[list[InitiativeAuthor]] = relationship(
        back_populates="initiative", order_by="InitiativeAuthor.position", cascade="all, delete-orphan"
    )
    attachments: Mapped[list[Attachment]] = relationship(back_populates="initiative", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}


class InitiativeAuthor(db.Model):
    __tablename__ = "initiative_author"

    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiative.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    initiative: Mapped[Initiative] = relationship(back_populates="authors")
    person: Mapped[Person] = relationship()  # noqa: F821


class Attachment(db.Model):
    """A file kept under instance/ with a generated name; it belongs to an initiative or a commitment item."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int | None] = mapped_column(ForeignKey("initiative.id", ondelete="CASCADE"))
    commitment_item_id: Mapped[int | None] = mapped_column(ForeignKey("commitment_item.id", ondelete="CASCADE"))
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    initiative: Mapped[Initiative | None] = relationship(back_populates="attachments")
    uploaded_by: Mapped[Account | None] = relationship()  # noqa: F821

    __table_args__ = (
        CheckConstraint("(initiative_id IS NULL) <> (commitment_item_id IS NULL)", name="one_owner"),
    )
