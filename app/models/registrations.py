"""Yearly emulation registration (đăng ký thi đua): each person's, and the unit's collective one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.extensions import db

# Chưa gửi → Chờ duyệt → Đã duyệt / Từ chối (with the reason); a rejected one can be edited and sent again.
REGISTRATION_STATES = ("draft", "submitted", "approved", "rejected")


class Registration(db.Model):
    __tablename__ = "registration"

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("year.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    target_title: Mapped[str] = mapped_column(String(20))  # a person title code of the year's rulebook
    initiative_plan: Mapped[str] = mapped_column(Text, default="")  # sáng kiến, giải pháp mới planned
    study_commitment: Mapped[str] = mapped_column(Text, default="")  # học tập và làm theo tư tưởng … Hồ Chí Minh
    state: Mapped[str] = mapped_column(String(20), default="draft")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    year: Mapped[Year] = relationship()  # noqa: F821
    person: Mapped[Person] = relationship()  # noqa: F821
    decided_by: Mapped[Account | None] = relationship()  # noqa: F821

    __table_args__ = (UniqueConstraint("year_id", "person_id"),)
    __mapper_args__ = {"version_id_col": version}


class UnitRegistration(db.Model):
    """The unit's collective title for the year, decided by the Trưởng ban."""

    __tablename__ = "unit_registration"

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("year.id", ondelete="CASCADE"), unique=True)
    target_title: Mapped[str] = mapped_column(String(20))  # a unit title code of the year's rulebook
    plan: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20), default="draft")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    year: Mapped[Year] = relationship()  # noqa: F821
    # Two links to the account table: each relationship says which column it follows.
    submitted_by: Mapped[Account | None] = relationship(foreign_keys=[submitted_by_id])  # noqa: F821
    decided_by: Mapped[Account | None] = relationship(foreign_keys=[decided_by_id])  # noqa: F821

    __mapper_args__ = {"version_id_col": version}
