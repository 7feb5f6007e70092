"""The emulation year and its twelve months, each moving through its states."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.extensions import db

# A month's life, in order (domain.calendar holds the transitions and their labels live in app.labels).
MONTH_STATES = ("not_open", "commitments", "self_assessment", "review", "closed")


class Year(db.Model):
    __tablename__ = "year"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    rulebook_code: Mapped[str] = mapped_column(String(40))
    # The unit's adjustments of the rulebook's settings for this year (recorded in the audit trail when changed).
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    outstanding: Mapped[bool] = mapped_column(Boolean, default=False)  # "đơn vị xuất sắc": a larger HTXS quota
    commitments_due_day: Mapped[int] = mapped_column(Integer, default=5)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    months: Mapped[list[Month]] = relationship(back_populates="year", order_by="Month.number",
                                               cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}


class Month(db.Model):
    __tablename__ = "month"

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("year.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)  # 1–12
    state: Mapped[str] = mapped_column(String(20), default="not_open")
    commitments_due: Mapped[date] = mapped_column(Date)
    self_assessment_due: Mapped[date] = mapped_column(Date)
    state_changed_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    year: Mapped[Year] = relationship(back_populates="months")

    __table_args__ = (UniqueConstraint("year_id", "number"),)
    __mapper_args__ = {"version_id_col": version}

    @property
    def label(self) -> str:
        return f"{self.number:02d}/{self.year.year}"
