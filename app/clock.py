"""The one source of 'now', so that tests can move time (login lockouts, deadlines) without sleeping."""

from __future__ import annotations

from datetime import UTC, date, datetime


def utcnow() -> datetime:
    """Naive UTC: SQLite keeps no time zone, so every stored timestamp is UTC without one."""
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    return date.today()
