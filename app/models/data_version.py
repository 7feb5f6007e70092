"""One row whose value changes with every committed write: what the page cache and the year-end memo check."""

from __future__ import annotations

from sqlalchemy import BigInteger
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db


class DataVersion(db.Model):
    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(primary_key=True)  # always 1
    # A random value rather than a counter: after a restore brings back an old value, a counter would go through
    # values that servers have already seen with other data; random values are never met twice.
    token: Mapped[int] = mapped_column(BigInteger, default=0)
