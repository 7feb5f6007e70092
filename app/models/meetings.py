"""The year's bình xét meeting (họp Hội đồng Thi đua – Khen thưởng): who attended, and the council's vote on each
title proposed for a person or for the unit. One meeting per year; its minutes are a year-end document."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.extensions import db

# What an attendee does at the meeting: chairs it, keeps the minutes, or sits in it (a council member or a guest).
ATTENDEE_ROLES = ("chair", "secretary", "member")


class Meeting(db.Model):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("year.id", ondelete="CASCADE"), unique=True)
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")
    chair: Mapped[str] = mapped_column(String(150), default="")  # names as they are written in the minutes
    secretary: Mapped[str] = mapped_column(String(150), default="")
    council_size: Mapped[int] = mapped_column(Integer)  # every member of the council: the vote's percentage base
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    year: Mapped[Year] = relationship()  # noqa: F821
    attendees: Mapped[list[MeetingAttendee]] = relationship(back_populates="meeting", order_by="MeetingAttendee.id",
                                                            cascade="all, delete-orphan")
    votes: Mapped[list[MeetingVote]] = relationship(back_populates="meeting", order_by="MeetingVote.id",
                                                    cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}


class MeetingAttendee(db.Model):
    """Someone at the meeting: a person of the unit (person_id), or someone from outside known by name only."""

    __tablename__ = "meeting_attendee"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(150))  # kept even for a person of the unit: the minutes do not change
    position: Mapped[str] = mapped_column(String(150), default="")
    role: Mapped[str] = mapped_column(String(20), default="member")  # ATTENDEE_ROLES

    meeting: Mapped[Meeting] = relationship(back_populates="attendees")
    person: Mapped[Person | None] = relationship()  # noqa: F821


class MeetingVote(db.Model):
    """The council's vote on one title for one person (person_id None: the unit's collective title)."""

    __tablename__ = "meeting_vote"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(20))  # a person or unit title code of the year's rulebook
    votes_for: Mapped[int] = mapped_column(Integer, default=0)
    votes_against: Mapped[int] = mapped_column(Integer, default=0)
    decided: Mapped[bool] = mapped_column(Boolean, default=False)  # the vote passed and the leaders confirmed it
    version: Mapped[int] = mapped_column(Integer, default=1)

    meeting: Mapped[Meeting] = relationship(back_populates="votes")
    person: Mapped[Person | None] = relationship()  # noqa: F821

    __table_args__ = (UniqueConstraint("meeting_id", "person_id", "title"),)
    __mapper_args__ = {"version_id_col": version}
