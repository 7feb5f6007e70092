"""How long a login must wait after repeated failures (OWASP ASVS 2.2.1: slow down guessing, don't lock forever).

Two counters: one per account name (guessing one person's password) and one per address (trying many names).
The address limit is loose on purpose: the whole office may reach the server through one NAT address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class ThrottlePolicy:
    free_attempts: int  # failures allowed before any wait
    first_wait: timedelta  # wait after the first failure past the free ones; doubles with each further failure
    longest_wait: timedelta
    forget_after: timedelta  # a quiet spell this long wipes the slate


ACCOUNT_POLICY = ThrottlePolicy(5, timedelta(seconds=30), timedelta(minutes=15), timedelta(hours=1))
ADDRESS_POLICY = ThrottlePolicy(30, timedelta(seconds=30), timedelta(minutes=15), timedelta(hours=1))


def current_failures(policy: ThrottlePolicy, failures: int, last_failure_at: datetime | None, now: datetime) -> int:
    if last_failure_at is None or now - last_failure_at >= policy.forget_after:
        return 0
    return failures


def seconds_to_wait(policy: ThrottlePolicy, failures: int, last_failure_at: datetime | None, now: datetime) -> int:
    """0 when a login may be tried now, else the whole seconds left to wait."""
    failures = current_failures(policy, failures, last_failure_at, now)
    if failures < policy.free_attempts or last_failure_at is None:
        return 0
    extra = failures - policy.free_attempts
    wait = min(policy.first_wait * (2 ** min(extra, 20)), policy.longest_wait)
    left = (last_failure_at + wait) - now
    return max(0, int(left.total_seconds() + 0.999))
