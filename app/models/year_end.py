"""What a year ends with: the annual level the leaders decided for a person, and the titles and awards already
received (the year file's `annual` and `history`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.extensions import db


class AnnualDecision(db.Model):
    """The annual level the leaders set for a person — to resolve the Hoàn thành xuất sắc quota, or in a
    levels-only year — with the reason. The titles are judged on it (the assessment's `decided_level`)."""

    __tablename__ = "annual_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("year.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    level: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))  # None: imported
    decided_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    year: Mapped[Year] = relationship()  # noqa: F821
    person: Mapped[Person] = relationship()  # noqa: F821
    decided_by: Mapped[Account | None] = relationship()  # noqa: F821

    __table_args__ = (UniqueConstraint("year_id", "person_id"),)
    __mapper_args__ = {"version_id_col": version}


class AwardHistory(db.Model):
    """A title or award received in some year, by a person or (person None) by the unit: the awards-history
    table of the achievement reports, and the consecutive years some titles require."""

    __tablename__ = "award_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(20))  # a person or unit title code
    decision: Mapped[str] = mapped_column(String(200), default="")  # số, ngày của quyết định; cơ quan ban hành
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    person: Mapped[Person | None] = relationship()  # noqa: F821

    __mapper_args__ = {"version_id_col": version}
