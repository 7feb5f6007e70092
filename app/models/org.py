"""The unit, its departments (phòng) and its people (cán bộ, công chức, người lao động)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.domain.names import full_name
from app.extensions import db


class Unit(db.Model):
    """The one unit this installation serves; its names head every official document."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    superior: Mapped[str] = mapped_column(String(200), default="")
    place: Mapped[str] = mapped_column(String(100), default="Hà Nội")  # the place in the date line of documents
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Department(db.Model):
    __tablename__ = "department"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # The board leader in charge (lãnh đạo Ban phụ trách): by default the reviewer of the department's head.
    supervisor_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", use_alter=True, ondelete="SET NULL")
    )
    version: Mapped[int] = mapped_column(Integer, default=1)

    supervisor: Mapped[Person | None] = relationship(foreign_keys=[supervisor_id])
    members: Mapped[list[Person]] = relationship(
        back_populates="department", foreign_keys="Person.department_id"
    )

    __mapper_args__ = {"version_id_col": version}


class Person(db.Model):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    family_name: Mapped[str] = mapped_column(String(50))
    middle_name: Mapped[str] = mapped_column(String(50), default="")
    given_name: Mapped[str] = mapped_column(String(50))
    gender: Mapped[str] = mapped_column(String(10))  # domain.org.GENDERS
    position: Mapped[str] = mapped_column(String(20))  # domain.org.POSITIONS
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id", ondelete="RESTRICT"))
    employed_from: Mapped[date | None] = mapped_column(Date)
    employed_to: Mapped[date | None] = mapped_column(Date)
    # People leave but are never deleted: their past months and titles stay on record.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # An admin's choice of reviewer; when empty, domain.org.default_reviewer decides.
    reviewer_override_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    department: Mapped[Department | None] = relationship(back_populates="members", foreign_keys=[department_id])
    reviewer_override: Mapped[Person | None] = relationship(remote_side=[id], foreign_keys=[reviewer_override_id])
    account: Mapped[Account | None] = relationship(back_populates="person", uselist=False)  # noqa: F821

    __mapper_args__ = {"version_id_col": version}

    @property
    def full_name(self) -> str:
        return full_name(self.family_name, self.middle_name, self.given_name)
