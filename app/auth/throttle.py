"""Failed-login counters in the database (shared by every worker), applying domain.login_throttle."""

from __future__ import annotations

from app import clock
from app.domain.login_throttle import ACCOUNT_POLICY, ADDRESS_POLICY, current_failures, seconds_to_wait
from app.extensions import db
from app.models import LoginThrottle


def _keys(username: str, address: str):
    return (("user:" + username.lower(), ACCOUNT_POLICY), ("addr:" + (address or "unknown"), ADDRESS_POLICY))


def seconds_to_wait_for(username: str, address: str) -> int:
    now = clock.utcnow()
    waits = [0]
    for key, policy in _keys(username, address):
        row = db.session.get(LoginThrottle, key)
        if row is not None:
            waits.append(seconds_to_wait(policy, row.failures, row.last_failure_at, now))
    return max(waits)


def note_failure(username: str, address: str) -> None:
    now = clock.utcnow()
    for key, policy in _keys(username, address):
        row = db.session.get(LoginThrottle, key)
        if row is None:
            row = LoginThrottle(key=key, failures=0, last_failure_at=now)
            db.session.add(row)
        row.failures = current_failures(policy, row.failures, row.last_failure_at, now) + 1
        row.last_failure_at = now
    db.session.commit()


def note_success(username: str) -> None:
    row = db.session.get(LoginThrottle, "user:" + username.lower())
    if row is not None:
        db.session.delete(row)
