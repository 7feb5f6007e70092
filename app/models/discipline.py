"""Disciplines (kỷ luật) and pending cases (đang bị xem xét): recorded by the board's leaders, they cap a
person's level and hold back their titles (Nghị định 335/2025 Điều 20, Nghị định 152/2025 Điều 4)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.extensions import db
from app.models.org import Person

# Lightest to heaviest (the order domain.discipline compares by); labels in app/people/discipline_labels.py.
DISCIPLINE_FORMS = ("khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc", "buoc_thoi_viec")
PENDING_KINDS = ("discipline", "inspection", "investigation", "complaint")


class Discipline(db.Model):
    __tablename__ = "discipline"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    form: Mapped[str] = mapped_column(String(20))
    decision_number: Mapped[str] = mapped_column(String(100), default="")  # the year file may carry none
    decided_on: Mapped[date] = mapped_column(Date)
    # The end of the discipline period; achievements count only after it. None: not stated (buộc thôi việc).
    ends_on: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    person: Mapped[Person] = relationship()

    __mapper_args__ = {"version_id_col": version}


class PendingCase(db.Model):
    __tablename__ = "pending_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    opened_on: Mapped[date | None] = mapped_column(Date)  # the year file's `pending` entries carry no date
    closed_on: Mapped[date | None] = mapped_column(Date)  # None while the case is still pending
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    person: Mapped[Person] = relationship()

    __mapper_args__ = {"version_id_col": version}
