"""A person's month: the self-assessment, the leader's review and its approval, the amendments made after the
month closed, the person's acknowledgement or objection, and the shortcoming ledger that follows each shortcoming
until a later review says it is fixed."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.extensions import db

LEAVE_KINDS = ("maternity", "sick", "other")  # a month with leave has no score and no level
SELF_STATES = ("draft", "submitted")
# The leader's part: not yet written → written by the reviewer → approved by a board leader. Editing an approved
# review (while the month is open) sends it back to "reviewed".
REVIEW_STATES = ("pending", "reviewed", "approved")
VERDICTS = ("fixed", "partly_fixed", "not_fixed")


class MonthlyReview(db.Model):
    """One person's month. The year file's months[] is this table's view."""

    __tablename__ = "monthly_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    month_id: Mapped[int] = mapped_column(ForeignKey("month.id", ondelete="CASCADE"), index=True)
    leave: Mapped[str | None] = mapped_column(String(20))
    # The self-assessment: general points per criteria group of the rulebook ({"competence": "9.5"}), the task
    # points computed from the commitment items, the total, the level it reaches (or chosen, levels-only years).
    self_general: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    self_task_points: Mapped[Decimal | None] = mapped_column(Numeric(6, 3))
    self_score: Mapped[Decimal | None] = mapped_column(Numeric(4, 1))
    self_level: Mapped[str | None] = mapped_column(String(10))
    self_strengths: Mapped[str] = mapped_column(Text, default="")
    self_shortcomings: Mapped[str] = mapped_column(Text, default="")
    self_state: Mapped[str] = mapped_column(String(20), default="draft")
    self_submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The leader's review: the same points as the self-assessment (prefilled from it; each change from the
    # self-assessed figure carries a short reason in change_reasons, keyed by group code or "tasks"), the level,
    # the strengths and the direction for next month. Shortcomings are rows of their own (Shortcoming).
    review_state: Mapped[str] = mapped_column(String(20), default="pending")
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    review_general: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    review_task_points: Mapped[Decimal | None] = mapped_column(Numeric(6, 3))
    review_score: Mapped[Decimal | None] = mapped_column(Numeric(4, 1))
    review_level: Mapped[str | None] = mapped_column(String(10))
    change_reasons: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    strengths: Mapped[str] = mapped_column(Text, default="")
    direction: Mapped[str] = mapped_column(Text, default="")
    level_comment: Mapped[str] = mapped_column(Text, default="")  # why this level (asked for by the warnings)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    amended_at: Mapped[datetime | None] = mapped_column(DateTime)  # the latest amendment after the month closed
    # A month assessed by the superior body (the Trưởng ban's): its document, recorded by the office; such a row is
    # approved with no reviewer and no approver (app/reviews/superior.py).
    superior_ref: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    person: Mapped[Person] = relationship()  # noqa: F821
    month: Mapped[Month] = relationship()  # noqa: F821
    reviewer: Mapped[Account | None] = relationship(foreign_keys=[reviewer_id])  # noqa: F821
    approved_by: Mapped[Account | None] = relationship(foreign_keys=[approved_by_id])  # noqa: F821
    raised: Mapped[list[Shortcoming]] = relationship(back_populates="raised_in", order_by="Shortcoming.id")
    amendments: Mapped[list[ReviewAmendment]] = relationship(back_populates="review", order_by="ReviewAmendment.id",
                                                             cascade="all, delete-orphan")

    __table_args__ = (UniqueConstraint("person_id", "month_id"),)
    __mapper_args__ = {"version_id_col": version}


class Shortcoming(db.Model):
    """A shortcoming named in a review, with the fix expected; open until a later review finds it fixed."""

    __tablename__ = "shortcoming"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    raised_in_id: Mapped[int | None] = mapped_column(ForeignKey("monthly_review.id", ondelete="SET NULL"))
    raised_month_id: Mapped[int] = mapped_column(ForeignKey("month.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    expected_fix: Mapped[str] = mapped_column(Text, default="")
    closed_in_month_id: Mapped[int | None] = mapped_column(ForeignKey("month.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    person: Mapped[Person] = relationship()  # noqa: F821
    raised_in: Mapped[MonthlyReview | None] = relationship(back_populates="raised")
    raised_month: Mapped[Month] = relationship(foreign_keys=[raised_month_id])  # noqa: F821
    closed_in_month: Mapped[Month | None] = relationship(foreign_keys=[closed_in_month_id])  # noqa: F821
    follow_ups: Mapped[list[ShortcomingFollowUp]] = relationship(back_populates="shortcoming",
                                                                 cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_open(self) -> bool:
        return self.closed_in_month_id is None


class ShortcomingFollowUp(db.Model):
    """One month's look at an open shortcoming: what the person says they did, and the reviewer's verdict."""

    __tablename__ = "shortcoming_follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    shortcoming_id: Mapped[int] = mapped_column(ForeignKey("shortcoming.id", ondelete="CASCADE"))
    month_id: Mapped[int] = mapped_column(ForeignKey("month.id", ondelete="CASCADE"))
    person_report: Mapped[str] = mapped_column(Text, default="")
    reported_at: Mapped[datetime | None] = mapped_column(DateTime)
    verdict: Mapped[str | None] = mapped_column(String(20))
    verdict_note: Mapped[str] = mapped_column(Text, default="")
    judged_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    judged_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    shortcoming: Mapped[Shortcoming] = relationship(back_populates="follow_ups")

    __table_args__ = (UniqueConstraint("shortcoming_id", "month_id"),)
    __mapper_args__ = {"version_id_col": version}


class ReviewAmendment(db.Model):
    """A change to a review after its month closed: who, when, why, and the fields before and after. The review
    holds the amended values; the first amendment's `before` is the original as approved."""

    __tablename__ = "review_amendment"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("monthly_review.id", ondelete="CASCADE"))
    made_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    made_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(Text)
    before: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    after: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    review: Mapped[MonthlyReview] = relationship(back_populates="amendments")
    made_by: Mapped[Account | None] = relationship()  # noqa: F821


class ReviewResponse(db.Model):
    """The reviewed person's answer to an approved review — acknowledged, or an objection — and the reviewer's
    reply. Kept apart from the review because it may come after the month has closed, which locks the review."""

    __tablename__ = "review_response"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("monthly_review.id", ondelete="CASCADE"), unique=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime)
    objection: Mapped[str] = mapped_column(Text, default="")
    objected_at: Mapped[datetime | None] = mapped_column(DateTime)
    reply: Mapped[str] = mapped_column(Text, default="")
    replied_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    replied_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    review: Mapped[MonthlyReview] = relationship()
    replied_by: Mapped[Account | None] = relationship()  # noqa: F821

    __mapper_args__ = {"version_id_col": version}
