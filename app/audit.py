"""One function every write path calls, so that each record's history can be shown and trusted."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_login import current_user

from app.extensions import db
from app.models import AuditEvent


def snapshot(record: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """The listed fields of a record as JSON-safe values, for the before/after of an audit event."""
    values: dict[str, Any] = {}
    for name in fields:
        value = getattr(record, name)
        values[name] = value.isoformat() if isinstance(value, (date, datetime)) else value
    return values


def record(
    entity: str,
    entity_id: int | None,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    actor_id: int | None = None,
) -> AuditEvent:
    """Add an audit event to the current transaction: it commits, or rolls back, with the change it describes."""
    if actor_id is None and current_user and getattr(current_user, "is_authenticated", False):
        actor_id = current_user.id
    if before is not None and after is not None:
        changed = {key for key in set(before) | set(after) if before.get(key) != after.get(key)}
        before = {key: before.get(key) for key in changed}
        after = {key: after.get(key) for key in changed}
    event = AuditEvent(
        actor_id=actor_id, entity=entity, entity_id=entity_id, action=action, before=before, after=after, reason=reason
    )
    db.session.add(event)
    return event
